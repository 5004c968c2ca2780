/**
 * When a consumer dead-letters an event: only after it kept failing for the
 * give-up window while the app's own store answered; never while the store
 * is down (a long outage must not dead-letter anything). Also through the
 * subscription adapter: RETRY, deferred, then DROP, counted in metrics.
 */
import { expect } from "chai";
import { pino } from "pino";
import request from "supertest";
import { createApp } from "../../src/http/app.js";
import { decide } from "../../src/domain/index.js";
import { taskEventDataSchema, taskEventEnvelope } from "../../src/events/envelope.js";
import { Metrics } from "../../src/infra/metrics.js";
import { subscriptionRouter, type TopicSubscriber } from "../../src/http/subscriptions/adapter.js";
import { FailureClock } from "../../src/http/subscriptions/deliveryPolicy.js";

function clockWith(up: { value: boolean }, now: { ms: number }, giveUpAfterMs = 5000) {
  let probes = 0;
  const clock = new FailureClock({
    storeUp: async () => {
      probes++;
      return up.value;
    },
    giveUpAfterMs,
    now: () => now.ms,
  });
  return { clock, probes: () => probes };
}

describe("delivery policy: when a consumer gives up on an event", () => {
  it("retries until the event has failed for the window while the store answered, then gives up", async () => {
    const now = { ms: 0 };
    const { clock } = clockWith({ value: true }, now);
    expect(await clock.failed("c", "e1", true)).to.equal("retry");
    now.ms = 4999;
    expect(await clock.failed("c", "e1", true)).to.equal("retry");
    now.ms = 5000;
    expect(await clock.failed("c", "e1", true)).to.equal("give-up");
    // Another consumer's clock of the same event is its own.
    expect(await clock.failed("other", "e1", true)).to.equal("retry");
  });

  it("never gives up while the store is down, however long, and starts the window again when it is back", async () => {
    const now = { ms: 0 };
    const up = { value: true };
    const { clock } = clockWith(up, now);
    expect(await clock.failed("c", "e1", true)).to.equal("retry");
    up.value = false;
    for (let minute = 1; minute <= 60; minute++) {
      now.ms = minute * 60_000;
      expect(await clock.failed("c", "e1", true), `minute ${minute}`).to.equal("deferred");
    }
    up.value = true;
    now.ms += 2000;
    expect(await clock.failed("c", "e1", true), "first failure after the outage").to.equal("retry");
    now.ms += 4000;
    expect(await clock.failed("c", "e1", true)).to.equal("retry");
    now.ms += 1000;
    expect(await clock.failed("c", "e1", true)).to.equal("give-up");
  });

  it("never gives up where there is no dead-letter topic to give up to, and forgets an event that succeeded", async () => {
    const now = { ms: 0 };
    const { clock } = clockWith({ value: true }, now);
    expect(await clock.failed("stream", "e1", false)).to.equal("retry");
    now.ms = 3_600_000;
    expect(await clock.failed("stream", "e1", false)).to.equal("retry");
    expect(await clock.failed("c", "e2", true)).to.equal("retry");
    clock.succeeded("c", "e2");
    now.ms += 10_000;
    expect(await clock.failed("c", "e2", true), "a new window after the success").to.equal("retry");
  });

  it("asks the store once for a burst of failures", async () => {
    const now = { ms: 0 };
    const { clock, probes } = clockWith({ value: false }, now);
    await Promise.all(Array.from({ length: 50 }, (_, i) => clock.failed("c", `e${i}`, true)));
    expect(probes()).to.equal(1);
    now.ms = 1000;
    await clock.failed("c", "e0", true);
    expect(probes()).to.equal(2);
  });

  it("counts a probe that throws as the store being down", async () => {
    const clock = new FailureClock({ storeUp: () => Promise.reject(new Error("no server")), giveUpAfterMs: 1000 });
    expect(await clock.failed("c", "e1", true)).to.equal("deferred");
  });
});

