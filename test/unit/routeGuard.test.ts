/**
 * Issue 20: sidecar-only routes answered an upper-cased path without the app
 * token. Generated from the route table of each app as src/app.ts builds it
 * (buildApp, on app.callback(), no daprd, no store): a route added to any
 * router is covered without anyone listing it here.
 *
 * - Every sidecar route, without the app token, in its own spelling and in
 *   upper case, mixed case, with a doubled slash, a percent-encoded slash, a
 *   trailing slash and a trailing dot, answers 401 or 404 and reaches no
 *   handler (every route handler is wrapped by a probe) and no sidecar call.
 * - Every public route answers 401 without a bearer token, except the few
 *   public by design listed below; its misspellings reach no handler either.
 * - With the token, each sidecar route does reach its handler (the probe works).
 * - Every route answers a method its path does not declare (TRACE, OPTIONS, a
 *   PATCH on a collection) with 405 problem+json and an `Allow` listing the
 *   declared ones; a sidecar route only with the app token (else 401 first).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import mongoose from "mongoose";
import { match } from "path-to-regexp";
import { pino } from "pino";
import request from "supertest";
import { buildApp, type BuiltApp } from "../../src/app.js";
import type { RouteTable } from "../../src/http/app.js";
import { ROLES, loadConfig, type Role } from "../../src/infra/config.js";
import { newRouter, type RouteEntry } from "../../src/infra/http/router.js";
import { Metrics } from "../../src/infra/metrics.js";
import { Sidecar } from "../../src/infra/sidecar.js";

const APP_TOKEN = "app-token-route-guard-0123456789";

/** Public by design: the web shell, sign-in, docs, probes and metadata, and routes whose credential is in the URL. */
const PUBLIC_BY_DESIGN: { path: string; methods: string[]; why: string }[] = [
  { path: "/", methods: ["GET", "HEAD"], why: "web app shell" },
  { path: "/index.html", methods: ["GET", "HEAD"], why: "web app shell" },
  { path: "/assets/:file", methods: ["GET", "HEAD"], why: "web app assets" },
  { path: "/favicon.ico", methods: ["GET", "HEAD"], why: "web app icon" },
  { path: "/sw.js", methods: ["GET", "HEAD"], why: "web app service worker (the offline shell)" },
  { path: "/manifest.webmanifest", methods: ["GET", "HEAD"], why: "web app manifest" },
  { path: "/icons/icon-192.png", methods: ["GET", "HEAD"], why: "web app icon" },
  { path: "/icons/icon-512.png", methods: ["GET", "HEAD"], why: "web app icon" },
  { path: "/api/v1/session/config", methods: ["GET", "HEAD"], why: "how to sign in" },
  { path: "/api/v1/session/dev", methods: ["POST"], why: "development sign-in (404 unless enabled)" },
  { path: "/api/v1/openapi.json", methods: ["GET", "HEAD"], why: "API description" },
  { path: "/docs", methods: ["GET", "HEAD"], why: "API docs page" },
  { path: "/docs/docs.js", methods: ["GET", "HEAD"], why: "API docs page" },
  { path: "/healthz", methods: ["GET", "HEAD"], why: "liveness probe" },
  { path: "/readyz", methods: ["GET", "HEAD"], why: "readiness probe" },
  { path: "/metrics", methods: ["GET", "HEAD"], why: "Prometheus scrape" },
  { path: "/.well-known/oauth-protected-resource", methods: ["GET", "HEAD"], why: "MCP authorization metadata" },
  { path: "/.well-known/oauth-protected-resource/mcp", methods: ["GET", "HEAD"], why: "MCP authorization metadata" },
  { path: "/mcp", methods: ["GET", "HEAD", "PUT", "PATCH", "DELETE"], why: "405: the stateless MCP endpoint takes POST only (guarded)" },
  { path: "/api/v1/actions/:link", methods: ["GET", "HEAD", "POST"], why: "reminder email action: the signed link is the credential" },
  { path: "/api/v1/calendar/:feed", methods: ["GET", "HEAD"], why: "calendar feed: the feed token is the credential" },
];

/** Where daprd calls: nothing under these may be public. */
const SIDECAR_PREFIXES = ["/dapr/", "/actors/", "/events/", "/internal/"];

const SENT_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

