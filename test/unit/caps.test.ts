/**
 * Caps per user and per address (docs/security.md): each answered with a
 * problem+json naming the cap and its value, and changing nothing.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { pino } from "pino";
import request from "supertest";
import type { Context, Next } from "koa";
import type { Router } from "../../src/infra/http/router.js";
import { createApp } from "../../src/http/app.js";
import type { AuthState } from "../../src/api/auth.js";
import { exportRoutes } from "../../src/api/export/routes.js";
import { notificationApiRoutes } from "../../src/api/notifications/routes.js";
import { LiveStreams, streamRoutes } from "../../src/api/stream/routes.js";
import { SidecarError } from "../../src/infra/sidecar.js";
import { inboxIdOf } from "../../src/infra/ids.js";
import type { NotificationsClient } from "../../src/infra/clients/notifications.js";
import { notificationRoutes } from "../../src/notifications/routes.js";
import type { NotificationStore, WebhookDoc } from "../../src/notifications/store.js";
import { inMemoryActors, memoryLists } from "../support/memoryApi.js";

const APP_TOKEN = "app-token-0123456789";
/** Stands in for the bearer check: the user is named by a header (pure-code test of what sits behind the guard). */
const asUser = async (ctx: Context, next: Next) => {
  (ctx.state as AuthState).userId = ctx.get("x-test-user");
  await next();
};
const appOf = (routers: Router[], sidecarRouters: Router[] = []) => createApp({ log: pino({ level: "silent" }), appApiToken: APP_TOKEN, routers, sidecarRouters });

