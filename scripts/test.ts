/**
 * `npm test`: typecheck and lint, unit tests, then the real stack (its own
 * ports and state, beside any running `npm start`) for integration and e2e
 * tests, then stop the stack. Exit code is non-zero on any failure.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./root.js";
import { profile } from "./stack/profile.js";
import { log, StackError } from "./stack/processes.js";
import { down, up } from "./stack/stack.js";
import { testAppEnv, TEST_DELIVERY_WINDOWS } from "./stack/testEnv.js";
import { buildWeb } from "./build-web.js";

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
  log(`${what}: ${ok ? "ok" : `FAILED (exit ${code})`} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  return ok;
}

const failures: string[] = [];
// `npm test -- <spec files>`: only those integration/e2e files on a fresh
// stack, without the checks before it (a developer's quick loop; CI runs all).
const onlySpecs = process.argv.slice(2);
if (onlySpecs.length === 0) {
  if (!(await run("typecheck", node, [tsc, "--noEmit", "-p", "."]))) failures.push("typecheck");
  if (!(await run("typecheck web app", node, [tsc, "--noEmit", "-p", "web"]))) failures.push("typecheck web");
  if (!(await run("lint", node, [eslint, "."]))) failures.push("lint");
  if (!(await run("unit tests", node, [mocha, "test/unit/**/*.test.ts"]))) failures.push("unit");
  // Helm chart: lint, render for every target, validate against pinned schemas.
  // No cluster needed; helm and the schemas are obtained (and cached) by the
  // tests themselves, and a tool that cannot be obtained fails the step.
  if (!(await run("chart checks", node, [mocha, "test/chart/**/*.test.ts"]))) failures.push("chart");
}

const p = profile("test", ROOT);
// Compressed delivery windows (scripts/stack/testEnv.ts): daprd's half is
// rendered from the environment; the apps get both, and stack.json records
// them for the tests.
Object.assign(process.env, TEST_DELIVERY_WINDOWS);
// The cron binding (components/cron-tick.yaml) ticks every 5 s, so a digest
// or a reconcile shows within a test (rendered into the stack's components).
process.env.TICKLER_CRON_SCHEDULE = "@every 5s";
try {
  log("building the web app ...");
  await buildWeb(log);
  const info = await up(p, { root: ROOT, fresh: true, appExtraEnv: {
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
  // The settings the stack's components were rendered with go to the tests
  // too: a test that starts a daprd (a restart, a second replica) renders
  // them again, and with other values it would rewrite the files every
  // running daprd watches (the cron binding back to every 5 minutes).
  const env = { ...testEnv, ...TEST_DELIVERY_WINDOWS, TICKLER_CRON_SCHEDULE: process.env.TICKLER_CRON_SCHEDULE, TICKLER_STACK: path.join(info.profile.stateDir, "stack.json") };
  if (!(await run("integration and e2e tests (real stack)", node, [mocha, ...(onlySpecs.length > 0 ? onlySpecs : ["test/integration/**/*.test.ts", "test/e2e/**/*.test.ts", "test/browser/**/*.test.ts"])], env))) {
    failures.push("integration/e2e");
  }
} catch (err) {
  log(err instanceof StackError ? `ERROR: ${err.message}` : `ERROR: ${String((err as Error).stack ?? err)}`);
  failures.push("stack");
} finally {
  await down(p);
}

if (failures.length > 0) {
  log(`FAILED: ${failures.join(", ")}`);
  process.exit(1);
}
log("all checks and tests passed");
