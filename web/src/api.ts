/** The JSON API from the browser: bearer token from memory, problem+json as ApiError. */
import { resendRefusedWrite, withIdempotencyKey } from "../../src/domain/writeRetry.js";
export interface FieldProblem {
  path: string;
  message: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
  /** Messages for one field, e.g. "title" or "reminders" (also matches "reminders.0.before"). */
  fieldErrors(field: string): string[] {
    return (this.problem.errors ?? []).filter((e) => e.path === field || e.path.startsWith(`${field}.`)).map((e) => e.message);
  }
}

type TokenSource = () => Promise<string>;
let tokenSource: TokenSource | null = null;
let onUnauthorized: () => void = () => {};

export function setTokenSource(source: TokenSource | null, unauthorized: () => void = () => {}): void {
  tokenSource = source;
  onUnauthorized = unauthorized;
}

export async function bearer(): Promise<string> {
  if (!tokenSource) throw new ApiError({ title: "Unauthorized", status: 401, detail: "not signed in" });
  return `Bearer ${await tokenSource()}`;
}

/**
 * A write refused with nothing done (overloaded, rate limited), or whose outcome
 * is unknown and safe to repeat (Idempotency-Key, If-Match), is sent again after
 * its Retry-After, a few times at most (src/domain/writeRetry.ts). A task write
 * without a key gets one here, the same on every attempt.
 */
export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<T> {
  // A task write's key is fixed before the first attempt, so each resend of it is a replay (ADR 0018).
  let sent = withIdempotencyKey(method, path, headers, () => crypto.randomUUID());
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(`/api/v1${path}`, {
        method,
        ...(signal ? { signal } : {}),
        headers: {
          authorization: await bearer(),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...sent,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      // No answer: the write may have been applied. Its key goes with the error, so queuing the same request keeps it (a replay, not a second write).
      throw withSentKey(err, sent);
    }
    const text = await res.text();
    const data: unknown = text ? JSON.parse(text) : null;
    if (res.ok) return data as T;
    if (res.status === 401) onUnauthorized();
    const problem = (data && typeof data === "object" ? data : {}) as Partial<Problem> & { idempotencyKey?: unknown };
    const again = method === "GET" ? null : resendRefusedWrite(attempt, { status: res.status, problem, retryAfter: res.headers.get("retry-after"), sentHeaders: sent });
    if (!again || signal?.aborted) throw new ApiError({ title: problem.title ?? res.statusText, status: res.status, ...problem } as Problem);
    sent = { ...sent, ...again.addHeaders };
    await new Promise((resolve) => setTimeout(resolve, again.afterMs));
  }
}

/** The Idempotency-Key a write sent before it failed without an answer (see api()), if it had one. */
export const sentKeyOf = (err: unknown): string | undefined =>
  err && typeof err === "object" && typeof (err as { idempotencyKey?: unknown }).idempotencyKey === "string" ? (err as { idempotencyKey: string }).idempotencyKey : undefined;

function withSentKey(err: unknown, sent: Record<string, string>): unknown {
  const key = Object.entries(sent).find(([name]) => name.toLowerCase() === "idempotency-key")?.[1];
  if (key !== undefined && err && typeof err === "object") Object.assign(err, { idempotencyKey: key });
  return err;
}

/** Calls that need no token (sign-in). */
export async function publicApi<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError({ title: res.statusText, status: res.status, ...(data as object) } as Problem);
  return data as T;
}
