/** The task as the domain knows it. Persisted as one object per actor. */
export const PRIORITIES = ["none", "low", "medium", "high"] as const;
export type Priority = (typeof PRIORITIES)[number];
export type TaskStatus = "open" | "completed";

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
}

/** Fields a client may set on create. */
export interface TaskInput {
  title: string;
  description?: string;
  priority?: Priority;
  tags?: string[];
  dueAt?: string | null;
  timeZone?: string;
}

/** Fields a client may change with PATCH. */
export type TaskPatch = Partial<Omit<TaskInput, "title">> & { title?: string };
