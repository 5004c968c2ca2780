/**
 * The web app's writes made offline (web/src/offline.ts), as pure rules: what
 * kind of change a queued request is, how the queue shows on the tasks kept
 * for reading offline (so a reload without the network still shows each
 * change), which fields an edit changes, and which refusals on replay are
 * final (reported as not applied, never retried) rather than kept for later.
 */

import { retagged } from "../../src/domain/tags.js";

export type QueuedKind = "add" | "complete" | "reopen" | "snooze" | "edit" | "delete" | "retag" | "other";

/** The part of a queued request these rules read. */
export interface QueuedRequest {
  method: string;
  path: string;
  body?: unknown;
  taskId?: string;
}

/** The task fields the rules touch; the rest of a task is carried along. */
export interface KeptTask {
  id: string;
  version: number;
  status: string;
  completedAt?: string | null;
  snoozedUntil?: string | null;
  updatedAt: string;
  parentId?: string | null;
  tags?: string[];
}

/** From the request itself, so writes queued by an older build read the same. */
export function kindOf(write: QueuedRequest): QueuedKind {
  const { method, path } = write;
  if (method === "POST" && (path === "/tasks" || path === "/tasks/quick")) return "add";
  if (method === "POST" && /^\/tasks\/[^/]+\/complete$/.test(path)) return "complete";
  if (method === "POST" && /^\/tasks\/[^/]+\/reopen$/.test(path)) return "reopen";
  if (method === "POST" && /^\/tasks\/[^/]+\/snooze$/.test(path)) return "snooze";
  if (method === "PATCH" && /^\/tasks\/[^/]+$/.test(path)) return "edit";
  if (method === "DELETE" && /^\/tasks\/[^/]+$/.test(path)) return "delete";
  if ((method === "PATCH" || method === "DELETE") && /^\/tags\/[^/]+$/.test(path)) return "retag";
  return "other";
}

/** A queued rename (`to` the new name) or removal (`to` null) of one of the person's tags, across all their tasks. */
export function retagOf(write: QueuedRequest): { from: string; to: string | null } | undefined {
  if (kindOf(write) !== "retag") return undefined;
  const from = decodeURIComponent(write.path.slice("/tags/".length));
  if (write.method === "DELETE") return { from, to: null };
  const name = write.body && typeof write.body === "object" ? (write.body as { name?: unknown }).name : undefined;
  return typeof name === "string" ? { from, to: name.trim().toLowerCase() } : undefined;
}

/** A task's tags after a rename or removal: the API's own rule. */
export { retagged } from "../../src/domain/tags.js";

/**
 * The kept tasks with the queued writes applied in order: a completion
 * completes (ending a snooze, as the server does), a reopen opens, a snooze
 * sets its end, an edit or move merges its fields, a delete removes the task
 * and its subtasks (the server trashes them with it). Each change
 * counts one version, as the server does, so a second offline edit of a task
 * carries the If-Match the first one's answer will have. A tag's rename or
 * removal changes every kept task that carries it and `isOwn` says the
 * person made (the server changes only those).
 */
export function applyQueued<T extends KeptTask>(tasks: T[], writes: QueuedRequest[], now: string, isOwn: (task: T) => boolean = () => false): T[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  for (const write of writes) {
    const retag = retagOf(write);
    if (retag) {
      // Every task of the person's own that carries the tag changes, one version each (the server changes each through its actor).
      for (const t of byId.values()) {
        if (!isOwn(t) || !t.tags?.includes(retag.from)) continue;
        byId.set(t.id, { ...t, tags: [...retagged(t.tags, retag.from, retag.to)], version: t.version + 1, updatedAt: now });
      }
      continue;
    }
    const task = write.taskId === undefined ? undefined : byId.get(write.taskId);
    if (!task) continue;
    const kind = kindOf(write);
    if (kind === "delete") for (const id of subtreeOf([...byId.values()], task.id)) byId.delete(id);
    else if (kind === "complete") byId.set(task.id, { ...task, status: "completed", completedAt: now, snoozedUntil: null, version: task.version + 1, updatedAt: now });
    else if (kind === "reopen") byId.set(task.id, { ...task, status: "open", completedAt: null, version: task.version + 1, updatedAt: now });
    else if (kind === "snooze" && typeof snoozeEnd(write) === "string") byId.set(task.id, { ...task, snoozedUntil: snoozeEnd(write), version: task.version + 1, updatedAt: now });
    else if (kind === "edit" && write.body && typeof write.body === "object") {
      byId.set(task.id, { ...task, ...(write.body as Partial<T>), id: task.id, version: task.version + 1, updatedAt: now });
    }
  }
  return [...byId.values()];
}

