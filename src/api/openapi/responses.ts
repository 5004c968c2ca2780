/**
 * What the API answers, as zod schemas: the presenters are typed by them (so
 * the compiler keeps the two in step) and the OpenAPI document is generated
 * from them; the task's is derived from the domain's (src/domain/task.ts).
 * Strict objects: a field the code adds without adding it here fails the
 * contract test.
 */
import { z } from "zod";
import { instantSchema, WRITABLE_TASK_FIELDS, type WritableTaskField } from "../../domain/index.js";
import { taskBodySchema } from "../../events/taskBody.js";

const instant = instantSchema;
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/).meta({ format: "uuid" });

/** The public task body (src/events/taskBody.ts), with the ids the API issues stated as UUIDs. */
export const taskSchema = taskBodySchema.extend({ id: uuid, seriesId: uuid.nullable() });
export type TaskBody = z.output<typeof taskSchema>;

export const parsedSpanSchema = z.strictObject({
  field: z.enum(["dueAt", "recurrence", "tags", "priority", "reminders"]),
  start: z.number().int().min(0).meta({ description: "UTF-16 offset into text" }),
  end: z.number().int().min(0).meta({ description: "UTF-16 offset, exclusive" }),
  text: z.string(),
  value: z.unknown(),
  assumed: z.array(z.string()).optional().meta({ description: "choices made where the text left something open" }),
});

export const quickTaskSchema = taskSchema.extend({ parsed: z.array(parsedSpanSchema) });
/** The writable fields of a task (src/domain/task.ts), as a pick mask. */
const WRITABLE = Object.fromEntries(WRITABLE_TASK_FIELDS.map((field) => [field, true])) as Record<WritableTaskField, true>;
/** A draft has no list or place yet: the list is resolved when the task is made. */
export const quickDraftSchema = taskSchema.pick(WRITABLE).partial({ listId: true, position: true, parentId: true, assigneeId: true }).extend({ parsed: z.array(parsedSpanSchema) });

export const taskPageSchema = z.strictObject({
  items: z.array(taskSchema),
  nextCursor: z.string().nullable().meta({ description: "the next page's cursor; null at the end (a page may be short, even empty, and still have one)" }),
});
export const completeResultSchema = z.strictObject({ task: taskSchema, next: taskSchema.nullable() });
export const occurrencesSchema = z.strictObject({ items: z.array(z.strictObject({ dueAt: instant })) });

export const historyEntrySchema = z.strictObject({
  eventId: z.string(),
  taskId: uuid,
  type: z.string().meta({ description: "tickler.task.<kind>.v1" }),
  version: z.number().int(),
  occurredAt: instant,
  recordedAt: instant,
  actor: z.string().meta({ description: "who made the change; the task's maker for changes the service made and for those recorded before events named who made them" }),
  changed: z.array(z.string()),
  task: z.record(z.string(), z.unknown()),
});
export const historySchema = z.strictObject({ items: z.array(historyEntrySchema) });
export const activityEntrySchema = z.strictObject({
  eventId: z.string(),
  type: z.string().meta({ description: "tickler.task.<kind>.v1 (a task's change), tickler.list.changed.v1 (the list's) or tickler.comment.changed.v1 (a comment on one of its tasks)" }),
  version: z.number().int().meta({ description: "the task's or the list's version after the change" }),
  occurredAt: instant,
  recordedAt: instant,
  taskId: uuid.nullable(),
  task: z.record(z.string(), z.unknown()).nullable(),
  changed: z.array(z.string()),
  actor: z.string().meta({ description: "who changed the task (its maker for the service's own changes and older entries), the list or the comment" }),
  kind: z.string().nullable().meta({ description: "a list's change: create, update, delete, invite, answer, setRole, removeMember, withdraw; a comment's: added, edited, deleted" }),
  memberId: z.string().nullable().meta({ description: "whom a membership change is about" }),
  list: z.record(z.string(), z.unknown()).nullable().meta({ description: "the list after its change" }),
  comment: z.record(z.string(), z.unknown()).nullable().meta({ description: "a comment's change: the comment after it ({ id, taskId, authorId, text, createdAt, editedAt })" }),
});
export const activityPageSchema = z.strictObject({ items: z.array(activityEntrySchema), nextCursor: z.string().nullable() });
export const historyPageSchema = z.strictObject({ items: z.array(historyEntrySchema), nextCursor: z.string().nullable() });

