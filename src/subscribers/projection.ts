/**
 * task-updates → the MongoDB read model (version-guarded: duplicates and stale
 * events change nothing) and the owner's live streams.
 */
import type { LiveStreams } from "../api/stream.js";
import { presentTask } from "../api/tasks/presenter.js";
import { TASK_EVENT_TYPES, taskEventDataSchema, type ParsedTaskEvent } from "../events/envelope.js";
import { TOPICS } from "../events/topics.js";
import type { ReadModel } from "../infra/readModel.js";
import type { TopicSubscriber } from "./adapter.js";

export function projectionSubscriber(readModel: ReadModel, streams?: LiveStreams): TopicSubscriber<ParsedTaskEvent> {
  return {
    topic: TOPICS.taskUpdates,
    consumer: "projection",
    types: TASK_EVENT_TYPES,
    schema: taskEventDataSchema,
    async handle(event) {
      const applied = await readModel.apply(event.task, event.kind === "deleted");
      // Every delivery is streamed (the API may have applied it already for
      // read-your-writes); clients deduplicate on the event id.
      streams?.send(event.ownerId, `task.${event.kind}`, event.eventId, presentTask(event.task));
      // Usually "duplicate": the API applied this version itself before answering.
      return applied ? "applied" : "duplicate";
    },
  };
}
