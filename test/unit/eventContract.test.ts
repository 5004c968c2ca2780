/**
 * The event contract on both sides: what the actor may commit to its outbox
 * (checkPublishable) and what the subscription adapter does with each
 * delivery (SUCCESS / RETRY / DROP, and how it is counted in metrics).
 */
import { expect } from "chai";
import { pino } from "pino";
import request from "supertest";
import { OutboxDepth } from "../../src/actors/outboxDepth.js";
import { createApp } from "../../src/http/app.js";
import { decide, type ReminderDue, type TaskEvent } from "../../src/domain/index.js";
import { checkPublishable, taskEventDataSchema, taskEventEnvelope, UnpublishableEventError } from "../../src/events/envelope.js";
import { Metrics } from "../../src/infra/metrics.js";
import { subscriptionRouter, type TopicSubscriber } from "../../src/http/subscriptions/adapter.js";

const T0 = new Date("2026-03-01T10:00:00Z");
const APP_TOKEN = "app-token-0123456789";

function domainEvents(): TaskEvent[] {
  const first = decide(null, { kind: "create", ownerId: "alice", taskId: "t1", input: { listId: "list-1", title: "Pay rent", dueAt: "2026-03-05T09:00:00Z", reminders: [{ before: "PT1H" }] } }, T0);
  const second = decide(first.record, { kind: "complete", ownerId: "alice" }, T0);
  return [...first.events, ...second.events];
}

describe("event contract: producer side", () => {
  it("accepts every event the domain produces, and a reminder.due", () => {
    const events = domainEvents();
    expect(events.map((e) => e.kind)).to.deep.equal(["created", "completed"]);
    for (const event of events) expect(() => checkPublishable({ event })).not.to.throw();
    const due: ReminderDue = { deliveryId: "t1:r-1", taskId: "t1", ownerId: "alice", remindAt: "2026-03-05T08:00:00.000Z", firedAt: "2026-03-05T08:00:00.010Z", task: events[0]!.task };
    expect(() => checkPublishable({ due })).not.to.throw();
  });

  it("refuses an event its consumers would dead-letter, naming the field", () => {
    const event = domainEvents()[0]!;
    const broken = { ...event, version: 0, task: { ...event.task, dueAt: "next tuesday" } } as TaskEvent;
    expect(() => checkPublishable({ event: broken })).to.throw(UnpublishableEventError, /version.*task\.dueAt|task\.dueAt.*version/s);
    const noOwner = { ...event, ownerId: "" } as TaskEvent;
    expect(() => checkPublishable({ event: noOwner })).to.throw(UnpublishableEventError, /ownerId/);
  });
});

describe("event contract: consumer side (subscription adapter)", () => {
  const seen = new Set<string>();
  let failNext = false;
  const consumer: TopicSubscriber<unknown> = {
    topic: "task-events",
    consumer: "unit",
    types: ["tickler.task.created.v1", "tickler.task.completed.v1"],
    schema: taskEventDataSchema,
    async handle(_data, event) {
      if (failNext) {
        failNext = false;
        throw new Error("store unavailable");
      }
      if (seen.has(event.id)) return "duplicate";
      seen.add(event.id);
      return "applied";
    },
  };
  const metrics = new Metrics("unit");
  const app = createApp({ log: pino({ level: "silent" }), appApiToken: APP_TOKEN, routers: [], sidecarRouters: [subscriptionRouter("pubsub", [consumer], pino({ level: "silent" }), metrics)] });
  const deliver = (body: unknown, path = "/events/task-events") =>
    request(app.callback()).post(path).set("dapr-api-token", APP_TOKEN).set("content-type", "application/cloudevents+json").send(JSON.stringify(body));
  const count = async (outcome: string) =>
    (await metrics.eventsConsumed.get()).values.find((v) => v.labels.outcome === outcome && v.labels.consumer === "unit")?.value ?? 0;

  it("declares a routed subscription with a dead-letter topic", async () => {
    const res = await request(app.callback()).get("/dapr/subscribe").set("dapr-api-token", APP_TOKEN);
    expect(res.body).to.deep.equal([
      {
        pubsubname: "pubsub",
        topic: "task-events",
        routes: { rules: [{ match: 'event.type in ["tickler.task.created.v1", "tickler.task.completed.v1"]', path: "/events/task-events" }], default: "/events/task-events/unroutable" },
        deadLetterTopic: "task-events-dlq",
      },
    ]);
  });

  it("applies once, suppresses the redelivery, retries a failing handler and dead-letters a malformed event", async () => {
    const envelope = taskEventEnvelope(domainEvents()[0]!, "unit");
    expect((await deliver(envelope)).body).to.deep.equal({ status: "SUCCESS" });
    expect((await deliver(envelope)).body).to.deep.equal({ status: "SUCCESS" });
    failNext = true;
    const other = taskEventEnvelope(domainEvents()[1]!, "unit");
    expect((await deliver(other)).body).to.deep.equal({ status: "RETRY" });
    expect((await deliver({ ...other, data: { ...other.data, version: "two" } })).body).to.deep.equal({ status: "DROP" });
    expect((await deliver("not json at all")).body).to.deep.equal({ status: "DROP" });
    expect((await deliver(other, "/events/task-events/unroutable")).body).to.deep.equal({ status: "DROP" });
    expect([await count("applied"), await count("duplicate"), await count("retried"), await count("dead_lettered")]).to.deep.equal([1, 1, 1, 3]);
    const lag = (await metrics.eventLag.get()).values.find((v) => v.metricName === "tickler_event_lag_seconds_count");
    expect(lag?.value).to.equal(2);
  });
});

describe("outbox depth", () => {
  it("sums pending entries per task and never goes negative on a repeated flush", () => {
    const totals: number[] = [];
    const depth = new OutboxDepth((t) => totals.push(t));
    depth.report("a", 2);
    depth.report("b", 1);
    depth.report("a", 0);
    depth.report("a", 0);
    depth.report("b", 0);
    expect(totals).to.deep.equal([2, 3, 1, 1, 0]);
  });
});
