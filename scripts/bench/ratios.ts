/** Tickler's create set beside the baselines measured in the same run. */
import type { SystemName, SystemResult } from "./baselines.js";
import { fmt } from "./measure.js";

type Results = Partial<Record<SystemName, SystemResult>>;

const num = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? "-" : n.toFixed(digits));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? "-" : `${(a / b).toFixed(3)}×`);
const SYSTEMS = ["Tickler", "B1", "B2", "B3"] as const;

function closed(results: Results, t: SystemResult): string {
  let out = "\ncreate, closed loop       req/s c=1    p50 c=1  req/s c=8    p50 c=8\n";
  for (const s of SYSTEMS.filter((x) => results[x])) {
    const r = results[s]!;
    out += `  ${s.padEnd(22)}${num(r.c1?.perSecond).padStart(10)} ${(r.c1 ? fmt(r.c1.p50) : "-").padStart(10)} ${num(r.c8?.perSecond).padStart(10)} ${(r.c8 ? fmt(r.c8.p50) : "-").padStart(10)}\n`;
  }
  for (const b of ["B3", "B1"] as const) {
    const r = results[b];
    if (!r) continue;
    out += `  ${`Tickler ÷ ${b}`.padEnd(22)}${ratio(t.c1?.perSecond, r.c1?.perSecond).padStart(10)} ${ratio(t.c1?.p50, r.c1?.p50).padStart(10)} ` +
      `${ratio(t.c8?.perSecond, r.c8?.perSecond).padStart(10)} ${ratio(t.c8?.p50, r.c8?.p50).padStart(10)}\n`;
  }
  return out;
}

function open(results: Results, t: SystemResult): string {
  const systems = SYSTEMS.filter((s) => results[s]);
  const rates = [...new Set(systems.flatMap((s) => results[s]!.open.map((o) => o.rate)))].sort((a, b) => a - b);
  if (rates.length === 0) return "";
  const baselines = (["B3", "B1"] as const).filter((b) => results[b]);
  let out = `\ncreate, open loop: achieved/s, p50/p95 ms (≥: lower bound, calls cut off), errors; Tickler's p50 as a ratio\n`;
  out += `  ${"rate".padEnd(8)}${systems.map((s) => s.padStart(26)).join("")}${baselines.map((b) => `p50 ÷ ${b}`.padStart(12)).join("")}\n`;
  for (const rate of rates) {
    const at = (s: SystemName) => results[s]?.open.find((x) => x.rate === rate);
    const cells = systems.map((s) => {
      const o = at(s);
      if (!o) return "-".padStart(26);
      const ge = o.censored ? "≥" : "";
      return `${num(o.achieved)} ${ge}${o.p50.toFixed(0)}/${ge}${o.p95.toFixed(0)} e${o.errors}`.padStart(26);
    });
    const ratios = baselines.map((b) => ratio(t.open.find((x) => x.rate === rate)?.p50, at(b)?.p50).padStart(12));
    out += `  ${`${rate}/s`.padEnd(8)}${cells.join("")}${ratios.join("")}\n`;
  }
  return out;
}

export function ratioReport(results: Results): string {
  const t = results.Tickler;
  if (!t) return "";
  return (t.c1 || t.c8 ? closed(results, t) : "") + open(results, t);
}
