/**
 * The task contract: one zod schema from which the domain type (below), the
 * event snapshot (src/events/envelope.ts), the public body and its OpenAPI
 * schema (src/events/taskBody.ts, src/api/openapi/responses.ts), the read
 * model's stored fields (src/infra/readModel.ts) and, through the served
 * document, the web app's types (web/src/api-types.ts) are derived.
 * Persisted as one object per actor. Strict: what the service produces has
 * exactly these fields (consumers read it tolerantly, see `tolerant`).
 */
import { z } from "zod";
import type { AppliedWrite } from "./appliedWrites.js";

export const PRIORITIES = ["none", "low", "medium", "high"] as const;
export const TASK_STATUSES = ["open", "completed"] as const;
export const RECURRENCE_MODES = ["schedule", "completion"] as const;

export const instantSchema = z.iso.datetime({ offset: true }).meta({ description: "RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)" });

/** A reminder relative to the due date (ISO 8601 duration) or at a fixed instant. */
export const reminderSchema = z.union([
  z.strictObject({ before: z.string().meta({ description: "ISO 8601 duration before dueAt, e.g. PT15M" }) }),
  z.strictObject({ at: instantSchema }),
]);

/** RFC 5545 RRULE without DTSTART: the series starts at `dueAt` in `timeZone`. */
export const recurrenceSchema = z.strictObject({ rule: z.string(), mode: z.enum(RECURRENCE_MODES) });

export const taskSchema = z.strictObject({
  id: z.string().min(1),
  ownerId: z.string().min(1),
  listId: z.string().min(1).meta({ description: "the list the task belongs to (each user's Inbox unless given)" }),
  position: z.string().min(1).meta({ description: "the task's place in its list: a fractional key, compared as a plain string (docs/lists.md)" }),
  parentId: z.string().min(1).nullable().meta({ description: "the task this one is a subtask of, in the same list (at most 4 levels; docs/subtasks.md); null for a top-level task" }),
  assigneeId: z.string().min(1).nullable().meta({ description: "the member of the task's list it is assigned to, who gets its reminders (docs/lists.md#assignees); null: unassigned" }),
  title: z.string(),
  description: z.string(),
  status: z.enum(TASK_STATUSES),
  priority: z.enum(PRIORITIES),
  tags: z.array(z.string()),
  dueAt: instantSchema.nullable(),
  timeZone: z.string(),
  reminders: z.array(reminderSchema),
  recurrence: recurrenceSchema.nullable(),
  seriesId: z.string().nullable(),
  snoozedUntil: instantSchema.nullable(),
  completedAt: instantSchema.nullable(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  version: z.number().int().min(1),
});

export type Priority = (typeof PRIORITIES)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type RecurrenceMode = (typeof RECURRENCE_MODES)[number];
export type Reminder = z.output<typeof reminderSchema>;
export type Recurrence = z.output<typeof recurrenceSchema>;
export type Task = z.output<typeof taskSchema>;
/** The task's fields, in the schema's order. */
export const TASK_FIELDS = Object.keys(taskSchema.shape) as (keyof Task)[];

/**
 * The same schema as a tolerant reader: every object strips fields it does
 * not know instead of refusing them, so an event from a newer producer is
 * still read by an older consumer (what src/events/envelope.ts checks).
 */
export function tolerant<T extends z.ZodType>(schema: T): z.ZodType<z.output<T>> {
  return loosen(schema) as z.ZodType<z.output<T>>;
}

function loosen(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) return z.object(Object.fromEntries(Object.entries(schema.shape as Record<string, z.ZodType>).map(([k, v]) => [k, loosen(v)])));
  if (schema instanceof z.ZodNullable) return loosen(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodArray) return z.array(loosen(schema.element as z.ZodType));
  if (schema instanceof z.ZodUnion) return z.union((schema.options as z.ZodType[]).map(loosen));
  return schema;
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
  /** The last past versions' content, oldest first, for revert (src/domain/undo.ts). */
  past?: KeptVersion[];
  /** The last writes applied under an Idempotency-Key (src/domain/appliedWrites.ts); absent in a record stored before them. */
  appliedWrites?: AppliedWrite[];
}

/** The fields a revert sets back (src/domain/undo.ts): everything the task's users changed; ids, owner, series, timestamps and version stay the server's. */
export const REVERTIBLE_FIELDS = [
  "title", "description", "priority", "tags", "dueAt", "timeZone", "reminders", "recurrence",
  "listId", "position", "parentId", "assigneeId", "status", "completedAt", "snoozedUntil",
] as const satisfies readonly (keyof Task)[];
export type RevertibleField = (typeof REVERTIBLE_FIELDS)[number];
export type TaskContent = Pick<Task, RevertibleField>;

/** One past version of a task, as revert reads it. */
export interface KeptVersion {
  version: number;
  content: TaskContent;
}

/** How long a create with an Idempotency-Key may be replayed. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The fields a client may write (create and PATCH); every other field of the task is the server's. */
export const WRITABLE_TASK_FIELDS = ["title", "description", "priority", "tags", "dueAt", "timeZone", "reminders", "recurrence", "listId", "position", "parentId", "assigneeId"] as const satisfies readonly (keyof Task)[];
export type WritableTaskField = (typeof WRITABLE_TASK_FIELDS)[number];

/** Fields the server sets, and `text` (a recurrence's words): a request naming one is told so. */
export const SERVER_OWNED_FIELDS: readonly string[] = [...TASK_FIELDS.filter((f) => !(WRITABLE_TASK_FIELDS as readonly string[]).includes(f)), "text"];

/** Fields a client may set on create. */
export type TaskInput = Pick<Task, "title"> & Partial<Pick<Task, Exclude<WritableTaskField, "title">>>;

/** Fields a client may change with PATCH. */
export type TaskPatch = Partial<Pick<Task, WritableTaskField>>;

/** Where a recurring task sits in its series (src/domain/series.ts spawns the next one). */
export interface SeriesPosition {
  seriesId: string;
  /** DTSTART of the series as the rule sees it (the first occurrence's dueAt). */
  start: string;
  /** 1 for the first occurrence. */
  index: number;
}
