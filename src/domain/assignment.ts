/**
 * Who is told "assigned to you" for a task's event (docs/lists.md#assignees).
 * Pure: the notifications app asks the list's actor whether that user may
 * read the task now, and records the notification under `notificationId`.
 */
import type { TaskEvent } from "./events.js";

/** One notification per task version: a redelivered event finds it recorded and tells nobody twice. */
export const assignmentNotificationId = (taskId: string, version: number): string => `assigned:${taskId}:v${version}`;

export interface AssignmentNotice {
  /** The assignee, to be told. */
  userId: string;
  /** Who assigned them. */
  assignedBy: string;
  notificationId: string;
}

/**
 * The assignee this event makes, if someone else's change made them so: a
 * create with an assignee, or a change (an update, a revert) naming
 * `assigneeId` that leaves one. Nobody for an unassignment, for oneself, and
 * for a change that names no actor (made by the service, such as a recurring
 * task's next occurrence keeping its assignee, or an event from before events
 * carried one): whoever is told must have been assigned by a person.
 */
export function assignmentNotice(event: Pick<TaskEvent, "kind" | "taskId" | "version" | "changed" | "actorId"> & { task: { assigneeId: string | null } }): AssignmentNotice | null {
  const assignee = event.task.assigneeId;
  if (assignee === null || event.actorId === undefined || event.actorId === assignee) return null;
  if (event.kind === "deleted" || !event.changed.includes("assigneeId")) return null;
  return { userId: assignee, assignedBy: event.actorId, notificationId: assignmentNotificationId(event.taskId, event.version) };
}
