/**
 * /api/v1/me/app-passwords: passwords for devices whose apps speak only Basic
 * auth (CalDAV clients, docs/caldav.md). Created named and shown once, listed
 * with when each was last used, revoked by id. They work only under /dav/
 * (src/api/dav/basicAuth.ts); every other route takes bearer tokens alone.
 */
import { z } from "zod";
import type { Context, Middleware } from "koa";
import { newRouter, type Router } from "../../infra/http/router.js";
import { AppPasswordLimit, MAX_APP_PASSWORD_NAME, MAX_APP_PASSWORDS, type AppPasswordRecord, type AppPasswordStore } from "../../infra/appPasswords.js";
import type { AuthState } from "../auth.js";
import { readJson } from "../../http/body.js";
import { limitReached, notFoundProblem } from "../../http/problem.js";
import { parseOr400 } from "../../http/validate.js";
import { lineOfText } from "../tasks/schema.js";

export const appPasswordInput = z.strictObject({
  // The device or app it is for.
  name: lineOfText(MAX_APP_PASSWORD_NAME),
});

export interface AppPasswordRoutesDeps {
  guard: Middleware[];
  store: AppPasswordStore;
  /** Origin for the CalDAV URL handed out; else the request's own. */
  publicBaseUrl?: string;
  now?: () => Date;
}

const BASE = "/api/v1/me/app-passwords";
const ID = /^[0-9a-f]{16}$/;

const present = (r: AppPasswordRecord) => ({ id: r.id, name: r.name, createdAt: r.createdAt, lastUsedAt: r.lastUsedAt });

export function appPasswordRoutes(deps: AppPasswordRoutesDeps): Router {
  const router = newRouter();
  router.use(...deps.guard);
  const userId = (ctx: Context) => (ctx.state as AuthState).userId;
  const now = deps.now ?? (() => new Date());

  router.post(BASE, async (ctx) => {
    const { name } = parseOr400(appPasswordInput, await readJson(ctx));
    let created: Awaited<ReturnType<AppPasswordStore["create"]>>;
    try {
      created = await deps.store.create(userId(ctx), name, now());
    } catch (err) {
      if (err instanceof AppPasswordLimit) throw limitReached(409, "appPasswordsPerUser", MAX_APP_PASSWORDS, "revoke an app password first");
      throw err;
    }
    const origin = deps.publicBaseUrl ?? `${ctx.protocol}://${ctx.host}`;
    ctx.status = 201;
    ctx.set("Cache-Control", "no-store");
    ctx.body = { ...present(created.record), username: userId(ctx), password: created.password, url: `${origin}/dav/` };
  });

  router.get(BASE, async (ctx) => {
    ctx.body = { items: (await deps.store.list(userId(ctx))).map(present) };
  });

  router.delete(`${BASE}/:id`, async (ctx) => {
    const id = String(ctx.params.id);
    if (!ID.test(id) || !(await deps.store.revoke(userId(ctx), id))) throw notFoundProblem(`app password ${id} does not exist`);
    ctx.status = 204;
  });

  return router;
}
