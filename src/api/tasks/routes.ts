/**
 * /api/v1/tasks. Each route: authenticate → validate → one actor call (the
 * write path) or one read-model query → present. After a successful write the
 * new snapshot is also applied to the read model directly, so the caller's
 * next list reflects it (read-your-writes); the version guard makes that and
 * the later `task-updates` event commute.
 */
import { randomUUID } from "node:crypto";
import { newRouter, type Router } from "../../infra/http/router.js";
import type { Context, Middleware } from "koa";
import { OutcomeUnknown, type TaskActors } from "../../actors/client.js";
import type { TaskView } from "../../actors/taskActor.js";
import { DomainError, durationMs, withDefaultReminders, type Task, type TaskInput, type WriteKey } from "../../domain/index.js";
import { createViaActor, MIN_ATTEMPT_MS } from "./create.js";
import { Unavailable } from "../../infra/unavailable.js";
import type { ReadModel } from "../../infra/readModel.js";
import type { AuthState } from "../auth.js";
import { readJson } from "../../http/body.js";
import { badRequest, HttpProblem, notFoundProblem } from "../../http/problem.js";
import { decodeCursor, encodeCursor, planList, type Cursor } from "../../infra/taskQuery.js";
import { keptPage, type Page } from "./keptPage.js";
import { parseSearch } from "../../domain/search.js";
import { parseIdempotencyKey, requestHash, taskIdForKey } from "./idempotency.js";
import { etagOf, presentTask, versionFromIfMatch } from "./presenter.js";
import { writeKeyOf } from "./writeKey.js";
import { completeQuerySchema, createTaskSchema, listQuerySchema, occurrencesQuerySchema, patchTaskSchema, quickAddQuerySchema, quickAddSchema, revertSchema, snoozeSchema, trashQuerySchema } from "./schema.js";
import { decodeTrashCursor, encodeTrashCursor, planTrash } from "../../infra/trashQuery.js";
import { presentDraft, quickAddDraft } from "./quickAdd.js";
import { occurrencesAfter } from "../../domain/recurrence.js";
import { flatQuery, parseOr400 } from "../../http/validate.js";
import type { Lists } from "../lists/lists.js";
import { checkParent, parentListOf, subtreeOf } from "./subtasks.js";
import { taskUpdates, type TaskUpdatesDeps } from "./update.js";

