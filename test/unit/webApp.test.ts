/** Serving the web app, the sign-in settings and their config rules, retagging. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { pino } from "pino";
import request from "supertest";
import { createApp } from "../../src/http/app.js";
import { sessionRoutes, signInConfig } from "../../src/api/session/routes.js";
import { retag } from "../../src/api/tags/retag.js";
import { contentSecurityPolicy, webAppRoutes } from "../../src/api/web/routes.js";
import type { Task, TaskRecord } from "../../src/domain/index.js";
import { inMemoryActors } from "../support/memoryApi.js";
import { ConfigError, loadConfig } from "../../src/infra/config.js";

const BASE_ENV = {
  ROLE: "api", DAPR_API_TOKEN: "x".repeat(16), APP_API_TOKEN: "y".repeat(16), MONGODB_URI: "mongodb://h/db", KAFKA_BROKERS: "h:1", REDIS_HOST: "h:2",
  AUTH_JWT_SECRET: "s".repeat(32),
};

describe("web app serving and sign-in settings", () => {
  it("development sign-in is off unless configured, and refused next to an OIDC issuer", () => {
    expect(loadConfig(BASE_ENV).AUTH_DEV_SIGN_IN).to.equal(false);
    expect(loadConfig({ ...BASE_ENV, AUTH_DEV_SIGN_IN: "true" }).AUTH_DEV_SIGN_IN).to.equal(true);
    expect(() => loadConfig({ ...BASE_ENV, AUTH_DEV_SIGN_IN: "true", AUTH_ISSUER: "https://id.example.com" })).to.throw(ConfigError, /AUTH_DEV_SIGN_IN/);
    expect(() => loadConfig({ ...BASE_ENV, AUTH_DEV_SIGN_IN: "true", NODE_ENV: "production" })).to.throw(ConfigError, /AUTH_DEV_SIGN_IN: must be off in production/);
    const oidc = loadConfig({ ...BASE_ENV, AUTH_ISSUER: "https://id.example.com/realms/t", AUTH_CLIENT_ID: "tickler-web" });
    expect(signInConfig(oidc)).to.deep.equal({ mode: "oidc", authority: "https://id.example.com/realms/t", clientId: "tickler-web" });
    expect(signInConfig(loadConfig(BASE_ENV))).to.deep.equal({ mode: "none" });
  });

  it("the CSP allows this origin only, plus the identity provider's for the token exchange", () => {
    expect(contentSecurityPolicy()).to.include("connect-src 'self';").and.include("script-src 'self'").and.not.include("unsafe");
    expect(contentSecurityPolicy("https://id.example.com/realms/t")).to.include("connect-src 'self' https://id.example.com;");
  });

  it("serves index.html revalidated, hashed assets immutable (gzipped when accepted), nothing else", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "web-"));
    fs.mkdirSync(path.join(dir, "assets"));
    fs.writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>t</title>");
    fs.writeFileSync(path.join(dir, "assets", "main-ABCDEFGH.js"), "console.log(1)");
    fs.writeFileSync(path.join(dir, "assets", "main-ABCDEFGH.js.gz"), Buffer.from([0x1f, 0x8b]));
    const app = createApp({ log: pino({ level: "silent" }), appApiToken: "z".repeat(16), sidecarRouters: [], routers: [webAppRoutes({ dir })] }).callback();
    const index = await request(app).get("/");
    expect(index.status).to.equal(200);
    expect(index.headers["cache-control"]).to.equal("no-cache");
    expect(index.headers["content-security-policy"]).to.include("default-src 'none'");
    const js = await request(app).get("/assets/main-ABCDEFGH.js").set("accept-encoding", "identity");
    expect(js.headers["cache-control"]).to.equal("public, max-age=31536000, immutable");
    expect(js.headers["content-type"]).to.match(/javascript/);
    expect(js.text).to.equal("console.log(1)");
    const gz = await request(app).get("/assets/main-ABCDEFGH.js").set("accept-encoding", "gzip").buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => done(null, Buffer.concat(chunks)));
    });
    expect(gz.headers["content-encoding"]).to.equal("gzip");
    expect((await request(app).get("/assets/..%2Findex.html")).status).to.equal(404);
    expect((await request(app).get("/assets/other.js")).status).to.equal(404);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("mints development tokens only in dev mode", async () => {
    const routes = (mode: "dev" | "none") =>
      createApp({ log: pino({ level: "silent" }), appApiToken: "z".repeat(16), sidecarRouters: [], routers: [sessionRoutes({ signIn: mode === "dev" ? { mode, tokenTtlSeconds: 900 } : { mode }, jwtSecret: "s".repeat(32) })] }).callback();
    const ok = await request(routes("dev")).post("/api/v1/session/dev").send({ user: "alice" });
    expect(ok.status).to.equal(200);
    expect(ok.body.user).to.equal("alice");
    expect(ok.headers["cache-control"]).to.equal("no-store");
    expect((await request(routes("none")).post("/api/v1/session/dev").send({ user: "alice" })).status).to.equal(404);
  });
});

describe("retag", () => {
  function memory() {
    const records = new Map<string, TaskRecord>();
    const actors = inMemoryActors(records);
    // A read model that lags: it answers the snapshots it was given at creation.
    const stale: Task[] = [];
    const readModel = {
      list: async () => ({ items: stale.filter((t) => t.tags.includes("old")), next: null }),
      applyAfterWrite: async () => undefined,
    };
    return { actors, readModel, stale, records };
  }

  it("retries with the actor's version when the read model lags, and counts only real changes", async () => {
    const m = memory();
    const created = await m.actors.handle("t1", { kind: "create", ownerId: "u", taskId: "t1", input: { listId: "list-1", title: "x", tags: ["old", "new"] } });
    m.stale.push(created.task);
    await m.actors.handle("t1", { kind: "update", ownerId: "u", patch: { title: "y" } });
    expect(await retag(m, "u", "old", "new")).to.deep.equal({ changed: 1 });
    expect(m.records.get("t1")!.task.tags).to.deep.equal(["new"]);
    expect(await retag(m, "u", "old", "new")).to.deep.equal({ changed: 0 });
  });
});
