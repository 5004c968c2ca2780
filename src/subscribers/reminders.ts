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
import type { TopicSubscriber } from "./adapter.js";
import type { LiveStreams } from "../api/stream.js";
import { currentTraceparent } from "../telemetry/tracing.js";

/** `recorded` is told of each new notification with webhooks, so the dispatcher sends it without waiting for its next poll. */
export function reminderSubscriber(store: NotificationStore, log: Logger, now: () => Date, recorded: () => void = () => {}): TopicSubscriber<ParsedReminderDue> {
  return {
    topic: TOPICS.reminders,
    consumer: "inbox",
    types: [REMINDER_DUE_TYPE],
    schema: reminderDueDataSchema,
    async handle(due) {
      const hooks = await store.webhooksOf(due.ownerId);
      const isNew = await store.record({
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
      });
      if (!isNew) log.info({ deliveryId: due.deliveryId }, "duplicate reminder.due ignored");
      else if (hooks.length > 0) recorded();
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
