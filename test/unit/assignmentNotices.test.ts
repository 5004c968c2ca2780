/**
 * "Assigned to you" (docs/lists.md#assignees): task events name who made the
 * change (`actorId`), the pure rule of whom an event tells
 * (src/domain/assignment.ts), and the notifier on the notifications app's
 * task-updates subscription (src/notifications/assignments.ts): the assignee
 * who may read the task, once per task version, held by quiet hours.
 */
import { expect } from "chai";
import { pino } from "pino";
import { assignmentEmail, assignmentNotice, decide, DEFAULT_PREFERENCES, type TaskEvent, type TaskRecord } from "../../src/domain/index.js";
import { checkPublishable, taskEventDataSchema, taskEventEnvelope, type ParsedTaskEvent } from "../../src/events/envelope.js";
import { assignmentNotifier } from "../../src/notifications/assignments.js";
import type { NotificationDoc, ReminderPlanDoc } from "../../src/notifications/store.js";
import { reminderPlanSubscriber } from "../../src/notifications/subscribers.js";

const log = pino({ level: "silent" });
const LIST = "0b5c8f5e-8f5a-4c39-9d0e-2a1e7f6b1c11";
const T0 = new Date("2026-12-06T10:00:00Z");
const T1 = new Date("2026-12-06T10:05:00Z");

const made = (by: string, assigneeId: string | null, over: { dueAt?: string; reminders?: { before: string }[] } = {}) =>
  decide(null, { kind: "create", ownerId: by, taskId: "t1", input: { listId: LIST, title: "Mow", assigneeId, ...over } }, T0);
const patched = (record: TaskRecord, by: string, patch: { assigneeId?: string | null; title?: string }) =>
  decide(record, { kind: "update", ownerId: by, patch, viaList: LIST }, T1);
/** As the notifications app receives it: the envelope's data. */
const received = (event: TaskEvent): ParsedTaskEvent => taskEventDataSchema.parse(taskEventEnvelope(event, "test").data);

