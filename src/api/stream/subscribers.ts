/**
 * The live stream's consumers: task-updates and reminders, through each
 * replica's own consumer group (the stream pub/sub component), to the owners'
 * live streams connected to that replica.
 */
import { presentTask } from "../../events/taskBody.js";
import { REMINDER_DUE_TYPE, reminderDueDataSchema, TASK_EVENT_TYPES, taskEventDataSchema, type ParsedReminderDue, type ParsedTaskEvent } from "../../events/envelope.js";
import { TOPICS } from "../../events/topics.js";
import type { TopicSubscriber } from "../../http/subscriptions/adapter.js";
import type { StreamSink } from "./sink.js";

export function taskStreamSubscriber(pubsub: string, streams: StreamSink): TopicSubscriber<ParsedTaskEvent> {
  return {
    topic: TOPICS.taskUpdates,
    consumer: "stream",
    pubsub,
    types: TASK_EVENT_TYPES,
    schema: taskEventDataSchema,
    async handle(event) {
      // Only streamed: the frame carries the task as of this version, and the
      // projection (one replica per partition) keeps the read model; every
      // replica writing every event would multiply the store's load. Every
      // delivery is streamed; clients deduplicate on the event id.
      streams.send(event.ownerId, `task.${event.kind}`, event.eventId, presentTask(event.task));
      return "applied";
    },
  };
}

/** reminders → the owner's live streams (api app). */
export function reminderStreamSubscriber(pubsub: string, streams: StreamSink): TopicSubscriber<ParsedReminderDue> {
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