export interface TaskRoutesDeps {
  /** Authentication, then per-user rate limiting. */
  guard: Middleware[];
  actors: TaskActors;
  /** Which list a new or moved task goes to, and who may read a list (src/domain/access.ts). */
  lists: Pick<Lists, "authorize" | "check" | "forNewTask">;
  readModel: Pick<ReadModel, "applyAfterWrite" | "list" | "tags" | "get" | "children">;
  /** What follows a moved task to its new list (CalDAV's resource record): update.ts. */
  followed?: TaskUpdatesDeps["followed"];
  /** The lists `userId` is a member of (the lists view): a list without `list` keeps to them. */
  listsOf(userId: string): Promise<string[]>;
  /** The task's history entries `userId` may see now (src/api/history/visible.ts). */
  history(taskId: string, userId: string): Promise<unknown[]>;
  /**
   * The caller's default reminder offsets (preferences), asked only for a
   * create with a due date and no `reminders` field. Absent: none.
   */
  defaultReminders?(ownerId: string): Promise<readonly string[]>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const BASE = "/api/v1/tasks";

export function taskRoutes(deps: TaskRoutesDeps): Router {
  const router = newRouter();
  router.use(...deps.guard);

  const userId = (ctx: Context) => (ctx.state as AuthState).userId;
  const taskId = (ctx: Context) => {
    const id = String(ctx.params.id);
    // Not a task id at all: as unknown as anyone else's task.
    if (!UUID.test(id)) throw notFoundProblem(`task ${id} does not exist`);
    return id.toLowerCase();
  };

  /**
   * The list through which the caller may do `action` with the task: its
   * list (from the read model) if the list's actor allows it, which refuses
   * a removed member at once. A task the read model does not hold yet (an
   * apply still in flight) is only its maker's.
   */
  /**
   * The task's list, from the read model; while the read store is down, from
   * the task's actor, which answers only its owner (a member of a shared list
   * is refused until the store is back, never let through).
   */
  async function listOf(ctx: Context, id: string): Promise<string | undefined> {
    let stored: Awaited<ReturnType<typeof deps.readModel.get>>;
    try {
      stored = await deps.readModel.get(id);
    } catch {
      try {
        return (await deps.actors.read(id, userId(ctx))).listId;
      } catch (err) {
        if (err instanceof DomainError && err.code === "not_found") return undefined;
        throw err;
      }
    }
    return stored && !stored.deleted ? stored.listId : undefined;
  }

  async function via(ctx: Context, id: string, action: "read" | "editTasks"): Promise<string | undefined> {
    const listId = await listOf(ctx, id);
    if (listId === undefined) return undefined;
    try {
      await deps.lists.check(listId, userId(ctx), action);
    } catch (err) {
      // Not a member: the task does not exist for them (its list's name is not leaked either).
      if (err instanceof DomainError && err.code === "not_found") throw notFoundProblem(`task ${id} does not exist`);
      throw err;
    }
    return listId;
  }

  // PATCH's change and its move, shared with CalDAV's MOVE (update.ts).
  const updates = taskUpdates(deps);
  const { write, alongWith, checkTree } = updates;
  const moveSubtree = (ctx: Context, before: { id: string; listId: string }, listId: string, viaList: string | undefined, key?: WriteKey) => updates.moveSubtree(userId(ctx), before, listId, viaList, key);
  const checkAssignee = (ctx: Context, listId: string, assigneeId: string | null | undefined) => updates.checkAssignee(userId(ctx), listId, assigneeId);

  /** A retried keyed write (nothing applied again): the first answer's status, said so in Idempotent-Replayed. */
  function replayed(ctx: Context, view: TaskView, status: number): number {
    if (!view.replayed) return status;
    ctx.set("Idempotent-Replayed", "true");
    return view.replayed.status;
  }

  function respond(ctx: Context, view: TaskView, status = 200) {
    ctx.status = replayed(ctx, view, status);
    ctx.set("ETag", etagOf(view.task));
    ctx.body = presentTask(view.task);
  }

  /**
   * Create with an Idempotency-Key, assigned when the client sent none and
   * answered in the `Idempotency-Key` header either way; `request` is what a
   * retry must repeat to be a replay. So this API can retry the actor call
   * when daprd answers a transient error (e.g. a call cancelled after the
   * actor committed) and a client told `outcome-unknown` can retry safely:
   * the retry is a replay and answers the committed task, so a committed
   * create never turns into an error or a duplicate.
   */
  async function create(ctx: Context, input: TaskInput, request: unknown): Promise<TaskView> {
    // One deadline for the whole write (WRITE_TIMEOUT_MS): what the list lookup takes, the task's actor call cannot.
    const started = Date.now();
    const key = parseIdempotencyKey(ctx.get("idempotency-key")) ?? randomUUID();
    const ownerId = userId(ctx);
    const id = taskIdForKey(ownerId, key);
    ctx.set("Idempotency-Key", key);
    // Defaults are applied after the request hash is taken: a retry is the same request even if the user's defaults changed meanwhile.
    const withDefaults = input.dueAt && input.reminders === undefined && deps.defaultReminders
      ? withDefaultReminders(input, await deps.defaultReminders(ownerId))
      : input;
    const requestHashed = requestHash(request);
    const listId = await deps.lists.forNewTask(ownerId, input.listId);
    await checkAssignee(ctx, listId, input.assigneeId);
    const left = deps.actors.writeTimeoutMs === undefined ? undefined : deps.actors.writeTimeoutMs - (Date.now() - started);
    // Not sent with too little time left: the outcome stays known (nothing done) instead of unknown.
    if (left !== undefined && left < MIN_ATTEMPT_MS) throw new Unavailable("the list's actor", "the write's deadline passed while its list was looked up");
    const { view, replayed } = await createViaActor(deps.actors, deps.readModel, { kind: "create", ownerId, taskId: id, input: { ...withDefaults, listId }, requestHash: requestHashed }, left).catch(
      (err: unknown) => {
        if (err instanceof OutcomeUnknown) err.idempotencyKey = key;
        throw err;
      },
    );
    if (replayed) ctx.set("Idempotent-Replayed", "true");
    ctx.set("Location", `/api/v1/tasks/${id}`);
    return view;
  }

  router.post(BASE, async (ctx) => {
    const input = parseOr400(createTaskSchema, await readJson(ctx));
    if (input.parentId) {
      // A subtask goes to its parent's list unless the request names one (which must be the same).
      const parentList = await parentListOf(deps.readModel, input.parentId);
      // A parent in a list the caller is not a member of is one they cannot see (nor learn the list of).
      const visible = parentList !== undefined && (await deps.lists.authorize(parentList, userId(ctx), "read").then(() => true, (err: unknown) => {
        if (err instanceof DomainError && err.code === "not_found") return false;
        throw err;
      }));
      if (!visible) throw new DomainError("invalid_task", "is not a task you can see (it does not exist or was deleted)", "parentId");
      const listId = input.listId ?? parentList;
      await deps.lists.authorize(listId, userId(ctx), "editTasks");
      await checkParent(deps.readModel, { listId, parentId: input.parentId });
      respond(ctx, await create(ctx, { ...input, listId }, input), 201);
      return;
    }
    respond(ctx, await create(ctx, input, input), 201);
  });

  router.post(`${BASE}/quick`, async (ctx) => {
    const { dryRun } = parseOr400(quickAddQuerySchema, flatQuery(ctx));
    // Checked on a dry run too: the document's bound holds for every request it allows.
    parseIdempotencyKey(ctx.get("idempotency-key"));
    const body = parseOr400(quickAddSchema, await readJson(ctx));
    const { input, parsed } = quickAddDraft(body, new Date(), userId(ctx));
    if (dryRun) {
      ctx.body = { ...presentDraft(input), parsed };
      return;
    }
    // The text is what a retry repeats (a replay next day still means the first task).
    const view = await create(ctx, input, { quick: body });
    respond(ctx, view, 201);
    ctx.body = { ...presentTask(view.task), parsed };
  });

  router.get(BASE, async (ctx) => {
    const query = parseOr400(listQuerySchema, flatQuery(ctx, ["tag"]));
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.sort);
    if (after === null) {
      throw badRequest("the cursor is not valid", [{ path: "cursor", message: "is not a cursor this API issued for this sort" }]);
    }
    if (query.sort === "position" && query.list === undefined) {
      throw badRequest("sort=position orders one list", [{ path: "sort", message: "position needs a list filter (list=<id>)" }]);
    }
    // Another member's tasks, or the unassigned ones, are asked of one list: across lists only one's own.
    if (query.assignee !== undefined && query.assignee !== "me" && query.list === undefined) {
      throw badRequest("assignee names someone else only within a list", [{ path: "assignee", message: "without list, only me (the tasks assigned to you); none or a member's id need list=<id>" }]);
    }
    const assignedTo = query.assignee === undefined ? undefined : query.assignee === "me" ? userId(ctx) : query.assignee === "none" ? null : query.assignee;
    // Refused (404) unless the caller may read the list; then its tasks are listed whoever made them.
    if (query.list !== undefined) await deps.lists.check(query.list, userId(ctx), "read");
    // A query of punctuation alone has no word to match: nothing does.
    const search = query.q === undefined ? undefined : parseSearch(query.q);
    if (search === null) {
      ctx.body = { items: [], nextCursor: null };
      return;
    }
    const plan = (cursor: Cursor | undefined, limit: number) =>
      planList(
        {
          ownerId: userId(ctx),
          listId: query.list,
          assignedTo,
          q: search,
          status: query.status,
          priority: query.priority,
          tags: query.tag,
          dueBefore: query.dueBefore,
          dueAfter: query.dueAfter,
          overdue: query.overdue,
          sort: query.sort,
          limit,
          after: cursor,
        },
        new Date(),
      );
    let page: Page<Task>;
    if (query.list !== undefined) page = await deps.readModel.list(plan(after, query.limit), query.sort);
    else {
      // Without a list: the caller's own (or assigned) tasks in lists they are still a member of,
      // that condition applied to the store's page (keptPage.ts); the lookup runs beside the first query.
      const memberships = deps.listsOf(userId(ctx)).then((ids) => new Set(ids));
      const fetch = (cursor: Cursor | undefined, limit: number) => deps.readModel.list(plan(cursor, limit), query.sort);
      const [member, first] = await Promise.all([memberships, fetch(after, query.limit)]);
      page = await keptPage(first, fetch, (task) => task.listId == null || member.has(task.listId), query.limit);
    }
    ctx.body = { items: page.items.map(presentTask), nextCursor: page.next ? encodeCursor(page.next) : null };
  });