export const tagsSchema = z.strictObject({ items: z.array(z.strictObject({ tag: z.string(), count: z.number().int() })) });
export const tagRenamedSchema = z.strictObject({ tag: z.string(), renamedFrom: z.string(), tasksChanged: z.number().int() });

export const webhookSchema = z.strictObject({ id: z.string(), url: z.string(), createdAt: instant });
export const webhooksSchema = z.strictObject({ items: z.array(webhookSchema) });

const webhookDeliverySchema = z.strictObject({
  url: z.string(),
  state: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  deliveredAt: instant.nullable(),
});
const emailDeliverySchema = z.strictObject({
  to: z.string(),
  state: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  deliveredAt: instant.nullable(),
});
export const notificationSchema = z.strictObject({
  deliveryId: z.string(),
  /** reminder (a fired reminder) or digest (the daily digest, no task); absent on scheduled entries. */
  kind: z
    .enum(["reminder", "digest", "confirmation", "invitation", "mention", "assignment"])
    .optional()
    .meta({ description: "confirmation: the email with the link that confirms a new address; invitation: the email inviting the user to a list; mention: a comment that mentions the user (taskId its task, title the task's); assignment: someone else assigned the task to the user (taskId, title the task's)" }),
  taskId: uuid.nullable(),
  title: z.string(),
  remindAt: instant,
  firedAt: instant.nullable(),
  state: z.enum(["scheduled", "fired", "delivered", "failed"]),
  heldUntil: instant.nullable().optional().meta({ description: "Held by the user's quiet hours: its channels are sent at this instant (the end of the window)" }),
  dueAt: instant.nullable().optional().meta({ description: "When the next pending delivery is due (null when none is)" }),
  channels: z
    .strictObject({ inbox: z.literal("delivered"), webhooks: z.array(webhookDeliverySchema), email: emailDeliverySchema.nullable().optional() })
    .nullable(),
});
export const notificationsSchema = z.strictObject({ items: z.array(notificationSchema) });

export const problemSchema = z.strictObject({
  type: z.string().meta({ description: "https://tickler.dev/problems/<code>" }),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
  /** limit_reached: which documented cap (docs/security.md) and its value. */
  limit: z.strictObject({ name: z.string(), max: z.number().int() }).optional(),
  /** outcome-unknown: the task (or list) the write was for, and the Idempotency-Key that makes a retry safe (task writes). */
  taskId: z.string().optional(),
  listId: z.string().optional(),
  idempotencyKey: z.string().optional(),
});

export const healthSchema = z.strictObject({
  /** up: every shared dependency (store, broker, Redis) answered the latest background check. Which one is down is on the internal route only. */
  status: z.enum(["up", "down"]),
});
export const readinessSchema = z.strictObject({
  status: z.enum(["ready", "not ready"]),
  checks: z.record(z.string(), z.enum(["ok", "down"])),
});

const localTime = z.string().regex(/^\d\d:\d\d$/).meta({ description: "HH:MM in timeZone" });
const channelList = z.array(z.enum(["webhook", "email", "inbox"]));
export const preferencesSchema = z.strictObject({
  timeZone: z.string(),
  email: z.string().nullable(),
  emailConfirmed: z.boolean().meta({ description: "the address's owner followed the confirmation link sent to it; until then no reminder or digest is emailed. Server-owned: a PUT may not send it" }),
  channels: z.strictObject({
    reminders: channelList,
    digest: channelList,
    assignments: channelList.meta({ description: "\"assigned to you\" notices; [] when the user turned them off" }),
  }),
  quietHours: z.strictObject({ start: localTime, end: localTime }).nullable(),
  digestTime: localTime.nullable(),
  defaultReminders: z.array(z.string()),
});
export const emailConfirmationSentSchema = z.strictObject({ email: z.string(), emailConfirmed: z.literal(false) });
export const calendarFeedSchema = z.strictObject({
  url: z.string().meta({ description: "the secret feed URL: anyone holding it can read the calendar; POST again for a new one (the old stops working)" }),
});

