import { expect } from "chai";
import { MAX_RATE, MIN_RATE, paceFor } from "../cluster/pace.js";

describe("the cluster fault suite's pace (ADR 0021)", () => {
  it("writes half of what the cores the idle node leaves can take", () => {
    // 0.3 cores idle, 1.6 at 25/s: 52 core-ms per create, (2 - 0.3) / 0.052 = 32.7/s, half is 16.
    const pace = paceFor({ cores: 2, idleCores: 0.3, loadedCores: 1.6, rate: 25 });
    expect(pace.cpuMsPerCreate).to.be.closeTo(52, 1e-9);
    expect(pace.capacity).to.be.closeTo(32.69, 0.01);
    expect(pace.ratePerSecond).to.equal(16);
  });

  it("never writes more than the pace the faults were written for", () => {
    expect(paceFor({ cores: 8, idleCores: 0.5, loadedCores: 1.5, rate: 25 }).ratePerSecond).to.equal(MAX_RATE);
  });

  it("a create that cost nothing measurable gets the full pace, a saturated node the least", () => {
    expect(paceFor({ cores: 2, idleCores: 0.4, loadedCores: 0.3, rate: 25 }).ratePerSecond).to.equal(MAX_RATE);
    expect(paceFor({ cores: 2, idleCores: 1.9, loadedCores: 2, rate: 3 }).ratePerSecond).to.equal(MIN_RATE);
  });

  it("measures a node that took less than it was offered at what it took", () => {
    // Saturated at 12/s: 2 cores busy, 0.2 idle → 150 ms per create → 12/s capacity, half is 6.
    expect(paceFor({ cores: 2, idleCores: 0.2, loadedCores: 2, rate: 12 }).ratePerSecond).to.equal(6);
  });
});
