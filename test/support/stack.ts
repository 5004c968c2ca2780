/**
 * Access to the real stack that `npm test` started. Tests that need it fail
 * (never skip) when it is not there.
 */
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { SignJWT } from "jose";
import type { StackInfo } from "../../scripts/stack/stack.js";
import { Sidecar } from "../../src/infra/sidecar.js";
import type { AppId } from "../../scripts/stack/profile.js";
import { bucketDelta, quantileFromBuckets, scrape, total, type Sample } from "../../scripts/promScrape.js";

export function stack(): StackInfo {
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
    .sign(new TextEncoder().encode(stack().secrets.jwtSecret));
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A REST client for one user. */
export async function apiAs(user: string) {
  const token = await tokenFor(user);
  const base = `${stack().apiUrl}/api/v1`;
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
