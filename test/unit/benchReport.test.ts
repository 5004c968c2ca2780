/**
 * The bench's result files, from results made up here: the Markdown tables
 * (closed and open loop beside the baselines, ratios, CPU, the transcript)
 * and the open-loop chart rendered to SVG.
 */
import { expect } from "chai";
import { benchMarkdown, type BenchReport } from "../../scripts/bench/report.js";
import { openLoopChartSpec } from "../../scripts/bench/openLoopChart.js";
import { renderSvg } from "../../scripts/bench/chart.js";
import type { OpenLoopResult } from "../../scripts/bench/openLoop.js";
import type { DriveResult } from "../../scripts/bench/measure.js";

const closed = (perSecond: number, p50: number): DriveResult => ({ n: 300, p50, p95: p50 * 2, p99: p50 * 3, max: p50 * 4, perSecond, errors: 0 });
const open = (rate: number, p50: number, censored = false): OpenLoopResult => ({
  n: rate * 10, p50, p95: p50 * 2, p99: p50 * 3, max: p50 * 4, rate, seconds: 10, scheduled: rate * 10, ok: rate * 10, errors: censored ? 7 : 0,
  cutOff: censored ? 7 : 0, achieved: rate - 0.5, startLagP50: 0.1, startLagP99: 1.2, censored, okP50: p50, okP99: p50 * 3, refused503: 0, refused429: 0, refusedP99: NaN,
});

const report: BenchReport = {
  command: "npm run bench -- --rates 25,150",
  commit: "abc123",
  startedAt: "2026-12-06T13:00:00.000Z",
  machine: "2 cores",
  loadBefore: [1, 2, 3],
  loadAfter: [1.5, 2, 3],
  results: {
    Tickler: { c1: closed(59, 16.3), c8: closed(120, 60), open: [open(25, 14), open(150, 600, true)] },
    B1: { c1: closed(450, 2), c8: closed(900, 8), open: [open(25, 1.5), open(150, 1.8)] },
  },
  cpuTables: [{
    title: "Tickler create",
    phases: [{ label: "25/s", ops: 750, seconds: 30, used: new Map([["app-api", 5.3], ["kafka", 3.75]]) }],
  }],
  transcript: "POST /tasks (create) n=300 c=1 ...\n```nested```\n",
  chart: "bench-open-loop.svg",
};

describe("bench result: Markdown", () => {
  const md = benchMarkdown(report);

  it("puts Tickler's closed loop beside the baselines, with the ratios", () => {
    expect(md).to.include("| Tickler | 1 | 300 | 59 | 16.3 | 32.6 | 48.9 | 65.2 | 0 |");
    expect(md).to.include("| B1 | 8 | 300 | 900 | 8.0 | 16.0 | 24.0 | 32.0 | 0 |");
    expect(md).to.include("| B1 | 0.131× | 8.150× | 0.133× | 7.500× |");
  });

  it("lists each open-loop rate, marking cut-off rates as lower bounds, and links the chart", () => {
    expect(md).to.include("![rate against p50, p95 and p99, Tickler beside the baselines](bench-open-loop.svg)");
    expect(md).to.include("| Tickler | 150 | 10 | 149.5 | ≥600.0 | ≥1200.0 | ≥1800.0 | ≥2400.0 | 7 (7 cut off) | 0/0 | 1.2 |");
    expect(md).to.include("| B1 | 25 | 10 | 24.5 | 1.5 |");
  });

  it("turns each CPU table into ms per operation, with the total and cores busy", () => {
    expect(md).to.include("### Tickler create");
    expect(md).to.include("| app-api | 7.07 |");
    expect(md).to.include("| **total** | **12.07** |");
    expect(md).to.include("| cores busy | 0.30 |");
  });

  it("ends with everything printed, in a fence that its content cannot close", () => {
    expect(md).to.match(/## Everything the bench printed\n\n```text\nPOST \/tasks \(create\) n=300 c=1 \.\.\.\n'''nested'''\n```\n$/);
  });

  it("leaves out the tables of parts that did not run", () => {
    const only = benchMarkdown({ ...report, results: {}, cpuTables: [], chart: null });
    expect(only).not.to.include("## Create");
    expect(only).not.to.include("## CPU");
    expect(only).to.include("## Everything the bench printed");
  });
});

describe("bench result: open-loop chart", () => {
  it("has nothing to draw without open-loop results", () => {
    expect(openLoopChartSpec({ Tickler: { c1: closed(59, 16), open: [] } }, "t")).to.equal(null);
  });

  it("renders p50, p95 and p99 against the rate for Tickler and each baseline", async function () {
    this.timeout(60_000); // vega's first compile on a busy 2-core machine
    const svg = await renderSvg(openLoopChartSpec(report.results, "Create, open loop test")!);
    for (const text of ["Create, open loop test", "p50", "p95", "p99", "Tickler", "B1", "arrival rate (creates/s)", "calls cut off (a lower bound)"]) expect(svg).to.include(text);
  });
});
