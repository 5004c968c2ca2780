import type { Task } from "./task.js";

export const TASK_EVENT_KINDS = ["created", "updated", "completed", "reopened", "deleted", "snoozed", "restored", "reverted"] as const;
export type TaskEventKind = (typeof TASK_EVENT_KINDS)[number];

/**
 * A fact about one task at one version. `eventId` is derived from the task id
 * and version, so a redelivered or re-flushed event always carries the same id
 * and consumers can deduplicate on it.
 */
export interface TaskEvent {
  kind: TaskEventKind;
  eventId: string;
  taskId: string;
  ownerId: string;
  version: number;
  occurredAt: string;
  /** Names of the fields this change touched (all fields on create). */
  changed: string[];
  /**
   * Who made the change: the user whose command it was (`ownerId` is the
   * task's maker). A recurring task's next occurrence is its maker's; absent
   * on events committed before it was carried.
   */
  actorId?: string;
  /** The list the task left, when this change moved it to another (CalDAV's sync of that list reports it gone). */
  movedFrom?: string;
  /** On a recurring task's next occurrence: the occurrence before it (its subtasks come back under this one, docs/subtasks.md). */
  spawnedFrom?: string;
  task: Task;
}

export const taskEventId = (taskId: string, version: number): string => `${taskId}:v${version}`;

/** A reminder fired for a task in a state that still wants it. */
export interface ReminderDue {
  deliveryId: string;
  taskId: string;
  ownerId: string;
  remindAt: string;
  firedAt: string;
  task: Task;
}
