/**
 * CloudEvents 1.0 envelopes for task events. We build them ourselves (rather
 * than letting daprd wrap a payload) so that `id` is our eventId — stable
 * across redeliveries and outbox re-flushes — and `type` is versioned.
 */
import { z } from "zod";
import { TASK_EVENT_KINDS, taskSchema, tolerant, type ReminderDue, type TaskEvent, type TaskEventKind } from "../domain/index.js";

export const taskEventType = (kind: TaskEventKind): string => `tickler.task.${kind}.v1`;
export const TASK_EVENT_TYPES = TASK_EVENT_KINDS.map(taskEventType);

export interface CloudEvent<T> {
  specversion: "1.0";
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: "application/json";
  data: T;
  /**
   * W3C trace context (CloudEvents distributed-tracing extension). daprd keeps
   * a `traceid` it finds instead of stamping its own, so both are set.
   */
  traceparent?: string;
  traceid?: string;
  tracestate?: string;
}

export interface TaskEventData extends TaskEvent {
  type: string;
}

export function taskEventEnvelope(event: TaskEvent, source: string): CloudEvent<TaskEventData> {
  const type = taskEventType(event.kind);
  return {
    specversion: "1.0",
    id: event.eventId,
    source,
    type,
    subject: event.taskId,
    time: event.occurredAt,
    datacontenttype: "application/json",
    data: { type, ...event },
  };
}

const isoInstant = z.string().datetime({ offset: true });

/**
 * The task as events carry it: the domain's schema (src/domain/task.ts), read
 * tolerantly. An event from before lists has no list: it reads as "" here and
 * the read model puts the task in its owner's Inbox (src/infra/taskLists.ts).
 */
export const taskSnapshotSchema = tolerant(taskSchema.extend({ listId: z.string().default(""), position: z.string().default(""), parentId: z.string().min(1).nullable().default(null), assigneeId: z.string().min(1).nullable().default(null) }));

/** What every consumer checks before acting: a malformed event is dead-lettered, never half-applied. */
export const taskEventDataSchema = z.object({
  type: z.enum(TASK_EVENT_TYPES as [string, ...string[]]),
  kind: z.enum(TASK_EVENT_KINDS),
  eventId: z.string().min(1),
  taskId: z.string().min(1),
  ownerId: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: isoInstant,
  changed: z.array(z.string()),
  // Optional: events committed before it was carried have none (src/domain/events.ts).
  actorId: z.string().min(1).optional(),
  movedFrom: z.string().min(1).optional(),
  spawnedFrom: z.string().min(1).optional(),
  task: taskSnapshotSchema,
});

export type ParsedTaskEvent = z.infer<typeof taskEventDataSchema>;

export const REMINDER_DUE_TYPE = "tickler.reminder.due.v1";

export interface ReminderDueData extends ReminderDue {
  type: typeof REMINDER_DUE_TYPE;
}

/** `id` is the delivery id: one per reminder firing, the same on every redelivery. */
export function reminderDueEnvelope(due: ReminderDue, source: string): CloudEvent<ReminderDueData> {
  return {
    specversion: "1.0",
    id: due.deliveryId,
    source,
    type: REMINDER_DUE_TYPE,
    subject: due.taskId,
    time: due.firedAt,
    datacontenttype: "application/json",
    data: { type: REMINDER_DUE_TYPE, ...due },
  };
}

export const reminderDueDataSchema = z.object({
  type: z.literal(REMINDER_DUE_TYPE),
  deliveryId: z.string().min(1),
  taskId: z.string().min(1),
  ownerId: z.string().min(1),
  remindAt: isoInstant,
  firedAt: isoInstant,
  task: taskSnapshotSchema,
});

export type ParsedReminderDue = z.infer<typeof reminderDueDataSchema>;

export class UnpublishableEventError extends Error {}

/**
 * The producer side of the contract: the same schemas consumers apply. An
 * event that fails here is a bug in this service; refusing it before it is
 * committed keeps it out of the outbox (where it would be retried forever)
 * and off the dead-letter topics.
 */
export function checkPublishable(item: { event: TaskEvent } | { due: ReminderDue }, source = "tickler/check"): void {
  const [id, result] =
    "event" in item
      ? [item.event.eventId, taskEventDataSchema.safeParse(taskEventEnvelope(item.event, source).data)]
      : [item.due.deliveryId, reminderDueDataSchema.safeParse(reminderDueEnvelope(item.due, source).data)];
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new UnpublishableEventError(`event ${id} does not match its published schema: ${issues.join("; ")}`);
  }
}
