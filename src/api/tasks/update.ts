/**
 * Changing a task, a move to another list included: the one use case behind
 * `PATCH /api/v1/tasks/{id}` and CalDAV's MOVE (src/api/dav/move.ts), so both
 * check the same things (editTasks on both lists, the tree rules, the
 * assignee) and write the same actor commands (audited, evented). A task that
 * changes list takes its subtasks along; what else follows a task to its new
 * list (a CalDAV client's resource name) is told through `followed`.
 */
import type { TaskActors } from "../../actors/client.js";
import type { TaskView } from "../../actors/taskActor.js";
import { DomainError, type TaskCommand, type TaskPatch, type WriteKey } from "../../domain/index.js";
import { OutcomeUnknown } from "../../actors/client.js";
import { writeReplayable } from "./replayableWrite.js";
import { mayBeAssigned } from "../../domain/access.js";
import type { ReadModel } from "../../infra/readModel.js";
import type { Lists } from "../lists/lists.js";
import { checkParent, subtreeOf } from "./subtasks.js";

export interface TaskUpdatesDeps {
  actors: TaskActors;
  lists: Pick<Lists, "authorize">;
  readModel: Pick<ReadModel, "applyAfterWrite" | "get" | "children">;
  /** After a task changed list (each subtask taken along too): CalDAV's record of its resource follows it (DavStore.follow). */
  followed?(taskId: string, listId: string): Promise<void>;
}

export interface UpdateRequest {
  userId: string;
  taskId: string;
  patch: TaskPatch;
  expectedVersion?: number;
  /** The list through which the caller's editTasks on the task was checked. */
  viaList: string | undefined;
  /** The request's Idempotency-Key (ADR 0018): a retry is answered, not applied again; subtasks taken along are written under it too. */
  write?: WriteKey;
}

export type TaskUpdates = ReturnType<typeof taskUpdates>;

export function taskUpdates(deps: TaskUpdatesDeps) {
  async function write(id: string, command: TaskCommand): Promise<TaskView> {
    let written: { view: TaskView; retried: boolean };
    try {
      // A keyed write is sent again after a transient failure, as a create is (ADR 0018); one without a key is sent once.
      written = command.write ? await writeReplayable(deps.actors, id, command) : { view: await deps.actors.handle(id, command), retried: false };
    } catch (err) {
      // Its key makes a retry safe: the answer says which (ADR 0018).
      if (err instanceof OutcomeUnknown && command.write) err.idempotencyKey = command.write.key;
      throw err;
    }
    const { view, retried } = written;
    if (view.changed || retried) await deps.readModel.applyAfterWrite(view.task, view.deleted);
    if (!(retried && view.replayed)) return view;
    // A replay of this request's own first attempt is, to the client, the first answer (as a create's is, src/api/tasks/create.ts).
    const first = { ...view };
    delete first.replayed;
    return first;
  }

  /** A write to a subtask taken along: one changed meanwhile (completed, deleted, moved) is left as it is. */
  async function alongWith(written: Promise<TaskView>): Promise<void> {
    try {
      await written;
    } catch (err) {
      if (!(err instanceof DomainError && (err.code === "not_found" || err.code === "invalid_transition"))) throw err;
    }
  }

  /**
   * The tree rules for `task` going to `listId` under `parentId`: a new
   * parent is checked (same list, no cycle, 4 levels); a subtask moved alone
   * must stay in its parent's list (400 naming listId).
   */
  async function checkTree(task: { id: string; listId: string; parentId: string | null }, listId: string, parentId: string | null, newParent: boolean): Promise<void> {
    if (parentId === null) return;
    if (newParent) return checkParent(deps.readModel, { taskId: task.id, listId, parentId });
    if (listId !== task.listId) {
      throw new DomainError("invalid_task", "a subtask stays in its parent's list: move the top-level task (its subtasks go along), or send parentId null with the move", "listId");
    }
  }

  /** An assignee must be someone the task's list has (src/domain/access.ts); the caller's editTasks there was checked before. */
  async function checkAssignee(userId: string, listId: string, assigneeId: string | null | undefined): Promise<void> {
    if (assigneeId == null || assigneeId === userId) return;
    const list = await deps.lists.authorize(listId, userId, "editTasks");
    if (!mayBeAssigned(list, assigneeId)) throw new DomainError("invalid_task", "must be the list's owner or one of its members", "assigneeId");
  }

  /**
   * A task that changed list takes its subtasks along (parents first),
   * through the list the caller's access to it was checked on (`viaList`).
   * A subtask whose assignee the new list does not have is unassigned on the way.
   */
  async function moveSubtree(userId: string, before: { id: string; listId: string }, listId: string, viaList: string | undefined, key?: WriteKey): Promise<void> {
    if (listId === before.listId) return;
    await deps.followed?.(before.id, listId);
    const levels = await subtreeOf(deps.readModel, before.id);
    if (levels.length === 0) return;
    const list = await deps.lists.authorize(listId, userId, "editTasks");
    for (const level of levels) {
      for (const sub of level) {
        const patch: TaskPatch = sub.assigneeId && !mayBeAssigned(list, sub.assigneeId) ? { listId, assigneeId: null } : { listId };
        await alongWith(write(sub.id, { kind: "update", ownerId: userId, patch, viaList, ...(key ? { write: key } : {}) }).then(async (view) => {
          if (view.changed && view.task.listId === listId) await deps.followed?.(sub.id, listId);
          return view;
        }));
      }
    }
  }

  /**
   * PATCH's change: a move needs editTasks on the list it goes to; a task
   * moved to a list that does not have its assignee is unassigned, unless the
   * request assigns it there.
   */
  async function update(req: UpdateRequest): Promise<TaskView> {
    const { userId, taskId: id, patch: asked, viaList } = req;
    const target = asked.listId === undefined ? undefined : await deps.lists.authorize(asked.listId, userId, "editTasks");
    const tree = asked.listId !== undefined || asked.parentId !== undefined;
    const before = tree || asked.assigneeId != null ? await deps.actors.read(id, userId, viaList) : null;
    if (before && tree) await checkTree(before, asked.listId ?? before.listId, asked.parentId === undefined ? before.parentId : asked.parentId, asked.parentId !== undefined);
    if (before) await checkAssignee(userId, asked.listId ?? before.listId, asked.assigneeId);
    const unassign = target && asked.assigneeId === undefined && before?.assigneeId && !mayBeAssigned(target, before.assigneeId);
    const patch: TaskPatch = unassign ? { ...asked, assigneeId: null } : asked;
    const view = await write(id, { kind: "update", ownerId: userId, patch, ...(req.expectedVersion === undefined ? {} : { expectedVersion: req.expectedVersion }), viaList, ...(req.write ? { write: req.write } : {}) });
    if (before && view.changed) await moveSubtree(userId, before, view.task.listId, viaList, req.write);
    return view;
  }

  return { write, alongWith, checkTree, checkAssignee, moveSubtree, update };
}
