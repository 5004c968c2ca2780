/**
 * `npm run soak`'s pure parts: the RSS-growth verdict and its windows, the
 * per-interval latency window, the CSV rows, the call mix, the flags and the
 * chart (rendered to SVG, no browser).
 */
import { expect } from "chai";
import { describeFailures, rssVerdict, tooShortToJudge, windows, type RssPoint } from "../../scripts/soak/verdict.js";
import { LatencyWindow } from "../../scripts/soak/window.js";
import { csvHeader, csvRow, toCsv, type SoakSample } from "../../scripts/soak/csv.js";
import { callRate, opAt, reminderLeadMs, TaskPool, userOf } from "../../scripts/soak/mix.js";
import { soakArgs } from "../../scripts/soak/args.js";
import { soakChartSpec } from "../../scripts/soak/chartSpec.js";
import { renderSvg } from "../../scripts/bench/chart.js";

const MB = 1e6;
/** A sample every 10 s for `minutes`, RSS from `rss(t)`. */
const series = (minutes: number, rss: (t: number) => number): RssPoint[] =>
  Array.from({ length: minutes * 6 }, (_, k) => ({ t: (k + 1) * 10, bytes: rss((k + 1) * 10) }));

describe("soak: RSS growth verdict", () => {
  it("passes a flat process and fails one that grew more than 10 % after the warm-up, naming it and its figures", () => {
    const verdict = rssVerdict(new Map([
      ["app-api", series(30, () => 200 * MB)],
      ["kafka", series(30, (t) => (t <= 300 ? 400 * MB : 400 * MB + (t - 300) * 0.05 * MB))],
    ]), 300);
    expect(verdict.map((g) => [g.piece, g.failed])).to.deep.equal([["app-api", false], ["kafka", true]]);
    const kafka = verdict[1]!;
    expect(kafka.atWarmup).to.equal(400 * MB);
    // End: median of the last five samples (1760..1800 s) = 1780 s.
    expect(kafka.end).to.be.closeTo(400 * MB + 1480 * 0.05 * MB, 1);
    const [line] = describeFailures(verdict);
    expect(line).to.match(/^kafka: RSS grew 18\.5 % after the warm-up \(median 400\.0 MB around the mark → 474\.0 MB at the end; limit 10 %\)$/);
  });

  it("ignores growth during the warm-up itself", () => {
    const [g] = rssVerdict(new Map([["app-api", series(30, (t) => (t < 250 ? 100 * MB : 200 * MB))]]), 300);
    expect(g!.failed).to.equal(false);
    expect(g!.first).to.equal(100 * MB);
  });

  it("is not moved by one noisy sample at the warm-up mark or at the end (medians of five)", () => {
    const noisy = series(30, () => 300 * MB);
    noisy[29] = { t: 300, bytes: 150 * MB }; // a dip right at the mark would make a real 10 % look like 100 %
    noisy[noisy.length - 1] = { t: 1800, bytes: 600 * MB }; // a spike in the last sample
    const [g] = rssVerdict(new Map([["readstore", noisy]]), 300);
    expect(g!.growth).to.equal(0);
    expect(g!.failed).to.equal(false);
  });

  it("fails a steady leak that no single sample shows at either end", () => {
    // 10.5 % growth spread evenly over 25 minutes.
    const [g] = rssVerdict(new Map([["daprd-api", series(30, (t) => 100 * MB * (1 + Math.max(0, t - 300) * (0.105 / 1500)))]]), 300);
    expect(g!.failed).to.equal(true);
  });

  it("takes five samples centred on the mark and the last five, and refuses windows that share samples", () => {
    const w = windows(series(10, () => 1), 300)!;
    expect(w.baseline.map((p) => p.t)).to.deep.equal([280, 290, 300, 310, 320]);
    expect(w.end.map((p) => p.t)).to.deep.equal([560, 570, 580, 590, 600]);
    expect(windows(series(6, () => 1), 300)).to.equal(null);
    const [g] = rssVerdict(new Map([["redis", series(6, () => MB)]]), 300);
    expect(g!.failed).to.equal(true);
    expect(describeFailures([g!])[0]).to.match(/too few RSS samples/);
  });

  it("says when a run is too short for its warm-up, and what to pass instead", () => {
    expect(tooShortToJudge(30 * 60, 300, 10)).to.equal(null);
    expect(tooShortToJudge(6 * 60, 300, 10)).to.match(/6 min run cannot judge .* 5 min warm-up.*--warmup/);
    expect(tooShortToJudge(6 * 60, 120, 10)).to.equal(null);
  });
});

describe("soak: latency window", () => {
  it("gives each interval's percentiles and errors, then starts afresh, keeping the whole run per kind", () => {
    const w = new LatencyWindow();
    for (let ms = 1; ms <= 100; ms++) w.record(ms % 2 === 0 ? "create" : "list", ms, ms !== 100);
    const first = w.take();
    expect([first.n, first.p50, first.p95, first.p99, first.errors]).to.deep.equal([100, 51, 96, 100, 1]);
    w.record("tags", 7, true);
    expect(w.take()).to.include({ n: 1, p50: 7, errors: 0 });
    expect(w.take().n).to.equal(0);
    const overall = Object.fromEntries(w.overall().map((r) => [r.kind, [r.summary.n, r.errors]]));
    expect(overall).to.deep.equal({ create: [50, 1], update: [0, 0], complete: [0, 0], list: [50, 0], tags: [1, 0], all: [101, 1] });
  });
});

