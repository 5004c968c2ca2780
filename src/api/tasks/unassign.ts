/**
 * Whoever leaves a list (removed, or left themselves) is unassigned from its
 * tasks (docs/lists.md#assignees). Run on the list's event that names them in
 * `removed`, after the projection applied it; at least once: a redelivered
 * event finds nothing left to do, and each `unassign` changes a task only if
 * it is still assigned to them. Until it has run, their reminders go to the
 * task's maker (src/domain/access.ts `reminderRecipient`).
 */
import type { TaskActors } from "../../actors/client.js";
import { DomainError } from "../../domain/index.js";
import type { ParsedListEvent } from "../../events/listEnvelope.js";
import type { ReadModel } from "../../infra/readModel.js";

/** Tasks looked up per round trip. */
const PAGE = 100;

export interface UnassignDeps {
  readModel: Pick<ReadModel, "assignedIn" | "applyAfterWrite">;
  actors: Pick<TaskActors, "handle">;
  /** Whether `userId` may read `listId` now (asked of its actor): someone who came back since keeps their tasks. */
  mayRead(listId: string, userId: string): Promise<boolean>;
}

export function unassignDeparted(deps: UnassignDeps): (event: ParsedListEvent) => Promise<void> {
  return async (event) => {
    for (const userId of event.removed) {
      if (!event.deleted && (await deps.mayRead(event.listId, userId))) continue;
      for (let after = ""; ;) {
        const page = await deps.readModel.assignedIn(event.listId, userId, after, PAGE);
        for (const task of page) {
          const view = await deps.actors.handle(task.id, { kind: "unassign", ownerId: userId, assigneeId: userId, viaList: event.listId }).catch((err: unknown) => {
            // Moved out of the list or deleted meanwhile: no longer this list's to unassign.
            if (err instanceof DomainError && err.code === "not_found") return null;
            throw err;
          });
          if (view?.changed) await deps.readModel.applyAfterWrite(view.task, view.deleted);
        }
        if (page.length < PAGE) break;
        after = page[page.length - 1]!.id;
      }
    }
  };
}
