/**
 * Observability on the real stack: one create-with-reminder request, traced
 * (spans kept in memory by each app of the test stack) from the REST route
 * through the actor and Kafka to all three subscribers, with the reminder's
 * later firing in its own trace linked back to it; and the /metrics series
 * that move when that flow runs.
 */
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { total, type Sample } from "../../scripts/promScrape.js";
import type { AppId } from "../../scripts/stack/profile.js";
import { apiAs, appMetrics, eventually, stack } from "../support/stack.js";
import { startReceiver, type Receiver } from "../support/webhookReceiver.js";

interface SpanView {
  app: AppId;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  links: { traceId: string; spanId: string }[];
  attributes: Record<string, unknown>;
}

const APPS: AppId[] = ["api", "notifications", "audit"];

async function spansOf(traceId: string): Promise<SpanView[]> {
  const info = stack();
  const lists = await Promise.all(
    APPS.map(async (app) => {
      const res = await fetch(`http://127.0.0.1:${info.profile.apps[app].app}/internal/test/spans?trace=${traceId}`, {
        headers: { "dapr-api-token": info.secrets.appApiToken },
      });
      if (!res.ok) throw new Error(`${app} answered ${res.status} for its spans`);
      return (await res.json()) as SpanView[];
    }),
  );
  return lists.flat();
}

const names = (spans: SpanView[], traceId: string) => spans.filter((s) => s.traceId === traceId).map((s) => `${s.app}: ${s.name}`);

