import { createHash } from "node:crypto";

/**
 * A UUID in the version 5 layout (SHA-1 of a namespace and the parts): the
 * same parts always give the same id, which is how retries of "create this
 * task" (idempotency keys, series occurrences) all reach one actor.
 */
export function deterministicUuid(namespace: string, ...parts: string[]): string {
  const hash = createHash("sha1").update([namespace, ...parts].join("\0")).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const occurrenceId = (seriesId: string, index: number) => deterministicUuid("tickler:occurrence:v1", seriesId, String(index));

/** Each user's Inbox list: one fixed id per user, so "made on first use" needs no lookup, and tasks from before lists land in it. */
export const inboxIdOf = (userId: string) => deterministicUuid("tickler:inbox:v1", userId);
