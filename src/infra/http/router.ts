/**
 * Every router of every app is made here: strict and case-sensitive, so a
 * route answers its exact path only. `@koa/router` matches case-insensitively
 * and with an optional trailing slash by default, while its router-level
 * middleware (`router.use(guard)`) is matched case-sensitively: an upper-cased
 * path reached the handler and skipped the guard (issue 20). Koa's ctx.path is
 * the raw, undecoded path, so `%2F` never matches a `/` of a route; only
 * captured parameters are decoded. See docs/security.md.
 */
import Router from "@koa/router";
import type { Context, Middleware, Next } from "koa";

export type { Router };

/** Options every router gets; not overridable. */
export const EXACT_PATHS = { strict: true, sensitive: true } as const;

/** Under a prefix, a strict router's "/" is the prefix plus "/": a router serving its prefix itself writes full paths. */
export function newRouter(opts: { prefix?: string } = {}): Router {
  return new Router({ ...opts, ...EXACT_PATHS });
}

/**
 * One router holding `routers` behind `gate`: the gate is this router's first
 * middleware, so it runs before the handler of every route mounted here
 * (and never for a path none of them matches).
 */
export function gatedRouter(gate: Middleware, routers: Router[]): Router {
  const gated = newRouter();
  gated.use(gate);
  for (const router of routers) gated.use(router.routes());
  return gated;
}

export interface RouteEntry {
  /** Upper-case HTTP methods (HEAD included for GET). */
  methods: string[];
  /** The path template, e.g. /actors/:type/:id/method/:method. */
  path: string;
}

/** The routes (not the middleware) of `routers`, from their stacks. */
export function routesOf(routers: Router[]): RouteEntry[] {
  return routers.flatMap((router) =>
    router.stack.filter((layer) => layer.methods.length > 0).map((layer) => ({ methods: [...layer.methods], path: String(layer.path) })),
  );
}

/** Throws unless every layer of `routers` is strict and case-sensitive (a router made without newRouter). */
export function assertExactPaths(routers: Router[]): void {
  for (const router of routers) {
    for (const layer of router.stack) {
      const opts = layer.opts as { strict?: boolean; sensitive?: boolean };
      if (opts.strict !== true || opts.sensitive !== true) {
        throw new Error(`route ${layer.methods.join(",") || "(middleware)"} ${String(layer.path)} is not strict and case-sensitive: make its router with newRouter()`);
      }
    }
  }
}

/** The methods the routes of `routers` take at `path` (HEAD where GET is), sorted; empty when no route has that path. */
export function allowedAt(routers: Router[], path: string): string[] {
  const methods = new Set<string>();
  for (const router of routers) {
    for (const layer of router.match(path, "GET").path) for (const method of layer.methods) methods.add(method);
  }
  return [...methods].sort();
}

/**
 * The last middleware of an app: a request no route took, at a path some
 * route serves, used a method none of them declares. It answers 405 with
 * `Allow` through `refuse` (the one error path), after the `gate` of the
 * routers serving that path (the app token of daprd's routes: without it,
 * still 401). @koa/router's allowedMethods answered 501 to methods it does
 * not know (TRACE) and an empty 405 to the others.
 */
export function undeclaredMethods(served: { routers: Router[]; gate?: Middleware }[], refuse: (allow: string[], ctx: Context) => Error): Middleware {
  return async (ctx: Context, next: Next) => {
    for (const { routers, gate } of served) {
      const allow = allowedAt(routers, ctx.path);
      // A route of this method that passed the request on (a missing asset) leaves it a 404.
      if (allow.length === 0 || allow.includes(ctx.method)) continue;
      const answer = () => Promise.reject(refuse(allow, ctx));
      return gate ? gate(ctx, answer) : answer();
    }
    return next();
  };
}