describe("observability of one request, end to end", function () {

  // The client's own trace: the API links to it from a new root (it does not
  // let a public caller choose its trace or its sampling).
  const clientTraceId = randomBytes(16).toString("hex");
  const clientSpanId = randomBytes(8).toString("hex");
  let traceId: string;
  let receiver: Receiver;
  let taskId: string;
  const metricsBefore: Partial<Record<AppId, Sample[]>> = {};
  const metricsAfter: Partial<Record<AppId, Sample[]>> = {};

  before(async () => {
    for (const app of APPS) metricsBefore[app] = await appMetrics(app);
    receiver = await startReceiver();
    const api = await apiAs(`traced-${randomUUID()}`);
    expect((await api.call("POST", "/webhooks", { url: receiver.url, secret: "trace-secret-0123456789" })).status).to.equal(201);
    // The Inbox made now, in a trace of its own: the traced create is then one task's change only
    // (a first create also makes the Inbox, whose list.changed event has consumers of its own).
    expect((await api.call("GET", "/lists")).status).to.equal(200);
    const remindAt = new Date(Math.ceil((Date.now() + 4000) / 1000) * 1000).toISOString();
    // The client starts the trace; everything after must continue it.
    const created = await api.call("POST", "/tasks", { title: "traced", reminders: [{ at: remindAt }] }, { traceparent: `00-${clientTraceId}-${clientSpanId}-01` });
    expect(created.status).to.equal(201);
    taskId = created.body.id;
    const linked = await eventually(() => spansOf(clientTraceId), (s) => s.some((x) => x.name === "POST /api/v1/tasks"), 10_000, "the API's span linked to the client's");
    const server = linked.find((x) => x.name === "POST /api/v1/tasks")!;
    expect(server.traceId, "a new trace, not the client's").to.not.equal(clientTraceId);
    expect(server.parentSpanId, "a root span").to.equal(null);
    expect(server.links).to.deep.include({ traceId: clientTraceId, spanId: clientSpanId });
    traceId = server.traceId;
    await eventually(async () => receiver.received.length, (n) => n >= 1, 30_000, "the reminder's webhook delivery");
  });

  after(async () => {
    await receiver.close();
  });

  it("keeps API → actor → publish → projection, audit and notifications in one connected trace", async () => {
    const expected = [
      "api: POST /api/v1/tasks",
      "api: invoke TaskActor.handle",
      "api: TaskActor.handle",
      "api: publish created",
      "api: send task-events",
      "api: send task-updates",
      "api: consume task-updates projection",
      "audit: consume task-events audit",
      "notifications: consume task-updates reminder-plan",
      "api: replan reminders",
      "api: register reminder TaskActor",
    ];
    const spans = await eventually(
      () => spansOf(traceId),
      (s) => expected.every((n) => names(s, traceId).includes(n)),
      20_000,
      `spans ${expected.join(", ")}`,
    );
    const inTrace = spans.filter((s) => s.traceId === traceId);
    // Connected: one root (the API's route), every other span's parent in this trace.
    const ids = new Set(inTrace.map((s) => s.spanId));
    expect(inTrace.filter((s) => s.parentSpanId === null).map((s) => s.name)).to.deep.equal(["POST /api/v1/tasks"]);
    const orphans = inTrace.filter((s) => s.parentSpanId !== null && !ids.has(s.parentSpanId));
    expect(orphans.map((s) => `${s.app}: ${s.name}`), "spans whose parent is missing").to.deep.equal([]);
    // Each consumer hangs under a publish of this change (not under some other trace's work).
    const byId = new Map(inTrace.map((s) => [s.spanId, s]));
    const ancestors = (s: SpanView): string[] => {
      const chain: string[] = [];
      for (let p = byId.get(s.parentSpanId ?? ""); p; p = byId.get(p.parentSpanId ?? "")) chain.push(p.name);
      return chain;
    };
    for (const consumer of inTrace.filter((s) => s.name.startsWith("consume "))) {
      expect(ancestors(consumer), consumer.name).to.include.members(["publish created", "TaskActor.handle", "POST /api/v1/tasks"]);
    }
  });

  it("fires the reminder in a trace of its own that links back to the request, through to the webhook", async () => {
    const linked = await eventually(
      () => spansOf(traceId),
      (s) => s.some((x) => x.traceId !== traceId && x.name.startsWith("reminder ")),
      20_000,
      "a reminder span linked to the request's trace",
    );
    const firing = linked.find((x) => x.traceId !== traceId && x.name.startsWith("reminder "))!;
    expect(firing.app).to.equal("api");
    expect(firing.links.map((l) => l.traceId)).to.include(traceId);
    expect(firing.attributes["tickler.task.id"]).to.equal(taskId);
    const expected = ["api: publish reminder.due", "api: send reminders", "notifications: consume reminders inbox", "api: consume reminders stream", "notifications: webhook POST"];
    const spans = await eventually(
      () => spansOf(firing.traceId),
      (s) => expected.every((n) => names(s, firing.traceId).includes(n)),
      20_000,
      `spans ${expected.join(", ")} in the firing's trace`,
    );
    const webhook = spans.find((s) => s.traceId === firing.traceId && s.name === "webhook POST")!;
    expect(webhook.attributes["tickler.delivery.state"]).to.equal("delivered");
    // The delivery the receiver got is the one this trace describes.
    expect(receiver.received[0]!.headers["x-tickler-delivery"]).to.equal(webhook.attributes["tickler.delivery.id"]);
  });

  it("writes JSON log lines that carry the trace and the task, and no tokens", async () => {
    const logOf = (app: AppId) =>
      fs.readFileSync(path.join(stack().profile.stateDir, "logs", `app-${app}.log`), "utf8").split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
    const changed = logOf("api").find((l) => l.msg === "task changed" && l.taskId === taskId);
    expect(changed, "a 'task changed' line for the task").to.include({ trace_id: traceId, app: "api" });
    expect(changed!.span_id).to.match(/^[0-9a-f]{16}$/);
    const fired = logOf("api").find((l) => l.msg === "reminder fired" && l.taskId === taskId);
    expect(fired?.trace_id, "the firing's line carries the firing's trace").to.be.a("string").and.not.equal(traceId);
    const delivered = logOf("notifications").find((l) => l.msg === "webhook delivered" && l.taskId === taskId);
    expect(delivered?.trace_id, "the delivery continues the firing's trace").to.equal(fired?.trace_id);
    const secrets = stack().secrets;
    for (const app of APPS) {
      const raw = fs.readFileSync(path.join(stack().profile.stateDir, "logs", `app-${app}.log`), "utf8");
      for (const secret of [secrets.daprApiToken, secrets.appApiToken, secrets.jwtSecret]) expect(raw.includes(secret), `${app} log leaks a secret`).to.equal(false);
    }
  });

  it("moves the metrics that back the plan's success metrics", async () => {
    for (const app of APPS) metricsAfter[app] = await appMetrics(app);
    const moved = (app: AppId, name: string, where: Record<string, string> = {}) => total(metricsAfter[app]!, name, where) - total(metricsBefore[app]!, name, where);
    expect(moved("api", "tickler_http_request_duration_seconds_count", { method: "POST", route: "/api/v1/tasks", status: "201" }), "API request durations").to.be.at.least(1);
    expect(moved("api", "tickler_actor_method_duration_seconds_count", { actor_type: "TaskActor", method: "handle", outcome: "ok" }), "actor method durations").to.be.at.least(1);
    expect(moved("api", "tickler_actor_method_duration_seconds_count", { actor_type: "TaskActor", method: "onReminder", outcome: "ok" }), "reminder callbacks").to.be.at.least(1);
    for (const topic of ["task-events", "task-updates", "reminders"]) {
      expect(moved("api", "tickler_events_published_total", { topic, outcome: "ok" }), `published to ${topic}`).to.be.at.least(1);
    }
    expect(moved("api", "tickler_events_consumed_total", { consumer: "projection" }), "projection deliveries").to.be.at.least(1);
    expect(moved("audit", "tickler_events_consumed_total", { consumer: "audit", outcome: "applied" }), "audit applied").to.be.at.least(1);
    expect(moved("notifications", "tickler_events_consumed_total", { consumer: "inbox", outcome: "applied" }), "inbox applied").to.be.at.least(1);
    expect(moved("audit", "tickler_event_lag_seconds_count", { consumer: "audit" }), "event lag at audit").to.be.at.least(1);
    expect(moved("api", "tickler_reminder_lateness_seconds_count"), "reminder lateness").to.be.at.least(1);
    expect(moved("notifications", "tickler_webhook_deliveries_total", { outcome: "delivered" }), "webhook deliveries").to.be.at.least(1);
    expect(metricsAfter.api!.some((s) => s.name === "tickler_outbox_pending_events"), "outbox depth gauge").to.equal(true);
  });
});
