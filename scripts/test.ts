/**
 * `npm test`: typecheck and lint, then the test tiers of test/tiers.ts in
 * their order: unit and chart; integration, e2e and browser on one fresh test
 * stack; then the destructive tier (chaos) on a second fresh stack of its own,
 * started after the first is down. Prints each step and tier with its result
 * and wall time at the end; the exit code is non-zero on any failure.
 *
 * `npm test -- --tier e2e[,browser]` (the `test:<tier>` scripts) runs those
 * tiers only, a stack tier on a fresh stack; `npm test -- <spec files>` runs
 * those files, grouped by their tiers, without the checks (a developer's
 * quick loop; CI runs everything).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./root.js";
import { profile } from "./stack/profile.js";
import { log, StackError } from "./stack/processes.js";
import { down, up, type StackInfo } from "./stack/stack.js";
import { testAppEnv, TEST_DELIVERY_WINDOWS } from "./stack/testEnv.js";
import { buildWeb } from "./build-web.js";
import { prefetchTools, stackTools, toolsForTiers } from "./prefetch.js";
import { TIERS, tierNamed, tierOf, type Tier } from "../test/tiers.js";

/**
 * A dev tool's JavaScript entry (its package.json "bin"), run with this
 * process's node. The node_modules/.bin shims would start it through their
 * `#!/usr/bin/env node` shebang, i.e. with whatever node is first on PATH,
 * which on a machine with an old node is not the one scripts/ensure-deps.mjs
 * chose for this run.
 */
function tool(pkg: string, name: string): string {
  const dir = path.join(ROOT, "node_modules", pkg);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { bin?: string | Record<string, string> };
  const entry = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.[name];
  if (!entry) throw new Error(`${pkg} declares no "${name}" command`);
  return path.join(dir, entry);
}
const tsc = tool("typescript", "tsc");
const eslint = tool("eslint", "eslint");
const mocha = tool("mocha", "mocha");
const node = process.execPath;
const testEnv = { ...process.env, TZ: "UTC" };
log(`Node.js ${process.version} (${node}) runs the checks, the tests and the stack's apps`);

interface Outcome {
  what: string;
  ok: boolean | "not run";
  seconds: number;
  /** Mocha's counts, when the step was a tier. */
  counts?: { passes: number; failures: number; pending: number; failed?: { title: string; file?: string; message: string[] }[] };
}
const outcomes: Outcome[] = [];

/** Runs a command asynchronously (so this process keeps reaping the stack's children). */
async function run(what: string, command: string, args: string[], env: NodeJS.ProcessEnv = testEnv): Promise<boolean> {
  log(`${what} ...`);
  const started = Date.now();
  const code = await new Promise<number | string>((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", cwd: ROOT, env });
    child.once("exit", (status, signal) => resolve(status ?? signal ?? "unknown"));
    child.once("error", (err) => resolve(err.message));
  });
  const ok = code === 0;
  const seconds = (Date.now() - started) / 1000;
  log(`${what}: ${ok ? "ok" : `FAILED (exit ${code})`} (${seconds.toFixed(1)}s)`);
  outcomes.push({ what, ok, seconds });
  return ok;
}

/** One tier: one mocha run with the tier's timeout; a stack tier with the dead-stack watch. */
async function runTier(tier: Tier, specs: string[], env: NodeJS.ProcessEnv = testEnv): Promise<boolean> {
  await prefetch.ready(toolsForTiers([tier]));
  const countsFile = path.join(os.tmpdir(), `tickler-tier-${process.pid}-${tier.name}.json`);
  fs.rmSync(countsFile, { force: true });
  const watch = tier.stack === "none" ? [] : ["--require", "test/support/stackWatch.ts"];
  const ok = await run(`${tier.name} tests`, node, [mocha, "--timeout", String(tier.timeoutMs), ...watch, ...specs], { ...env, TICKLER_TIER: tier.name, TICKLER_TIER_COUNTS: countsFile });
  const last = outcomes[outcomes.length - 1]!;
  try {
    last.counts = JSON.parse(fs.readFileSync(countsFile, "utf8")) as Outcome["counts"];
  } catch {
    /* mocha ended before its reporter wrote them (a load error): the exit code says it failed */
  }
  fs.rmSync(countsFile, { force: true });
  return ok;
}

