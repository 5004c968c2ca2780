/**
 * MOVE (RFC 4918 9.9) of a task resource from one of the caller's calendar
 * collections to another: the task moves to the other list through the same
 * use case as `PATCH /api/v1/tasks/{id}` with `listId` (src/api/tasks/update.ts:
 * editTasks on both lists, subtasks along, the assignee kept only if the new
 * list has them; audited and evented), and its resource goes along under the
 * Destination's name. Where it may go: src/domain/davMove.ts. docs/caldav.md#move.
 */
import type { Context } from "koa";
import { DomainError, type List, type ListAction, type Task } from "../../domain/index.js";
import { destinationOf, overwriteOf } from "../../domain/davMove.js";
import type { DavEcho } from "../../domain/vtodo.js";
import type { DavObject, DavStore } from "../../infra/davStore.js";
import type { Lists } from "../lists/lists.js";
import type { TaskUpdates } from "../tasks/update.js";

type Fail = (status: number, condition: string | null, message: string) => Error;

export interface MoveDeps {
  lists: Pick<Lists, "authorize">;
  store: Pick<DavStore, "moved" | "deleted" | "byUid">;
  updates: Pick<TaskUpdates, "update" | "write">;
  now: () => Date;
}

export interface MoveHelpers {
  userId(ctx: Context): string;
  listFor(ctx: Context, action: ListAction): Promise<List>;
  objectName(ctx: Context): string;
  /** The live task of a resource in the list, with its ETag and client record (null: none). */
  current(ctx: Context, list: List, name: string): Promise<{ rendered: { task: Task; etag: string }; object: DavObject | null } | null>;
  fail: Fail;
  needPrivileges: string;
  noUidConflict: string;
}

/** A record for a task made in Tickler that a client moved under a name of its own: its UID stays the task id. */
const BLANK_ECHO: DavEcho = { uid: "", groups: {}, kept: [], timezones: [], sequence: 0 };

export function moveHandler(deps: MoveDeps, h: MoveHelpers): (ctx: Context) => Promise<void> {
  return async (ctx) => {
    const source = await h.listFor(ctx, "editTasks");
    const name = h.objectName(ctx);
    const found = await h.current(ctx, source, name);
    if (!found) throw h.fail(404, null, "no such resource");
    const destination = destinationOf(ctx.get("destination"), ctx.host);
    if (!destination.ok) throw h.fail(destination.status, null, destination.message);
    const overwrite = overwriteOf(ctx.get("overwrite"));
    if (overwrite === null) throw h.fail(400, null, "Overwrite is T or F");
    if (destination.listId === source.id) {
      // Within one collection a MOVE would only rename; a sync could not report the old name gone, so it is refused.
      throw h.fail(403, null, destination.name === name ? "the source and the Destination are the same resource" : "a task keeps its name within its calendar: MOVE it to another calendar");
    }
    const ifMatch = ctx.get("if-match").trim();
    if (ifMatch && ifMatch !== "*" && ifMatch !== found.rendered.etag) throw h.fail(412, null, "If-Match does not name the current ETag");

    const me = h.userId(ctx);
    let target: List;
    try {
      target = await deps.lists.authorize(destination.listId, me, "editTasks");
    } catch (err) {
      // A list the caller cannot see is one that does not exist for them.
      if (err instanceof DomainError && err.code === "not_found") throw h.fail(409, null, "the Destination's calendar collection does not exist");
      if (err instanceof DomainError && err.code === "forbidden") throw h.fail(403, h.needPrivileges, "your role in the Destination's list does not allow adding tasks");
      throw err;
    }
    const task = found.rendered.task;
    const replaced = await h.current(ctx, target, destination.name);
    if (replaced && !overwrite) throw h.fail(412, null, "the Destination exists (Overwrite: F)");
    const uid = found.object?.echo.uid ?? "";
    if (uid !== "") {
      const clash = await deps.store.byUid(target.id, uid);
      if (clash && clash._id !== task.id && clash._id !== replaced?.rendered.task.id) throw h.fail(403, h.noUidConflict, "a resource of the Destination's calendar has this UID");
    }

    // The move first (it may be refused: nothing is changed then), the replaced resource deleted after it.
    try {
      await deps.updates.update({ userId: me, taskId: task.id, patch: { listId: target.id }, expectedVersion: task.version, viaList: source.id });
    } catch (err) {
      // PATCH's 400 (a subtask stays in its parent's list) is a MOVE the server refuses: 403 with the reason.
      if (err instanceof DomainError && err.code === "invalid_task") throw h.fail(403, null, err.message);
      throw err;
    }
    if (replaced) {
      const gone = replaced.rendered.task.id;
      await deps.updates.write(gone, { kind: "delete", ownerId: me, viaList: target.id });
      if (replaced.object) await deps.store.deleted(gone, deps.now());
    }
    if (found.object || destination.name !== `${task.id}.ics`) {
      await deps.store.moved(task.id, { listId: source.id, name }, target.id, destination.name, found.object?.echo ?? BLANK_ECHO, deps.now());
    }
    ctx.status = replaced ? 204 : 201;
    ctx.body = "";
  };
}
