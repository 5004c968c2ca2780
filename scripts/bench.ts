/**
 * `npm run bench`: numbers, not assertions. Starts a fresh stack on the bench
 * ports and, by default: the bare baselines B1-B3d beside it (bench/baselines.ts),
 * Tickler's create closed loop (c=1, c=8) with event lag, list latency and the
 * end-to-end event latency (event occurredAt → recorded by the audit app after
 * the trip through Kafka), create at fixed arrival rates (bench/openLoop.ts),
 * CPU per create for every process (bench/cpu.ts), Tickler's figures as
 * ratios to the baselines, and reminders. Flags select parts (bench/args.ts).
 * `npm run bench -- --read`: the read side at 1,000 and 100,000 stored tasks
 * (see bench/read.ts). `npm run bench -- --parse`: quick-add parse time on
 * adversarial text, no stack (see bench/quickAddParse.ts). `npm run bench -- --web`:
 * the web app in Chromium, Lighthouse and a completion's click to update (see bench/web.ts).
 */
import { ROOT } from "./root.js";
import { profile } from "./stack/profile.js";
import { log } from "./stack/processes.js";
import { down, type StackInfo } from "./stack/stack.js";
import { jsonHeaders, signToken, startLoadStack } from "./bench/session.js";
import { connectMongo } from "../src/infra/mongo.js";
import { startReceiver } from "../test/support/webhookReceiver.js";
import { readBench, rebuildBench } from "./bench/read.js";
import { drive as measure, fmt, line, percentiles } from "./bench/measure.js";
import { benchArgs, type BenchArgs } from "./bench/args.js";
import { BASELINE_CPU_TITLE, runBaselines, type SystemName, type SystemResult } from "./bench/baselines.js";
import { stopBaseline } from "./bench/baselineStack.js";
import { cpuTable, idleCpu, STACK_PIECES, type CpuPhase } from "./bench/cpu.js";
import { ratioReport } from "./bench/ratios.js";
import { ticklerClosed, ticklerOpen } from "./bench/tickler.js";
import { reminderShortfall } from "./bench/reminderDiag.js";
import { pendingReminders } from "./bench/pendingReminders.js";
import { quickAddParseBench } from "./bench/quickAddParse.js";
import { clusterThenLocal } from "./bench/cluster.js";
import { webBench } from "./bench/web.js";
import { buildWeb } from "./build-web.js";
import { collectProfiles, startProfiles, type ProfiledApp } from "./bench/profileSummary.js";
import { readPid } from "./stack/processes.js";
import path from "node:path";
import fs from "node:fs";
import os from "node:os";
import { commitOf, machineLine, teeStdout } from "./bench/runInfo.js";
import { benchMarkdown } from "./bench/report.js";
import { openLoopChartSpec } from "./bench/openLoopChart.js";
import { renderSvg } from "./bench/chart.js";

const p = profile("bench", ROOT);
// Outside the stack's state folder, which the next fresh stack wipes.
const PROFILE_DIR = path.join(path.dirname(p.stateDir), "bench-cpu-profiles");

async function drive(label: string, total: number, concurrency: number, call: (i: number) => Promise<Response>) {
  process.stdout.write(line(label, await measure(total, concurrency, call), concurrency));
}

/** What the result file is made of, filled as the parts run. */
interface Collected {
  results: Partial<Record<SystemName, SystemResult>>;
  cpuTables: { title: string; phases: CpuPhase[] }[];
}

const TICKLER_CPU_TITLE = "Tickler create (each phase read once both consumers caught up)";

async function main(info: StackInfo, args: BenchArgs, collected: Collected) {
  const token = await signToken(info, "bench");
  const headers = jsonHeaders(token);
  const base = `${info.apiUrl}/api/v1`;
  const create = (i: number, signal?: AbortSignal) =>
    fetch(`${base}/tasks`, { method: "POST", headers, signal, body: JSON.stringify({ title: `task ${i}`, tags: ["bench"] }) });

  const results = collected.results;
  if (args.baselines) {
    await timed("baselines", async () => {
      const baselines = await runBaselines(info, ROOT, token, { rates: args.rates, seconds: args.baselineSeconds, maxInFlight: args.maxInFlight, cpu: args.cpu, b3: args.b3 });
      Object.assign(results, baselines.results);
      if (baselines.cpu.length > 0) collected.cpuTables.push({ title: BASELINE_CPU_TITLE, phases: baselines.cpu });
    });
  }
  if (args.closed || args.open) {
    // Idle first: after the warm-up the consumers are still busy with its events.
    const cpu: CpuPhase[] = args.cpu ? [await idleCpu(info.profile.stateDir, STACK_PIECES)] : [];
    await drive("warm-up (create)", 50, 4, create);
    if (args.cpuProfile) startProfiles(profiledApps(info));
    const tickler: SystemResult = { open: [] };
    if (args.closed) {
      await timed("Tickler closed loop", async () => {
        await ticklerClosed(info, create, tickler, cpu);
        await drive("GET /tasks?limit=50", 300, 8, () => fetch(`${base}/tasks?limit=50`, { headers }));
        await eventLatency(info);
        await updates(base, headers);
      });
    }
    if (args.open) await timed("Tickler open loop", () => ticklerOpen(info, create, args.rates, args.seconds, args.maxInFlight, tickler, cpu));
    results.Tickler = tickler;
    if (args.cpu) {
      process.stdout.write(cpuTable(TICKLER_CPU_TITLE, cpu));
      collected.cpuTables.push({ title: TICKLER_CPU_TITLE, phases: cpu });
    }
    process.stdout.write(ratioReport(results));
  }
  // Without the create phases, the profile covers the reminders alone.
  if (args.cpuProfile && !args.closed && !args.open) startProfiles(profiledApps(info));
  if (args.reminders) await timed("reminders", () => reminders(info, base, headers, args.reminderCount));
  if (args.cpuProfile) process.stdout.write(await collectProfiles(PROFILE_DIR, profiledApps(info)));
}

