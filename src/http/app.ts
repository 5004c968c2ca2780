/**
 * createApp(deps) → a Koa app that never listens. Every role (api,
 * notifications, audit) is this app with different routers plugged in.
 */
import Koa from "koa";
import type { Logger } from "../infra/logger.js";
import type { Metrics } from "../infra/metrics.js";
import { assertExactPaths, gatedRouter, routesOf, undeclaredMethods, type RouteEntry, type Router } from "../infra/http/router.js";
import { observeRequests } from "./observe.js";
import { requireAppToken } from "./callbackAuth.js";
import { methodNotAllowed, problemMiddleware } from "./problem.js";
import { forwardedFromTrustedProxies, TrustedProxies } from "./proxy.js";

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
  /** TRUSTED_PROXIES: the only peers whose X-Forwarded-* are believed (http/proxy.ts); none by default. */
  trustedProxies?: string[];
  /** HSTS_MAX_AGE_SECONDS: sent on answers over TLS; 0 turns it off. */
  hstsMaxAgeSeconds?: number;
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
  const trusted = new TrustedProxies(deps.trustedProxies ?? []);
  // Koa reads X-Forwarded-Proto/-Host only with `proxy` on; the first middleware removes them from every untrusted peer.
  const app = new Koa({ proxy: trusted.any });
  app.silent = true; // errors are logged by problemMiddleware, once
  app.use(forwardedFromTrustedProxies({ trusted, hstsMaxAgeSeconds: deps.hstsMaxAgeSeconds ?? 31_536_000 }));
  app.use(observeRequests(deps.metrics));
  app.use(problemMiddleware(deps.log));
  const gate = requireAppToken(deps.appApiToken);
  const sidecar = gatedRouter(gate, deps.sidecarRouters);
  for (const router of [sidecar, ...deps.routers]) app.use(router.routes());
  // No route took the request: a path served with other methods answers 405 with Allow (daprd's paths after the app token).
  app.use(undeclaredMethods([{ routers: [sidecar], gate }, { routers: deps.routers }], methodNotAllowed));
  return app;
}
