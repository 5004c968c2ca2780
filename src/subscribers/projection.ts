/**
 * task-updates → the MongoDB read model (version-guarded: duplicates and stale
 * events change nothing), through the api app's consumer group. The live
 * stream's consumers are in src/api/stream/subscribers.ts.
 */
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
