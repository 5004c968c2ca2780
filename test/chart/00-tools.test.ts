/**
 * Runs first (files run in name order): obtains helm and the schemas, which
 * on a fresh machine means building helm from the Go module proxy (~3 min on
 * 2 cores) and generating Strimzi's CRDs, so the other chart tests can keep
 * short timeouts. Failing to obtain either fails the run; nothing is skipped.
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { helm, helmBinary, schemasDir } from "./lib/chart.js";

describe("chart tools", function () {
  this.timeout(30 * 60_000);

  it("helm 3.22.0 is obtained from the cache or built from the Go module proxy", () => {
    expect(fs.existsSync(helmBinary())).to.equal(true);
    expect(helm(["version", "--template", "{{.Version}}"]).stdout).to.equal("v3.22.0");
  });

  it("the Kubernetes, Dapr and Strimzi schemas are obtained from pinned artifacts", () => {
    const dir = schemasDir();
    for (const sub of ["kubernetes", "dapr", "strimzi", "components-contrib"]) expect(fs.readdirSync(path.join(dir, sub)), sub).to.not.deep.equal([]);
  });
});
