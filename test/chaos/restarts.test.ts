/**
 * A single app killed (kill -9) and started again on the shared pieces: what
 * its actors, reminders, emails and digests promised survives, once. These
 * lived beside the e2e and integration tests of the same features; they kill
 * a piece of the stack, so they run in the destructive tier (test/tiers.ts).
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { inboxIdOf } from "../../src/infra/ids.js";
import { DateTime } from "luxon";
import { ROOT } from "../../scripts/root.js";
import { restartApp } from "../../scripts/stack/stack.js";
import { TASK_ACTOR_TYPE, type ActorReply, type TaskView } from "../../src/actors/taskActor.js";
import type { Task } from "../../src/domain/index.js";
import { moreCronTicks, quiescent } from "../support/quiescence.js";
import { apiAs, eventually, sidecarOf, stack } from "../support/stack.js";
import { confirmAddress, startSmtpReceiver, type SmtpReceiver } from "../support/smtpReceiver.js";
import { startReceiver, type Receiver } from "../support/webhookReceiver.js";

const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();

describe("the api app killed and restarted", function () {
  let receiver: Receiver;
  let api: Awaited<ReturnType<typeof apiAs>>;
  before(async () => {
    receiver = await startReceiver();
    api = await apiAs(`restarts-${randomUUID()}`);
    expect((await api.call("POST", "/webhooks", { url: receiver.url, secret: "webhook-secret-0123456789" })).status).to.equal(201);
  });
  after(async () => {
    await receiver.close();
  });

  it("keeps a task actor's state across the restart", async () => {
    const sidecar = sidecarOf("api");
    const taskId = randomUUID();
    const created = await sidecar.invokeActor<ActorReply<TaskView>>(TASK_ACTOR_TYPE, taskId, "handle", [{ kind: "create", ownerId: "integration", taskId, input: { listId: inboxIdOf("integration"), title: "survive a restart" } }]);
    if (!created.ok) throw new Error(created.error.message);
    await restartApp(stack(), ROOT, "api", true);
    await eventually(() => sidecar.healthy(), Boolean, 30_000, "sidecar healthy after the app restart");
    const reply = await eventually(
      () => sidecar.invokeActor<ActorReply<Task>>(TASK_ACTOR_TYPE, taskId, "read", ["integration"]).catch((err: Error) => ({ ok: false, error: { code: "unreachable", message: err.message } }) as const),
      (r) => r.ok,
      30_000,
      "the task to be readable after the restart",
    );
    expect(reply).to.deep.equal({ ok: true, value: created.value.task });
  });

  it("does not lose a reminder when the api app restarts between planning and firing", async () => {
    const remindAt = inFuture(7000);
    const { body: task } = await api.call("POST", "/tasks", { title: "survives restart", reminders: [{ at: remindAt }] });
    await restartApp(stack(), ROOT, "api", true);
    const [hit] = await eventually(async () => receiver.received.filter((r) => r.body.task?.id === task.id), (r) => r.length > 0, 45_000, "the reminder after the restart");
    expect(hit!.body.remindAt).to.equal(new Date(remindAt).toISOString());
  });
});

describe("the notifications app killed and restarted", function () {
  let smtp: SmtpReceiver;
  before(async () => {
    smtp = await startSmtpReceiver();
  });
  after(async () => {
    await smtp.close();
  });

  it("one reminder firing is one email across a kill -9 of the notifications app", async () => {
    const zone = "Europe/Berlin";
    const api = await apiAs(`email-restart-${randomUUID()}`);
    const address = `restart-${randomUUID()}@example.test`;
    expect((await api.call("PUT", "/me/preferences", { timeZone: zone, email: address, channels: { reminders: ["email", "inbox"], digest: ["inbox"] } })).status).to.equal(200);
    await confirmAddress(smtp, address);
    const mailsFor = (taskId: string) => smtp.mails.filter((m) => m.deliveryId?.startsWith(`${taskId}:`));
    const { body: sent } = await api.call("POST", "/tasks", { title: "Before the crash", reminders: [{ at: inFuture(3000) }] });
    await eventually(async () => mailsFor(sent.id), (m) => m.length > 0, 60_000, "the email before the crash");
    await eventually(() => api.call("GET", "/notifications"), (r) => r.body.items.some((n: any) => n.taskId === sent.id && n.state === "delivered"), 15_000, "recorded as delivered");
    // A second reminder falls due while the app is down or starting again.
    const { body: later } = await api.call("POST", "/tasks", { title: "During the crash", reminders: [{ at: inFuture(4000) }] });
    await restartApp(stack(), ROOT, "notifications", true);
    await eventually(async () => mailsFor(later.id), (m) => m.length > 0, 90_000, "the email of the reminder that fired during the crash");
    // Both recorded as delivered (no claim left for a due-queue round to take over), nothing moving: then count.
    await eventually(
      () => api.call("GET", "/notifications"),
      (r) => [sent.id, later.id].every((id) => r.body.items.some((n: any) => n.taskId === id && n.state === "delivered" && n.channels?.email?.state === "delivered")),
      60_000,
      "both emails recorded as delivered",
    );
    await quiescent("the emails around the crash");
    expect(mailsFor(sent.id), "the email sent before the crash is not sent again").to.have.length(1);
    expect(mailsFor(later.id), "the email of the firing during the crash is sent once").to.have.length(1);
  });

  it("sends one daily digest across a kill -9 of the notifications app", async () => {
    // A fixed-offset zone where it is about noon now, so the digest time (a minute ago) is today.
    const offset = Math.max(-12, Math.min(14, 12 - new Date().getUTCHours()));
    const zone = offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
    const api = await apiAs(`digest-restart-${randomUUID()}`);
    const email = `digest-restart-${randomUUID()}@example.test`;
    expect((await api.call("PUT", "/me/preferences", { timeZone: zone, email })).status).to.equal(200);
    await confirmAddress(smtp, email);
    const now = DateTime.now().setZone(zone);
    await api.call("POST", "/tasks", { title: "due today", dueAt: new Date(Date.now() + 3600_000).toISOString() });
    const prefs = { timeZone: zone, email, channels: { reminders: ["inbox"], digest: ["email", "inbox"] }, digestTime: now.minus({ minutes: 1 }).toFormat("HH:mm") };
    expect((await api.call("PUT", "/me/preferences", prefs)).status).to.equal(200);
    const id = `digest:${api.user}:${now.toISODate()}`;
    const digestMails = () => smtp.mails.filter((m) => m.deliveryId === id);
    const digestEntries = async () => (await api.call("GET", "/notifications")).body.items.filter((n: any) => n.kind === "digest");
    await eventually(async () => digestMails(), (m) => m.length > 0, 60_000, "the digest email");
    await eventually(digestEntries, (e) => e.length === 1 && e[0].state === "delivered", 15_000, "the digest in the inbox");

    await restartApp(stack(), ROOT, "notifications", true);
    // Three ticks of the restarted app (each a digest run; it counts from 0), nothing moving: then count.
    await moreCronTicks(0, 3);
    await quiescent("the digests after the restart");
    expect(digestMails(), "one digest email").to.have.length(1);
    expect(await digestEntries(), "one digest in the inbox").to.have.length(1);
  });
});
