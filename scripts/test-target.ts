/**
 * The portable set (test/cluster/portable.ts) against a deployment that is
 * not `npm test`'s own stack:
 *
 *   npm run test:target    TICKLER_TARGET_URL + TICKLER_TARGET_JWT_SECRET(_FILE) from the environment
 *   npm run test:cluster   the same, read from /var/lib/tickler-cluster/cluster.env (`npm run cluster`),
 *                          then the cluster's faults (test/cluster/faults.test.ts) at half the node's capacity, at most 25 creates/s (ADR 0021);
 *                          `-- --portable` only the portable set, `-- --faults` only the faults
 *
 * Tokens are minted with the deployment's HS256 secret (the browser specs'
 * sign-in form too: test/browser/browser.ts); the webhook receiver
 * listens on TICKLER_TARGET_WEBHOOK_HOST (for the cluster: the host's end of
 * the node's veth, found from the route to the node). Prints one line per
 * spec and a total; exits non-zero on any failure, and when a spec was not
 * run because the target lacks a setting it needs (portable.ts: needs).
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Mocha from "mocha";
import { ROOT } from "./root.js";
import { PORTABLE, type TargetNeed } from "../test/cluster/portable.js";
import { externalTarget, tokenFor } from "../test/support/stack.js";

const CLUSTER_ENV = process.env.TICKLER_CLUSTER_ENV ?? "/var/lib/tickler-cluster/cluster.env";
/** cluster.env is a handful of KEY=value lines; anything larger is not it. */
const MAX_CLUSTER_ENV_BYTES = 64 * 1024;
const PREFLIGHT_TIMEOUT_MS = 10_000;

const say = (line: string) => process.stdout.write(`[test:target] ${line}\n`);
function fail(line: string): never {
  process.stderr.write(`[test:target] ${line}\n`);
  process.exit(2);
}

