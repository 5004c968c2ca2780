/**
 * The edge of the api: X-Forwarded-* believed only from TRUSTED_PROXIES,
 * HSTS over TLS, feed URLs that stay https, and the per-address budget of the
 * routes that need no token.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import type { Context, Next } from "koa";
import { newRouter, type Router } from "../../src/infra/http/router.js";
import { pino } from "pino";
import request from "supertest";
import { createApp } from "../../src/http/app.js";
import type { AuthState } from "../../src/api/auth.js";
import { calendarFeedRoutes } from "../../src/api/me/calendarFeed.js";
import { rateLimitByIp, RateLimiter } from "../../src/api/rateLimit.js";
import { sessionRoutes } from "../../src/api/session/routes.js";
import { TrustedProxies } from "../../src/http/proxy.js";
import { ConfigError, loadConfig } from "../../src/infra/config.js";
import { mcpRoutes } from "../../src/api/mcp/http.js";

const APP_TOKEN = "app-token-0123456789";

/** A route that answers what the app made of the request. */
function echoRouter() {
  const router = newRouter();
  router.get("/echo", (ctx) => {
    ctx.body = { ip: ctx.ip, protocol: ctx.protocol, host: ctx.host, xff: ctx.get("x-forwarded-for") };
  });
  return router;
}
const appWith = (trustedProxies: string[], routers: Router[] = [echoRouter()]) =>
  createApp({ log: pino({ level: "silent" }), appApiToken: APP_TOKEN, routers, sidecarRouters: [], trustedProxies }).callback();

