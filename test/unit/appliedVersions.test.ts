import { expect } from "chai";
import { AppliedVersions } from "../../src/infra/appliedVersions.js";

describe("AppliedVersions (skipping read-model writes already known to be stored)", () => {
  it("covers a version once it or a newer one was recorded, never an unseen newer one", () => {
    const seen = new AppliedVersions();
    expect(seen.covers("t", 1)).to.equal(false);
    seen.record("t", 3);
    expect([seen.covers("t", 2), seen.covers("t", 3), seen.covers("t", 4)]).to.deep.equal([true, true, false]);
    seen.record("t", 2); // an older apply finishing late does not lower it
    expect(seen.covers("t", 3)).to.equal(true);
  });

  it("forgets the least recently written documents beyond its capacity", () => {
    const seen = new AppliedVersions(2);
    seen.record("a", 1);
    seen.record("b", 1);
    seen.record("a", 2);
    seen.record("c", 1);
    expect([seen.covers("a", 2), seen.covers("b", 1), seen.covers("c", 1)]).to.deep.equal([true, false, true]);
  });
});
