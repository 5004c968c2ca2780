import { expect } from "chai";
import { trustOperators } from "../../src/infra/mongo.js";

describe("trustOperators (filters we build, under the global sanitizeFilter)", () => {
  it("keeps values such as Dates intact while marking operator objects", () => {
    const at = new Date("2026-01-02T03:04:05.000Z");
    const filter = trustOperators({ ownerId: "u", $or: [{ recordedAt: { $gt: at } }, { recordedAt: at, _id: { $gt: "x" } }] }) as any;
    expect(filter.ownerId).to.equal("u");
    expect(filter.$or[0].recordedAt.$gt).to.equal(at);
    expect(filter.$or[1].recordedAt).to.equal(at);
    expect(filter.$or[1]._id.$gt).to.equal("x");
  });
});