  router.get(`${BASE}/:id`, async (ctx) => {
    const id = taskId(ctx);
    const task = await deps.actors.read(id, userId(ctx), await via(ctx, id, "read"));
    ctx.set("ETag", etagOf(task));
    ctx.body = presentTask(task);
  });

  router.patch(`${BASE}/:id`, async (ctx) => {
    const id = taskId(ctx);
    const expectedVersion = versionFromIfMatch(ctx.get("if-match"));
    if (Number.isNaN(expectedVersion)) {
      throw new HttpProblem(412, "version_mismatch", "Precondition Failed", "If-Match must be a task version such as \"3\"");
    }
    const asked = parseOr400(patchTaskSchema, await readJson(ctx));
    const keyed = writeKeyOf(ctx, "update", asked, 200);
    // A move: the caller must be able to add tasks to the list it goes to (update.ts, as CalDAV's MOVE).
    const viaList = await via(ctx, id, "editTasks");
    const view = await updates.update({ userId: userId(ctx), taskId: id, patch: asked, expectedVersion, viaList, write: keyed });
    respond(ctx, view);
  });

  router.post(`${BASE}/:id/complete`, async (ctx) => {
    const id = taskId(ctx);
    const { withSubtasks } = parseOr400(completeQuerySchema, flatQuery(ctx));
    const keyed = writeKeyOf(ctx, "complete", { withSubtasks }, 200);
    const viaList = await via(ctx, id, "editTasks");
    if (withSubtasks) {
      // Deepest first, so a failure part way leaves the parent open to try again.
      for (const level of (await subtreeOf(deps.readModel, id)).reverse()) {
        for (const sub of level.filter((t) => t.status === "open")) await alongWith(write(sub.id, { kind: "complete", ownerId: userId(ctx), viaList, write: keyed }));
      }
    }
    const view = await write(id, { kind: "complete", ownerId: userId(ctx), viaList, write: keyed });
    // The next occurrence of a recurring task exists once the actor's outbox
    // created it (normally before it answered; else shortly after).
    const next = view.nextOccurrenceId ? await deps.actors.read(view.nextOccurrenceId, userId(ctx), viaList).catch(() => null) : null;
    // Read-your-writes for the occurrence too: the actor made it, not this route, so only
    // its task-updates event would reach the read model (the version guard lets both land).
    if (next) await deps.readModel.applyAfterWrite(next, false);
    ctx.status = replayed(ctx, view, 200);
    ctx.set("ETag", etagOf(view.task));
    ctx.body = { task: presentTask(view.task), next: next ? presentTask(next) : null };
  });

