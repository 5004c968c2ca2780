/** The soak's result as Markdown (pure): the run, the verdict, then each table of figures. */
import type { Summary } from "../bench/measure.js";
import type { RunContext } from "../bench/runInfo.js";
import type { SoakSample } from "./csv.js";
import type { Growth } from "./verdict.js";
import { GROWTH_LIMIT } from "./verdict.js";

export interface SoakReport extends RunContext {
  minutes: number;
  rate: number;
  callRate: number;
  users: number;
  warmupMinutes: number;
  failures: string[];
  growths: Growth[];
  samples: SoakSample[];
  pieces: string[];
  latency: { kind: string; summary: Summary; errors: number }[];
  lag: { consumer: string; n: number; p50: number; p95: number; p99: number }[];
  reminders: { planned: number; fired: number; delivered: number; duplicates: number; early: number; lateness: Summary };
  load: { scheduled: number; ok: number; errors: number; achieved: number; startLagP99: number };
}

const mb = (b: number) => (Number.isFinite(b) ? (b / 1e6).toFixed(1) : "–");
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "–");
const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(" / ");

export function soakMarkdown(r: SoakReport): string {
  const out: string[] = [];
  out.push(`# Soak: ${r.minutes} min at ${r.rate} creates/s`, "");
  out.push(`- command: \`${r.command}\``);
  out.push(`- commit: \`${r.commit}\`, started ${r.startedAt}`);
  out.push(`- machine: ${r.machine}; load average (1/5/15 min) before ${loads(r.loadBefore)}, after ${loads(r.loadAfter)}`);
  out.push(`- load: ${r.callRate} calls/s open loop over ${r.users} users (per create: 0.4 update, 0.2 complete, 0.3 \`GET /tasks?limit=50\`, 0.1 \`GET /tags\`; one create in ten with a reminder due 60–120 s later); ${r.load.scheduled} calls scheduled, ${r.load.ok} answered 2xx, achieved ${r.load.achieved.toFixed(1)}/s, generator start lag p99 ${ms(r.load.startLagP99)} ms`);
  out.push("", `**Verdict: ${r.failures.length === 0 ? "PASS" : "FAIL"}**${r.failures.length === 0 ? ` (no process's RSS grew more than ${GROWTH_LIMIT * 100} % after the ${r.warmupMinutes} min warm-up, no request erred, every reminder delivered)` : ""}`, "");
  for (const f of r.failures) out.push(`- ${f}`);
  if (r.failures.length > 0) out.push("");

  out.push(`## Memory (RSS, MB; warm-up mark and end: medians of 5 samples)`, "");
  out.push("| process | first sample | at " + r.warmupMinutes + " min | end | growth | |", "|---|---:|---:|---:|---:|---|");
  for (const g of r.growths) out.push(`| ${g.piece} | ${mb(g.first)} | ${mb(g.atWarmup)} | ${mb(g.end)} | ${Number.isFinite(g.growth) ? `${(g.growth * 100).toFixed(1)} %` : "–"} | ${g.failed ? "**over the limit**" : "ok"} |`);

  out.push("", "## CPU (cores busy, mean over the run and the highest 10 s interval)", "");
  out.push("| process | mean | highest |", "|---|---:|---:|");
  let sum = 0;
  for (const p of r.pieces) {
    const xs = r.samples.map((s) => s.pieces.get(p)?.cpu ?? NaN).filter(Number.isFinite);
    const mean = xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
    sum += mean;
    out.push(`| ${p} | ${mean.toFixed(3)} | ${Math.max(...xs, 0).toFixed(3)} |`);
  }
  out.push(`| total | ${sum.toFixed(3)} | |`);

  out.push("", "## Request latency over the run (ms, from each call's scheduled start)", "");
  out.push("| call | n | p50 | p95 | p99 | max | errors |", "|---|---:|---:|---:|---:|---:|---:|");
  for (const l of r.latency) out.push(`| ${l.kind} | ${l.summary.n} | ${ms(l.summary.p50)} | ${ms(l.summary.p95)} | ${ms(l.summary.p99)} | ${ms(l.summary.max)} | ${l.errors} |`);
  const p99s = r.samples.map((s) => s.p99).filter(Number.isFinite);
  out.push("", `Per 10 s interval, p99 of all calls: lowest ${ms(Math.min(...p99s))} ms, highest ${ms(Math.max(...p99s))} ms.`);

  out.push("", "## Event lag over the run (ms, actor's occurredAt to the consumer's handling)", "");
  out.push("| consumer | deliveries | p50 | p95 | p99 |", "|---|---:|---:|---:|---:|");
  for (const l of r.lag) out.push(`| ${l.consumer} | ${l.n} | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} |`);

  const rem = r.reminders;
  out.push("", "## Reminders (due during the run)", "");
  out.push(`planned ${rem.planned}, fired by the actors ${rem.fired}, delivered to the webhook ${rem.delivered} (duplicates ${rem.duplicates}, early ${rem.early}); ` +
    `lateness at the webhook p50 ${ms(rem.lateness.p50)} ms, p95 ${ms(rem.lateness.p95)} ms, p99 ${ms(rem.lateness.p99)} ms, max ${ms(rem.lateness.max)} ms.`);
  return `${out.join("\n")}\n`;
}
