/**
 * The shell of src/domain/occurrenceSubtasks.ts: on the `created` event of a
 * recurring task's next occurrence (`spawnedFrom`: the one before), after the
 * projection applied it, the previous occurrence's subtasks are copied under
 * it through their makers' actors. At least once: each copy's id is derived
 * from the occurrence and the subtask copied, so a redelivered event makes
 * nothing twice.
 */
import type { TaskActors } from "../../actors/client.js";
import { DomainError } from "../../domain/index.js";
import { subtaskCopies } from "../../domain/occurrenceSubtasks.js";
import type { ParsedTaskEvent } from "../../events/envelope.js";
import type { ReadModel } from "../../infra/readModel.js";
import { createViaActor } from "./create.js";
import { requestHash, taskIdForKey } from "./idempotency.js";
import { subtreeOf } from "./subtasks.js";

export interface OccurrenceSubtaskDeps {
  readModel: Pick<ReadModel, "get" | "children" | "applyAfterWrite">;
  actors: TaskActors;
}

export function copySubtasksToNextOccurrence(deps: OccurrenceSubtaskDeps): (event: ParsedTaskEvent) => Promise<void> {
  return async (event) => {
    if (event.kind !== "created" || event.spawnedFrom === undefined) return;
    const previous = await deps.readModel.get(event.spawnedFrom);
    if (!previous) return;
    const levels = await subtreeOf(deps.readModel, previous.id);
    const copyIdOf = (sub: { id: string; ownerId: string }) => taskIdForKey(sub.ownerId, `occurrence:${event.taskId}:${sub.id}`);
    for (const copy of subtaskCopies(previous, event.task, levels, copyIdOf)) {
      const taskId = copyIdOf({ id: copy.from, ownerId: copy.ownerId });
      await createViaActor(deps.actors, deps.readModel, { kind: "create", ownerId: copy.ownerId, taskId, input: copy.input, requestHash: requestHash({ occurrence: event.taskId, from: copy.from }), byService: true }).catch((err: unknown) => {
        // Made before and deleted since, or its replay window passed: not made again.
        if (err instanceof DomainError && err.code === "idempotency_conflict") return null;
        throw err;
      });
    }
  };
}