/**
 * PATCH of existing tasks (new titles, round robin over 50 made here), c=1
 * then c=8: a write through an actor that is already active, with the
 * route's access check. After the event latency, whose count it would join.
 */
async function updates(base: string, headers: Record<string, string>) {
  const ids: string[] = [];
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${base}/tasks`, { method: "POST", headers, body: JSON.stringify({ title: `to update ${i}`, tags: ["bench"] }) });
    if (res.status !== 201) throw new Error(`creating a task to update: ${res.status}`);
    ids.push(((await res.json()) as { id: string }).id);
  }
  const update = (i: number) => fetch(`${base}/tasks/${ids[i % ids.length]}`, { method: "PATCH", headers, body: JSON.stringify({ title: `updated ${i}` }) });
  await drive("PATCH /tasks/{id} (update)", 300, 1, update);
  await drive("PATCH /tasks/{id} (update)", 600, 8, update);
}

function profiledApps(info: StackInfo): ProfiledApp[] {
  return (["app-api", "app-audit", "app-notifications"] as const).flatMap((name) => {
    const pid = readPid(info.profile.stateDir, name);
    return pid === null ? [] : [{ name, pid }];
  });
}

/** Logs how long a part took, so the whole run's budget stays visible. */
async function timed(part: string, run: () => Promise<void>) {
  const started = Date.now();
  await run();
  log(`${part}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * End-to-end event latency: every task created by the warm-up and the closed
 * loop (950), from the actor's occurredAt to the audit app's insert (same
 * clock, same machine).
 */
async function eventLatency(info: StackInfo) {
  const mongo = await connectMongo(info.mongoUri);
  const deadline = Date.now() + 60_000;
  let docs: { occurredAt: string; recordedAt: Date }[] = [];
  while (Date.now() < deadline) {
    docs = await mongo.collection("audit_log").find({ ownerId: "bench" }, { projection: { occurredAt: 1, recordedAt: 1 } }).toArray() as never;
    if (docs.length >= 950) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await mongo.close();
  const lags = docs.map((d) => d.recordedAt.getTime() - Date.parse(d.occurredAt));
  const s = percentiles(lags);
  process.stdout.write(`${"event latency (actor → Kafka → audit)".padEnd(34)} n=${s.n}  p50 ${fmt(s.p50)}  p95 ${fmt(s.p95)}  p99 ${fmt(s.p99)}  max ${fmt(s.max)}\n`);
}

/**
 * N reminders all due at one instant: lateness at the actor (firedAt −
 * remindAt), end to end at a webhook receiver, and how fast one api app
 * fires them.
 */
async function reminders(info: StackInfo, base: string, headers: Record<string, string>, n = 100) {
  const receiver = await startReceiver();
  try {
    const hook = await fetch(`${base}/webhooks`, { method: "POST", headers, body: JSON.stringify({ url: receiver.url, secret: "bench-secret-0123456789" }) });
    if (!hook.ok) throw new Error(`POST /webhooks answered ${hook.status}: ${await hook.text()}`);
    // Lead time for planning them all (creates run at tens per second here).
    const remindAt = new Date(Math.ceil((Date.now() + Math.max(30_000, n * 60)) / 1000) * 1000).toISOString();
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < n) {
        const i = next++;
        const res = await fetch(`${base}/tasks`, { method: "POST", headers, body: JSON.stringify({ title: `reminder ${i}`, reminders: [{ at: remindAt }] }) });
        await res.arrayBuffer();
      }
    }));
    if (Date.now() > Date.parse(remindAt)) log("WARNING: planning took longer than the lead time; lateness includes it");
    const deadline = Date.parse(remindAt) + 120_000;
    while (receiver.received.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const hits = receiver.received;
    const due = Date.parse(remindAt);
    const fired = hits.map((h) => Date.parse(h.body.firedAt));
    const actor = percentiles(fired.map((f) => f - due));
    const e2e = percentiles(hits.map((h) => h.at - due));
    const spread = fired.length > 0 ? (Math.max(...fired) - Math.min(...fired)) / 1000 : 0;
    process.stdout.write(`${"reminder lateness at the actor".padEnd(34)} n=${actor.n}  p50 ${fmt(actor.p50)}  p95 ${fmt(actor.p95)}  p99 ${fmt(actor.p99)}  max ${fmt(actor.max)}  early ${fired.filter((f) => f < due).length}\n`);
    process.stdout.write(`${"reminder lateness at the webhook".padEnd(34)} n=${e2e.n}  p50 ${fmt(e2e.p50)}  p95 ${fmt(e2e.p95)}  p99 ${fmt(e2e.p99)}  max ${fmt(e2e.max)}\n`);
    process.stdout.write(`${"reminders fired by one api app".padEnd(34)} ${hits.length} of ${n} in ${spread.toFixed(2)} s = ${(hits.length / Math.max(spread, 0.001)).toFixed(0)} /s\n`);
    if (hits.length < n) process.stdout.write(await reminderShortfall(info, "bench", n, hits.length));
  } finally {
    await receiver.close();
  }
}

