/**
 * Health checks that open nothing per request: /healthz and /metrics read the
 * background monitor's last round; the broker probe keeps one connection.
 */
import net from "node:net";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { pino } from "pino";
import request from "supertest";
import { createApp } from "../../src/http/app.js";
import { DependencyMonitor, healthRouter, internalHealthRouter, type HealthChecks } from "../../src/http/health.js";
import { KafkaProbe } from "../../src/infra/kafkaProbe.js";
import { Metrics } from "../../src/infra/metrics.js";

const APP_TOKEN = "app-token-0123456789";

async function until(what: string, ok: () => boolean, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A loopback server that answers Kafka ApiVersions frames (correlation id, error code 0), counting connections. */
async function fakeKafka(opts: { answer?: boolean } = {}) {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let buf = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0)) {
        const frame = buf.subarray(4, 4 + buf.readInt32BE(0));
        buf = buf.subarray(4 + frame.length);
        expect(frame.readInt16BE(0), "api key").to.equal(18);
        if (opts.answer === false) continue;
        const reply = Buffer.alloc(4 + 4 + 2 + 4);
        reply.writeInt32BE(reply.length - 4, 0);
        reply.writeInt32BE(frame.readInt32BE(4), 4);
        reply.writeInt16BE(0, 8);
        reply.writeInt32BE(0, 10);
        socket.write(reply);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    brokers: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    get accepted() {
      return accepted;
    },
    dropAll: () => sockets.forEach((s) => s.destroy()),
    close: () => {
      sockets.forEach((s) => s.destroy());
      server.close();
    },
  };
}

