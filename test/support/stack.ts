/**
 * Access to the real stack that `npm test` started, or to an external target
 * (any deployment, e.g. the local Kubernetes cluster: `npm run test:cluster`).
 * Tests that need it fail (never skip) when it is not there.
 *
 * External target: TICKLER_TARGET_URL (the web app's and API's origin) and
 * TICKLER_TARGET_JWT_SECRET or TICKLER_TARGET_JWT_SECRET_FILE (the deployment's
 * HS256 secret, to mint tokens). Only the specs of test/cluster/portable.ts
 * run that way; `stack()` (the stack's internals) then fails with a clear line.
 */
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { SignJWT } from "jose";
import type { StackInfo } from "../../scripts/stack/stack.js";
import { Sidecar } from "../../src/infra/sidecar.js";
import type { AppId } from "../../scripts/stack/profile.js";
import { bucketDelta, quantileFromBuckets, scrape, total, type Sample } from "../../scripts/promScrape.js";

/** What a portable test needs from a deployment: where it is, and how to mint its tokens. */
export interface Target {
  apiUrl: string;
  jwtSecret: string;
  /** "stack": the local stack of `npm test`; "external": TICKLER_TARGET_URL. */
  kind: "stack" | "external";
}

/** The largest secret file read (a JWT secret is tens of bytes). */
const MAX_SECRET_FILE_BYTES = 4096;

export function externalTarget(env: NodeJS.ProcessEnv = process.env): Target | null {
  const url = env.TICKLER_TARGET_URL;
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`TICKLER_TARGET_URL is not a URL: "${url}"`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error(`TICKLER_TARGET_URL must be http(s), not "${url}"`);
  let secret = env.TICKLER_TARGET_JWT_SECRET;
  const file = env.TICKLER_TARGET_JWT_SECRET_FILE;
  if (!secret && file) {
    if (!fs.existsSync(file)) throw new Error(`TICKLER_TARGET_JWT_SECRET_FILE ${file} does not exist`);
    if (fs.statSync(file).size > MAX_SECRET_FILE_BYTES) throw new Error(`TICKLER_TARGET_JWT_SECRET_FILE ${file} is over ${MAX_SECRET_FILE_BYTES} bytes: not a JWT secret`);
    secret = fs.readFileSync(file, "utf8").trim();
  }
  if (!secret) throw new Error("TICKLER_TARGET_URL is set without TICKLER_TARGET_JWT_SECRET or TICKLER_TARGET_JWT_SECRET_FILE: tokens cannot be minted");
  // The origin only: tests append /api/v1/..., /mcp, / themselves.
  return { apiUrl: parsed.origin, jwtSecret: secret, kind: "external" };
}

/** The deployment under test: the external target when TICKLER_TARGET_URL is set, else `npm test`'s stack. */
export function target(): Target {
  const external = externalTarget();
  if (external) return external;
  const info = stack();
  return { apiUrl: info.apiUrl, jwtSecret: info.secrets.jwtSecret, kind: "stack" };
}

export function stack(): StackInfo {
  if (process.env.TICKLER_TARGET_URL) {
    throw new Error("this test needs the local stack's internals (processes, ports, logs, metrics): it is not portable, so it cannot run against TICKLER_TARGET_URL (test/cluster/portable.ts)");
  }
  const file = process.env.TICKLER_STACK;
  if (!file || !fs.existsSync(file)) {
    throw new Error("TICKLER_STACK is not set to a running stack's stack.json: run these tests with `npm test`");
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as StackInfo;
}

export function sidecarOf(app: AppId, token?: string): Sidecar {
  const info = stack();
  return new Sidecar({
    host: "127.0.0.1",
    httpPort: info.profile.apps[app].daprHttp,
    apiToken: token ?? info.secrets.daprApiToken,
  });
}

export async function tokenFor(user: string, ttl = "1h"): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(user)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(target().jwtSecret));
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A REST client for one user. */
export async function apiAs(user: string) {
  const token = await tokenFor(user);
  const base = `${target().apiUrl}/api/v1`;
  async function call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await fetch(base + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
  }
  return { call, token, user };
}

/** Poll until `probe` returns a value that `done` accepts; fail with the last value seen. */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await probe();
    if (done(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await sleep(100);
  }
}

/** The parsed /metrics of one app of the test stack. */
export async function appMetrics(app: AppId): Promise<Sample[]> {
  return scrape(`http://127.0.0.1:${stack().profile.apps[app].app}/metrics`);
}

export interface ConsumerFigures {
  applied: number;
  duplicates: number;
  retried: number;
  deadLettered: number;
  lagMs: { p50: number; p95: number; p99: number };
}

/** What one consumer did between two scrapes of its app (before = [] after a restart of that app). */
export function consumerFigures(after: Sample[], before: Sample[], consumer: string): ConsumerFigures {
  const delta = (outcome: string) =>
    total(after, "tickler_events_consumed_total", { consumer, outcome }) - total(before, "tickler_events_consumed_total", { consumer, outcome });
  const buckets = bucketDelta(after, before, "tickler_event_lag_seconds", { consumer });
  const ms = (q: number) => Math.round(quantileFromBuckets(buckets, q) * 1000);
  return { applied: delta("applied"), duplicates: delta("duplicate"), retried: delta("retried"), deadLettered: delta("dead_lettered"), lagMs: { p50: ms(0.5), p95: ms(0.95), p99: ms(0.99) } };
}

export function printFigures(label: string, f: ConsumerFigures): void {
  process.stdout.write(
    `      ${label}: applied ${f.applied}, duplicates suppressed ${f.duplicates}, retried ${f.retried}, dead-lettered ${f.deadLettered}; ` +
      `lag p50 ${f.lagMs.p50} ms, p95 ${f.lagMs.p95} ms, p99 ${f.lagMs.p99} ms (from histogram buckets)\n`,
  );
}
