/**
 * Idempotency-Key for POST /tasks. The task id is derived from (user, key), so
 * every retry — including concurrent ones — reaches the same actor, whose
 * turn-based lock lets exactly one create happen. The request hash, stored
 * with the task, tells an honest retry from a reuse of the key.
 */
import { createHash } from "node:crypto";
import { deterministicUuid } from "../../infra/ids.js";
import { badRequest } from "../../http/problem.js";


export function parseIdempotencyKey(header: string): string | undefined {
  if (header === "") return undefined;
  if (header.length > 200 || !/^[\x21-\x7e]+$/.test(header)) {
    throw badRequest("Idempotency-Key must be 1 to 200 visible ASCII characters", [
      { path: "Idempotency-Key", message: "must be 1 to 200 visible ASCII characters" },
    ]);
  }
  return header;
}

export const taskIdForKey = (ownerId: string, key: string) => deterministicUuid("tickler:idempotency:v1", ownerId, key);

/** Hash of the validated request, independent of key order and whitespace. */
export function requestHash(input: unknown): string {
  return createHash("sha256").update(canonicalJson(input)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
