/**
 * task-updates → the MongoDB read model (version-guarded: duplicates and stale
 * events change nothing), through the api app's consumer group. The live
 * stream's consumers are in src/api/stream/subscribers.ts. A list's events
 * (src/events/listEnvelope.ts) go to the lists view, version-guarded the same
 * way: the routes apply each change before their answer, so this repairs a
 * view that missed one. A task's comments (src/events/commentEnvelope.ts)
 * change nothing here; a task's deletion and restore set when its comments
 * are purged with it.
 */
import { TASK_EVENT_TYPES, taskEventDataSchema, type ParsedTaskEvent } from "../events/envelope.js";
import { z } from "zod";
import { isListEvent, LIST_EVENT_TYPES, listEventDataSchema, type ParsedListEvent } from "../events/listEnvelope.js";
import { COMMENT_EVENT_TYPES, commentEventDataSchema, isCommentEvent, type ParsedCommentEvent } from "../events/commentEnvelope.js";
import { purgeAtOf, type Comments } from "../infra/comments.js";
import { TOPICS } from "../events/topics.js";
import type { ListDepartures } from "../infra/listDepartures.js";
import type { ListsView } from "../infra/listsView.js";
import type { ReadModel } from "../infra/readModel.js";
import type { TopicSubscriber } from "../http/subscriptions/adapter.js";

/**
 * Whether the event may have changed what its owner's tags count (the read
 * model then sets their tag stamp even when it held this version already:
 * src/infra/ownerTags.ts). A task with tags counts from its creation (or
 * restore) and stops at its deletion; otherwise only a change of its tags
 * changes them (completing, snoozing or moving it does not).
 */
export function changesLiveTags(event: Pick<ParsedTaskEvent, "kind" | "changed" | "task">): boolean {
  if (event.kind === "created" || event.kind === "deleted" || event.kind === "restored") return event.task.tags.length > 0;
  return event.changed.includes("tags");
}

export function projectionSubscriber(
  readModel: Pick<ReadModel, "apply" | "get">,
  listsView: Pick<ListsView, "apply">,
  departures: Pick<ListDepartures, "record">,
  /** After a list's event is in the view: what follows from it elsewhere (a departed member's tasks unassigned, src/api/tasks/unassign.ts); a throw redelivers the event. */
  afterListEvent?: (event: ParsedListEvent) => Promise<void>,
  /** After a task's event is applied: a next occurrence's subtasks copied (src/api/tasks/occurrenceSubtasks.ts); a throw redelivers the event. */
  afterTaskEvent?: (event: ParsedTaskEvent) => Promise<void>,
  comments?: Pick<Comments, "purgeWithTask">,
): TopicSubscriber<ParsedTaskEvent | ParsedListEvent | ParsedCommentEvent> {
  return {
    topic: TOPICS.taskUpdates,
    consumer: "projection",
    types: [...TASK_EVENT_TYPES, ...LIST_EVENT_TYPES, ...COMMENT_EVENT_TYPES],
    schema: z.union([taskEventDataSchema, listEventDataSchema, commentEventDataSchema]),
    async handle(event) {
      if (isCommentEvent(event)) return "applied";
      if (isListEvent(event)) {
        await listsView.apply(event.list, event.deleted, event.invitations);
        await afterListEvent?.(event);
        return "applied";
      }
      // Recorded first (idempotent), so a crash before the apply leaves it for the redelivery to find.
      if (event.movedFrom !== undefined) await departures.record(event.movedFrom, event.taskId, event.version, event.occurredAt);
      const applied = await readModel.apply(event.task, event.kind === "deleted", changesLiveTags(event));
      if (comments && (event.kind === "deleted" || event.kind === "restored")) {
        // From the stored state, not this event's: a late older event must not purge a restored task's comments.
        const stored = await readModel.get(event.taskId);
        await comments.purgeWithTask(event.taskId, stored?.deleted ? purgeAtOf(stored.updatedAt) : null);
      }
      await afterTaskEvent?.(event);
      // Often "duplicate": the API applies each version itself for read-your-writes.
      return applied ? "applied" : "duplicate";
    },
  };
}
