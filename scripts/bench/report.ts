/**
 * The bench's result as one Markdown file (pure): the run, then Tickler's
 * create beside the baselines (closed and open loop), the ratios, each CPU
 * table, and everything the bench printed, for the figures without a table
 * of their own (event lag, lists, updates, reminders, the other modes).
 */
import type { SystemName, SystemResult } from "./baselines.js";
import type { CpuPhase } from "./cpu.js";
import type { RunContext } from "./runInfo.js";

export interface BenchReport extends RunContext {
  results: Partial<Record<SystemName, SystemResult>>;
  cpuTables: { title: string; phases: CpuPhase[] }[];
  /** The bench's console output from the stack's start to its stop. */
  transcript: string;
  /** File name of the open-loop chart beside the report, when there is one. */
  chart: string | null;
}

const SYSTEMS: SystemName[] = ["Tickler", "B1", "B2", "B3", "B3d"];
const DIVISORS: SystemName[] = ["B3", "B3d", "B1"];
const n1 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(1));
const times = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !b ? "–" : `${(a / b).toFixed(3)}×`);
const table = (head: string[], rows: string[][], right = head.map((_, i) => i > 0)) =>
  [`| ${head.join(" | ")} |`, `|${right.map((r) => (r ? "---:" : "---")).join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

function closedLoop(results: BenchReport["results"]): string | null {
  const systems = SYSTEMS.filter((s) => results[s]?.c1 || results[s]?.c8);
  if (systems.length === 0) return null;
  const rows = systems.flatMap((s) => (["c1", "c8"] as const).flatMap((c) => {
    const r = results[s]![c];
    return r ? [[s, c === "c1" ? "1" : "8", String(r.n), r.perSecond.toFixed(0), n1(r.p50), n1(r.p95), n1(r.p99), n1(r.max), String(r.errors)]] : [];
  }));
  let out = `## Create, closed loop\n\n${table(["system", "c", "n", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors"], rows)}\n`;
  const t = results.Tickler;
  const divisors = DIVISORS.filter((b) => results[b] && t);
  if (divisors.length > 0) {
    out += `\n${table(["Tickler ÷", "req/s c=1", "p50 c=1", "req/s c=8", "p50 c=8"], divisors.map((b) => {
      const r = results[b]!;
      return [b, times(t!.c1?.perSecond, r.c1?.perSecond), times(t!.c1?.p50, r.c1?.p50), times(t!.c8?.perSecond, r.c8?.perSecond), times(t!.c8?.p50, r.c8?.p50)];
    }))}\n`;
  }
  return out;
}

function openLoop(results: BenchReport["results"], chart: string | null): string | null {
  const systems = SYSTEMS.filter((s) => (results[s]?.open.length ?? 0) > 0);
  if (systems.length === 0) return null;
  const rows = systems.flatMap((s) => results[s]!.open.map((o) => {
    const ge = o.censored ? "≥" : "";
    return [s, `${o.rate}`, `${o.seconds}`, n1(o.achieved), ge + n1(o.p50), ge + n1(o.p95), ge + n1(o.p99), ge + n1(o.max), `${o.errors}${o.cutOff > 0 ? ` (${o.cutOff} cut off)` : ""}`, `${o.refused503}/${o.refused429}`, n1(o.startLagP99)];
  }));
  let out = "## Create, open loop\n\n";
  if (chart) out += `![rate against p50, p95 and p99, Tickler beside the baselines](${chart})\n\n`;
  out += "Latency from each call's scheduled start; ≥: a lower bound (calls were cut off).\n\n";
  out += `${table(["system", "rate /s", "s", "achieved /s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "503/429", "start lag p99 ms"], rows)}\n`;
  return out;
}

function cpu(title: string, phases: CpuPhase[]): string {
  const names = [...new Set(phases.flatMap((ph) => [...ph.used.keys()]))];
  const perOp = (ph: CpuPhase, s: number) => (ph.ops > 0 ? ((s / ph.ops) * 1000).toFixed(2) : "–");
  const sum = (ph: CpuPhase) => [...ph.used.values()].reduce((a, b) => a + b, 0);
  const rows = [
    ["operations", ...phases.map((ph) => String(ph.ops))],
    ...names.map((name) => [name, ...phases.map((ph) => perOp(ph, ph.used.get(name) ?? 0))]),
    ["**total**", ...phases.map((ph) => `**${perOp(ph, sum(ph))}**`)],
    ["cores busy", ...phases.map((ph) => (sum(ph) / Math.max(ph.seconds, 0.001)).toFixed(2))],
  ];
  return `### ${title}\n\nCPU ms per operation (\"idle, per s\": per second with no load).\n\n${table(["", ...phases.map((ph) => ph.label)], rows)}\n`;
}

export function benchMarkdown(r: BenchReport): string {
  const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(" / ");
  const parts = [
    `# Bench ${r.startedAt.slice(0, 16).replace("T", " ")} UTC`,
    [`- command: \`${r.command}\``, `- commit: \`${r.commit}\``, `- machine: ${r.machine}; load average (1/5/15 min) before ${loads(r.loadBefore)}, after ${loads(r.loadAfter)}`].join("\n"),
    closedLoop(r.results),
    openLoop(r.results, r.chart),
    r.cpuTables.length > 0 ? `## CPU\n\n${r.cpuTables.map((c) => cpu(c.title, c.phases)).join("\n")}` : null,
    `## Everything the bench printed\n\n\`\`\`text\n${r.transcript.replace(/```/g, "'''").trimEnd()}\n\`\`\``,
  ];
  return `${parts.filter((p): p is string => p !== null).join("\n\n")}\n`;
}
