/**
 * task-updates → the MongoDB read model (version-guarded: duplicates and stale
 * events change nothing), through the api app's consumer group; and, through
 * each replica's own stream consumer group, to the owners' live streams
 * connected to that replica.
 */
import type { LiveStreams } from "../api/stream.js";
import { presentTask } from "../api/tasks/presenter.js";
import { TASK_EVENT_TYPES, taskEventDataSchema, type ParsedTaskEvent } from "../events/envelope.js";
import { TOPICS } from "../events/topics.js";
import type { ReadModel } from "../infra/readModel.js";
import type { TopicSubscriber } from "./adapter.js";

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

export function taskStreamSubscriber(pubsub: string, readModel: Pick<ReadModel, "apply">, streams: LiveStreams): TopicSubscriber<ParsedTaskEvent> {
  return {
    topic: TOPICS.taskUpdates,
    consumer: "stream",
    pubsub,
    types: TASK_EVENT_TYPES,
    schema: taskEventDataSchema,
    async handle(event) {
      // Applied first, so a client that reacts to the stream by listing sees
      // the change (usually a no-op: this process stored it already).
      const applied = await readModel.apply(event.task, event.kind === "deleted");
      // Every delivery is streamed; clients deduplicate on the event id.
      streams.send(event.ownerId, `task.${event.kind}`, event.eventId, presentTask(event.task));
      return applied ? "applied" : "duplicate";
    },
  };
}