const appPasswordFields = {
  id: z.string().regex(/^[0-9a-f]{16}$/),
  name: z.string(),
  createdAt: instant,
  lastUsedAt: instant.nullable().meta({ description: "the latest request it authenticated (to the minute); null: never used" }),
};
export const appPasswordSchema = z.strictObject(appPasswordFields);
export const appPasswordsSchema = z.strictObject({ items: z.array(appPasswordSchema) });
export const appPasswordCreatedSchema = z.strictObject({
  ...appPasswordFields,
  username: z.string().meta({ description: "the user name to give the client with this password (the caller's user id)" }),
  password: z.string().meta({ description: "shown this once: only a slow hash of it is stored" }),
  url: z.string().meta({ description: "the CalDAV address to give the client (docs/caldav.md)" }),
});

const importedFromSchema = z.strictObject({ authorId: z.string(), createdAt: instant, editedAt: instant.nullable() })
  .meta({ description: "made by an import (its author is the importer): who wrote it and when, as the imported file said (unverified)" });
export const commentSchema = z.strictObject({
  id: uuid,
  taskId: uuid,
  authorId: z.string(),
  text: z.string(),
  createdAt: instant,
  editedAt: instant.nullable(),
  importedFrom: importedFromSchema.optional(),
});
/** A comment in the export file: its task is the one it is under. */
const fileCommentSchema = commentSchema.omit({ taskId: true });

export const exportSchema = z.strictObject({
  format: z.literal("tickler.export"),
  version: z.literal(1),
  exportedAt: instant,
  truncated: z.boolean().meta({ description: "the user has more than 5,000 tasks; the first 5,000 by creation are here" }),
  historyTruncated: z.boolean().meta({ description: "more than 50,000 history entries; the oldest are here" }),
  commentsTruncated: z.boolean().meta({ description: "more than 20,000 comments: the tasks past the cut carry no comments field" }),
  lists: z.array(z.strictObject({ id: uuid, name: z.string(), colour: z.string().nullable(), archived: z.boolean(), position: z.string(), inbox: z.boolean() }))
    .meta({ description: "the lists the caller may read (their own and those shared with them): an import makes them again as the importer's own" }),
  tasks: z.array(taskSchema.extend({
    history: z.array(historyEntrySchema),
    comments: z.array(fileCommentSchema).optional().meta({ description: "the task's comments, oldest first; absent on a task past the cut (commentsTruncated)" }),
  })),
});
export const importResultSchema = z.strictObject({
  total: z.number().int(),
  created: z.number().int(),
  existing: z.number().int().meta({ description: "imported before (same source): nothing created" }),
  comments: z.strictObject({
    created: z.number().int(),
    existing: z.number().int().meta({ description: "made by an earlier import of the same file (or deleted since): not made again" }),
    leftOut: z.number().int().meta({ description: "not made: the task holds 200 comments, the importer may not comment where it is, or it was deleted" }),
  }).meta({ description: "the file's comments (Tickler JSON; a CSV has none)" }),
  lists: z.array(z.strictObject({ id: uuid, name: z.string(), outcome: z.enum(["created", "existing"]) }))
    .meta({ description: "the lists the tasks went to that the import made (or found, made by an earlier import of the same source)" }),
  items: z.array(z.strictObject({
    row: z.number().int().meta({ description: "CSV: the row (header = 1); JSON: the index in tasks" }),
    id: uuid,
    outcome: z.enum(["created", "existing"]),
  })),
});

export const commentsSchema = z.strictObject({ items: z.array(commentSchema).meta({ description: "oldest first" }) });