async function withStack(args: BenchArgs, collected: Collected) {
  try {
    await stopBaseline(p.stateDir); // one left by an interrupted run: its pid file is about to go with the state folder
    const profiling = args.cpuProfile ? { TICKLER_APP_ENTRY: "scripts/bench/profiledMain.ts", BENCH_CPU_PROFILE_DIR: PROFILE_DIR } : {};
    // The web bench signs in as `npm start` lets people do, into the app as built now.
    if (args.web) await buildWeb(log);
    const web = args.web ? { AUTH_DEV_SIGN_IN: "true" } : {};
    const start = () => startLoadStack(p, { ...profiling, ...web });
    // The cluster is measured before the bench stack starts, so the stack's processes do not load it.
    if (args.cluster) {
      process.stdout.write(await clusterThenLocal(args.rates, args.seconds, args.maxInFlight, start));
      return;
    }
    const info = await start();
    if (args.read) await readBench(info, args.readCases);
    else if (args.web) await timed("web", () => webBench(info));
    else if (args.rebuild) await timed("rebuild", () => rebuildBench(info));
    else {
      if (args.pendingReminders > 0) await timed("pending reminders", () => pendingReminders(info, args.pendingReminders));
      await main(info, args, collected);
    }
  } finally {
    await stopBaseline(p.stateDir);
    await down(p);
  }
}

/**
 * bench.md (the tables, and everything printed) and, with open-loop
 * results, bench-open-loop.svg, into the output folder; written after a
 * failed run too, with what it got to.
 */
async function writeResult(args: BenchArgs, collected: Collected, started: { at: string; load: number[]; commit: string }, transcript: () => string) {
  const stamp = started.at.replace(/[:.]/g, "-").slice(0, 19);
  const outDir = path.resolve(args.out ?? path.join(ROOT, "test-artifacts", "bench", stamp));
  fs.mkdirSync(outDir, { recursive: true });
  const commit = started.commit;
  const spec = openLoopChartSpec(collected.results, `Create, open loop: ${started.at.slice(0, 16).replace("T", " ")} UTC (${commit})`);
  const chart = spec ? "bench-open-loop.svg" : null;
  if (spec && chart) fs.writeFileSync(path.join(outDir, chart), await renderSvg(spec));
  fs.writeFileSync(path.join(outDir, "bench.md"), benchMarkdown({
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
    commit,
    startedAt: started.at,
    machine: machineLine(),
    loadBefore: started.load,
    loadAfter: os.loadavg(),
    results: collected.results,
    cpuTables: collected.cpuTables,
    transcript: transcript(),
    chart,
  }));
  log(`wrote bench.md${chart ? ` and ${chart}` : ""} into ${outDir}`);
}

const transcript = teeStdout();
// The commit now: the tree may change while the run goes on.
const started = { at: new Date().toISOString(), load: os.loadavg(), commit: commitOf(ROOT) };
const collected: Collected = { results: {}, cpuTables: [] };
let args: BenchArgs | null = null;
try {
  args = benchArgs();
  // The parser is pure code: no stack to bring up for it.
  if (args.parse) quickAddParseBench();
  else await withStack(args, collected);
} catch (err) {
  log(`ERROR: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
}
if (args) {
  await writeResult(args, collected, started, transcript).catch((err: unknown) => {
    log(`ERROR writing the result files: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  });
}
