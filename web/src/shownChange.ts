/**
 * A change made in the web app against the list as read: the read model is a
 * moment behind the writes, so a page read while a change was under way, or
 * just after, can show the task as it was before it.
 */
import type { Task } from "./types.js";

/** A task as this page shows it after a change made here; `pending`: the change's request has not answered yet. */
export interface ShownChange {
  task: Task;
  pending: boolean;
}

/**
 * Whether a task as read from the list (the read model, a moment behind the
 * writes) is older than the change shown for it here: then the row keeps the
 * change. A reload under way when a box was ticked answered the task open and
 * unticked it again until the next reload. An answered change carries the
 * task's new version; one still pending carries the version it was made on.
 */
export function shownOverRead(read: Task, shown: ShownChange): boolean {
  return read.version < shown.task.version || (shown.pending && read.version === shown.task.version);
}
