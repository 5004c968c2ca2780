/**
 * reminders → the notification service. Each `reminder.due` is recorded once
 * in the user's inbox (keyed by delivery id, so a redelivered event notifies
 * nobody twice) with one pending delivery per webhook of the user; the
 * dispatcher sends them.
 */
import { presentTask } from "../api/tasks/presenter.js";
import { deliveryIdOf, planReminders } from "../domain/index.js";
import {
  REMINDER_DUE_TYPE,
  reminderDueDataSchema,
  TASK_EVENT_TYPES,
  taskEventDataSchema,
  type ParsedReminderDue,
  type ParsedTaskEvent,
} from "../events/envelope.js";
import { TOPICS } from "../events/topics.js";
import type { Logger } from "../infra/logger.js";
import type { NotificationStore } from "../notifications/store.js";
import type { Handoff } from "../notifications/webhooks.js";
import type { TopicSubscriber } from "./adapter.js";
import type { LiveStreams } from "../api/stream.js";
import { currentTraceparent } from "../telemetry/tracing.js";

/** The webhook dispatcher, as the subscriber hands it what it records (src/notifications/webhooks.ts). */
export interface RecordedDispatch {
  reserve(): Handoff | null;
  kick(): void;
}

/**
 * A new notification with webhooks goes straight to the dispatcher (stored
 * already claimed by it) when it has room, else into the due-queue with a
 * kick, so it is sent without waiting for the next poll either way.
 */
export function reminderSubscriber(store: NotificationStore, log: Logger, now: () => Date, dispatch?: RecordedDispatch): TopicSubscriber<ParsedReminderDue> {
  return {
    topic: TOPICS.reminders,
    consumer: "inbox",
    types: [REMINDER_DUE_TYPE],
    schema: reminderDueDataSchema,
    async handle(due) {
      const hooks = await store.webhooksOf(due.ownerId);
      const handoff = hooks.length > 0 ? (dispatch?.reserve() ?? null) : null;
      const doc = {
        _id: due.deliveryId,
        ownerId: due.ownerId,
        taskId: due.taskId,
        title: due.task.title,
        remindAt: due.remindAt,
        firedAt: due.firedAt,
        receivedAt: now().toISOString(),
        traceparent: currentTraceparent(),
        state: hooks.length === 0 ? "delivered" : "fired",
        payload: { type: "reminder.due", task: presentTask(due.task), remindAt: due.remindAt, firedAt: due.firedAt, deliveryId: due.deliveryId },
        deliveries: hooks.map((h) => ({
          webhookId: h._id,
          url: h.url,
          state: "pending",
          attempts: 0,
          nextAttemptAt: null,
          lastError: null,
          deliveredAt: null,
        })),
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
      } else if (hooks.length > 0) dispatch?.kick();
      return isNew ? "applied" : "duplicate";
    },
  };
}

/** reminders → the owner's live streams (api app). */
export function reminderStreamSubscriber(pubsub: string, streams: LiveStreams): TopicSubscriber<ParsedReminderDue> {
  return {
    topic: TOPICS.reminders,
    consumer: "stream",
    pubsub,
    types: [REMINDER_DUE_TYPE],
    schema: reminderDueDataSchema,
    async handle(due) {
      streams.send(due.ownerId, "reminder.due", due.deliveryId, {
        deliveryId: due.deliveryId,
        remindAt: due.remindAt,
        firedAt: due.firedAt,
        task: presentTask(due.task),
      });
      return "applied";
    },
  };
}

/** task-updates → the notification service's view of planned reminders (the inbox's `scheduled` entries). */
export function reminderPlanSubscriber(store: NotificationStore, now: () => Date): TopicSubscriber<ParsedTaskEvent> {
  return {
    topic: TOPICS.taskUpdates,
    consumer: "reminder-plan",
    types: TASK_EVENT_TYPES,
    schema: taskEventDataSchema,
    async handle(event) {
      const planned = event.kind === "deleted" ? [] : planReminders(event.task, now());
      // A new task without reminders has no plan to store or to clear.
      if (planned.length === 0 && event.kind === "created") return "applied";
      return (await store.savePlan({
        _id: event.taskId,
        ownerId: event.ownerId,
        title: event.task.title,
        version: event.version,
        planned: planned.map((p) => ({ deliveryId: deliveryIdOf(event.taskId, p.name), remindAt: p.remindAt })),
      }))
        ? "applied"
        : "duplicate";
    },
  };
}
