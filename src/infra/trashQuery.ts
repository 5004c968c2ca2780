/**
 * GET /trash as a read-model query: the caller's deleted tasks still in the
 * trash, newest deletion first, keyset-paged like GET /tasks. Pure.
 * A tombstone's `updatedAt` is its deletion time (a delete is a new version).
 */
import { routeFirst, type PlannedQuery } from "./taskQuery.js";

export interface TrashPosition {
  deletedAt: string;
  id: string;
}

/** The index the trash walks (readModel.ts declares it). */
export const TRASH_INDEX = { ownerId: 1, deleted: 1, updatedAt: -1, _id: 1 } as const;

export function planTrash(req: { ownerId: string; memberOf: string[]; after: TrashPosition | null; limit: number }, now: Date): PlannedQuery {
  const and: Record<string, unknown>[] = [
    // The owner's tombstones, read by the local store through one index (the first part, routeFirst).
    routeFirst({ ownerId: req.ownerId, deleted: true }),
    // The store drops expired tombstones within a minute or so; until then they are already out of the trash.
    { purgeAt: { $gt: now } },
    // Only in lists the caller is still a member of (null: a task from before lists).
    { listId: { $in: [...req.memberOf, null] } },
  ];
  if (req.after) and.push({ $or: [{ updatedAt: { $lt: req.after.deletedAt } }, { updatedAt: req.after.deletedAt, _id: { $gt: req.after.id } }] });
  return { filter: { $and: and }, sort: [["updatedAt", -1], ["_id", 1]], limit: req.limit };
}

export function encodeTrashCursor(p: TrashPosition): string {
  return Buffer.from(JSON.stringify(["t", p.deletedAt, p.id])).toString("base64url");
}

/** The position, or null if this is not a trash cursor this API issued. */
export function decodeTrashCursor(raw: string): TrashPosition | null {
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(value) || value.length !== 3 || value[0] !== "t") return null;
    const [, deletedAt, id] = value as unknown[];
    if (typeof deletedAt !== "string" || typeof id !== "string" || id === "" || id.length > 64) return null;
    const instant = new Date(deletedAt);
    if (Number.isNaN(instant.getTime()) || instant.toISOString() !== deletedAt) return null;
    return { deletedAt, id };
  } catch {
    return null;
  }
}
