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
  return { call, token };
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
