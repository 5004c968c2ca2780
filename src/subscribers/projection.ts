/**
 * task-updates → the MongoDB read model (version-guarded: duplicates and stale
 * events change nothing), through the api app's consumer group; and, through
 * each replica's own stream consumer group, to the owners' live streams
 * connected to that replica.
 */
import type { StreamSink } from "../api/stream/sink.js";
import { presentTask } from "../events/taskBody.js";
import { TASK_EVENT_TYPES, taskEventDataSchema, type ParsedTaskEvent } from "../events/envelope.js";
import { TOPICS } from "../events/topics.js";
import type { ReadModel } from "../infra/readModel.js";
import type { TopicSubscriber } from "../http/subscriptions/adapter.js";

export function projectionSubscriber(readModel: Pick<ReadModel, "apply">): TopicSubscriber<ParsedTaskEvent> {
  return {
    topic: TOPICS.taskUpdates,
    consumer: "projection",
    types: TASK_EVENT_TYPES,
    schema: taskEventDataSchema,
    async handle(event) {
      const applied = await readModel.apply(event.task, event.kind === "deleted");
      // Often "duplicate": the API applies each version itself for read-your-writes.
      return applied ? "applied" : "duplicate";
    },
  };
}

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