/** KEY=value lines (no shell expansion: up.sh writes plain values). */
function readEnvFile(file: string): Record<string, string> {
  if (fs.statSync(file).size > MAX_CLUSTER_ENV_BYTES) fail(`${file} is over ${MAX_CLUSTER_ENV_BYTES} bytes: not a cluster.env`);
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!.replace(/^(["'])(.*)\1$/, "$2");
  }
  return out;
}

/** The address this machine uses towards `host` (the source of its route): the one the host's pods can answer. */
function sourceAddressTowards(host: string): string {
  const out = execFileSync("ip", ["-o", "route", "get", host], { encoding: "utf8" });
  const m = /\bsrc (\S+)/.exec(out);
  if (!m) fail(`no route from this machine to ${host} (ip route get: ${out.trim()})`);
  return m[1]!;
}

const clusterMode = process.argv.includes("--cluster");
const onlyPortable = process.argv.includes("--portable");
const onlyFaults = process.argv.includes("--faults");
if (onlyPortable && onlyFaults) fail("--portable and --faults exclude each other");
if (onlyFaults && !clusterMode) fail("--faults needs the cluster (npm run test:cluster -- --faults): it deletes pods and restarts the node's daemons");
const FAULTS_SPEC = "test/cluster/faults.test.ts";

if (clusterMode) {
  if (!fs.existsSync(CLUSTER_ENV)) fail(`no cluster: ${CLUSTER_ENV} is missing; run \`npm run cluster\` first`);
  const env = readEnvFile(CLUSTER_ENV);
  if (!env.TICKLER_CLUSTER_URL || !env.TICKLER_CLUSTER_JWT_SECRET_FILE) fail(`${CLUSTER_ENV} lacks TICKLER_CLUSTER_URL or TICKLER_CLUSTER_JWT_SECRET_FILE; run \`npm run cluster\` again`);
  process.env.TICKLER_TARGET_URL = env.TICKLER_CLUSTER_URL;
  process.env.TICKLER_TARGET_JWT_SECRET_FILE = env.TICKLER_CLUSTER_JWT_SECRET_FILE;
  delete process.env.TICKLER_TARGET_JWT_SECRET;
  process.env.TICKLER_TARGET_WEBHOOK_HOST ??= sourceAddressTowards(new URL(env.TICKLER_CLUSTER_URL).hostname);
  // What the fault suite drives the cluster with (test/cluster/faults.ts).
  for (const key of ["KUBECONFIG", "TICKLER_CLUSTER_KUBECTL", "TICKLER_CLUSTER_HELM", "TICKLER_CLUSTER_DIR"] as const) {
    if (env[key]) process.env[key] = env[key];
  }
}
// The local stack's stack.json must never be what a portable test reads.
delete process.env.TICKLER_STACK;
// As `npm test` runs the tests (scripts/test.ts): dates in UTC.
process.env.TZ = "UTC";

let target;
try {
  target = externalTarget();
} catch (err) {
  fail((err as Error).message);
}
if (!target) fail("set TICKLER_TARGET_URL and TICKLER_TARGET_JWT_SECRET (or _FILE), or use `npm run test:cluster`");
const webhookHost = process.env.TICKLER_TARGET_WEBHOOK_HOST ?? "127.0.0.1";
process.env.TICKLER_TARGET_WEBHOOK_HOST = webhookHost;
say(`target ${target.apiUrl}; webhook receiver on ${webhookHost}`);

// Pre-flight: a target that does not answer is one clear line, not 20 timeouts;
// a setting a spec needs and the target lacks is one line per spec, not a timeout.
const NEED_HINTS: Record<TargetNeed, string> = {
  privateWebhooks: `webhooks to ${webhookHost} (WEBHOOK_ALLOW_ADDRESSES=${webhookHost}/32 on the api and notifications)`,
};
const has = new Set<TargetNeed>();
try {
  const health = await fetch(`${target.apiUrl}/healthz`, { signal: AbortSignal.timeout(PREFLIGHT_TIMEOUT_MS) });
  say(`GET /healthz: ${health.status} ${(await health.text()).slice(0, 200)}`);
  // A webhook to the receiver's address, registered by a throwaway user and removed again.
  const token = await tokenFor(`test-target-probe-${randomUUID()}`);
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const hook = await fetch(`${target.apiUrl}/api/v1/webhooks`, {
    method: "POST", headers, body: JSON.stringify({ url: `http://${webhookHost}:9/probe`, secret: randomUUID() }), signal: AbortSignal.timeout(PREFLIGHT_TIMEOUT_MS),
  });
  if (hook.status === 201) {
    has.add("privateWebhooks");
    const { id } = (await hook.json()) as { id: string };
    await fetch(`${target.apiUrl}/api/v1/webhooks/${encodeURIComponent(id)}`, { method: "DELETE", headers, signal: AbortSignal.timeout(PREFLIGHT_TIMEOUT_MS) });
  } else say(`POST /webhooks to ${webhookHost}: ${hook.status} ${(await hook.text()).slice(0, 200)}`);
} catch (err) {
  fail(`${target.apiUrl} does not answer (${(err as Error).message}); is the deployment up?`);
}
const notRun = PORTABLE.flatMap((e) => {
  const unmet = (e.needs ?? []).filter((n) => !has.has(n));
  return unmet.length > 0 ? [{ spec: e.spec, reason: `the target lacks ${unmet.map((n) => NEED_HINTS[n]).join(" and ")}` }] : [];
});
for (const n of onlyFaults ? [] : notRun) say(`NOT RUN ${n.spec}: ${n.reason}`);
const toRun: { spec: string; tests?: string[] }[] = onlyFaults ? [] : PORTABLE.filter((e) => !notRun.some((n) => n.spec === e.spec));
// After the portable set: it leaves the cluster as it found it, the faults do not (pods replaced, image tag switched).
if (clusterMode && !onlyPortable) toRun.push({ spec: FAULTS_SPEC });

const mocha = new Mocha({ timeout: 30_000, reporter: path.join(ROOT, "test", "support", "reporter.cjs") });
for (const entry of toRun) mocha.addFile(path.join(ROOT, entry.spec));
await mocha.loadFilesAsync();

// Keep only the listed tests of each spec; a listed title that is gone is an error.
const wanted = new Map(toRun.map((e) => [path.join(ROOT, e.spec), e.tests ? new Set(e.tests) : null]));
const seen = new Set<string>();
const prune = (suite: Mocha.Suite) => {
  suite.tests = suite.tests.filter((t) => {
    const only = wanted.get(t.file ?? "");
    if (only === undefined) return false;
    if (only === null) return true;
    seen.add(`${t.file}\u0000${t.title}`);
    return only.has(t.title);
  });
  for (const child of suite.suites) prune(child);
};
prune(mocha.suite);
const missing = toRun.flatMap((e) => (e.tests ?? []).filter((t) => !seen.has(`${path.join(ROOT, e.spec)}\u0000${t}`)).map((t) => `${e.spec}: "${t}"`));
if (missing.length > 0) fail(`test/cluster/portable.ts names tests that do not exist: ${missing.join("; ")}`);

const perSpec = new Map<string, { passed: number; failed: number }>(toRun.map((e) => [path.join(ROOT, e.spec), { passed: 0, failed: 0 }]));
const started = Date.now();
const failures = await new Promise<number>((resolve) => {
  const runner = mocha.run(resolve);
  runner.on("pass", (t) => perSpec.get(t.file ?? "")!.passed++);
  runner.on("fail", (t) => {
    const counts = perSpec.get(t.file ?? "");
    if (counts) counts.failed++;
  });
});

process.stdout.write(`\n${onlyFaults ? "faults" : clusterMode && !onlyPortable ? "portable set and faults" : "portable set"} against ${target.apiUrl} (${((Date.now() - started) / 1000).toFixed(0)} s):\n`);
for (const [file, c] of perSpec) process.stdout.write(`  ${c.failed === 0 ? "ok  " : "FAIL"}  ${path.relative(ROOT, file).padEnd(34)} ${c.passed} passed, ${c.failed} failed\n`);
const notRunHere = onlyFaults ? [] : notRun;
for (const n of notRunHere) process.stdout.write(`  NOT RUN  ${n.spec.padEnd(34)} ${n.reason}\n`);
// A spec not run fails the run: a target that lacks a setting is never passed over in silence.
process.exit(failures === 0 && notRunHere.length === 0 ? 0 : 1);
