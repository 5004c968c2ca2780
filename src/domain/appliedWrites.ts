/**
 * Idempotent task writes (docs/adr/0018-idempotent-task-writes.md): the
 * writes a task's actor applied under an Idempotency-Key, remembered in the
 * task's own record (saved with the change, in its transaction), so a retry
 * of the same request answers the first outcome instead of applying again,
 * and the same key with another request is refused. Keys are per user: the
 * same key from two users is two writes. Pure: decide.ts asks `priorWrite`
 * before anything else and records with `remember`.
 */
import { DomainError } from "./errors.js";

/** How many applied writes a task remembers (the oldest leave first): a record saved at every change stays small. */
export const MAX_APPLIED_WRITES = 32;
/** How long an applied write is remembered: a retry later than this is a new request. */
export const APPLIED_WRITE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** What a write command carries when it has a key (the user is the command's `ownerId`). */
export interface WriteKey {
  key: string;
  /** Hash of the request as the client sent it (operation, body, query), not of what the API made of it. */
  requestHash: string;
  /** The HTTP status the write answers when applied: a replay answers it again. */
  status: number;
}

/** One remembered write. */
export interface AppliedWrite {
  userId: string;
  key: string;
  requestHash: string;
  /** The task's version once the write was applied (the version it left, when it changed nothing). */
  version: number;
  status: number;
  /** When it was applied (ISO 8601). */
  at: string;
}

export type Prior = { kind: "new" } | { kind: "replay"; applied: AppliedWrite };

const live = (applied: readonly AppliedWrite[] | undefined, now: Date) =>
  (applied ?? []).filter((w) => now.getTime() - Date.parse(w.at) < APPLIED_WRITE_WINDOW_MS);

/**
 * Whether `userId`'s write under `write.key` was applied already: a replay
 * (the same request), new, or — the same key with another request — an
 * `idempotency_conflict` (thrown; nothing is applied).
 */
export function priorWrite(applied: readonly AppliedWrite[] | undefined, userId: string, write: WriteKey, now: Date): Prior {
  const found = live(applied, now).find((w) => w.userId === userId && w.key === write.key);
  if (!found) return { kind: "new" };
  if (found.requestHash !== write.requestHash) {
    throw new DomainError("idempotency_conflict", "this Idempotency-Key was already used on this task with a different request");
  }
  return { kind: "replay", applied: found };
}

/** The remembered writes once `userId`'s write is applied at `version`: expired ones dropped, the oldest past the bound too. */
export function remember(applied: readonly AppliedWrite[] | undefined, userId: string, write: WriteKey, version: number, now: Date): AppliedWrite[] {
  const kept = live(applied, now).filter((w) => !(w.userId === userId && w.key === write.key));
  const entry: AppliedWrite = { userId, key: write.key, requestHash: write.requestHash, version, status: write.status, at: now.toISOString() };
  return [...kept, entry].slice(-MAX_APPLIED_WRITES);
}
