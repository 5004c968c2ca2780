
/** The task as the domain knows it. Persisted as one object per actor. */
export const PRIORITIES = ["none", "low", "medium", "high"] as const;
export type Priority = (typeof PRIORITIES)[number];
export type TaskStatus = "open" | "completed";

/** A reminder relative to the due date (ISO 8601 duration) or at a fixed instant. */
export type Reminder = { before: string } | { at: string };

export const RECURRENCE_MODES = ["schedule", "completion"] as const;
export type RecurrenceMode = (typeof RECURRENCE_MODES)[number];

/** RFC 5545 RRULE without DTSTART: the series starts at `dueAt` in `timeZone`. */
export interface Recurrence {
  rule: string;
  mode: RecurrenceMode;
}

export interface Task {
  id: string;
  ownerId: string;
  title: string;
  description: string;
  status: TaskStatus;
  priority: Priority;
  tags: string[];
  dueAt: string | null;
  timeZone: string;
  reminders: Reminder[];
  recurrence: Recurrence | null;
  seriesId: string | null;
  snoozedUntil: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * What the actor stores. A deleted task stays as a tombstone so that its
 * version keeps counting up: consumers order events by version, and a
 * re-created or late event must never look newer than the deletion.
 */
export interface TaskRecord {
  task: Task;
  deletedAt: string | null;
  /** Hash of the create request when it carried an Idempotency-Key. */
  createRequestHash?: string | null;
  /** Where a recurring task sits in its series. */
  series?: SeriesPosition | null;
  /** The next occurrence, once spawned (at most one per occurrence). */
  nextOccurrenceId?: string | null;
}

/** How long a create with an Idempotency-Key may be replayed. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Fields a client may set on create. */
export interface TaskInput {
  title: string;
  description?: string;
  priority?: Priority;
  tags?: string[];
  dueAt?: string | null;
  timeZone?: string;
  reminders?: Reminder[];
  recurrence?: Recurrence | null;
}

/** Fields a client may change with PATCH. */
export type TaskPatch = Partial<Omit<TaskInput, "title">> & { title?: string };

/** Where a recurring task sits in its series (src/domain/series.ts spawns the next one). */
export interface SeriesPosition {
  seriesId: string;
  /** DTSTART of the series as the rule sees it (the first occurrence's dueAt). */
  start: string;
  /** 1 for the first occurrence. */
  index: number;
}
