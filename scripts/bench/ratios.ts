/** Tickler's create set beside the baselines measured in the same run. */
import type { SystemName, SystemResult } from "./baselines.js";
import { fmt } from "./measure.js";

type Results = Partial<Record<SystemName, SystemResult>>;

const num = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? "-" : n.toFixed(digits));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? "-" : `${(a / b).toFixed(3)}×`);
const SYSTEMS = ["Tickler", "B1", "B2", "B3", "B3d"] as const;
/** What Tickler's figures are divided by, when they ran. */
const DIVISORS = ["B3", "B3d", "B1"] as const;

function closed(results: Results, t: SystemResult): string {
  let out = "\ncreate, closed loop       req/s c=1    p50 c=1  req/s c=8    p50 c=8\n";
  for (const s of SYSTEMS.filter((x) => results[x])) {
    const r = results[s]!;
    out += `  ${s.padEnd(22)}${num(r.c1?.perSecond).padStart(10)} ${(r.c1 ? fmt(r.c1.p50) : "-").padStart(10)} ${num(r.c8?.perSecond).padStart(10)} ${(r.c8 ? fmt(r.c8.p50) : "-").padStart(10)}\n`;
  }
  for (const b of DIVISORS) {
    const r = results[b];
    if (!r) continue;
    out += `  ${`Tickler ÷ ${b}`.padEnd(22)}${ratio(t.c1?.perSecond, r.c1?.perSecond).padStart(10)} ${ratio(t.c1?.p50, r.c1?.p50).padStart(10)} ` +
      `${ratio(t.c8?.perSecond, r.c8?.perSecond).padStart(10)} ${ratio(t.c8?.p50, r.c8?.p50).padStart(10)}\n`;
  }
  return out;
}

function open(results: Results): string {
  const systems = SYSTEMS.filter((s) => results[s]);
  const rates = [...new Set(systems.flatMap((s) => results[s]!.open.map((o) => o.rate)))].sort((a, b) => a - b);
  if (rates.length === 0) return "";
  const at = (s: SystemName, rate: number) => results[s]?.open.find((x) => x.rate === rate);
  const row = (name: string, cells: string[]) => `  ${name.padEnd(22)}${cells.map((c) => c.padStart(24)).join("")}\n`;
  let out = "\ncreate, open loop: achieved/s, p50/p95 ms, errors (≥: a lower bound, calls were cut off)\n";
  out += row("", rates.map((r) => `${r}/s`));
  for (const s of systems) {
    out += row(s, rates.map((rate) => {
      const o = at(s, rate);
      const ge = o?.censored ? "≥" : "";
      return o ? `${num(o.achieved)} ${ge}${o.p50.toFixed(0)}/${ge}${o.p95.toFixed(0)} e${o.errors}` : "-";
    }));
  }
  for (const b of DIVISORS.filter((x) => results[x])) out += row(`Tickler p50 ÷ ${b}`, rates.map((rate) => ratio(at("Tickler", rate)?.p50, at(b, rate)?.p50)));
  return out;
}

export function ratioReport(results: Results): string {
  const t = results.Tickler;
  if (!t) return "";
  return (t.c1 || t.c8 ? closed(results, t) : "") + open(results);
}
