/** task-updates → the MongoDB read model. Version-guarded: duplicates and stale events change nothing. */
import { TASK_EVENT_TYPES, taskEventDataSchema, type ParsedTaskEvent } from "../events/envelope.js";
import { TOPICS } from "../events/topics.js";
import type { ReadModel } from "../infra/readModel.js";
import type { TopicSubscriber } from "./adapter.js";

export function projectionSubscriber(readModel: ReadModel): TopicSubscriber<ParsedTaskEvent> {
  return {
    topic: TOPICS.taskUpdates,
    types: TASK_EVENT_TYPES,
    schema: taskEventDataSchema,
    async handle(event) {
      await readModel.apply(event.task, event.kind === "deleted");
    },
  };
}
