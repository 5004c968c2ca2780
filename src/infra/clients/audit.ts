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

/** Where a per-user feed continues: after this entry (recordedAt, then id). */
export interface HistoryAfter {
  recordedAt: string;
  id: string;
}

/** The audit app's routes under AUDIT_ROUTES.prefix. */
export const AUDIT_ROUTES = { prefix: "/internal", taskHistory: "/history/:taskId", feed: "/history", entry: "/history-entry" } as const;

export interface AuditClient {
  /** The owner's feed after `after`, oldest first; `fresh` reads up to now instead of holding back the newest entries. */
  history(ownerId: string, after: HistoryAfter | null, limit: number, fresh: boolean): Promise<HistoryEntry[]>;
  /** One task's entries. */
  taskHistory(taskId: string, ownerId: string): Promise<HistoryEntry[]>;
  /** One entry of the owner's feed, by event id. */
  entry(ownerId: string, eventId: string): Promise<HistoryEntry | null>;
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
    taskHistory: async (taskId, ownerId) =>
      (await get<{ items: HistoryEntry[] }>(AUDIT_ROUTES.taskHistory.replace(":taskId", () => taskId), { ownerId }))?.items ?? [],
    entry: async (ownerId, eventId) => (await get<{ item: HistoryEntry | null }>(AUDIT_ROUTES.entry, { ownerId, eventId }))?.item ?? null,
  };
}