  router.get(`${BASE}/:id/occurrences`, async (ctx) => {
    const { count } = parseOr400(occurrencesQuerySchema, flatQuery(ctx));
    const id = taskId(ctx);
    const task = await deps.actors.read(id, userId(ctx), await via(ctx, id, "read"));
    const items = task.recurrence && task.dueAt ? occurrencesAfter(task.recurrence.rule, task.dueAt, task.timeZone, new Date(task.dueAt), count) : [];
    ctx.body = { items: items.map((dueAt) => ({ dueAt })) };
  });

  router.post(`${BASE}/:id/reopen`, async (ctx) => {
    const id = taskId(ctx);
    const keyed = writeKeyOf(ctx, "reopen", {}, 200);
    respond(ctx, await write(id, { kind: "reopen", ownerId: userId(ctx), viaList: await via(ctx, id, "editTasks"), write: keyed }));
  });

  router.post(`${BASE}/:id/snooze`, async (ctx) => {
    const id = taskId(ctx);
    const body = parseOr400(snoozeSchema, await readJson(ctx));
    const keyed = writeKeyOf(ctx, "snooze", body, 200);
    const until = "until" in body ? body.until : new Date(Date.now() + durationMs(body.for)).toISOString();
    respond(ctx, await write(id, { kind: "snooze", ownerId: userId(ctx), until, viaList: await via(ctx, id, "editTasks"), write: keyed }));
  });

