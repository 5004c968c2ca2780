/**
 * Issue 20's medium and low items on the real stack: tokens with a switched
 * algorithm, health checks that open no connection per request (counted on
 * the Redis server and on the broker's port), the caps per user and per
 * address, and the edge (trusted proxy, HSTS, https feed URLs, per-address
 * budget). The test stack trusts loopback as a proxy (scripts/stack/testEnv.ts),
 * so X-Forwarded-For here stands for distinct clients.
 */
import fs from "node:fs";
import http from "node:http";
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { SignJWT } from "jose";
import { splitHostPort } from "../../src/infra/probes.js";
import { connectRedis } from "../../src/infra/redis.js";
import { apiAs, eventually, stack, tokenFor } from "../support/stack.js";

const api = (path: string) => `${stack().apiUrl}${path}`;

/** Sockets on this host to `port` (any state, TIME_WAIT included: a connection opened and closed still counts). */
function socketsTo(port: number): number {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  let n = 0;
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, "utf8").split("\n").slice(1)) {
      const remote = line.trim().split(/\s+/)[2];
      if (remote?.endsWith(hex)) n++;
    }
  }
  return n;
}

describe("hardening (e2e)", function () {

  describe("tokens", () => {
    it("refuses a token signed with the stack's secret under another algorithm, or none", async () => {
      const secret = new TextEncoder().encode(stack().secrets.jwtSecret);
      const user = `alg-${randomUUID()}`;
      const call = (token: string) => fetch(api("/api/v1/tasks"), { headers: { authorization: `Bearer ${token}` } });
      expect((await call(await tokenFor(user))).status, "the stack's own HS256 token").to.equal(200);
      for (const alg of ["HS384", "HS512"]) {
        const switched = await new SignJWT({}).setProtectedHeader({ alg }).setSubject(user).setExpirationTime("5m").sign(secret);
        expect((await call(switched)).status, alg).to.equal(401);
      }
      const body = Buffer.from(JSON.stringify({ sub: user, exp: Math.floor(Date.now() / 1000) + 300 })).toString("base64url");
      expect((await call(`${Buffer.from('{"alg":"none"}').toString("base64url")}.${body}.`)).status, "alg none").to.equal(401);
    });
  });

  describe("health", () => {
    it("says up or down only on /healthz; the details need the app token", async () => {
      const pub = await eventually(async () => (await fetch(api("/healthz"))).json() as Promise<Record<string, unknown>>, (b) => b.status === "up", 30_000, "/healthz up");
      expect(pub).to.deep.equal({ status: "up" });
      for (const path of ["/internal/health", "/INTERNAL/health", "/Internal/health"]) expect([401, 404], path).to.include((await fetch(api(path))).status);
      const internal = await fetch(api("/internal/health"), { headers: { "dapr-api-token": stack().secrets.appApiToken } });
      expect(internal.status).to.equal(200);
      const details = (await internal.json()) as { dependencies: Record<string, { state: string }> };
      expect(Object.keys(details.dependencies).sort()).to.deep.equal(["broker", "mongo", "stateStore"]);
      for (const [name, d] of Object.entries(details.dependencies)) expect(d.state, name).to.equal("ok");
    });

    it("opens no Redis or Kafka connection per /healthz or /metrics request", async () => {
      const info = stack();
      const redis = connectRedis({ ...splitHostPort(info.redisHost), tls: false, log: { warn: () => undefined } });
      await redis.ready;
      try {
        const received = async () => Number(/total_connections_received:(\d+)/.exec(String(await redis.sendCommand(["INFO", "stats"])))![1]);
        const clients = async () => String(await redis.sendCommand(["CLIENT", "LIST"])).trim().split("\n").length;
        const kafkaPort = splitHostPort(info.kafkaBrokers.split(",")[0]!).port;
        const before = { received: await received(), clients: await clients(), kafka: socketsTo(kafkaPort) };
        const requests = 200;
        for (let i = 0; i < requests; i += 20) {
          await Promise.all(Array.from({ length: 20 }, () => fetch(api("/healthz")).then((r) => r.text())));
          await fetch(api("/metrics")).then((r) => r.text());
        }
        const after = { received: await received(), clients: await clients(), kafka: socketsTo(kafkaPort) };
        process.stdout.write(`      ${requests} /healthz + ${requests / 20} /metrics: Redis connections received ${before.received} → ${after.received}, clients ${before.clients} → ${after.clients}; sockets to Kafka ${before.kafka} → ${after.kafka}\n`);
        // A per-request probe opened one of each per request (200+); a background reconnect of a held client may add one or two.
        expect(after.received - before.received, "Redis connections opened meanwhile").to.be.at.most(2);
        expect(after.clients - before.clients, "Redis clients connected meanwhile").to.be.at.most(2);
        expect(after.kafka - before.kafka, "sockets to the broker opened meanwhile").to.be.at.most(2);
      } finally {
        await redis.close();
      }
    });
  });

  describe("caps", () => {
    it("webhooks per user: the 11th answers 409 naming WEBHOOKS_MAX_PER_USER and adds nothing; racing adds never pass the cap", async () => {
      const me = await apiAs(`hooks-${randomUUID()}`);
      const add = (i: number) => me.call("POST", "/webhooks", { url: `http://127.0.0.1:9/hook-${i}`, secret: "s".repeat(16) });
      for (let i = 0; i < 10; i++) expect((await add(i)).status, `webhook ${i}`).to.equal(201);
      const over = await add(10);
      expect(over.status).to.equal(409);
      expect(over.headers.get("content-type")).to.match(/application\/problem\+json/);
      expect(over.body).to.deep.include({ type: "https://tickler.dev/problems/limit_reached", limit: { name: "WEBHOOKS_MAX_PER_USER", max: 10 } });
      expect((await me.call("GET", "/webhooks")).body.items).to.have.length(10);

      const racer = await apiAs(`hooks-race-${randomUUID()}`);
      const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => racer.call("POST", "/webhooks", { url: `http://127.0.0.1:9/race-${i}`, secret: "s".repeat(16) })));
      const kept = (await racer.call("GET", "/webhooks")).body.items as unknown[];
      expect(answers.every((a) => a.status === 201 || a.status === 409), JSON.stringify(answers.map((a) => a.status))).to.equal(true);
      expect(kept.length, "webhooks kept after 16 racing adds").to.be.at.most(10);
      expect(kept.length, "every 201 is a webhook kept").to.equal(answers.filter((a) => a.status === 201).length);
    });

    it("open live streams: the 11th of a user, and the 101st from one address, answer 429 naming the cap", async () => {
      const open: AbortController[] = [];
      const connect = async (token: string, ip: string) => {
        const abort = new AbortController();
        const res = await fetch(api("/api/v1/stream"), { headers: { authorization: `Bearer ${token}`, "x-forwarded-for": ip }, signal: abort.signal });
        open.push(abort);
        return res;
      };
      try {
        const ann = await tokenFor(`streams-${randomUUID()}`);
        for (let i = 0; i < 10; i++) expect((await connect(ann, "198.51.100.10")).status, `stream ${i}`).to.equal(200);
        const over = await connect(ann, "198.51.100.11");
        expect(over.status).to.equal(429);
        expect(over.headers.get("retry-after")).to.match(/^\d+$/);
        expect(((await over.json()) as { limit: unknown }).limit).to.deep.equal({ name: "STREAMS_MAX_PER_USER", max: 10 });

        // 100 streams from one address (ten users, ten each), then anyone's 101st from there is refused.
        const ip = `198.51.100.${20 + Math.floor(Math.random() * 200)}`;
        for (let u = 0; u < 10; u++) {
          const token = await tokenFor(`streams-ip-${u}-${randomUUID()}`);
          const statuses = await Promise.all(Array.from({ length: 10 }, () => connect(token, ip).then((r) => r.status)));
          expect(statuses.every((s) => s === 200), JSON.stringify(statuses)).to.equal(true);
        }
        const fromIp = await connect(await tokenFor(`streams-ip-late-${randomUUID()}`), ip);
        expect(fromIp.status).to.equal(429);
        expect(((await fromIp.json()) as { limit: unknown }).limit).to.deep.equal({ name: "STREAMS_MAX_PER_IP", max: 100 });
        const elsewhere = await connect(await tokenFor(`streams-other-${randomUUID()}`), "198.51.100.250");
        expect(elsewhere.status, "another address is not affected").to.equal(200);
      } finally {
        open.forEach((a) => a.abort());
      }
    });

    it("running imports per user: a second import while the first is still being sent answers 429 naming the cap", async () => {
      const me = await apiAs(`imports-${randomUUID()}`);
      const file = JSON.stringify({ format: "tickler.export", version: 1, exportedAt: new Date().toISOString(), tasks: [{ id: "a", title: "imported while another waited" }] });
      const { hostname, port } = new URL(stack().apiUrl);
      // The first import's body is held back half sent: the import is running (it holds its slot) until it ends.
      const first = http.request({ host: hostname, port, method: "POST", path: "/api/v1/import", headers: { authorization: `Bearer ${me.token}`, "content-type": "application/json", "content-length": Buffer.byteLength(file) } });
      const firstAnswer = new Promise<number>((resolve, reject) => {
        first.on("response", (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        first.on("error", reject);
      });
      first.write(file.slice(0, 10));
      // Until the server has the first import, a second one is simply the first to run: wait for
      // the slot to be held, probing with an import that changes nothing either way (400 or 429).
      await eventually(() => me.call("POST", "/import", { format: "not a tickler export" }), (r) => r.status === 429, 20_000, "the first import holding its slot");
      const second = await me.call("POST", "/import", JSON.parse(file));
      expect(second.status, "a second import while the first runs").to.equal(429);
      expect(second.body.limit).to.deep.equal({ name: "IMPORTS_MAX_RUNNING_PER_USER", max: 1 });
      expect(second.headers.get("retry-after")).to.match(/^\d+$/);
      first.end(file.slice(10));
      expect(await firstAnswer).to.equal(200);
      const third = await me.call("POST", "/import", JSON.parse(file));
      expect(third.status, "the slot is free again").to.equal(200);
      expect(third.body.existing, "the same source imported again creates nothing").to.equal(1);
    });

    it("calendar feeds: one per user; issuing again replaces the old URL", async () => {
      const me = await apiAs(`feeds-${randomUUID()}`);
      const first = (await me.call("POST", "/me/calendar-feed")).body.url as string;
      const second = (await me.call("POST", "/me/calendar-feed")).body.url as string;
      expect((await fetch(first)).status, "the earlier feed").to.equal(404);
      expect((await fetch(second)).status).to.equal(200);
    });
  });

  describe("edge", () => {
    it("sends HSTS and hands out an https feed URL when a trusted proxy says the request came over TLS", async () => {
      const me = await apiAs(`edge-${randomUUID()}`);
      const viaTls = await me.call("POST", "/me/calendar-feed", undefined, { "x-forwarded-proto": "https" });
      expect(viaTls.status).to.equal(201);
      expect(viaTls.headers.get("strict-transport-security")).to.match(/^max-age=\d+/);
      expect(viaTls.body.url).to.match(/^https:\/\//);
      const plain = await me.call("POST", "/me/calendar-feed");
      expect(plain.headers.get("strict-transport-security")).to.equal(null);
      expect(plain.body.url).to.match(/^http:\/\//);
    });

    it("limits the routes without a token per client address", async () => {
      // The test stack's budget: 600 a minute, bursts of 300 (scripts/stack/testEnv.ts).
      const ip = `192.0.2.${1 + Math.floor(Math.random() * 250)}`;
      const get = (from: string) => fetch(api("/api/v1/session/config"), { headers: { "x-forwarded-for": from } });
      // Until the first refusal (the bucket refills 10 a second meanwhile, so when it comes depends on the machine's pace;
      // asking once more after it could find a refilled token and get 200).
      const statuses: number[] = [];
      let over: Response | undefined;
      while (!over && statuses.length < 2_000) {
        const res = await get(ip);
        statuses.push(res.status);
        if (res.status === 429) over = res;
        else await res.arrayBuffer();
      }
      expect(statuses.slice(0, 300).every((s) => s === 200), "within the burst of 300").to.equal(true);
      expect(over, `refused within ${statuses.length} requests`).to.not.equal(undefined);
      expect(over!.headers.get("retry-after")).to.match(/^\d+$/);
      expect((await get("192.0.2.0")).status, "another address has its own budget").to.equal(200);
    });

    it("keeps an idle keep-alive connection open past Node's 5 s default, so daprd or the ingress closes it first (ADR 0023)", async function () {
      this.timeout(20_000);
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const get = () => new Promise<{ status: number; reused: boolean; socket: import("node:net").Socket }>((resolve, reject) => {
        const req = http.get(api("/healthz"), { agent }, (res) => {
          res.resume();
          res.once("end", () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket, socket: req.socket! }));
        });
        req.once("error", reject);
      });
      try {
        const first = await get();
        expect(first.status).to.equal(200);
        let closedBy = "";
        first.socket.once("close", () => (closedBy = "closed"));
        // Idle longer than Node's default keep-alive timeout (5 s): the condition under test, not a wait for a state.
        await new Promise((resolve) => setTimeout(resolve, 6_500));
        expect(closedBy, "the app closed the idle connection").to.equal("");
        const second = await get();
        expect(second.status).to.equal(200);
        expect(second.reused, "the second request went over the same connection").to.equal(true);
      } finally {
        agent.destroy();
      }
    });
  });
});