const SAMPLE_PARAMS: Record<string, string> = { type: "TaskActor", id: "t1", method: "read", name: "r1" };

/** A concrete path for a route template (parameters filled in). */
function concrete(template: string): string {
  if (/[{}*()]/.test(template)) throw new Error(`route ${template}: teach this test to fill its optional or wildcard parts`);
  return template.replace(/:(\w+)/g, (_, name: string) => SAMPLE_PARAMS[name] ?? "x1");
}

/** The misspellings of a path the issue names; those equal to the path itself are left out. */
function misspellings(path: string): [string, string][] {
  const mixed = [...path].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join("");
  const all: [string, string][] = [
    ["upper case", path.toUpperCase()],
    ["mixed case", mixed],
    ["leading //", `/${path}`],
    ["inner //", path.replace(/^(\/[^/]+)\//, "$1//")],
    ["%2F", path.replace(/^(\/[^/]+)\//, "$1%2F")],
    ["%2f everywhere", `/${path.slice(1).replaceAll("/", "%2f")}`],
    ["trailing /", `${path}/`],
    ["trailing .", `${path}.`],
  ];
  return all.filter(([, p]) => p !== path);
}

/** Routes whose template matches `path` exactly (case, slashes and all). */
function exactRoutes(routes: RouteEntry[], path: string): RouteEntry[] {
  return routes.filter((r) => match(r.path, { decode: false, sensitive: true, trailing: false })(path) !== false);
}

const isPublicByDesign = (method: string, path: string) => PUBLIC_BY_DESIGN.some((p) => p.path === path && p.methods.includes(method));

interface Harness {
  role: Role;
  built: BuiltApp;
  server: Server;
  /** Routes whose handler ran ("METHOD template"), by the probe. */
  reached: string[];
  /** Sidecar methods called. */
  sidecarCalls: string[];
  mongo: mongoose.Connection;
}

/**
 * Wraps the handler (last function) of every route registered from now on,
 * so reaching it is recorded. Routers are built through @koa/router's
 * register; the prototype comes from a router so no value import is needed.
 */
function probeRouteHandlers(reached: string[]): () => void {
  type Register = (path: unknown, methods: string[], middleware: unknown, opts?: unknown) => unknown;
  const proto = Object.getPrototypeOf(newRouter()) as { register: Register };
  const original = proto.register;
  proto.register = function (this: unknown, path, methods, middleware, opts) {
    if (Array.isArray(methods) && methods.length > 0 && typeof path === "string") {
      const stack = (Array.isArray(middleware) ? [...middleware] : [middleware]) as ((ctx: unknown, next: unknown) => unknown)[];
      const handler = stack[stack.length - 1]!;
      stack[stack.length - 1] = (ctx: unknown, next: unknown) => {
        reached.push(`${(ctx as { method: string }).method} ${(ctx as { path: string }).path}`);
        return handler(ctx, next);
      };
      return original.call(this, path, methods, stack, opts);
    }
    return original.call(this, path, methods, middleware, opts);
  };
  return () => {
    proto.register = original;
  };
}

async function harness(role: Role): Promise<Harness> {
  // Everything it could reach is closed: 127.0.0.1:1 refuses at once.
  const config = loadConfig({
    ROLE: role,
    LOG_LEVEL: "silent",
    DAPR_HOST: "127.0.0.1",
    DAPR_HTTP_PORT: "1",
    DAPR_GRPC_PORT: "1",
    DAPR_API_TOKEN: "dapr-token-route-guard-0123456789",
    APP_API_TOKEN: APP_TOKEN,
    MONGODB_URI: "mongodb://127.0.0.1:1/route-guard",
    KAFKA_BROKERS: "127.0.0.1:1",
    REDIS_HOST: "127.0.0.1:1",
    AUTH_JWT_SECRET: "route-guard-secret-route-guard-secret-0123",
  });
  const reached: string[] = [];
  const sidecarCalls: string[] = [];
  const realSidecar = new Sidecar({ host: "127.0.0.1", httpPort: 1, apiToken: config.DAPR_API_TOKEN });
  const sidecar = new Proxy(realSidecar, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        sidecarCalls.push(String(prop));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  // Never opened, and no buffering: a handler that reached the store fails at once.
  const mongo = mongoose.createConnection();
  mongo.set("bufferCommands", false);
  const restore = probeRouteHandlers(reached);
  let built: BuiltApp;
  try {
    built = buildApp({ config, log: pino({ level: "silent" }), sidecar, mongo, metrics: new Metrics(role) });
  } finally {
    restore();
  }
  const server = createServer(built.app.callback());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { role, built, server, reached, sidecarCalls, mongo };
}

async function send(h: Harness, method: string, path: string, headers: Record<string, string> = {}) {
  const { port } = h.server.address() as AddressInfo;
  let req = request(`http://127.0.0.1:${port}`)[method.toLowerCase() as "get"](path).timeout(5000);
  for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
  try {
    const res = await req;
    return res.status;
  } catch (err) {
    // A handler that never answered (waiting on a store that is not there) counts as reached by the probe.
    if ((err as { timeout?: number }).timeout) return 0;
    throw err;
  }
}

/** Every method a client may send, declared or not. */
const ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"];

async function sendForAllow(h: Harness, method: string, path: string, headers: Record<string, string> = {}) {
  const { port } = h.server.address() as AddressInfo;
  let req = request(`http://127.0.0.1:${port}`)[method.toLowerCase() as "get"](path).timeout(5000);
  for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
  const res = await req;
  return { status: res.status, allow: res.headers["allow"] as string | undefined, type: String(res.headers["content-type"] ?? ""), body: res.body as { status?: number } };
}

const methodsOf = (r: RouteEntry) => r.methods.filter((m) => SENT_METHODS.includes(m));

describe("route guard (generated from every app's routers)", function () {
  this.timeout(120_000);
  const harnesses = new Map<Role, Harness>();

  before(async () => {
    for (const role of ROLES) harnesses.set(role, await harness(role));
  });

  after(async () => {
    for (const h of harnesses.values()) {
      await new Promise<void>((resolve) => h.server.close(() => resolve()));
      await h.built.workers.stop();
      await h.mongo.close();
    }
  });

  const tables = (): [Role, RouteTable][] => [...harnesses.entries()].map(([role, h]) => [role, h.built.routes]);

  it("finds the routes daprd calls in every app's table, and none of them public", () => {
    for (const [role, table] of tables()) {
      expect(table.sidecar.map((r) => r.path), role).to.include("/dapr/subscribe");
      const open = table.public.filter((r) => SIDECAR_PREFIXES.some((p) => r.path.startsWith(p)));
      expect(open, `${role}: public routes where daprd calls`).to.deep.equal([]);
    }
    const api = harnesses.get("api")!.built.routes.sidecar.map((r) => r.path);
    expect(api).to.include.members(["/dapr/config", "/actors/:type/:id/method/:method", "/actors/:type/:id/method/remind/:name", "/actors/:type/:id"]);
    expect(harnesses.get("notifications")!.built.routes.sidecar.map((r) => r.path)).to.include.members(["/internal/cron/tick", "/internal/webhooks"]);
    expect(harnesses.get("audit")!.built.routes.sidecar.map((r) => r.path)).to.include.members(["/internal/history", "/internal/history/:taskId"]);
  });

  it("lists only routes that exist as public by design", () => {
    const all = tables().flatMap(([, t]) => t.public);
    for (const p of PUBLIC_BY_DESIGN) {
      const methods = all.filter((r) => r.path === p.path).flatMap((r) => r.methods);
      expect(methods, p.path).to.include.members(p.methods);
    }
  });

  for (const role of ROLES) {
    it(`${role}: every sidecar route, spelled any way, answers 401 or 404 without the app token and changes nothing`, async () => {
      const h = harnesses.get(role)!;
      const { sidecar, public: open } = h.built.routes;
      const failures: string[] = [];
      for (const route of sidecar) {
        const path = concrete(route.path);
        for (const method of methodsOf(route)) {
          const tries: [string, string, Record<string, string>][] = [
            ["exact", path, {}],
            ["exact, wrong token", path, { "dapr-api-token": "wrong-token-0123456789abcdef0123" }],
            ...misspellings(path).map(([what, p]): [string, string, Record<string, string>] => [what, p, {}]),
          ];
          for (const [what, p, headers] of tries) {
            h.reached.length = 0;
            h.sidecarCalls.length = 0;
            const status = await send(h, method, p, headers);
            // A misspelling that is some public route's exact path is that route's business (checked below).
            const publicExact = exactRoutes(open, p).some((r) => r.methods.includes(method) && isPublicByDesign(method, r.path));
            if (publicExact) continue;
            const expected = what.startsWith("exact") ? [401] : [401, 404];
            if (!expected.includes(status) || h.reached.length > 0 || h.sidecarCalls.length > 0) {
              failures.push(`${method} ${p} (${what} of ${route.path}): ${status}, handler ${h.reached.join(",") || "-"}, sidecar ${h.sidecarCalls.join(",") || "-"}`);
            }
          }
        }
      }
      expect(failures, failures.join("\n")).to.deep.equal([]);
    });

    it(`${role}: every public route answers 401 without a bearer token (except those public by design), and its misspellings reach no handler`, async () => {
      const h = harnesses.get(role)!;
      const { sidecar, public: open } = h.built.routes;
      const every = [...sidecar, ...open];
      const failures: string[] = [];
      for (const route of open) {
        const path = concrete(route.path);
        for (const method of methodsOf(route)) {
          if (!isPublicByDesign(method, route.path)) {
            h.reached.length = 0;
            const status = await send(h, method, path);
            if (status !== 401 || h.reached.length > 0) failures.push(`${method} ${path}: ${status}, handler ${h.reached.join(",") || "-"}`);
          }
          for (const [what, p] of misspellings(path)) {
            const exact = exactRoutes(every, p);
            // Still some route's exact path (a parameter value ending in "."): that route's own rules hold.
            if (exact.some((r) => r.methods.includes(method) && isPublicByDesign(method, r.path))) continue;
            h.reached.length = 0;
            const status = await send(h, method, p);
            const allowed = exact.length > 0 ? [401, 405] : [404];
            if (!allowed.includes(status) || h.reached.length > 0) failures.push(`${method} ${p} (${what} of ${route.path}): ${status}, handler ${h.reached.join(",") || "-"}`);
          }
        }
      }
      expect(failures, failures.join("\n")).to.deep.equal([]);
    });

    it(`${role}: with the app token, each sidecar route reaches its handler`, async () => {
      const h = harnesses.get(role)!;
      const missed: string[] = [];
      for (const route of h.built.routes.sidecar) {
        const path = concrete(route.path);
        const method = methodsOf(route)[0]!;
        h.reached.length = 0;
        await send(h, method, path, { "dapr-api-token": APP_TOKEN, "content-type": "application/json" });
        if (!h.reached.includes(`${method} ${path}`)) missed.push(`${method} ${path}`);
      }
      expect(missed, missed.join("\n")).to.deep.equal([]);
    });

    it(`${role}: every route answers each method its path does not declare with 405 problem+json and Allow (a sidecar route only with the app token)`, async () => {
      const h = harnesses.get(role)!;
      const { sidecar, public: open } = h.built.routes;
      const every = [...sidecar, ...open];
      const failures: string[] = [];
      let tried = 0;
      for (const [kind, routes] of [["sidecar", sidecar], ["public", open]] as const) {
        for (const route of routes) {
          const path = concrete(route.path);
          const declared = [...new Set(exactRoutes(every, path).flatMap((r) => r.methods))].sort();
          for (const method of ALL_METHODS.filter((m) => !declared.includes(m))) {
            tried++;
            h.reached.length = 0;
            h.sidecarCalls.length = 0;
            if (kind === "sidecar") {
              const without = await sendForAllow(h, method, path);
              if (without.status !== 401 || without.allow !== undefined) failures.push(`${method} ${path} without the app token: ${without.status}, Allow ${without.allow ?? "-"}`);
            }
            const res = await sendForAllow(h, method, path, kind === "sidecar" ? { "dapr-api-token": APP_TOKEN } : {});
            const problem = method === "HEAD" || (res.type.startsWith("application/problem+json") && res.body.status === 405);
            if (res.status !== 405 || res.allow !== declared.join(", ") || !problem || h.reached.length > 0 || h.sidecarCalls.length > 0) {
              failures.push(`${method} ${path}: ${res.status} ${res.type}, Allow ${res.allow ?? "-"} (declared ${declared.join(", ")}), handler ${h.reached.join(",") || "-"}`);
            }
          }
        }
      }
      expect(failures, failures.join("\n")).to.deep.equal([]);
      expect(tried).to.be.greaterThan(0);
    });
  }
});