/** What to run: every tier (npm test), the tiers named with --tier, or the given spec files by their tiers. */
function plan(argv: string[]): { checks: boolean; tiers: { tier: Tier; specs: string[] }[] } {
  if (argv.length === 0) return { checks: true, tiers: TIERS.map((tier) => ({ tier, specs: [tier.glob] })) };
  if (argv[0] === "--tier" || argv[0]?.startsWith("--tier=")) {
    const names = (argv[0] === "--tier" ? (argv[1] ?? "") : argv[0].slice("--tier=".length)).split(",").filter(Boolean);
    if (names.length === 0) throw new Error("--tier needs a tier name");
    const wanted = new Set(names.map((n) => tierNamed(n).name));
    return { checks: false, tiers: TIERS.filter((t) => wanted.has(t.name)).map((tier) => ({ tier, specs: [tier.glob] })) };
  }
  const byTier = new Map<Tier, string[]>();
  for (const file of argv) {
    if (!fs.existsSync(path.resolve(ROOT, file))) throw new Error(`no spec file ${file}`);
    const tier = tierOf(file, ROOT);
    byTier.set(tier, [...(byTier.get(tier) ?? []), file]);
  }
  return { checks: false, tiers: TIERS.filter((t) => byTier.has(t)).map((tier) => ({ tier, specs: byTier.get(tier)! })) };
}

let planned: ReturnType<typeof plan>;
try {
  planned = plan(process.argv.slice(2));
} catch (err) {
  log(`ERROR: ${(err as Error).message}`);
  process.exit(2);
}
// The slow obtains (cold: builds of daprd, the read store, helm) start now and
// overlap the checks; each tier and stack waits for the tools it needs.
const prefetch = prefetchTools(ROOT, toolsForTiers(planned.tiers.map((t) => t.tier)), log);

if (planned.checks) {
  await run("typecheck", node, [tsc, "--noEmit", "-p", "."]);
  await run("typecheck web app", node, [tsc, "--noEmit", "-p", "web"]);
  await run("lint", node, [eslint, "."]);
}
// Helm chart tier: no cluster needed; helm and the schemas are obtained (and
// cached) by the tests themselves, and a tool that cannot be obtained fails it.
for (const { tier, specs } of planned.tiers.filter((t) => t.tier.stack === "none")) await runTier(tier, specs);

const p = profile("test", ROOT);
// Compressed delivery windows (scripts/stack/testEnv.ts): daprd's half is
// rendered from the environment; the apps get both, and stack.json records
// them for the tests.
Object.assign(process.env, TEST_DELIVERY_WINDOWS);
// The cron binding (components/cron-tick.yaml) ticks every 5 s, so a digest
// or a reconcile shows within a test (rendered into the stack's components).
process.env.TICKLER_CRON_SCHEDULE = "@every 5s";
let webBuilt = false;

