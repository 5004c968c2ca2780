/**
 * The web app's API types cannot drift from the served OpenAPI document:
 * web/src/api-types.ts must be exactly what scripts/webApiTypes.ts generates
 * from the document the code builds now.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { WEB_API_TYPES, webApiTypes } from "../../scripts/webApiTypes.js";

describe("the web app's API types", () => {
  it("are the ones generated from the served OpenAPI document (regenerate: node --import tsx scripts/webApiTypes.ts)", async function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tickler-api-types-"));
    try {
      const fresh = path.join(dir, "api-types.ts");
      fs.writeFileSync(fresh, await webApiTypes());
      const committed = fs.readFileSync(WEB_API_TYPES, "utf8").split("\n");
      const generated = fs.readFileSync(fresh, "utf8").split("\n");
      const first = generated.findIndex((line, i) => line !== committed[i]);
      const at = first === -1 && committed.length !== generated.length ? Math.min(committed.length, generated.length) : first;
      expect(at, `web/src/api-types.ts differs from the document from line ${at + 1}: ${JSON.stringify(committed[at])} vs ${JSON.stringify(generated[at])}`).to.equal(-1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
