/**
 * `npm run soak`: a fresh stack on the bench ports (bench/session.ts), then
 * --minutes of steady load (scripts/soak/mix.ts) with a sample every 10 s of
 * each process's RSS and CPU, request latency, event lag and reminders; writes
 * soak.csv, soak.svg and soak.md into --out and fails when a process's RSS
 * grew more than 10 % after the warm-up, a request erred or a reminder due
 * during the run was not delivered (scripts/soak/verdict.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./root.js";
import { profile } from "./stack/profile.js";
import { log } from "./stack/processes.js";
import { down } from "./stack/stack.js";
import { startLoadStack } from "./bench/session.js";
import { stopBaseline } from "./bench/baselineStack.js";
import { renderSvg } from "./bench/chart.js";
import { commitOf, machineLine } from "./bench/runInfo.js";
import { STACK_PIECES } from "./bench/cpu.js";
import { soakArgs, USAGE, type SoakArgs } from "./soak/args.js";
import { callRate } from "./soak/mix.js";
import { PIECES } from "./soak/probe.js";
import { runSoak } from "./soak/run.js";
import { toCsv, type SoakSample } from "./soak/csv.js";
import { soakChartSpec } from "./soak/chartSpec.js";
import { soakMarkdown } from "./soak/summary.js";
import { describeFailures, rssVerdict, tooShortToJudge, type RssPoint } from "./soak/verdict.js";

const INTERVAL_S = 10;

function progress(s: SoakSample, missing: string[]): void {
  const clock = `${String(Math.floor(s.t / 60)).padStart(2)}:${String(s.t % 60).padStart(2, "0")}`;
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : "–");
  const rss = STACK_PIECES.map((p) => `${p} ${f((s.pieces.get(p)?.rss ?? NaN) / 1e6)}`).join(", ");
  const cores = [...s.pieces.values()].reduce((a, p) => a + p.cpu, 0);
  log(`soak ${clock}  calls ${s.requests} errors ${s.errors}  p50/p95/p99 ${f(s.p50)}/${f(s.p95)}/${f(s.p99)} ms  lag p99 projection ${f(s.lagProjectionP99)} audit ${f(s.lagAuditP99)} ms  ` +
    `reminders due ${s.remindersDue} fired ${s.remindersFired} delivered ${s.remindersDelivered}  cores ${cores.toFixed(2)}  RSS MB: ${rss}${missing.length > 0 ? `  GONE: ${missing.join(", ")}` : ""}`);
}

async function soak(args: SoakArgs, outDir: string): Promise<boolean> {
  const p = profile("bench", ROOT);
  const startedAt = new Date().toISOString();
  const commit = commitOf(ROOT); // now: the tree may change while the run goes on
  const loadBefore = os.loadavg();
  try {
    await stopBaseline(p.stateDir); // one left by an interrupted bench: its pid file is about to go with the state folder
    const info = await startLoadStack(p);
    log(`soak: ${args.minutes} min at ${args.rate} creates/s (${callRate(args.rate)} calls/s) over ${args.users} users, a sample every ${INTERVAL_S} s, into ${path.relative(ROOT, outDir) || outDir}`);
    const run = await runSoak(info, { minutes: args.minutes, rate: args.rate, users: args.users, intervalS: INTERVAL_S, onSample: progress });

    const series = new Map<string, RssPoint[]>(STACK_PIECES.map((name) => [name, run.samples.flatMap((s) => {
      const piece = s.pieces.get(name);
      return piece ? [{ t: s.t, bytes: piece.rss }] : [];
    })]));
    const growths = rssVerdict(series, args.warmupMinutes * 60);
    const failures = describeFailures(growths);
    if (run.missing.size > 0) failures.push(`processes gone during the run: ${[...run.missing].join(", ")}`);
    if (run.load.errors > 0) {
      failures.push(`${run.load.errors} of ${run.load.scheduled} requests erred${run.load.cutOff > 0 ? ` (${run.load.cutOff} cut off unanswered)` : ""}; the first: ${run.errorExamples.join(" | ") || "(no answer)"}`);
    }
    const rem = run.reminders;
    if (rem.delivered < rem.planned) failures.push(`${rem.planned - rem.delivered} of ${rem.planned} reminders due during the run were not delivered within a minute of their instant`);
    if (rem.early > 0) failures.push(`${rem.early} reminders fired before their instant`);

    const last = run.samples[run.samples.length - 1];
    const report = {
      command: `npm run soak -- ${process.argv.slice(2).join(" ")}`.trim(),
      commit,
      startedAt,
      machine: machineLine(),
      loadBefore,
      loadAfter: os.loadavg(),
      minutes: args.minutes,
      rate: args.rate,
      callRate: callRate(args.rate),
      users: args.users,
      warmupMinutes: args.warmupMinutes,
      failures,
      growths,
      samples: run.samples,
      pieces: PIECES,
      latency: run.latency.overall(),
      lag: run.lag,
      reminders: { ...rem, fired: last?.remindersFired ?? 0 },
      load: run.load,
    };
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, "soak.csv"), toCsv(run.samples, PIECES));
    const title = `Soak ${startedAt.slice(0, 16).replace("T", " ")} UTC: ${args.minutes} min at ${args.rate} creates/s (${report.commit})`;
    fs.writeFileSync(path.join(outDir, "soak.svg"), await renderSvg(soakChartSpec(run.samples, PIECES, args.warmupMinutes, title)));
    fs.writeFileSync(path.join(outDir, "soak.md"), soakMarkdown(report));
    log(`soak: wrote soak.csv, soak.svg and soak.md into ${outDir}`);
    for (const g of growths) log(`soak: RSS ${g.piece.padEnd(20)} first ${(g.first / 1e6).toFixed(1)} MB, at ${args.warmupMinutes} min ${(g.atWarmup / 1e6).toFixed(1)} MB, end ${(g.end / 1e6).toFixed(1)} MB (${(g.growth * 100).toFixed(1)} %)`);
    if (failures.length === 0) {
      log("soak: PASS");
      return true;
    }
    for (const f of failures) log(`soak FAILED: ${f}`);
    return false;
  } finally {
    await down(p);
  }
}

try {
  const args = soakArgs(process.argv.slice(2));
  if (args === "help") {
    process.stdout.write(`${USAGE}\n`);
  } else {
    const short = tooShortToJudge(args.minutes * 60, args.warmupMinutes * 60, INTERVAL_S);
    if (short) {
      log(`ERROR: ${short}`);
      process.exit(2);
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
    const outDir = path.resolve(args.out ?? path.join(ROOT, "test-artifacts", "soak", stamp));
    if (!(await soak(args, outDir))) process.exitCode = 1;
  }
} catch (err) {
  log(`ERROR: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
}
