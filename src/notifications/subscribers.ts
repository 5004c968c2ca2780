/**
 * reminders → the notification service. Each `reminder.due` is recorded once
 * in the user's inbox (keyed by delivery id, so a redelivered event notifies
 * nobody twice) with the deliveries the user's preferences ask for: one per
 * webhook, and one email; the dispatcher sends them. A reminder inside the
 * user's quiet hours is recorded held: its deliveries are due at the end of
 * the window, and the due-queue sends them then.
 */
import { presentTask } from "../events/taskBody.js";
import { deliverableEmail, deliveryIdOf, isExplicitReminder, planReminders, quietHoursEnd, reminderNameOf, type Preferences } from "../domain/index.js";
import {
  REMINDER_DUE_TYPE,
  reminderDueDataSchema,
  TASK_EVENT_TYPES,
  taskEventDataSchema,
  type ParsedReminderDue,
  type ParsedTaskEvent,
} from "../events/envelope.js";
import { z } from "zod";
import { isListEvent, LIST_EVENT_TYPES, listEventDataSchema, type ParsedListEvent } from "../events/listEnvelope.js";
import { COMMENT_EVENT_TYPES, commentEventDataSchema, isCommentEvent, type ParsedCommentEvent } from "../events/commentEnvelope.js";
import { TOPICS } from "../events/topics.js";
import type { ListAccessChecks } from "../infra/listAccess.js";
import type { Logger } from "../infra/logger.js";
import type { Delivery, NotificationStore } from "./store.js";
import type { Handoff } from "./webhooks.js";
import type { TopicSubscriber } from "../http/subscriptions/adapter.js";
import { currentTraceparent } from "../telemetry/tracing.js";

/** The webhook dispatcher, as the subscriber hands it what it records (src/notifications/webhooks.ts). */
export interface RecordedDispatch {
  reserve(): Handoff | null;
  kick(): void;
}

/** What the subscriber reads of a user's preferences (src/infra/preferences.ts), and whether this app can send email. */
export interface ReminderChannels {
  preferences(ownerId: string): Promise<Preferences>;
  emailEnabled: boolean;
}

/**
 * A new notification with deliveries goes straight to the dispatcher (stored
 * already claimed by it) when it has room, else into the due-queue with a
 * kick, so it is sent without waiting for the next poll either way; a held
 * one waits in the due-queue.
 */