/** A queued snooze's end (queued snoozes carry `until`, an instant, never a duration that would count from when it is sent). */
const snoozeEnd = (write: QueuedRequest): string | undefined => {
  const until = write.body && typeof write.body === "object" ? (write.body as { until?: unknown }).until : undefined;
  return typeof until === "string" ? until : undefined;
};

/**
 * What a queued change would have set, for the *Not applied* report: an
 * edit's fields, a completion's or reopen's status, a snooze's end.
 */
export function fieldsOf(write: QueuedRequest): [string, unknown][] {
  const kind = kindOf(write);
  if (kind === "edit" && write.body && typeof write.body === "object") return Object.entries(write.body);
  if (kind === "complete") return [["status", "completed"]];
  if (kind === "reopen") return [["status", "open"]];
  if (kind === "snooze") return [["snoozedUntil", snoozeEnd(write) ?? null]];
  return [];
}

/**
 * A completion refused because the task is already completed (or a reopen
 * because it is open) finds the task as the person wanted it: sent already
 * (its answer lost, then sent again) or done by someone else. It counts as
 * sent, as a delete that finds the task gone does. A write queued now
 * carries an Idempotency-Key, so its own earlier attempt is answered as a
 * replay (ADR 0018); this is for writes queued by an older build without
 * one, and for a change someone else made meanwhile.
 */
export function alreadyDone(write: QueuedRequest, now: Pick<KeptTask, "status">): boolean {
  const kind = kindOf(write);
  return (kind === "complete" && now.status === "completed") || (kind === "reopen" && now.status === "open");
}

/** The task and its subtasks at any depth among `tasks`. */
export function subtreeOf(tasks: Pick<KeptTask, "id" | "parentId">[], id: string): Set<string> {
  const ids = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const t of tasks) if (t.parentId && ids.has(t.parentId) && !ids.has(t.id)) { ids.add(t.id); grew = true; }
  }
  return ids;
}

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)$/;

/**
 * Whether `asked` says nothing new about `have`: equal, the same instant
 * written another way, or (objects) every field it names the same. The
 * editor sends every field; only the ones the person changed are queued.
 */
export function sameValue(asked: unknown, have: unknown): boolean {
  if (asked === have) return true;
  if (typeof asked === "string" && typeof have === "string") return INSTANT.test(asked) && INSTANT.test(have) && Date.parse(asked) === Date.parse(have);
  if (Array.isArray(asked)) return Array.isArray(have) && asked.length === have.length && asked.every((a, i) => sameValue(a, have[i]));
  if (asked && typeof asked === "object" && have && typeof have === "object" && !Array.isArray(have)) {
    return Object.entries(asked).every(([k, v]) => sameValue(v, (have as Record<string, unknown>)[k]));
  }
  return false;
}

/** The fields of an edit that change the task, with their new values. */
export function changedFields(task: object, body: Record<string, unknown>): Record<string, unknown> {
  const have = task as Record<string, unknown>;
  return Object.fromEntries(Object.entries(body).filter(([k, v]) => !sameValue(v, have[k])));
}

/**
 * A refusal on replay that no later try will turn into a success: the task
 * changed or went meanwhile (412, 404, 409, 410) or the write is refused as it
 * is (other 4xx). 401 (sign in again), 408, 429 and 5xx keep it queued.
 */
export const isFinalRefusal = (status: number) => status >= 400 && status < 500 && ![401, 408, 429].includes(status);

/** A refusal that means the task is no longer as the offline change saw it: the app shows the server's version. */
export const isConflict = (status: number) => status === 412 || status === 404 || status === 409 || status === 410;
