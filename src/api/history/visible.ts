/**
 * Which history entries a user may see now: a task's change recorded while
 * the task was in a list they may read now, or in its maker's Inbox when
 * they are the maker (src/domain/access.ts `visibleIn`, surface `history`).
 * So a member sees the history of a shared list's tasks, and a maker who
 * left (or was removed from) a list sees none of what happened there, also
 * of the tasks they made in it.
 */
import type { AuditClient, HistoryEntry } from "../../infra/clients/audit.js";
import type { ListAccessChecks } from "../../infra/listAccess.js";

export type HistoryAccess = Pick<ListAccessChecks, "readable" | "visible">;

/** A filter over `userId`'s entries, from the lists they may read now (one read of the lists view). */
export async function historyVisibleTo(access: HistoryAccess, userId: string): Promise<(entry: HistoryEntry) => boolean> {
  const visible = access.visible(await access.readable(userId), userId);
  return (entry) => {
    // The task as that version left it says its maker and its list (`actor` is who made the change).
    const { listId, ownerId } = entry.task;
    return typeof ownerId === "string" && visible({ ownerId, listId: typeof listId === "string" ? listId : null });
  };
}

/** A task's history as `userId` may see it now. */
export function taskHistoryFor(audit: Pick<AuditClient, "taskHistory">, access: HistoryAccess) {
  return async (taskId: string, userId: string): Promise<HistoryEntry[]> => {
    const [entries, visible] = await Promise.all([audit.taskHistory(taskId), historyVisibleTo(access, userId)]);
    return entries.filter(visible);
  };
}