export function reminderSubscriber(
  store: NotificationStore,
  log: Logger,
  now: () => Date,
  dispatch?: RecordedDispatch,
  channels?: ReminderChannels,
  /** Whether the owner may still read the task's list, asked of its actor (src/domain/access.ts, surface `reminder`); absent: not asked. */
  access?: Pick<ListAccessChecks, "reminderRecipient">,
): TopicSubscriber<ParsedReminderDue> {
  return {
    topic: TOPICS.reminders,
    consumer: "inbox",
    types: [REMINDER_DUE_TYPE],
    schema: reminderDueDataSchema,
    async handle(due) {
      // The assignee's, through their own channels and preferences (an assignee who left the list gives it back to the task's maker).
      const recipient = access ? await access.reminderRecipient(due.ownerId, due.task) : (due.task.assigneeId ?? due.ownerId);
      // Nobody who may read the task's list any more (its maker removed or left since it was planned): nothing is recorded or sent.
      if (recipient === null) {
        log.info({ deliveryId: due.deliveryId, listId: due.task.listId }, "reminder dropped: neither its assignee nor its maker is a member of the task's list");
        return "applied";
      }
      const prefs = channels ? await channels.preferences(recipient) : null;
      const wanted = prefs?.channels.reminders ?? ["webhook", "inbox"];
      const hooks = wanted.includes("webhook") ? await store.webhooksOf(recipient) : [];
      // Only to a confirmed address: anyone can type anyone's address into their preferences.
      const email = prefs && wanted.includes("email") ? deliverableEmail(prefs) : null;
      if (prefs && wanted.includes("email") && prefs.email !== null && email === null) log.info({ deliveryId: due.deliveryId }, "reminder not emailed: the address is not confirmed yet");
      if (email && !channels?.emailEnabled) log.warn({ deliveryId: due.deliveryId }, "the user wants reminders by email, but no SMTP server is configured");
      // Quiet hours are read at the reminder's instant in the user's zone; an
      // instant the user chose themselves (an `at` reminder, a snooze) is not held.
      const release = prefs && !isExplicitReminder(due.task, reminderNameOf(due.deliveryId), due.remindAt) ? quietHoursEnd(new Date(due.remindAt), prefs.quietHours, prefs.timeZone) : null;
      const heldUntil = release && release.getTime() > now().getTime() ? release.toISOString() : null;
      const deliveries: Delivery[] = hooks.map((h) => ({
        webhookId: h._id,
        url: h.url,
        state: "pending" as const,
        attempts: 0,
        nextAttemptAt: heldUntil,
        lastError: null,
        deliveredAt: null,
      }));
      if (email && channels?.emailEnabled) {
        deliveries.push({ kind: "email", to: email, timeZone: prefs!.timeZone, state: "pending", attempts: 0, nextAttemptAt: heldUntil, lastError: null, deliveredAt: null });
      }
      const handoff = deliveries.length > 0 && heldUntil === null ? (dispatch?.reserve() ?? null) : null;
      const doc = {
        _id: due.deliveryId,
        ownerId: recipient,
        taskId: due.taskId,
        title: due.task.title,
        remindAt: due.remindAt,
        firedAt: due.firedAt,
        receivedAt: now().toISOString(),
        traceparent: currentTraceparent(),
        kind: "reminder",
        heldUntil,
        state: deliveries.length === 0 ? "delivered" : "fired",
        payload: { type: "reminder.due", task: presentTask(due.task), remindAt: due.remindAt, firedAt: due.firedAt, deliveryId: due.deliveryId },
        deliveries,
      } satisfies Parameters<NotificationStore["record"]>[0];
      let isNew: boolean;
      try {
        isNew = await store.record(doc, handoff?.lease ?? null);
      } catch (err) {
        handoff?.cancel();
        throw err;
      }
      if (!isNew) {
        handoff?.cancel();
        log.info({ deliveryId: due.deliveryId }, "duplicate reminder.due ignored");
      } else if (handoff) {
        handoff.send({ ...doc, dueAt: null, leaseOwner: handoff.lease.owner, leaseUntil: handoff.lease.until }, hooks);
      } else if (deliveries.length > 0 && heldUntil === null) dispatch?.kick();
      if (isNew && heldUntil) log.info({ deliveryId: due.deliveryId, heldUntil }, "reminder held by quiet hours");
      return isNew ? "applied" : "duplicate";
    },
  };
}

/**
 * task-updates → the notification service's view of planned reminders (the
 * inbox's `scheduled` entries); a comment's event goes to `onComment` (its
 * mentions, src/notifications/mentions.ts), and a task's also to `onTask`
 * (its assignee told, src/notifications/assignments.ts): the one
 * subscription of this app to the topic.
 */
export function reminderPlanSubscriber(
  store: NotificationStore,
  now: () => Date,
  onComment?: (event: ParsedCommentEvent) => Promise<"applied" | "duplicate">,
  onTask?: (event: ParsedTaskEvent) => Promise<"applied" | "duplicate" | "none">,
): TopicSubscriber<ParsedTaskEvent | ParsedListEvent | ParsedCommentEvent> {
  return {
    topic: TOPICS.taskUpdates,
    consumer: "reminder-plan",
    // A list's events share the topic; they plan no reminder (routed here so they are not dead-lettered).
    types: [...TASK_EVENT_TYPES, ...LIST_EVENT_TYPES, ...COMMENT_EVENT_TYPES],
    schema: z.union([taskEventDataSchema, listEventDataSchema, commentEventDataSchema]),
    async handle(event) {
      if (isCommentEvent(event)) return onComment ? onComment(event) : "applied";
      if (isListEvent(event)) return "applied";
      // Told first: a failure retries the event, and both steps are idempotent.
      const told = onTask ? await onTask(event) : "none";
      const planned = event.kind === "deleted" ? [] : planReminders(event.task, now());
      // A new task without reminders has no plan to store or to clear.
      if (planned.length === 0 && event.kind === "created") return told === "duplicate" ? "duplicate" : "applied";
      const saved = await store.savePlan({
        _id: event.taskId,
        // Shown in the inbox of whoever will get them (the assignee, src/domain/access.ts reminderRecipient).
        ownerId: event.task.assigneeId ?? event.ownerId,
        title: event.task.title,
        version: event.version,
        planned: planned.map((p) => ({ deliveryId: deliveryIdOf(event.taskId, p.name), remindAt: p.remindAt })),
      });
      return saved || told === "applied" ? "applied" : "duplicate";
    },
  };
}
