/**
 * The open-loop latency curves (pure: results in, a Vega-Lite spec out):
 * arrival rate against p50, p95 and p99, one panel each, Tickler beside
 * the baselines, on a log scale (the baselines answer in a millisecond or
 * two, a saturated Tickler in hundreds). Cut-off rates are marked.
 */
import type { TopLevelSpec } from "vega-lite";
import type { SystemName, SystemResult } from "./baselines.js";

const SYSTEMS: SystemName[] = ["Tickler", "B1", "B2", "B3", "B3d"];

export function openLoopChartSpec(results: Partial<Record<SystemName, SystemResult>>, title: string): TopLevelSpec | null {
  const rows = SYSTEMS.flatMap((system) => (results[system]?.open ?? []).flatMap((o) =>
    (["p50", "p95", "p99"] as const).map((q) => ({ system, rate: o.rate, q, ms: Math.max(o[q], 0.01), censored: o.censored ? "calls cut off (a lower bound)" : "all answered" })),
  ));
  if (rows.length === 0) return null;
  const panel = (q: string) => ({
    title: q,
    width: 300,
    height: 260,
    transform: [{ filter: { field: "q", equal: q } }],
    layer: [
      { mark: { type: "line", strokeWidth: 1.5 }, encoding: { color: { field: "system", type: "nominal", sort: SYSTEMS, title: null } } },
      { mark: { type: "point", filled: true, size: 40 }, encoding: { color: { field: "system", type: "nominal", sort: SYSTEMS, title: null }, shape: { field: "censored", type: "nominal", title: null, legend: { labelLimit: 260 } } } },
    ],
    encoding: {
      x: { field: "rate", type: "quantitative", title: "arrival rate (creates/s)" },
      y: { field: "ms", type: "quantitative", title: `${q} latency (ms, log scale)`, scale: { type: "log" } },
    },
  });
  return {
    title,
    background: "white",
    data: { values: rows },
    hconcat: [panel("p50"), panel("p95"), panel("p99")],
  } as TopLevelSpec;
}