describe("X-Forwarded-* only from trusted proxies", () => {
  const forwarded = { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example" };

  it("ignores and drops them from a peer that is not a trusted proxy (none configured, or another range)", async () => {
    for (const trusted of [[], ["10.0.0.0/8", "fd00::/8"]]) {
      const res = await request(appWith(trusted)).get("/echo").set(forwarded);
      expect(res.body.ip, JSON.stringify(trusted)).to.equal("127.0.0.1");
      expect(res.body.protocol).to.equal("http");
      expect(res.body.host).to.match(/^127\.0\.0\.1:\d+$/);
      expect(res.body.xff, "removed before any route reads it").to.equal("");
      expect(res.headers["strict-transport-security"], "no HSTS over plain http").to.equal(undefined);
    }
  });

  it("believes them from a trusted proxy, and sends HSTS when it says https", async () => {
    const res = await request(appWith(["127.0.0.1"])).get("/echo").set(forwarded);
    expect(res.body).to.include({ ip: "203.0.113.9", protocol: "https", host: "evil.example" });
    expect(res.headers["strict-transport-security"]).to.equal("max-age=31536000");
  });

  it("takes the client as the first untrusted hop from the right, not what the client wrote on the left", async () => {
    const app = appWith(["127.0.0.1", "10.0.0.0/8"]);
    // The client sent "198.51.100.1" itself; 192.0.2.50 is who reached the trusted 10.1.2.3.
    const res = await request(app).get("/echo").set("x-forwarded-for", "198.51.100.1, 192.0.2.50, 10.1.2.3");
    expect(res.body.ip).to.equal("192.0.2.50");
    expect((await request(app).get("/echo").set("x-forwarded-for", "not-an-ip, 10.1.2.3")).body.ip).to.equal("10.1.2.3");
    const chain = new TrustedProxies(["10.0.0.0/8"]);
    expect(chain.has("::ffff:10.9.9.9"), "an IPv4 peer on a dual-stack socket").to.equal(true);
    expect(chain.has("11.0.0.1")).to.equal(false);
  });

  it("sends HSTS on answers over TLS", async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tickler-tls-"));
    try {
      execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=localhost", "-days", "1", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
      const server = https.createServer({ key: fs.readFileSync(path.join(dir, "key.pem")), cert: fs.readFileSync(path.join(dir, "cert.pem")) }, appWith([]));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
          https.get({ host: "127.0.0.1", port: (server.address() as AddressInfo).port, path: "/echo", rejectUnauthorized: false }, (res) => {
            res.resume();
            resolve(res.headers);
          }).on("error", reject);
        });
        expect(headers["strict-transport-security"]).to.equal("max-age=31536000");
      } finally {
        server.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("builds the MCP metadata's origin from the request only as a trusted proxy forwarded it", async () => {
    const routes = mcpRoutes({ guard: [], restFor: () => ({}) as never });
    const spoofed = await request(appWith([], [routes])).get("/.well-known/oauth-protected-resource").set(forwarded);
    expect(spoofed.body.resource).to.match(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const proxied = await request(appWith(["127.0.0.1"], [routes])).get("/.well-known/oauth-protected-resource").set({ "x-forwarded-proto": "https", "x-forwarded-host": "tickler.example" });
    expect(proxied.body.resource).to.equal("https://tickler.example/mcp");
  });
});

describe("calendar feed URLs over TLS", () => {
  const asUser = async (ctx: Context, next: Next) => {
    (ctx.state as AuthState).userId = "ann";
    await next();
  };
  const feeds = { issue: async () => "t".repeat(43), revoke: async () => true, ownerOf: async () => null };
  const feedApp = (publicBaseUrl?: string) =>
    appWith(["127.0.0.1"], [calendarFeedRoutes({ guard: [asUser], limit: asUser, feeds, readModel: {} as never, readable: async () => [], publicBaseUrl })]);

  it("hands out https when the request came through TLS, even with an http PUBLIC_BASE_URL", async () => {
    const viaTls = await request(feedApp()).post("/api/v1/me/calendar-feed").set({ "x-forwarded-proto": "https", "x-forwarded-host": "cal.example" });
    expect(viaTls.body.url).to.equal(`https://cal.example/api/v1/calendar/${"t".repeat(43)}.ics`);
    const configured = await request(feedApp("http://tickler.example")).post("/api/v1/me/calendar-feed").set("x-forwarded-proto", "https");
    expect(configured.body.url).to.match(/^https:\/\/tickler\.example\/api\/v1\/calendar\//);
    const plain = await request(feedApp()).post("/api/v1/me/calendar-feed");
    expect(plain.body.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\//);
  });
});

describe("per-address budget of the routes that need no token", () => {
  it("answers 429 with Retry-After past the burst, per client address; a spoofed X-Forwarded-For does not reset it", async () => {
    const limited = (trusted: string[]) => {
      const publicLimit = rateLimitByIp(new RateLimiter({ perMinute: 60, burst: 3 }));
      return appWith(trusted, [sessionRoutes({ signIn: { mode: "none" }, publicLimit })]);
    };
    const direct = limited([]);
    for (let i = 0; i < 3; i++) expect((await request(direct).get("/api/v1/session/config")).status).to.equal(200);
    const over = await request(direct).get("/api/v1/session/config").set("x-forwarded-for", `198.51.100.${Math.floor(Math.random() * 200)}`);
    expect(over.status).to.equal(429);
    expect(over.type).to.equal("application/problem+json");
    expect(over.headers["retry-after"]).to.match(/^\d+$/);
    expect(over.body.detail).to.include("from this address");

    // Behind a trusted proxy each client address has its own budget.
    const proxied = limited(["127.0.0.1"]);
    for (let i = 0; i < 3; i++) expect((await request(proxied).get("/api/v1/session/config").set("x-forwarded-for", "192.0.2.1")).status).to.equal(200);
    expect((await request(proxied).get("/api/v1/session/config").set("x-forwarded-for", "192.0.2.1")).status).to.equal(429);
    expect((await request(proxied).get("/api/v1/session/config").set("x-forwarded-for", "192.0.2.2")).status).to.equal(200);
  });
});

describe("configuration of the edge and the caps", () => {
  const base = { ROLE: "api", DAPR_API_TOKEN: "d".repeat(16), APP_API_TOKEN: "a".repeat(16), MONGODB_URI: "mongodb://h/db", KAFKA_BROKERS: "h:1", REDIS_HOST: "h:2", AUTH_JWT_SECRET: "s".repeat(32) };

  it("has safe defaults", () => {
    const c = loadConfig(base);
    expect(c.TRUSTED_PROXIES).to.deep.equal([]);
    expect(c).to.include({
      HSTS_MAX_AGE_SECONDS: 31_536_000, PUBLIC_RATE_LIMIT_PER_MINUTE: 120, PUBLIC_RATE_LIMIT_BURST: 60, HEALTH_CHECK_INTERVAL_MS: 5000,
      WEBHOOKS_MAX_PER_USER: 10, STREAMS_MAX_PER_USER: 10, STREAMS_MAX_PER_IP: 100, IMPORTS_MAX_RUNNING_PER_USER: 1,
    });
    expect(loadConfig({ ...base, TRUSTED_PROXIES: "10.0.0.0/8, 192.0.2.7 ,fd00::/8" }).TRUSTED_PROXIES).to.deep.equal(["10.0.0.0/8", "192.0.2.7", "fd00::/8"]);
  });

  it("refuses bad values at start-up, naming the setting", () => {
    for (const [key, value] of [
      ["TRUSTED_PROXIES", "10.0.0.0/33"], ["TRUSTED_PROXIES", "proxy.internal"], ["TRUSTED_PROXIES", "10.0.0.0/8/1"], ["TRUSTED_PROXIES", "fd00::/129"],
      ["HSTS_MAX_AGE_SECONDS", "-1"], ["PUBLIC_RATE_LIMIT_BURST", "0"], ["HEALTH_CHECK_INTERVAL_MS", "10"],
      ["WEBHOOKS_MAX_PER_USER", "0"], ["STREAMS_MAX_PER_USER", "x"], ["STREAMS_MAX_PER_IP", "0"], ["IMPORTS_MAX_RUNNING_PER_USER", "1000"],
    ] as const) {
      expect(() => loadConfig({ ...base, [key]: value }), `${key}=${value}`).to.throw(ConfigError, new RegExp(key));
    }
  });
});