  router.delete(`${BASE}/:id`, async (ctx) => {
    const id = taskId(ctx);
    const keyed = writeKeyOf(ctx, "delete", {}, 204);
    const viaList = await via(ctx, id, "editTasks");
    // Its subtasks go to the trash with it, after it (a restore of the parent brings back those deleted no earlier).
    const subtree = await subtreeOf(deps.readModel, id);
    const view = await write(id, { kind: "delete", ownerId: userId(ctx), viaList, write: keyed });
    for (const level of subtree) {
      for (const sub of level) await alongWith(write(sub.id, { kind: "delete", ownerId: userId(ctx), viaList, write: keyed }));
    }
    ctx.status = replayed(ctx, view, 204);
  });

  /**
   * Out of the trash, through the list it was deleted from: the caller must
   * still be able to edit tasks there. That list gone (a list with only
   * trashed tasks may be deleted) or closed to the task's maker: 409; to
   * anyone else the task does not exist.
   */
  router.post(`${BASE}/:id/restore`, async (ctx) => {
    const id = taskId(ctx);
    const me = userId(ctx);
    const keyed = writeKeyOf(ctx, "restore", {}, 200);
    // The read store down: the task's actor answers its maker alone (as for every write).
    const stored = await deps.readModel.get(id).catch(() => null);
    let viaList: string | undefined;
    if (stored) {
      try {
        await deps.lists.authorize(stored.listId, me, "editTasks");
        viaList = stored.listId;
      } catch (err) {
        if (!(err instanceof DomainError && err.code === "not_found")) throw err;
        if (stored.ownerId !== me || !stored.deleted) throw notFoundProblem(`task ${id} does not exist`);
        throw new DomainError("cannot_undo", "the task's list was deleted, or you are no longer a member of it: it cannot be restored there");
      }
    }
    const view = await write(id, { kind: "restore", ownerId: me, viaList, write: keyed });
    // The subtasks that went to the trash with it (deleted when it was, or after) come back too, parents first.
    if (stored?.deleted) {
      for (const level of await subtreeOf(deps.readModel, id, true)) {
        for (const sub of level.filter((t) => t.updatedAt >= stored.updatedAt)) await alongWith(write(sub.id, { kind: "restore", ownerId: me, viaList, write: keyed }));
      }
    }
    respond(ctx, view);
  });