describe("soak: CSV rows", () => {
  const sample: SoakSample = {
    t: 20, requests: 500, errors: 0, p50: 12.34, p95: 40, p99: NaN, lagProjectionP99: 8, lagAuditP99: NaN,
    remindersDue: 3, remindersFired: 3, remindersDelivered: 2,
    pieces: new Map([["app-api", { rss: 123.45 * MB, cpu: 0.41234 }]]),
  };

  it("has one column per figure and per process, quoting names that need it", () => {
    expect(csvHeader(["app-api", "soak (load generator), x"])).to.equal(
      "t_s,requests,errors,p50_ms,p95_ms,p99_ms,lag_projection_p99_ms,lag_audit_p99_ms,reminders_due,reminders_fired,reminders_delivered," +
        'rss_mb:app-api,"rss_mb:soak (load generator), x",cpu_cores:app-api,"cpu_cores:soak (load generator), x"',
    );
  });

  it("writes unknown figures (no call, no event, a process gone) as empty cells", () => {
    expect(csvRow(sample, ["app-api", "kafka"])).to.equal("20,500,0,12.3,40.0,,8.0,,3,3,2,123.5,,0.412,");
    const csv = toCsv([sample, { ...sample, t: 30 }], ["app-api"]).split("\n");
    expect(csv).to.have.length(4); // header, two rows, the final newline
    expect(csv[2]).to.match(/^30,/);
  });
});

describe("soak: the call mix", () => {
  it("makes as many other calls as creates: 0.4 update, 0.2 complete, 0.3 list, 0.1 tags each", () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < 2000; i++) counts[opAt(i)] = (counts[opAt(i)] ?? 0) + 1;
    expect(counts).to.deep.equal({ create: 1000, update: 400, complete: 200, list: 300, tags: 100 });
    expect(callRate(25)).to.equal(50);
  });

  it("puts a reminder 60-120 s ahead on one create in ten, and none that would fall due after the load", () => {
    const leads = Array.from({ length: 2000 }, (_, i) => reminderLeadMs(i, 0, 3_600_000));
    const withReminder = leads.flatMap((l, i) => (l === null ? [] : [[i, l] as const]));
    expect(withReminder).to.have.length(100);
    for (const [i, lead] of withReminder) {
      expect(opAt(i)).to.equal("create");
      expect(lead).to.be.within(60_000, 120_000);
    }
    expect(new Set(withReminder.map(([, l]) => l)).size).to.be.greaterThan(30);
    expect(reminderLeadMs(0, 3_600_000 - 60_000, 3_600_000)).to.equal(null);
  });

  it("spreads every kind of call over every user", () => {
    const kindsOf = new Map<number, Set<string>>();
    for (let i = 0; i < 4000; i++) {
      const u = userOf(i, 100);
      kindsOf.set(u, (kindsOf.get(u) ?? new Set()).add(opAt(i)));
    }
    expect(kindsOf.size).to.equal(100);
    for (const kinds of kindsOf.values()) expect(kinds.size).to.equal(5);
    expect(new Set(Array.from({ length: 4000 }, (_, i) => i).filter((i) => reminderLeadMs(i, 0, 3_600_000) !== null).map((i) => userOf(i, 100))).size).to.equal(100);
  });

  it("hands a task out for completion once, and bounds what it keeps per user", () => {
    const pool = new TaskPool(3);
    expect(pool.forUpdate(1, 0)).to.equal(null);
    for (const id of ["a", "b", "c", "d"]) pool.add({ user: 1, id });
    expect(pool.forUpdate(1, 0)).to.equal("b");
    expect(pool.forComplete(1)).to.equal("b");
    expect(pool.forComplete(1)).to.equal("c");
    expect(pool.forComplete(1)).to.equal("d");
    expect(pool.forComplete(1)).to.equal(null);
    expect(pool.forComplete(2)).to.equal(null);
  });
});

describe("soak: flags", () => {
  it("defaults to 30 min at 25 creates/s with a 5 min warm-up, and refuses nonsense", () => {
    expect(soakArgs([])).to.deep.equal({ minutes: 30, rate: 25, warmupMinutes: 5, users: 100, out: null });
    expect(soakArgs(["--minutes", "6", "--warmup", "2", "--rate", "10", "--out", "x"])).to.include({ minutes: 6, warmupMinutes: 2, rate: 10, out: "x" });
    expect(() => soakArgs(["--minutes", "0"])).to.throw(/--minutes must be a positive number/);
    expect(() => soakArgs(["--nope"])).to.throw(/Unknown option/);
    expect(soakArgs(["--help"])).to.equal("help");
  });
});

describe("soak: chart", () => {
  it("renders every panel to SVG headless, with each process in the legend", async function () {
    this.timeout(60_000); // vega's first compile on a busy 2-core machine
    const samples: SoakSample[] = [10, 20, 30].map((t) => ({
      t, requests: 500, errors: 0, p50: 10, p95: 20, p99: 30, lagProjectionP99: 5, lagAuditP99: NaN,
      remindersDue: t, remindersFired: t, remindersDelivered: t - 1,
      pieces: new Map([["app-api", { rss: (100 + t) * MB, cpu: 0.3 }], ["kafka", { rss: 400 * MB, cpu: 0.2 }]]),
    }));
    const svg = await renderSvg(soakChartSpec(samples, ["app-api", "kafka"], 0.25, "Soak test chart"));
    expect(svg).to.match(/^<svg /);
    for (const text of ["Soak test chart", "RSS per process", "CPU per process", "Request latency", "Event lag", "Reminders", "app-api", "kafka", "p99", "delivered (webhook)"]) {
      expect(svg).to.include(text);
    }
  });
});
