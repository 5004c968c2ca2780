/**
 * createApp(deps) → a Koa app that never listens. Every role (api,
 * notifications, audit) is this app with different routers plugged in.
 */
import Koa from "koa";
import type { Logger } from "../infra/logger.js";
import type { Metrics } from "../infra/metrics.js";
import { assertExactPaths, gatedRouter, routesOf, type RouteEntry, type Router } from "../infra/http/router.js";
import { observeRequests } from "./observe.js";
import { requireAppToken } from "./callbackAuth.js";
import { problemMiddleware } from "./problem.js";

export interface AppRouters {
  /**
   * Every route daprd calls: actor callbacks, /dapr/config, /dapr/subscribe,
   * subscription deliveries, input bindings, service invocation. They are
   * mounted on one router whose first middleware checks the app token.
   */
  sidecarRouters: Router[];
  /** Routes for users and probes: each guards itself (bearer token, signed link) or is public by design. */
  routers: Router[];
}

export interface AppDeps extends AppRouters {
  log: Logger;
  appApiToken: string;
  metrics?: Pick<Metrics, "httpDuration">;
}

export interface RouteTable {
  sidecar: RouteEntry[];
  public: RouteEntry[];
}

/** What an app built from these routers serves (the route-guard test walks it). */
export function routeTable(deps: AppRouters): RouteTable {
  return { sidecar: routesOf(deps.sidecarRouters), public: routesOf(deps.routers) };
}

export function createApp(deps: AppDeps): Koa {
  // Refuses a router that would answer a path other than its own exactly (see newRouter).
  assertExactPaths([...deps.sidecarRouters, ...deps.routers]);
  const app = new Koa({ proxy: false });
  app.silent = true; // errors are logged by problemMiddleware, once
  app.use(observeRequests(deps.metrics));
  app.use(problemMiddleware(deps.log));
  const sidecar = gatedRouter(requireAppToken(deps.appApiToken), deps.sidecarRouters);
  for (const router of [sidecar, ...deps.routers]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