/** A fresh test stack (the slot's ports and state folder, emptied first). */
async function freshStack(): Promise<StackInfo> {
  if (!webBuilt) {
    log("building the web app ...");
    await buildWeb(log);
    webBuilt = true;
  }
  await prefetch.ready(stackTools());
  return up(p, { root: ROOT, fresh: true, appExtraEnv: {
      // What `npm run chaos` runs with too (scripts/stack/testEnv.ts).
      ...testAppEnv(p),
      // The browser tests sign in the way `npm start` lets people do.
      AUTH_DEV_SIGN_IN: "true",
      // A live-stream resume window of 4 frames per user, so the resume tests
      // reach the history path (test/e2e/stream-resume.test.ts).
      STREAM_RESUME_WINDOW_FRAMES: "4",
      // Email: the SMTP receiver the email tests start on this port
      // (test/support/smtpReceiver.ts); links land on this stack's api.
      SMTP_URL: `smtp://127.0.0.1:${p.smtpReceiver}`,
      // The loopback receiver speaks plain SMTP (no certificate to trust); production keeps STARTTLS required.
      SMTP_REQUIRE_TLS: "false",
      SMTP_FROM: "Tickler <tickler@tickler.test>",
      SMTP_TIMEOUT_MS: "3000",
      ACTION_LINK_SECRET: randomBytes(32).toString("hex"),
      PUBLIC_BASE_URL: `http://127.0.0.1:${p.apps.api.app}`,
      // Every plan checked on each 5 s tick (the test stack holds few).
      RECONCILE_BATCH: "500",
    } });
}

/** The stack tiers of one stack: up fresh, each tier in turn, down (also on a failure to start). */
async function onFreshStack(what: string, tiers: { tier: Tier; specs: string[] }[]): Promise<void> {
  if (tiers.length === 0) return;
  const started = Date.now();
  try {
    const info = await freshStack();
    outcomes.push({ what: `${what} up`, ok: true, seconds: (Date.now() - started) / 1000 });
    // The settings the stack's components were rendered with go to the tests
    // too: a test that starts a daprd (a restart, a second replica) renders
    // them again, and with other values it would rewrite the files every
    // running daprd watches (the cron binding back to every 5 minutes).
    const env = { ...testEnv, ...TEST_DELIVERY_WINDOWS, TICKLER_CRON_SCHEDULE: process.env.TICKLER_CRON_SCHEDULE, TICKLER_STACK: path.join(info.profile.stateDir, "stack.json") };
    for (const { tier, specs } of tiers) await runTier(tier, specs, env);
  } catch (err) {
    log(err instanceof StackError ? `ERROR: ${err.message}` : `ERROR: ${String((err as Error).stack ?? err)}`);
    outcomes.push({ what: `${what} up`, ok: false, seconds: (Date.now() - started) / 1000 });
    for (const { tier } of tiers) if (!outcomes.some((o) => o.what === `${tier.name} tests`)) outcomes.push({ what: `${tier.name} tests`, ok: "not run", seconds: 0 });
  } finally {
    const stopping = Date.now();
    await down(p);
    outcomes.push({ what: `${what} down`, ok: true, seconds: (Date.now() - stopping) / 1000 });
  }
}

await onFreshStack("shared test stack", planned.tiers.filter((t) => t.tier.stack === "shared"));
await onFreshStack("destructive tier's own stack", planned.tiers.filter((t) => t.tier.stack === "own"));

const width = Math.max(...outcomes.map((o) => o.what.length));
const lines = outcomes.map((o) => {
  const result = o.ok === "not run" ? "NOT RUN" : o.ok ? "ok" : "FAILED";
  const counts = o.counts ? `  ${o.counts.passes} passed, ${o.counts.failures} failed, ${o.counts.pending} skipped` : "";
  return `  ${o.what.padEnd(width)}  ${result.padEnd(7)} ${o.seconds.toFixed(1).padStart(7)} s${counts}`;
});
const failed = outcomes.filter((o) => o.ok !== true);
// The failures again, last: a CI log is often only the run's tail.
const failures = outcomes.flatMap((o) => (o.counts?.failed ?? []).map((f) => `  ${o.what}: ${f.title}${f.file ? ` (${f.file})` : ""}\n${f.message.map((l) => `      ${l}`).join("\n")}`));
if (failures.length > 0) log(`failing tests:\n${failures.join("\n")}`);
log(`summary (wall time of each step and tier):\n${lines.join("\n")}`);
if (failed.length > 0) {
  log(`FAILED: ${failed.map((o) => o.what).join(", ")}`);
  process.exit(1);
}
log("all checks and tests passed");
