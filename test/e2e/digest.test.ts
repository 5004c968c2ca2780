/**
 * The daily digest on the Dapr cron binding (ticking every 5 s in the test
 * stack) and the reconcile on the same tick. A user whose digest time has
 * passed gets exactly one digest for their local date, by email and in the
 * inbox, listing overdue, today's and tomorrow's tasks (once across a kill -9
 * of the notifications app: test/chaos/restarts.test.ts), and once when the app's tick races two more
 * digest runs (this process playing two more notifications replicas on the
 * same store). A reminder unregistered behind the task's back in daprd is
 * registered again by the next tick.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { DateTime } from "luxon";
import mongoose from "mongoose";
import { total } from "../../scripts/promScrape.js";
import { PreferencesStore } from "../../src/infra/preferences.js";
import { ReadModel } from "../../src/infra/readModel.js";
import { createLogger } from "../../src/infra/logger.js";
import { runDigests } from "../../src/notifications/digest.js";
import { NotificationStore } from "../../src/notifications/store.js";
import { TASK_ACTOR_TYPE } from "../../src/actors/taskActor.js";
import { cronTicks, moreCronTicks, quiescent } from "../support/quiescence.js";
import { apiAs, appMetrics, eventually, sidecarOf, stack } from "../support/stack.js";
import { confirmAddress, startSmtpReceiver, type SmtpReceiver } from "../support/smtpReceiver.js";

/** A fixed-offset zone where it is about noon now, so "today" has room on both sides. */
function noonZone(): string {
  const offset = Math.max(-12, Math.min(14, 12 - new Date().getUTCHours()));
  return offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

describe("daily digest and reconcile on the cron binding", function () {
  // Above the e2e tier's 180 s: a digest and the reconcile each wait out several 5 s cron ticks, with a raced run on top.
  this.timeout(240_000);
  let smtp: SmtpReceiver;
  const zone = noonZone();

  before(async () => {
    smtp = await startSmtpReceiver();
  });
  after(async () => {
    await smtp.close();
  });

  async function digestUser(name: string) {
    const api = await apiAs(`${name}-${randomUUID()}`);
    // The address first, confirmed as its owner would (the link in the email): nothing else is emailed before.
    const email = `${name}@example.test`;
    expect((await api.call("PUT", "/me/preferences", { timeZone: zone, email })).status).to.equal(200);
    await confirmAddress(smtp, email);
    const now = DateTime.now().setZone(zone);
    const prefs = { timeZone: zone, email, channels: { reminders: ["inbox"], digest: ["email", "inbox"] }, digestTime: now.minus({ minutes: 1 }).toFormat("HH:mm") };
    const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    await api.call("POST", "/tasks", { title: `${name} overdue`, dueAt: hours(-2) });
    await api.call("POST", "/tasks", { title: `${name} today`, dueAt: hours(1) });
    await api.call("POST", "/tasks", { title: `${name} tomorrow`, dueAt: hours(24) });
    await api.call("POST", "/tasks", { title: `${name} next week`, dueAt: hours(24 * 7) });
    // Preferences last: the digest reads the tasks once it is due.
    expect((await api.call("PUT", "/me/preferences", prefs)).status).to.equal(200);
    return { api, date: now.toISODate()!, id: `digest:${api.user}:${now.toISODate()}` };
  }
  const digestMails = (id: string) => smtp.mails.filter((m) => m.deliveryId === id);
  const digestEntries = async (api: Awaited<ReturnType<typeof apiAs>>) => (await api.call("GET", "/notifications")).body.items.filter((n: any) => n.kind === "digest");

  it("sends one digest by email and inbox, listing overdue, today's and tomorrow's tasks", async () => {
    const { api, id } = await digestUser("dana");
    const [mail] = await eventually(async () => digestMails(id), (m) => m.length > 0, 60_000, "the digest email");
    const text = mail!.parsed.text!;
    expect(mail!.parsed.subject).to.match(/^Tickler digest for /);
    expect(text).to.match(/Overdue \(1\)\n\s+- dana overdue/).and.match(/Today \(1\)\n\s+- dana today/).and.match(/Tomorrow \(1\)\n\s+- dana tomorrow/);
    expect(text).not.to.include("next week");
    expect(mail!.parsed.html as string).to.include("dana today");
    const entries = await eventually(() => digestEntries(api), (e) => e.length === 1 && e[0].state === "delivered", 15_000, "the digest in the inbox");
    expect(entries[0]).to.include({ deliveryId: id, taskId: null });
    // Two more ticks run the digests again: still one.
    await moreCronTicks(await cronTicks(), 2);
    await quiescent(`the digests of ${api.user}`);
    expect(digestMails(id), "one digest email").to.have.length(1);
    expect(await digestEntries(api), "one digest in the inbox").to.have.length(1);
  });

  it("records one digest when the app's tick races two more runs on the same store (three replicas)", async () => {
    // This process plays two more notifications replicas: its own connection
    // to the stack's store, opened (and its models' indexes ensured) before
    // the user's digest becomes due, so the runs start together with the
    // app's own tick.
    const conn = await mongoose.createConnection(stack().mongoUri).asPromise();
    try {
      const replica = () => ({
        store: new NotificationStore(conn),
        preferences: new PreferencesStore(conn),
        readModel: new ReadModel(conn),
        emailEnabled: true,
        batch: 500,
        kick: () => {},
        log: createLogger("silent"),
      });
      const deps = replica();
      await Promise.all([deps.store.notifications.init(), deps.store.existing(["warm-up"])]);
      const { api, id } = await digestUser("remy");
      const now = new Date();
      const tick = fetch(`http://127.0.0.1:${stack().profile.apps.notifications.app}/internal/cron/tick`, { method: "POST", headers: { "dapr-api-token": stack().secrets.appApiToken } });
      const [a, b, res] = await Promise.all([runDigests(deps, now), runDigests(deps, now), tick]);
      expect(res.status).to.equal(200);
      expect((await deps.store.existing([id])).has(id)).to.equal(true);
      process.stdout.write(`      this process's two runs recorded ${a} and ${b} of them (the app's tick the rest)\n`);
      expect(a + b).to.be.at.most(1);
      // Which run gets there first depends on timing; what makes it once is
      // the store's unique _id. Four inserts of one digest at the same moment: one wins.
      const day = { _id: `digest:race-${randomUUID()}:2026-01-01`, ownerId: `race-${randomUUID()}`, taskId: "", title: "race", remindAt: now.toISOString(), firedAt: now.toISOString(), receivedAt: now.toISOString(), kind: "digest" as const, heldUntil: null, state: "delivered" as const, payload: {}, deliveries: [] };
      const inserted = await Promise.all(Array.from({ length: 4 }, () => deps.store.record(day)));
      expect(inserted.filter(Boolean), "exactly one of four concurrent inserts").to.have.length(1);
      await eventually(async () => digestMails(id), (m) => m.length > 0, 60_000, "the raced digest's email");
      // Two more of the app's ticks, each a digest run, and nothing moving: then count.
      await moreCronTicks(await cronTicks(), 2);
      await quiescent(`the digests of ${api.user}`);
      expect(digestMails(id)).to.have.length(1);
      expect(await digestEntries(api)).to.have.length(1);
    } finally {
      await conn.close();
    }
  });

  it("reconcile registers again a reminder deleted from the scheduler behind the task's back", async () => {
    const api = await apiAs(`reconcile-${randomUUID()}`);
    const remindAt = new Date(Date.now() + 20 * 60_000).toISOString();
    const { body: task } = await api.call("POST", "/tasks", { title: "lost reminder", reminders: [{ at: remindAt }] });
    await eventually(() => api.call("GET", "/notifications"), (r) => r.body.items.some((n: any) => n.taskId === task.id && n.state === "scheduled"), 15_000, "the plan");
    const name = `r-${Date.parse(remindAt)}`;
    const daprd = sidecarOf("api");
    expect(await daprd.reminderExists(TASK_ACTOR_TYPE, task.id, name)).to.equal(true);
    const before = total(await appMetrics("notifications"), "tickler_reminders_repaired_total");
    await daprd.unregisterReminder(TASK_ACTOR_TYPE, task.id, name);
    expect(await daprd.reminderExists(TASK_ACTOR_TYPE, task.id, name)).to.equal(false);
    await eventually(() => daprd.reminderExists(TASK_ACTOR_TYPE, task.id, name), (x) => x, 60_000, "the reminder registered again");
    const after = await eventually(async () => total(await appMetrics("notifications"), "tickler_reminders_repaired_total"), (n) => n > before, 60_000, "the repaired metric");
    process.stdout.write(`      tickler_reminders_repaired_total ${before} → ${after}\n`);
  });
});
