/**
 * /api/v1/tags: the caller's tags on live tasks, most used first; rename or
 * merge one (PATCH `{ "name": "new" }`) or remove it (DELETE) across all of
 * the caller's tasks, each task changed through its actor (see retag.ts).
 */
import { newRouter, type Router } from "../../infra/http/router.js";
import type { Context, Middleware } from "koa";
import { z } from "zod";
import type { TaskActors } from "../../actors/client.js";
import type { ReadModel } from "../../infra/readModel.js";
import type { AuthState } from "../auth.js";
import { readJson } from "../../http/body.js";
import { retag } from "./retag.js";
import { parseOr400 } from "../../http/validate.js";
import { lineOfText } from "../tasks/schema.js";

const tagName = lineOfText(40).transform((t) => t.toLowerCase());
export const renameSchema = z.strictObject({ name: tagName });

const BASE = "/api/v1/tags";

export function tagRoutes(deps: { guard: Middleware[]; readModel: Pick<ReadModel, "tags" | "list" | "applyAfterWrite">; actors: TaskActors }): Router {
  const router = newRouter();
  router.use(...deps.guard);
  const userId = (ctx: Context) => (ctx.state as AuthState).userId;
  const tagParam = (ctx: Context) => parseOr400(z.strictObject({ tag: tagName }), { tag: String(ctx.params.tag) }).tag;

  router.get(BASE, async (ctx) => {
    ctx.body = { items: await deps.readModel.tags(userId(ctx)) };
  });

  router.patch(`${BASE}/:tag`, async (ctx) => {
    const from = tagParam(ctx);
    const { name } = parseOr400(renameSchema, await readJson(ctx));
    const { changed } = await retag(deps, userId(ctx), from, name);
    ctx.body = { tag: name, renamedFrom: from, tasksChanged: changed };
  });

  router.delete(`${BASE}/:tag`, async (ctx) => {
    await retag(deps, userId(ctx), tagParam(ctx), null);
    ctx.status = 204;
  });
  return router;
}
