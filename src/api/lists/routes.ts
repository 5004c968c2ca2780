/**
 * /api/v1/lists. Writes go through the list's actor (the authority for the
 * list and its access); the caller's lists are read from the lists view,
 * which each committed change is applied to before the answer.
 */
import { randomUUID } from "node:crypto";
import type { Context, Middleware } from "koa";
import type { ListActors } from "../../actors/client.js";
import type { ListView } from "../../actors/listActor.js";
import { MAX_LISTS_PER_USER, positionAt, type List, type ListCommand } from "../../domain/index.js";
import type { ListsView } from "../../infra/listsView.js";
import { newRouter, type Router } from "../../infra/http/router.js";
import { readJson } from "../../http/body.js";
import { HttpProblem, limitReached, notFoundProblem } from "../../http/problem.js";
import { parseOr400 } from "../../http/validate.js";
import type { AuthState } from "../auth.js";
import { versionFromIfMatch } from "../tasks/presenter.js";
import type { Lists } from "./lists.js";
import { createListSchema, patchListSchema } from "./schema.js";

export interface ListRoutesDeps {
  guard: Middleware[];
  actors: ListActors;
  lists: Lists;
  view: Pick<ListsView, "apply" | "of" | "countOwned">;
  /** Whether a live task is still in the list (a list is deleted only when empty). */
  hasTasks(listId: string): Promise<boolean>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE = "/api/v1/lists";

export const presentList = (list: List): List => ({ ...list });
const etagOf = (list: List) => `"${list.version}"`;

export function listRoutes(deps: ListRoutesDeps): Router {
  const router = newRouter();
  router.use(...deps.guard);
  const userId = (ctx: Context) => (ctx.state as AuthState).userId;
  const listId = (ctx: Context) => {
    const id = String(ctx.params.id);
    if (!UUID.test(id)) throw notFoundProblem(`list ${id} does not exist`);
    return id.toLowerCase();
  };

  async function write(id: string, command: ListCommand): Promise<ListView> {
    const view = await deps.actors.handle(id, command);
    // Applied also when unchanged: a retry repairs a view that missed the first answer.
    await deps.view.apply(view.list, view.deleted, view.invitations);
    return view;
  }

  function respond(ctx: Context, list: List, status = 200) {
    ctx.status = status;
    ctx.set("ETag", etagOf(list));
    ctx.body = presentList(list);
  }

  router.get(BASE, async (ctx) => {
    const user = userId(ctx);
    let items = await deps.view.of(user);
    if (!items.some((l) => l.inbox && l.ownerId === user)) {
      await deps.lists.inbox(user, true);
      items = await deps.view.of(user);
    }
    ctx.body = { items: items.map(presentList) };
  });

  router.post(BASE, async (ctx) => {
    const input = parseOr400(createListSchema, await readJson(ctx));
    const user = userId(ctx);
    // Counted from the view, so two creates racing may pass one over; the cap bounds storage, not a contract.
    if ((await deps.view.countOwned(user)) >= MAX_LISTS_PER_USER) {
      throw limitReached(409, "MAX_LISTS_PER_USER", MAX_LISTS_PER_USER, "delete a list before making another");
    }
    const id = randomUUID();
    const view = await write(id, { kind: "create", userId: user, listId: id, input, position: positionAt(new Date().toISOString()) });
    ctx.set("Location", `${BASE}/${id}`);
    respond(ctx, view.list, 201);
  });

  router.get(`${BASE}/:id`, async (ctx) => {
    respond(ctx, await deps.lists.authorize(listId(ctx), userId(ctx), "read"));
  });

  router.patch(`${BASE}/:id`, async (ctx) => {
    const id = listId(ctx);
    const expectedVersion = versionFromIfMatch(ctx.get("if-match"));
    if (Number.isNaN(expectedVersion)) {
      throw new HttpProblem(412, "version_mismatch", "Precondition Failed", "If-Match must be a list version such as \"3\"");
    }
    const patch = parseOr400(patchListSchema, await readJson(ctx));
    await deps.lists.authorize(id, userId(ctx), "editList");
    respond(ctx, (await write(id, { kind: "update", userId: userId(ctx), patch, expectedVersion })).list);
  });

  router.delete(`${BASE}/:id`, async (ctx) => {
    const id = listId(ctx);
    await deps.lists.authorize(id, userId(ctx), "deleteList");
    if (await deps.hasTasks(id)) {
      throw new HttpProblem(409, "list_not_empty", "Conflict", "the list still holds tasks: move or delete them first", [{ path: "id", message: "list holds tasks" }]);
    }
    await write(id, { kind: "delete", userId: userId(ctx) });
    ctx.status = 204;
  });

  return router;
}