describe("assignment notices", () => {
  describe("task events name who made the change", () => {
    it("carries the command's user, whoever made the task, and passes the published schema", () => {
      const created = made("ada", "bob");
      expect(created.events[0]).to.include({ actorId: "ada", ownerId: "ada" });
      const byBob = patched(created.record, "bob", { title: "Mow the lawn" });
      expect(byBob.events[0]).to.include({ actorId: "bob", ownerId: "ada" });
      for (const e of [...created.events, ...byBob.events]) expect(() => checkPublishable({ event: e })).not.to.throw();
    });

    it("names nobody for what the service makes: a recurring task's next occurrence, a subtask copied under it", () => {
      const next = decide(null, { kind: "create", ownerId: "ada", taskId: "t2", input: { listId: LIST, title: "x", assigneeId: "bob" }, spawnedFrom: "t1" }, T0);
      const copy = decide(null, { kind: "create", ownerId: "ada", taskId: "t3", input: { listId: LIST, title: "x", assigneeId: "bob" }, byService: true }, T0);
      for (const e of [...next.events, ...copy.events]) {
        expect(e).to.not.have.property("actorId");
        expect(() => checkPublishable({ event: e })).not.to.throw();
      }
    });

    it("reads an event from before it was carried (no actorId)", () => {
      const { actorId: _gone, ...older } = made("ada", "bob").events[0]!;
      expect(received(older as TaskEvent)).to.not.have.property("actorId");
    });
  });

  describe("whom an event tells (assignmentNotice)", () => {
    it("tells the assignee someone else made on create, once per task version", () => {
      expect(assignmentNotice(made("ada", "bob").events[0]!)).to.deep.equal({ userId: "bob", assignedBy: "ada", notificationId: "assigned:t1:v1" });
      const reassigned = patched(made("ada", null).record, "cyd", { assigneeId: "bob" });
      expect(assignmentNotice(reassigned.events[0]!)).to.deep.equal({ userId: "bob", assignedBy: "cyd", notificationId: "assigned:t1:v2" });
    });

    it("tells nobody who assigned themselves, is unassigned, or stays assigned through another change", () => {
      expect(assignmentNotice(made("bob", "bob").events[0]!), "self on create").to.equal(null);
      expect(assignmentNotice(patched(made("ada", null).record, "bob", { assigneeId: "bob" }).events[0]!), "self by PATCH").to.equal(null);
      expect(assignmentNotice(made("ada", null).events[0]!), "nobody assigned").to.equal(null);
      expect(assignmentNotice(patched(made("ada", "bob").record, "ada", { assigneeId: null }).events[0]!), "unassigned").to.equal(null);
      expect(assignmentNotice(patched(made("ada", "bob").record, "ada", { title: "Mow it" }).events[0]!), "another field").to.equal(null);
      const done = decide(made("ada", "bob").record, { kind: "complete", ownerId: "ada" }, T1);
      expect(assignmentNotice(done.events[0]!), "completed").to.equal(null);
      const deleted = decide(made("ada", "bob").record, { kind: "delete", ownerId: "ada" }, T1);
      expect(assignmentNotice({ ...deleted.events[0]!, changed: ["assigneeId"] }), "deleted").to.equal(null);
    });

    it("tells nobody for an event without an actor (the service's, or an older event)", () => {
      const next = decide(null, { kind: "create", ownerId: "ada", taskId: "t2", input: { listId: LIST, title: "x", assigneeId: "bob" }, spawnedFrom: "t1" }, T0);
      expect(assignmentNotice(next.events[0]!)).to.equal(null);
      const { actorId: _gone, ...older } = made("ada", "bob").events[0]!;
      expect(assignmentNotice(older)).to.equal(null);
    });

    it("tells the assignee a revert by someone else brings back", () => {
      const v2 = patched(made("ada", "bob").record, "ada", { assigneeId: null }).record;
      const reverted = decide(v2, { kind: "revert", ownerId: "cyd", version: 1, viaList: LIST }, T1);
      expect(reverted.events[0]).to.include({ kind: "reverted" });
      expect(assignmentNotice(reverted.events[0]!)).to.deep.equal({ userId: "bob", assignedBy: "cyd", notificationId: "assigned:t1:v3" });
    });
  });

  describe("the notifier on task-updates (src/notifications/assignments.ts)", () => {
    function stores() {
      const docs = new Map<string, Omit<NotificationDoc, "dueAt" | "leaseOwner" | "leaseUntil">>();
      const plans = new Map<string, ReminderPlanDoc>();
      return {
        docs,
        plans,
        async record(doc: Omit<NotificationDoc, "dueAt" | "leaseOwner" | "leaseUntil">) {
          if (docs.has(doc._id)) return false;
          docs.set(doc._id, doc);
          return true;
        },
        async webhooksOf(ownerId: string) {
          return ownerId === "bob" ? [{ _id: "w1", ownerId, url: "https://example.test/hook", secret: "s".repeat(16), createdAt: T0.toISOString() }] : [];
        },
        async savePlan(plan: ReminderPlanDoc) {
          if ((plans.get(plan._id)?.version ?? 0) >= plan.version) return false;
          plans.set(plan._id, plan);
          return true;
        },
      };
    }
    const members = new Set(["ada", "bob", "cyd"]);
    const access = { may: async (userId: string) => members.has(userId) };
    const subscriber = (store: ReturnType<typeof stores>, prefs = DEFAULT_PREFERENCES) =>
      reminderPlanSubscriber(store as never, () => T1, undefined, assignmentNotifier(store, log, () => T1, access, { preferences: async () => prefs, emailEnabled: false }));

    it("records one notification for the assignee however often the event comes, and still plans the reminders", async () => {
      const store = stores();
      const sub = subscriber(store);
      const event = received(made("ada", "bob", { dueAt: "2026-12-07T09:00:00Z", reminders: [{ before: "PT1H" }] }).events[0]!);
      expect(await sub.handle(event, {} as never)).to.equal("applied");
      expect(await sub.handle(event, {} as never), "the redelivery").to.equal("duplicate");
      expect([...store.docs.keys()]).to.deep.equal(["assigned:t1:v1"]);
      const doc = store.docs.get("assigned:t1:v1")!;
      expect(doc).to.include({ ownerId: "bob", kind: "assignment", taskId: "t1", title: "Mow", state: "fired", heldUntil: null });
      expect(doc.payload).to.include({ type: "task.assigned", assignedBy: "ada", taskId: "t1", listId: LIST });
      expect(doc.deliveries).to.have.length(1);
      expect(store.plans.get("t1")).to.include({ ownerId: "bob", version: 1 });
    });

    it("tells nobody the list does not have, and nobody who assigned themselves", async () => {
      const store = stores();
      const sub = subscriber(store);
      const toStranger = patched(made("ada", null).record, "ada", { assigneeId: "eve" });
      await sub.handle(received(toStranger.events[0]!), {} as never);
      await sub.handle(received(made("cyd", "cyd").events[0]!), {} as never);
      expect(store.docs.size).to.equal(0);
    });

    it("holds the webhook delivery in the assignee's quiet hours, and records inbox-only when that is all they want", async () => {
      const quiet = stores();
      await subscriber(quiet, { ...DEFAULT_PREFERENCES, quietHours: { start: "08:00", end: "12:00" } }).handle(received(made("ada", "bob").events[0]!), {} as never);
      const held = quiet.docs.get("assigned:t1:v1")!;
      expect(held.heldUntil).to.equal("2026-12-06T12:00:00.000Z");
      expect(held.deliveries[0]!.nextAttemptAt).to.equal("2026-12-06T12:00:00.000Z");
      const inboxOnly = stores();
      await subscriber(inboxOnly, { ...DEFAULT_PREFERENCES, channels: { reminders: ["webhook", "inbox"], digest: ["inbox"], assignments: ["inbox"] } }).handle(received(made("ada", "bob").events[0]!), {} as never);
      expect(inboxOnly.docs.get("assigned:t1:v1")).to.include({ state: "delivered" });
      expect(inboxOnly.docs.get("assigned:t1:v1")!.deliveries).to.deep.equal([]);
    });

    it("records nothing for an assignee who turned assignment notices off, whatever their reminders' channels", async () => {
      const off = stores();
      const outcome = await subscriber(off, { ...DEFAULT_PREFERENCES, channels: { reminders: ["webhook", "inbox"], digest: ["inbox"], assignments: [] } }).handle(received(made("ada", "bob").events[0]!), {} as never);
      expect(outcome).to.equal("applied");
      expect(off.docs.has("assigned:t1:v1")).to.equal(false);
    });
  });

  it("emails an assignment in plain text, escaped in its HTML part, with a one-line subject", () => {
    const mail = assignmentEmail({ taskTitle: "Fix <b>it</b>\nnow", assignedBy: "ada", dueAt: "2026-12-07T09:00:00Z", timeZone: "Europe/Paris" });
    expect(mail.subject).to.equal("ada assigned you: Fix <b>it</b> now");
    expect(mail.text).to.include('ada assigned "Fix <b>it</b>\nnow" to you.').and.include("Due ");
    expect(mail.html).to.include("Fix &lt;b&gt;it&lt;/b&gt;").and.not.include("<b>it</b>");
  });
});
