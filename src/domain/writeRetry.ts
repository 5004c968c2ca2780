/**
 * When a client (the web app, the MCP tools) sends a refused write again, and
 * how: only when the answer says nothing was done (`overloaded`,
 * `unavailable`, `rate_limited`) or when sending it again is safe (`outcome-unknown` with an
 * `Idempotency-Key` or `If-Match` that makes a repeat answer the first
 * outcome). Bounded: a few attempts, and never a wait a person would notice
 * as a hang (a longer Retry-After is shown to them instead). ADR 0013.
 */
export const MAX_WRITE_ATTEMPTS = 3;
export const MAX_RETRY_WAIT_MS = 5_000;

export interface RefusedWrite {
  status: number;
  /** The problem's `type` (a URL ending in the code) and, for an unknown create, the key it was given. */
  problem: { type?: unknown; idempotencyKey?: unknown } | null;
  /** The Retry-After header, in seconds, as sent (null: none). */
  retryAfter: string | null;
  /** Headers the write was sent with (names in any case). */
  sentHeaders: Record<string, string>;
}

export interface Resend {
  afterMs: number;
  /** Headers to add to the next attempt (an assigned Idempotency-Key). */
  addHeaders: Record<string, string>;
}

const codeOf = (type: unknown): string => (typeof type === "string" ? type.slice(type.lastIndexOf("/") + 1) : "");

/** `attempt`: 1 for the first answer. Null: hand the problem to the caller. */
export function resendRefusedWrite(attempt: number, refused: RefusedWrite): Resend | null {
  if (attempt >= MAX_WRITE_ATTEMPTS) return null;
  const seconds = refused.retryAfter === null ? 1 : Number(refused.retryAfter);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds * 1000 > MAX_RETRY_WAIT_MS) return null;
  const afterMs = Math.round(seconds * 1000);
  const code = codeOf(refused.problem?.type);
  if ((refused.status === 503 && (code === "overloaded" || code === "unavailable")) || (refused.status === 429 && code === "rate_limited")) return { afterMs, addHeaders: {} };
  if (refused.status !== 503 || code !== "outcome-unknown") return null;
  const sent = new Set(Object.keys(refused.sentHeaders).map((name) => name.toLowerCase()));
  if (sent.has("idempotency-key") || sent.has("if-match")) return { afterMs, addHeaders: {} };
  const assigned = refused.problem?.idempotencyKey;
  return typeof assigned === "string" && assigned !== "" ? { afterMs, addHeaders: { "Idempotency-Key": assigned } } : null;
}

/**
 * The task writes that take an Idempotency-Key (a create, and every change
 * of a task: docs/adr/0018-idempotent-task-writes.md). A client fixes one
 * key per write before its first attempt and sends it on every attempt, so
 * a write whose answer was lost is answered, not applied again. `path` with
 * or without the /api/v1 prefix; a query is ignored.
 */
export function takesIdempotencyKey(method: string, path: string): boolean {
  const bare = path.split("?")[0]!.replace(/^\/api\/v1(?=\/)/, "");
  switch (method.toUpperCase()) {
    case "POST":
      return bare === "/tasks" || bare === "/tasks/quick" || /^\/tasks\/[^/]+\/(?:complete|reopen|snooze|restore|revert)$/.test(bare);
    case "PATCH":
    case "DELETE":
      return /^\/tasks\/[^/]+$/.test(bare) && bare !== "/tasks/quick";
    default:
      return false;
  }
}

/** `headers` with an Idempotency-Key added when the write takes one and has none (names in any case). */
export function withIdempotencyKey(method: string, path: string, headers: Record<string, string>, newKey: () => string): Record<string, string> {
  if (!takesIdempotencyKey(method, path)) return headers;
  if (Object.keys(headers).some((name) => name.toLowerCase() === "idempotency-key")) return headers;
  return { ...headers, "idempotency-key": newKey() };
}