describe("caps per user and per address", () => {
  describe("open live streams (STREAMS_MAX_PER_USER, STREAMS_MAX_PER_IP)", () => {
    let server: http.Server;
    let base: string;
    const open: AbortController[] = [];
    const streams = new LiveStreams({ frames: 10, ms: 60_000, maxPerUser: 2, maxPerIp: 3 });

    before(async () => {
      server = http.createServer(appOf([streamRoutes({ guard: [asUser], streams, heartbeatMs: 60_000 })]).callback());
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => {
      open.forEach((c) => c.abort());
      server.closeAllConnections();
      server.close();
    });

    const connect = async (user: string) => {
      const abort = new AbortController();
      const res = await fetch(`${base}/api/v1/stream`, { headers: { "x-test-user": user }, signal: abort.signal });
      if (res.status === 200) open.push(abort);
      return { res, close: () => abort.abort() };
    };
    const until = async (what: string, ok: () => boolean) => {
      const deadline = Date.now() + 5000;
      while (!ok()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    it("answers 429 naming the per-user cap, and admits again once a stream closes", async () => {
      const first = await connect("ann");
      expect(first.res.status).to.equal(200);
      expect((await connect("ann")).res.status).to.equal(200);
      const third = await connect("ann");
      expect(third.res.status).to.equal(429);
      expect(third.res.headers.get("content-type")).to.match(/application\/problem\+json/);
      expect(third.res.headers.get("retry-after")).to.match(/^\d+$/);
      const body = (await third.res.json()) as { type: string; detail: string; limit: unknown };
      expect(body.type).to.equal("https://tickler.dev/problems/limit_reached");
      expect(body.limit).to.deep.equal({ name: "STREAMS_MAX_PER_USER", max: 2 });
      expect(body.detail).to.include("STREAMS_MAX_PER_USER: at most 2");
      expect(streams.connections, "the refused stream was not registered").to.equal(2);
      first.close();
      await until("the closed stream to be released", () => streams.connections === 1);
      expect((await connect("ann")).res.status).to.equal(200);
    });

    it("answers 429 naming the per-address cap when several users share one address", async () => {
      // ann holds 2 streams from 127.0.0.1; a third from the same address is over the cap of 3 whoever it is.
      expect((await connect("bob")).res.status).to.equal(200);
      const over = await connect("cid");
      expect(over.res.status).to.equal(429);
      expect(((await over.res.json()) as { limit: unknown }).limit).to.deep.equal({ name: "STREAMS_MAX_PER_IP", max: 3 });
      expect(streams.connections).to.equal(3);
    });
  });

  describe("webhooks per user (WEBHOOKS_MAX_PER_USER)", () => {
    function memoryStore() {
      const hooks: WebhookDoc[] = [];
      const store = {
        hooks,
        webhooksOf: async (ownerId: string) => hooks.filter((h) => h.ownerId === ownerId),
        addWebhookCapped: async (doc: WebhookDoc, max: number) => {
          if (hooks.filter((h) => h.ownerId === doc.ownerId).length >= max) return false;
          hooks.push(doc);
          return true;
        },
      };
      return store;
    }

    it("the notifications app answers 409 naming the cap once the user has as many as allowed, and adds nothing", async () => {
      const store = memoryStore();
      const app = appOf([], [notificationRoutes(store as unknown as NotificationStore, undefined, { webhooksPerUser: 2 })]).callback();
      const add = (ownerId: string) =>
        request(app).post("/internal/webhooks").set("dapr-api-token", APP_TOKEN).send({ ownerId, url: "https://hooks.example/x", secret: "s".repeat(16) });
      expect((await add("ann")).status).to.equal(201);
      expect((await add("ann")).status).to.equal(201);
      const over = await add("ann");
      expect(over.status).to.equal(409);
      expect(over.body.limit).to.deep.equal({ name: "WEBHOOKS_MAX_PER_USER", max: 2 });
      expect(store.hooks).to.have.length(2);
      expect((await add("bob")).status, "another user's cap is their own").to.equal(201);
    });

    it("the api passes the notifications app's 409 on with the cap named", async () => {
      const body = JSON.stringify({ type: "https://tickler.dev/problems/limit_reached", title: "Conflict", status: 409, detail: "delete one first (WEBHOOKS_MAX_PER_USER: at most 2)", limit: { name: "WEBHOOKS_MAX_PER_USER", max: 2 } });
      const notifications = { addWebhook: async () => Promise.reject(new SidecarError("daprd answered 409", 409, body)) } as unknown as NotificationsClient;
      const app = appOf([notificationApiRoutes({ guard: [asUser], notifications, allowPrivateWebhooks: false })]).callback();
      const res = await request(app).post("/api/v1/webhooks").set("x-test-user", "ann").send({ url: "https://hooks.example/x", secret: "s".repeat(16) });
      expect(res.status).to.equal(409);
      expect(res.type).to.equal("application/problem+json");
      expect(res.body.limit).to.deep.equal({ name: "WEBHOOKS_MAX_PER_USER", max: 2 });
      expect(res.body.detail).to.include("at most 2");
    });
  });

  describe("running imports per user (IMPORTS_MAX_RUNNING_PER_USER)", () => {
    it("answers 429 naming the cap while the user's import runs, and takes the next one after it", async () => {
      const actors = inMemoryActors();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let holding = true;
      const slowActors = {
        ...actors,
        handle: async (...args: Parameters<typeof actors.handle>) => {
          if (holding) await held;
          return actors.handle(...args);
        },
      };
      const app = appOf([
        exportRoutes({
          guard: [asUser],
          actors: slowActors,
          lists: memoryLists(),
          listActors: { handle: async () => { throw new Error("this file names no list"); } },
          listsView: { apply: async () => undefined, of: async () => [], countOwned: async () => 0 },
          readable: async (user: string) => [inboxIdOf(user)],
          readModel: { list: async () => ({ items: [], next: null }), applyAfterWrite: async () => undefined, get: async () => null, children: async () => [] },
          history: async () => [],
          timeZoneOf: async () => "UTC",
          comments: { forTasks: async () => [], known: async () => false, count: async () => 0, addOnce: async () => true },
          commentOutbox: { flush: async () => true },
          maxRunningImports: 1,
        }),
      ]).callback();
      const file = (title: string) => ({ format: "tickler.export", version: 1, exportedAt: new Date().toISOString(), tasks: [{ id: "t1", title }] });
      const importAs = (user: string, title: string) => request(app).post("/api/v1/import").set("x-test-user", user).send(file(title));
      const first = importAs("ann", "one");
      const firstDone = first.then((r) => r);
      // Wait until the first import holds its slot (its create is waiting on the actor).
      const deadline = Date.now() + 5000;
      let second = await importAs("ann", "two");
      while (second.status !== 429 && Date.now() < deadline) second = await importAs("ann", "two");
      expect(second.status).to.equal(429);
      expect(second.headers["retry-after"]).to.match(/^\d+$/);
      expect(second.body.limit).to.deep.equal({ name: "IMPORTS_MAX_RUNNING_PER_USER", max: 1 });
      holding = false;
      release();
      const done = await firstDone;
      expect(done.status, JSON.stringify(done.body)).to.equal(200);
      expect((await importAs("ann", "three")).status, "the slot is free again").to.equal(200);
    });
  });
});
