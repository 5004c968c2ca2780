/**
 * The audit app's internal API as the api app calls it: the paths and the
 * entry shape in one place, shared by the client here and the audit app's
 * routes (src/audit/routes.ts), so neither app imports the other. Reached
 * only through Dapr service invocation.
 */
import type { Sidecar } from "../sidecar.js";

export interface HistoryEntry {
  eventId: string;
  taskId: string;
  type: string;
  version: number;
  occurredAt: string;
  actor: string;
  changed: string[];
  task: Record<string, unknown>;
  /** When the audit service recorded it: the order of the per-user feed. */
  recordedAt: string;
}

/** One entry of a list's activity: a change of one of its tasks (`taskId`, `task`) or of the list itself (`kind`, `list`). */
export interface ActivityEntry {
  eventId: string;
  type: string;
  version: number;
  occurredAt: string;
  recordedAt: string;
  /** A task's change: the task, its maker and the fields that changed. */
  taskId: string | null;
  task: Record<string, unknown> | null;
  changed: string[];
  /** Who: who changed the task (its maker for the service's own changes and entries from before events named it), or who changed the list. */
  actor: string;
  /** A list's change: what was done (create, update, invite, answer, setRole, removeMember, withdraw, ...), whom it was about, and the list after it. */
  kind: string | null;
  memberId: string | null;
  list: Record<string, unknown> | null;
  /** A comment's change (`kind` added, edited or deleted; `taskId` its task; `actor` who did it): the comment after it. */
  comment: Record<string, unknown> | null;
}

/** Where a list's activity continues: before this entry (occurredAt, then id). */
export interface ActivityBefore {
  occurredAt: string;
  id: string;
}

/** Where a per-user feed continues: after this entry (recordedAt, then id). */
export interface HistoryAfter {
  recordedAt: string;
  id: string;
}

/** The audit app's routes under AUDIT_ROUTES.prefix. */
export const AUDIT_ROUTES = { prefix: "/internal", taskHistory: "/history/:taskId", feed: "/history", entry: "/history-entry", activity: "/activity/:listId" } as const;

export interface AuditClient {
  /** The owner's feed after `after`, oldest first; `fresh` reads up to now instead of holding back the newest entries. */
  history(ownerId: string, after: HistoryAfter | null, limit: number, fresh: boolean): Promise<HistoryEntry[]>;
  /** One task's entries, whoever may see them (the caller filters: src/domain/access.ts). */
  taskHistory(taskId: string): Promise<HistoryEntry[]>;
  /** One entry of the owner's feed, by event id. */
  entry(ownerId: string, eventId: string): Promise<HistoryEntry | null>;
  /** A list's activity, newest first (by occurredAt, then id), before `before`. */
  activity(listId: string, before: ActivityBefore | null, limit: number): Promise<ActivityEntry[]>;
}

export function auditClient(sidecar: Pick<Sidecar, "invokeApp">, appId: string): AuditClient {
  const get = <T>(path: string, query: Record<string, string>) =>
    sidecar.invokeApp<T>(appId, "GET", `${AUDIT_ROUTES.prefix.slice(1)}${path}?${new URLSearchParams(query)}`);
  return {
    history: async (ownerId, after, limit, fresh) =>
      (
        await get<{ items: HistoryEntry[] }>(AUDIT_ROUTES.feed, {
          ownerId,
          limit: String(limit),
          ...(after ? { afterRecordedAt: after.recordedAt, afterId: after.id } : {}),
          ...(fresh ? { fresh: "1" } : {}),
        })
      )?.items ?? [],
    taskHistory: async (taskId) =>
      (await get<{ items: HistoryEntry[] }>(AUDIT_ROUTES.taskHistory.replace(":taskId", () => taskId), {}))?.items ?? [],
    entry: async (ownerId, eventId) => (await get<{ item: HistoryEntry | null }>(AUDIT_ROUTES.entry, { ownerId, eventId }))?.item ?? null,
    activity: async (listId, before, limit) =>
      (
        await get<{ items: ActivityEntry[] }>(AUDIT_ROUTES.activity.replace(":listId", () => listId), {
          limit: String(limit),
          ...(before ? { beforeOccurredAt: before.occurredAt, beforeId: before.id } : {}),
        })
      )?.items ?? [],
  };
}
