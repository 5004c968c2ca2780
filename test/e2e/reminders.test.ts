/**
 * Reminders end to end on the real stack: actor reminders in the Dapr
 * scheduler fire, `reminder.due` crosses Kafka, the notification service
 * signs and posts it to a real HTTP receiver and records it in the inbox.
 * Short real delays (seconds), no fake clocks. Across an api restart:
 * test/chaos/restarts.test.ts.
 */
import { createHmac, randomUUID } from "node:crypto";
import { expect } from "chai";
import { TASK_ACTOR_TYPE } from "../../src/actors/taskActor.js";
import { quietAsSeen, quiescent, reminderSpent } from "../support/quiescence.js";
import { apiAs, eventually, externalTarget, stack } from "../support/stack.js";
import { startReceiver, type Received, type Receiver } from "../support/webhookReceiver.js";

const SECRET = "webhook-secret-0123456789";
/** Generous on a shared 2-core machine; the bench reports the real distribution. */
const MAX_LATENESS_MS = 5000;

describe("reminders delivered by the notification service", function () {
  let receiver: Receiver;
  let api: Awaited<ReturnType<typeof apiAs>>;

  before(async () => {
    receiver = await startReceiver();
    api = await apiAs(`reminders-${randomUUID()}`);
    const hook = await api.call("POST", "/webhooks", { url: receiver.url, secret: SECRET });
    expect(hook.status).to.equal(201);
    const hooks = await api.call("GET", "/webhooks");
    expect(hooks.body.items.map((h: { url: string }) => h.url)).to.deep.equal([receiver.url]);
    expect(JSON.stringify(hooks.body)).not.to.include(SECRET);
  });
  after(async () => {
    await receiver.close();
  });

  const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();
  const forTask = (taskId: string) => receiver.received.filter((r) => r.body.task?.id === taskId);
  /** Before counting a task's webhook calls: each reminder that fired gone from the scheduler, then the stack quiet. */
  // Against a deployment (test:cluster) its scheduler and metrics are out of reach: the receiver's calls must stay still instead.
  const portable = externalTarget() !== null;
  const spent = async (taskId: string, name: string) => {
    if (!portable) await reminderSpent(TASK_ACTOR_TYPE, taskId, name);
  };
  const settled = async (taskId: string, hits: Received[]) => {
    if (portable) return quietAsSeen(`the webhook calls of ${taskId}`, () => forTask(taskId).length);
    for (const h of hits) await spent(taskId, String(h.body.deliveryId).slice(taskId.length + 1));
    await quiescent(`the webhook calls of ${taskId}`);
  };
  /** Tickler-Signature: t=<unix s>,v1=<HMAC of "t.body">, t the second it was sent (docs/webhooks.md); the old unstamped header is gone. */
  const expectSigned = (hit: Received) => {
    const header = String(hit.headers["tickler-signature"]);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
    expect(t, header).to.be.a("string");
    expect(v1).to.equal(createHmac("sha256", SECRET).update(`${t}.${hit.raw}`).digest("hex"));
    expect(Number(t) * 1000, "t is when this attempt was sent").to.be.within(hit.at - 5000, hit.at + 1000);
    expect(hit.headers["x-tickler-signature"]).to.equal(undefined);
  };

  it("posts a reminder 5 s ahead once, signed, on time, and records it in the inbox", async () => {
    const remindAt = inFuture(5000);
    const { body: task } = await api.call("POST", "/tasks", { title: "call the dentist", reminders: [{ at: remindAt }] });
    const scheduled = await eventually(() => api.call("GET", "/notifications"), (r) => r.body.items.some((n: any) => n.taskId === task.id), 4000, "the scheduled entry");
    expect(scheduled.body.items.find((n: any) => n.taskId === task.id)).to.include({ state: "scheduled", remindAt: new Date(remindAt).toISOString(), firedAt: null });
    const [hit] = await eventually(async () => forTask(task.id), (r) => r.length > 0, 30_000, "the webhook call");
    expectSigned(hit!);
    expect(hit!.body).to.include({ type: "reminder.due", remindAt: new Date(remindAt).toISOString(), deliveryId: hit!.headers["x-tickler-delivery"] });
    expect(hit!.body.task).to.include({ id: task.id, title: "call the dentist" });
    const firedAt = Date.parse(hit!.body.firedAt);
    expect(firedAt, "never early").to.be.at.least(Date.parse(remindAt));
    expect(hit!.at - Date.parse(remindAt), "lateness").to.be.below(MAX_LATENESS_MS);
    await settled(task.id, [hit!]);
    expect(forTask(task.id), "exactly once").to.have.length(1);
    const inbox = await eventually(() => api.call("GET", "/notifications"), (r) => r.body.items.some((n: any) => n.taskId === task.id && n.state === "delivered"), 10_000, "inbox entry delivered");
    const entry = inbox.body.items.find((n: any) => n.taskId === task.id);
    expect(entry).to.include({ deliveryId: hit!.body.deliveryId, title: "call the dentist", state: "delivered" });
    expect(entry.channels.webhooks[0]).to.include({ state: "delivered", attempts: 1 });
  });

  it("moves a reminder when it is edited before it fires", async () => {
    const first = inFuture(4000);
    const moved = inFuture(8000);
    const { body: task } = await api.call("POST", "/tasks", { title: "moved", reminders: [{ at: first }] });
    expect((await api.call("PATCH", `/tasks/${task.id}`, { reminders: [{ at: moved }] })).status).to.equal(200);
    const [movedHit] = await eventually(async () => forTask(task.id), (r) => r.length > 0, 30_000, "the moved reminder");
    // Neither instant left in the scheduler and nothing moving: then count.
    await spent(task.id, `r-${Date.parse(first)}`);
    await settled(task.id, [movedHit!]);
    const hits = forTask(task.id);
    expect(hits).to.have.length(1);
    expect(hits[0]!.body.remindAt).to.equal(new Date(moved).toISOString());
    expect(hits[0]!.at).to.be.at.least(Date.parse(moved));
  });

  it("fires a reminder relative to the due date", async () => {
    const dueAt = inFuture(9000);
    const { body: task } = await api.call("POST", "/tasks", { title: "relative", dueAt, reminders: [{ before: "PT5S" }] });
    const [hit] = await eventually(async () => forTask(task.id), (r) => r.length > 0, 30_000, "the relative reminder");
    expect(hit!.body.remindAt).to.equal(new Date(Date.parse(dueAt) - 5000).toISOString());
  });

  it("cancels reminders of completed and deleted tasks, and delays snoozed ones", async () => {
    const soon = inFuture(4000);
    const done = (await api.call("POST", "/tasks", { title: "done early", reminders: [{ at: soon }] })).body;
    const gone = (await api.call("POST", "/tasks", { title: "deleted", reminders: [{ at: soon }] })).body;
    const snoozed = (await api.call("POST", "/tasks", { title: "snoozed", reminders: [{ at: soon }] })).body;
    expect((await api.call("POST", `/tasks/${done.id}/complete`)).status).to.equal(200);
    expect((await api.call("DELETE", `/tasks/${gone.id}`)).status).to.equal(204);
    const snooze = await api.call("POST", `/tasks/${snoozed.id}/snooze`, { for: "PT8S" });
    expect(snooze.status).to.equal(200);
    const snoozedUntil = Date.parse(snooze.body.snoozedUntil);
    expect(snooze.body.dueAt).to.equal(null);
    const [hit] = await eventually(async () => forTask(snoozed.id), (r) => r.length > 0, 30_000, "the snoozed reminder");
    expect(hit!.at, "not before the snooze ends").to.be.at.least(snoozedUntil);
    expect(Date.parse(hit!.body.remindAt)).to.equal(snoozedUntil);
    await settled(snoozed.id, [hit!]);
    expect(forTask(snoozed.id)).to.have.length(1);
    expect(forTask(done.id)).to.have.length(0);
    expect(forTask(gone.id)).to.have.length(0);
  });

  it("retries a webhook that fails, with the same delivery id", async () => {
    receiver.failNext(2, 503);
    const { body: task } = await api.call("POST", "/tasks", { title: "flaky receiver", reminders: [{ at: inFuture(3000) }] });
    const hits = await eventually(async () => forTask(task.id), (r) => r.length >= 3, 30_000, "three attempts");
    expect(new Set(hits.map((h) => h.body.deliveryId)).size).to.equal(1);
    // Each attempt is signed at its own time, so a retry long after the firing still verifies.
    for (const h of hits) expectSigned(h);
    const inbox = await eventually(() => api.call("GET", "/notifications"), (r) => r.body.items.some((n: any) => n.taskId === task.id && n.state === "delivered"), 10_000, "delivered after retries");
    expect(inbox.body.items.find((n: any) => n.taskId === task.id).channels.webhooks[0]).to.include({ attempts: 3, state: "delivered" });
  });

  it("exports reminder lateness on /metrics", async () => {
    const text = await (await fetch(`${stack().apiUrl}/metrics`)).text();
    const count = /^tickler_reminder_lateness_seconds_count\{[^}]*\} (\d+)/m.exec(text);
    expect(count, "lateness histogram present").to.not.equal(null);
    expect(Number(count![1])).to.be.greaterThan(0);
  });
});
