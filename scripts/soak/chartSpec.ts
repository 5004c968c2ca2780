/**
 * The soak's chart (pure: samples in, a Vega-Lite spec out): RSS and CPU of
 * every process, request latency percentiles and event lag over the run, with
 * the warm-up mark on the RSS panel.
 */
import type { TopLevelSpec } from "vega-lite";
import type { SoakSample } from "./csv.js";

type Row = { minute: number; series: string; value: number };

const WIDTH = 860;
const HEIGHT = 200;

function panel(title: string, yTitle: string, rows: Row[], extra: object[] = []) {
  return {
    title,
    width: WIDTH,
    height: HEIGHT,
    data: { values: rows },
    layer: [
      {
        mark: { type: "line", strokeWidth: 1.5 },
        encoding: {
          x: { field: "minute", type: "quantitative", title: "minutes since the load started" },
          y: { field: "value", type: "quantitative", title: yTitle },
          // tableau20: twelve processes need more distinct colours than the default ten.
          color: { field: "series", type: "nominal", title: null, scale: { scheme: "tableau20" }, legend: { orient: "right", labelLimit: 220 } },
        },
      },
      ...extra,
    ],
  };
}

export function soakChartSpec(samples: SoakSample[], pieces: string[], warmupMinutes: number, title: string): TopLevelSpec {
  const at = (s: SoakSample) => s.t / 60;
  const finite = (rows: Row[]) => rows.filter((r) => Number.isFinite(r.value));
  const perPiece = (pick: (s: SoakSample, p: string) => number) =>
    finite(samples.flatMap((s) => pieces.map((p) => ({ minute: at(s), series: p, value: pick(s, p) }))));
  const rss = perPiece((s, p) => (s.pieces.get(p)?.rss ?? NaN) / 1e6);
  const cpu = perPiece((s, p) => s.pieces.get(p)?.cpu ?? NaN);
  const latency = finite(samples.flatMap((s) => [
    { minute: at(s), series: "p50", value: s.p50 },
    { minute: at(s), series: "p95", value: s.p95 },
    { minute: at(s), series: "p99", value: s.p99 },
  ]));
  const lag = finite(samples.flatMap((s) => [
    { minute: at(s), series: "→ projection p99", value: s.lagProjectionP99 },
    { minute: at(s), series: "→ audit p99", value: s.lagAuditP99 },
  ]));
  const reminders = samples.flatMap((s) => [
    { minute: at(s), series: "due", value: s.remindersDue },
    { minute: at(s), series: "fired", value: s.remindersFired },
    { minute: at(s), series: "delivered (webhook)", value: s.remindersDelivered },
  ]);
  const warmupRule = {
    data: { values: [{ minute: warmupMinutes }] },
    mark: { type: "rule", strokeDash: [4, 4], color: "#888" },
    encoding: { x: { field: "minute", type: "quantitative" } },
  };
  return {
    title,
    background: "white",
    vconcat: [
      panel("RSS per process (MB); dashed: end of the warm-up", "MB", rss, [warmupRule]),
      panel("CPU per process (cores busy, 10 s intervals)", "cores", cpu),
      panel("Request latency over each 10 s interval (ms, from the scheduled start)", "ms", latency),
      panel("Event lag p99 over each 10 s interval (ms)", "ms", lag),
      panel("Reminders (cumulative)", "reminders", reminders),
    ],
    resolve: { scale: { color: "independent" } },
  } as TopLevelSpec;
}
