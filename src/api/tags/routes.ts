/** GET /api/v1/tags: the caller's tags on live tasks, most used first. */
import Router from "@koa/router";
import type { Middleware } from "koa";
import type { ReadModel } from "../../infra/readModel.js";
import type { AuthState } from "../auth.js";

export function tagRoutes(deps: { guard: Middleware[]; readModel: Pick<ReadModel, "tags"> }): Router {
  const router = new Router({ prefix: "/api/v1/tags" });
  router.use(...deps.guard);
  router.get("/", async (ctx) => {
    ctx.body = { items: await deps.readModel.tags((ctx.state as AuthState).userId) };
  });
  return router;
}