describe("delivery policy through the subscription adapter", () => {
  const APP_TOKEN = "app-token-0123456789";
  const now = { ms: 0 };
  const store = { up: true };
  const consumer: TopicSubscriber<unknown> = {
    topic: "task-events",
    consumer: "unit",
    types: ["tickler.task.created.v1"],
    schema: taskEventDataSchema,
    handle: () => Promise.reject(new Error("write failed")),
  };
  const metrics = new Metrics("unit");
  const log = pino({ level: "silent" });
  const router = subscriptionRouter("pubsub", [consumer], log, metrics, { storeUp: async () => store.up, giveUpAfterMs: 3000, now: () => now.ms });
  const app = createApp({ log, appApiToken: APP_TOKEN, sidecarRouters: [router], routers: [] });
  const created = decide(null, { kind: "create", ownerId: "alice", taskId: "t1", input: { listId: "list-1", title: "x" } }, new Date("2026-03-01T10:00:00Z")).events[0]!;
  const deliver = async () =>
    (await request(app.callback()).post("/events/task-events").set("dapr-api-token", APP_TOKEN).set("content-type", "application/cloudevents+json").send(JSON.stringify(taskEventEnvelope(created, "unit")))).body as { status: string };
  const count = async (outcome: string) => (await metrics.eventsConsumed.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;

  it("answers RETRY while the store is down (deferred), and DROP only after the window with the store up", async () => {
    store.up = false;
    for (let i = 0; i < 5; i++) {
      now.ms += 10_000;
      expect(await deliver()).to.deep.equal({ status: "RETRY" });
    }
    store.up = true;
    now.ms += 10_000;
    expect(await deliver()).to.deep.equal({ status: "RETRY" });
    now.ms += 3000;
    expect(await deliver()).to.deep.equal({ status: "DROP" });
    expect([await count("deferred"), await count("retried"), await count("dead_lettered")]).to.deep.equal([5, 1, 1]);
  });
});

describe("deliveries in flight (tickler_events_in_flight)", () => {
  const APP_TOKEN = "app-token-0123456789";
  const created = decide(null, { kind: "create", ownerId: "alice", taskId: "t2", input: { listId: "list-1", title: "x" } }, new Date("2026-03-01T10:00:00Z")).events[0]!;

  it("counts a delivery while its handler runs, and 0 once it is answered, handled or failed", async () => {
    let release!: () => void;
    let fail = false;
    const consumer: TopicSubscriber<unknown> = {
      topic: "task-events",
      consumer: "unit",
      types: ["tickler.task.created.v1"],
      schema: taskEventDataSchema,
      handle: () => new Promise((resolve, reject) => (release = () => (fail ? reject(new Error("write failed")) : resolve("applied")))),
    };
    const metrics = new Metrics("unit");
    const log = pino({ level: "silent" });
    const app = createApp({ log, appApiToken: APP_TOKEN, sidecarRouters: [subscriptionRouter("pubsub", [consumer], log, metrics)], routers: [] });
    const inFlight = async () => (await metrics.eventsInFlight.get()).values.find((v) => v.labels.consumer === "unit")?.value ?? 0;
    const deliver = () =>
      request(app.callback()).post("/events/task-events").set("dapr-api-token", APP_TOKEN).set("content-type", "application/cloudevents+json").send(JSON.stringify(taskEventEnvelope(created, "unit"))).then((r) => r.body as { status: string });

    for (const failing of [false, true]) {
      fail = failing;
      const answer = deliver();
      // The handler is reached once the body is read: poll the gauge, no fixed wait.
      while ((await inFlight()) === 0) await new Promise((resolve) => setImmediate(resolve));
      expect(await inFlight()).to.equal(1);
      release();
      expect((await answer).status).to.equal(failing ? "RETRY" : "SUCCESS");
      expect(await inFlight()).to.equal(0);
    }
  });
});
