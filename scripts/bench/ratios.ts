/** Tickler's create set beside the baselines measured in the same run. */
import type { SystemName, SystemResult } from "./baselines.js";
import { fmt } from "./measure.js";

const num = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? "-" : n.toFixed(digits));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? "-" : `${(a / b).toFixed(3)}×`);

export function ratioReport(results: Partial<Record<SystemName, SystemResult>>): string {
  const t = results.Tickler;
  if (!t) return "";
  const systems = (["Tickler", "B1", "B2", "B3"] as const).filter((s) => results[s]);
  let out = "\ncreate, closed loop       req/s c=1    p50 c=1  req/s c=8    p50 c=8\n";
  for (const s of systems) {
    const r = results[s]!;
    out += `  ${s.padEnd(22)}${num(r.c1?.perSecond).padStart(10)} ${(r.c1 ? fmt(r.c1.p50) : "-").padStart(10)} ${num(r.c8?.perSecond).padStart(10)} ${(r.c8 ? fmt(r.c8.p50) : "-").padStart(10)}\n`;
  }
  for (const b of ["B3", "B1"] as const) {
    const r = results[b];
    if (!r) continue;
    out += `  ${`Tickler ÷ ${b}`.padEnd(22)}${ratio(t.c1?.perSecond, r.c1?.perSecond).padStart(10)} ${ratio(t.c1?.p50, r.c1?.p50).padStart(10)} ` +
      `${ratio(t.c8?.perSecond, r.c8?.perSecond).padStart(10)} ${ratio(t.c8?.p50, r.c8?.p50).padStart(10)}\n`;
  }
  const rates = [...new Set(systems.flatMap((s) => results[s]!.open.map((o) => o.rate)))].sort((a, b) => a - b);
  if (rates.length === 0) return out;
  out += `\ncreate, open loop: achieved/s, p50 / p95, errors\n  ${"rate".padEnd(8)}${systems.map((s) => s.padStart(32)).join("")}\n`;
  for (const rate of rates) {
    const cells = systems.map((s) => {
      const o = results[s]!.open.find((x) => x.rate === rate);
      if (!o) return "-".padStart(32);
      const ge = o.censored ? "≥" : "";
      return `${num(o.achieved)} ${ge}${o.p50.toFixed(0)}/${ge}${o.p95.toFixed(0)} ms e${o.errors}`.padStart(32);
    });
    out += `  ${`${rate}/s`.padEnd(8)}${cells.join("")}\n`;
  }
  return out;
}