  /**
   * A new version with the content of version `version` (an undo of an edit,
   * a completion, a move or a reorder). Back into another list only if the
   * caller may still add tasks there: else 409, as the list may be gone.
   */
  router.post(`${BASE}/:id/revert`, async (ctx) => {
    const id = taskId(ctx);
    const me = userId(ctx);
    const { version } = parseOr400(revertSchema, await readJson(ctx));
    const keyed = writeKeyOf(ctx, "revert", { version }, 200);
    const viaList = await via(ctx, id, "editTasks");
    const [target, before] = await Promise.all([deps.actors.readVersion(id, me, viaList, version), deps.actors.read(id, me, viaList)]);
    if (target.parentId !== before.parentId || target.listId !== before.listId) {
      try {
        await checkTree(before, target.listId, target.parentId, target.parentId !== before.parentId);
      } catch (err) {
        if (!(err instanceof DomainError && err.code === "invalid_task")) throw err;
        throw new DomainError("cannot_undo", `version ${version} cannot be brought back (parentId ${err.message})`, "version");
      }
    }
    // The assignee that version had must still be someone its list has (a version in another list too).
    if (target.assigneeId !== null && (target.assigneeId !== before.assigneeId || target.listId !== before.listId)) {
      try {
        await checkAssignee(ctx, target.listId, target.assigneeId);
      } catch (err) {
        if (!(err instanceof DomainError && (err.code === "invalid_task" || err.code === "not_found" || err.code === "forbidden"))) throw err;
        throw new DomainError("cannot_undo", `version ${version} is assigned to someone who is no longer in its list`, "version");
      }
    }
    if (target.listId !== viaList) {
      try {
        await deps.lists.authorize(target.listId, me, "editTasks");
      } catch (err) {
        if (!(err instanceof DomainError && (err.code === "not_found" || err.code === "forbidden"))) throw err;
        throw new DomainError("cannot_undo", `version ${version} is in a list that was deleted or where you can no longer add tasks`, "version");
      }
    }
    const view = await write(id, { kind: "revert", ownerId: me, version, viaList, write: keyed });
    if (view.changed) await moveSubtree(ctx, before, view.task.listId, viaList, keyed);
    respond(ctx, view);
  });

  router.get(`${BASE}/:id/history`, async (ctx) => {
    const id = taskId(ctx);
    // Entries are those of lists the caller may read now, so another user's task yields none. A
    // deleted task keeps its history; a live task may not have any entry yet.
    const [items, live] = await Promise.all([
      deps.history(id, userId(ctx)),
      via(ctx, id, "read").then((viaList) => deps.actors.read(id, userId(ctx), viaList)).then(() => true, () => false),
    ]);
    if (items.length === 0 && !live) throw notFoundProblem(`task ${id} does not exist`);
    ctx.body = { items };
  });

  return router;
}

/** GET /api/v1/trash: the caller's deleted tasks that can still be restored (docs/undo.md). */
export function trashRoutes(deps: Pick<TaskRoutesDeps, "guard" | "listsOf"> & { readModel: Pick<ReadModel, "trash"> }): Router {
  const router = newRouter();
  router.use(...deps.guard);
  router.get("/api/v1/trash", async (ctx) => {
    const { limit, cursor } = parseOr400(trashQuerySchema, flatQuery(ctx));
    const after = cursor === undefined ? null : decodeTrashCursor(cursor);
    if (after === null && cursor !== undefined) throw badRequest("the cursor is not valid", [{ path: "cursor", message: "is not a cursor this API issued for the trash" }]);
    const ownerId = (ctx.state as AuthState).userId;
    const page = await deps.readModel.trash(planTrash({ ownerId, memberOf: await deps.listsOf(ownerId), after, limit }, new Date()));
    const last = page.items[page.items.length - 1];
    ctx.body = { items: page.items.map(presentTask), nextCursor: page.more && last ? encodeTrashCursor({ deletedAt: last.updatedAt, id: last.id }) : null };
  });
  return router;
}