describe("health without a connection per request", () => {
  function setup() {
    const calls = { store: 0, broker: 0 };
    const states = { store: true, broker: true };
    const checks: HealthChecks = {
      ready: { sidecar: async () => true },
      dependencies: {
        store: async () => (calls.store++, states.store),
        broker: async () => (calls.broker++, states.broker),
      },
    };
    const monitor = new DependencyMonitor(checks.dependencies, 60_000);
    const metrics = new Metrics("api");
    metrics.watchDependencies(async () => monitor.state);
    const app = createApp({
      log: pino({ level: "silent" }),
      appApiToken: APP_TOKEN,
      sidecarRouters: [internalHealthRouter(checks, monitor)],
      routers: [healthRouter(checks, monitor), metrics.router()],
    }).callback();
    return { calls, states, monitor, app };
  }

  it("answers /healthz and /metrics from the last background round: many requests, no check run", async () => {
    const { calls, monitor, app } = setup();
    await monitor.refresh();
    expect(calls).to.deep.equal({ store: 1, broker: 1 });
    for (let i = 0; i < 50; i++) {
      const res = await request(app).get("/healthz");
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ status: "up" });
    }
    for (let i = 0; i < 5; i++) expect((await request(app).get("/metrics")).text).to.match(/tickler_dependency_up\{dependency="broker",app="api"\} 1/);
    expect(calls, "checks run per request").to.deep.equal({ store: 1, broker: 1 });
  });

  it("says down only (no names) on /healthz, still 200, and the details only with the app token", async () => {
    const { states, monitor, app } = setup();
    states.broker = false;
    await monitor.refresh();
    const pub = await request(app).get("/healthz");
    expect(pub.status, "liveness stays 200 through a broker outage").to.equal(200);
    expect(pub.body).to.deep.equal({ status: "down" });
    expect(pub.text).not.to.include("broker");
    for (const path of ["/internal/health", "/INTERNAL/health", "/Internal/Health", "/internal/health/", "//internal/health", "/internal%2Fhealth"]) {
      const res = await request(app).get(path);
      expect([401, 404], path).to.include(res.status);
      expect(res.text, path).not.to.include("broker");
    }
    expect((await request(app).get("/internal/health").set("dapr-api-token", "wrong-token-0123456")).status).to.equal(401);
    const internal = await request(app).get("/internal/health").set("dapr-api-token", APP_TOKEN);
    expect(internal.status).to.equal(200);
    expect(internal.body.status).to.equal("down");
    expect(internal.body.dependencies.broker.state).to.equal("down");
    expect(internal.body.dependencies.store.state).to.equal("ok");
    expect(internal.body.ready).to.deep.equal({ sidecar: "ok" });
    expect((await request(app).get("/metrics")).text).to.match(/tickler_dependency_up\{dependency="broker",app="api"\} 0/);
  });

  it("refreshes in the background on its interval, one round at a time", async () => {
    let running = 0;
    let most = 0;
    let rounds = 0;
    const monitor = new DependencyMonitor(
      {
        slow: async () => {
          running++;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 30));
          running--;
          rounds++;
          return true;
        },
      },
      10,
    );
    expect(monitor.up, "nothing seen yet").to.equal(false);
    monitor.start();
    try {
      await until("three rounds", () => rounds >= 3);
      expect(monitor.up).to.equal(true);
      expect(most, "overlapping rounds").to.equal(1);
    } finally {
      monitor.stop();
    }
  });

  it("counts a check that hangs as down", async () => {
    // refresh() settling at all shows the check's time limit holds (a hang would time the test out).
    const monitor = new DependencyMonitor({ hangs: () => new Promise<boolean>(() => undefined) }, 500);
    await monitor.refresh();
    expect(monitor.state).to.deep.equal({ hangs: "down" });
  });

  it("is not ready while it drains for shutdown, and stays alive", async () => {
    let draining = false;
    const checks: HealthChecks = { ready: { sidecar: async () => true }, dependencies: {} };
    const monitor = new DependencyMonitor(checks.dependencies, 60_000);
    await monitor.refresh();
    const app = createApp({ log: pino({ level: "silent" }), appApiToken: APP_TOKEN, sidecarRouters: [], routers: [healthRouter(checks, monitor, () => draining)] }).callback();
    expect((await request(app).get("/readyz")).status).to.equal(200);
    draining = true;
    const ready = await request(app).get("/readyz");
    expect([ready.status, ready.body]).to.deep.equal([503, { status: "not ready", checks: { sidecar: "ok", shutdown: "down" } }]);
    expect((await request(app).get("/healthz")).status, "liveness: the drain must not restart the pod").to.equal(200);
  });
});

describe("KafkaProbe (the broker over one held connection)", () => {
  it("sends ApiVersions on one connection however often it is asked", async () => {
    const kafka = await fakeKafka();
    const probe = new KafkaProbe(kafka.brokers, 1000);
    try {
      for (let i = 0; i < 100; i++) expect(await probe.check()).to.equal(true);
      expect(kafka.accepted).to.equal(1);
      expect(probe.connectionsOpened).to.equal(1);
    } finally {
      probe.close();
      kafka.close();
    }
  });

  it("opens a new connection only when the held one is lost", async () => {
    const kafka = await fakeKafka();
    const probe = new KafkaProbe(kafka.brokers, 1000);
    try {
      expect(await probe.check()).to.equal(true);
      kafka.dropAll();
      await until("the probe noticing the close", () => (probe as unknown as { socket: unknown }).socket === null);
      expect(await probe.check()).to.equal(true);
      expect(kafka.accepted).to.equal(2);
    } finally {
      probe.close();
      kafka.close();
    }
  });

  it("is down when the broker does not answer, and when nothing listens", async () => {
    const silent = await fakeKafka({ answer: false });
    const probe = new KafkaProbe(silent.brokers, 300);
    try {
      expect(await probe.check()).to.equal(false);
    } finally {
      probe.close();
      silent.close();
    }
    const gone = await fakeKafka();
    gone.close();
    const nothing = new KafkaProbe(gone.brokers, 300);
    expect(await nothing.check()).to.equal(false);
    nothing.close();
  });
});
