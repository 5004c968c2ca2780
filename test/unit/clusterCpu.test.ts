import { expect } from "chai";
import { cpuPerOp, cpuTable } from "../../scripts/bench/clusterCpu.js";

describe("the bench's CPU of the cluster by pod", () => {
  it("per create and as cores busy, largest first, over the pods present at both ends", () => {
    const before = new Map([["the whole machine", 1e9], ["tickler-api-1", 2e9], ["gone-pod", 5e8]]);
    const after = new Map([["the whole machine", 31e9], ["tickler-api-1", 14e9], ["new-pod", 9e9]]);
    // 500 creates in 20 s: the machine used 30 core-s (60 ms each, 1.5 cores), the api 12 (24 ms, 0.6 cores).
    const rows = cpuPerOp(before, after, 500, 20);
    expect(rows.map((r) => r.name)).to.deep.equal(["the whole machine", "tickler-api-1"]);
    expect(rows[0]).to.deep.include({ msPerOp: 60, cores: 1.5 });
    expect(rows[1]).to.deep.include({ msPerOp: 24, cores: 0.6 });
  });

  it("prints the machine always and leaves out pods that were idle", () => {
    const table = cpuTable("cluster at 25/s", [
      { name: "the whole machine", msPerOp: 60, cores: 1.5 },
      { name: "tickler-api-1", msPerOp: 24, cores: 0.6 },
      { name: "coredns", msPerOp: 0, cores: 0.001 },
    ]);
    expect(table).to.contain("| tickler-api-1 | 24.0 | 0.60 |").and.to.contain("| the whole machine | 60.0 | 1.50 |");
    expect(table).to.not.contain("coredns");
  });
});
