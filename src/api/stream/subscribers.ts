/**
 * The live stream's consumers: task-updates and reminders, through each
 * replica's own consumer group (the stream pub/sub component), to the live
 * streams connected to that replica of whoever may read the task's list at
 * that moment: its list's actor is asked per event (src/domain/access.ts,
 * surface `stream`), so a member removed a moment ago receives nothing more,
 * and every member receives what others change in a shared list. A
 * comment's change goes to its task's readers the same way.
 */
import { presentTask } from "../../events/taskBody.js";
import { REMINDER_DUE_TYPE, reminderDueDataSchema, TASK_EVENT_TYPES, taskEventDataSchema, type ParsedReminderDue, type ParsedTaskEvent } from "../../events/envelope.js";
import { z } from "zod";
import { audienceOf } from "../../domain/index.js";
import { isListEvent, LIST_EVENT_TYPES, listEventDataSchema, type ParsedListEvent } from "../../events/listEnvelope.js";
import { COMMENT_EVENT_TYPES, commentEventDataSchema, isCommentEvent, type ParsedCommentEvent } from "../../events/commentEnvelope.js";
import { TOPICS } from "../../events/topics.js";
import type { TopicSubscriber } from "../../http/subscriptions/adapter.js";
import type { ListAccessChecks } from "../../infra/listAccess.js";
import type { StreamSink } from "./sink.js";

/** What the stream asks before it sends (src/infra/listAccess.ts). */
export type StreamAccess = Pick<ListAccessChecks, "recipients" | "may" | "reminderRecipient">;

export function taskStreamSubscriber(pubsub: string, streams: StreamSink, access: StreamAccess): TopicSubscriber<ParsedTaskEvent | ParsedListEvent | ParsedCommentEvent> {
  return {
    topic: TOPICS.taskUpdates,
    consumer: "stream",
    pubsub,
    types: [...TASK_EVENT_TYPES, ...LIST_EVENT_TYPES, ...COMMENT_EVENT_TYPES],
    schema: z.union([taskEventDataSchema, listEventDataSchema, commentEventDataSchema]),
    async handle(event) {
      if (isCommentEvent(event)) {
        // Whoever may read the task's list now (asked of its actor per event, as for a task's frame).
        const frame = { ...event.comment, actor: event.actorId };
        for (const userId of await access.recipients(event.ownerId, event.listId)) streams.send(userId, `comment.${event.kind}`, event.eventId, frame);
        return "applied";
      }
      if (isListEvent(event)) {
        // The list's readers after the change, from the event itself (the list as that version left it), and
        // once more those it removed, so their clients drop the list; nothing of it reaches them after this.
        const frame = { ...event.list, deleted: event.deleted, kind: event.kind, actor: event.actorId, memberId: event.memberId };
        const readers = event.deleted ? [] : audienceOf(event.list);
        for (const userId of new Set([...readers, ...event.removed])) streams.send(userId, "list.changed", event.eventId, frame);
        return "applied";
      }
      // Only streamed: the frame carries the task as of this version, and the
      // projection (one replica per partition) keeps the read model; every
      // replica writing every event would multiply the store's load. Every
      // delivery is streamed; clients deduplicate on the event id.
      const frame = presentTask(event.task);
      for (const userId of await access.recipients(event.ownerId, event.task.listId)) streams.send(userId, `task.${event.kind}`, event.eventId, frame);
      return "applied";
    },
  };
}

/** reminders → the recipient's live streams (api app). */
export function reminderStreamSubscriber(pubsub: string, streams: StreamSink, access: StreamAccess): TopicSubscriber<ParsedReminderDue> {
  return {
    topic: TOPICS.reminders,
    consumer: "stream",
    pubsub,
    types: [REMINDER_DUE_TYPE],
    schema: reminderDueDataSchema,
    async handle(due) {
      // To its assignee (else its maker) while they may read its list; nobody's once both have left it.
      const recipient = await access.reminderRecipient(due.ownerId, due.task);
      if (recipient === null) return "applied";
      streams.send(recipient, "reminder.due", due.deliveryId, {
        deliveryId: due.deliveryId,
        remindAt: due.remindAt,
        firedAt: due.firedAt,
        task: presentTask(due.task),
      });
      return "applied";
    },
  };
}
