/**
 * The Idempotency-Key of a task write other than a create (PATCH, complete,
 * reopen, snooze, delete, restore, revert; docs/adr/0018-idempotent-task-writes.md):
 * the one sent, or one assigned here, answered in the `Idempotency-Key`
 * header either way. The task's actor remembers it with the change
 * (src/domain/appliedWrites.ts), so a retry answers the first outcome.
 */
import { randomUUID } from "node:crypto";
import type { Context } from "koa";
import type { WriteKey } from "../../domain/index.js";
import { parseIdempotencyKey, requestHash } from "./idempotency.js";

/**
 * `operation` and `request` are what a retry must repeat (the body and query
 * as sent, not what the API computed from them: a snooze `for` a duration is
 * the same request a minute later). If-Match is a precondition, not part of it.
 */
export function writeKeyOf(ctx: Context, operation: string, request: unknown, status: number): WriteKey {
  const key = parseIdempotencyKey(ctx.get("idempotency-key")) ?? randomUUID();
  ctx.set("Idempotency-Key", key);
  return { key, requestHash: requestHash({ operation, request }), status };
}
