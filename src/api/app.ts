/**
 * createApp(deps) → a Koa app that never listens. Every role (api,
 * notifications, audit) is this app with different routers plugged in.
 */
import Koa from "koa";
import type Router from "@koa/router";
import type { Logger } from "../infra/logger.js";
import type { Metrics } from "../infra/metrics.js";
import { observeRequests } from "./observe.js";
import { requireAppToken } from "./callbackAuth.js";
import { problemMiddleware } from "./problem.js";

export interface AppDeps {
  log: Logger;
  appApiToken: string;
  routers: Router[];
  metrics?: Pick<Metrics, "httpDuration">;
}

export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: false });
  app.silent = true; // errors are logged by problemMiddleware, once
  app.use(observeRequests(deps.metrics));
  app.use(problemMiddleware(deps.log));
  app.use(requireAppToken(deps.appApiToken));
  for (const router of deps.routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
