/**
 * Comment events (ADR 0015): the producer's schema check, the comments'
 * outbox (published after the change, swept when left, cleared only up to
 * what was published) and the mention notifier (members who may read the
 * task, not the author, once per comment and user, held by quiet hours).
 */
import { expect } from "chai";
import { pino } from "pino";
import { commentEventId, DEFAULT_PREFERENCES, mentionEmail, type CommentEvent } from "../../src/domain/index.js";
import { checkCommentPublishable, commentEventDataSchema, commentEventEnvelope } from "../../src/events/commentEnvelope.js";
import { UnpublishableEventError } from "../../src/events/envelope.js";
import { CommentOutbox } from "../../src/api/comments/outbox.js";
import { mentionNotifier } from "../../src/notifications/mentions.js";
import type { NotificationDoc } from "../../src/notifications/store.js";

const log = pino({ level: "silent" });
const T0 = "2026-12-06T10:00:00.000Z";

function event(over: Partial<CommentEvent> = {}): CommentEvent {
  const version = over.version ?? 1;
  return {
    eventId: commentEventId("c1", version),
    kind: "added",
    commentId: "c1",
    taskId: "t1",
    ownerId: "ada",
    listId: "l1",
    taskTitle: "plan",
    actorId: "ada",
    version,
    occurredAt: T0,
    comment: { id: "c1", taskId: "t1", authorId: "ada", text: "hi @cem", createdAt: T0, editedAt: null },
    mentioned: ["cem"],
    ...over,
  };
}

describe("comment events", () => {
  it("publishes only what its consumers accept: the producer refuses a malformed event before it is committed", () => {
    checkCommentPublishable(event());
    expect(commentEventDataSchema.parse(commentEventEnvelope(event(), "test").data).kind).to.equal("added");
    expect(() => checkCommentPublishable(event({ occurredAt: "yesterday" }))).to.throw(UnpublishableEventError, /occurredAt/);
  });

  describe("the comments' outbox (src/api/comments/outbox.ts)", () => {
    /** One comment's document as the read store keeps it: version, outbox, and when the outbox was written. */
    function store() {
      const doc = { version: 1, outbox: [event()], outboxAt: new Date(T0) as Date | null };
      return {
        doc,
        async pending() {
          return doc.outbox.length ? { events: [...doc.outbox], version: doc.version } : null;
        },
        async drained(_id: string, version: number) {
          if (doc.version !== version) return;
          doc.outbox = [];
          doc.outboxAt = null;
        },
        async pendingSince(before: Date) {
          return doc.outboxAt && doc.outboxAt <= before ? ["c1"] : [];
        },
      };
    }
    const opts = { afterMs: 20_000, intervalMs: 10_000, batch: 10 };

    it("publishes a change's events and clears them; a failed publish keeps them for the sweep, which publishes them later", async () => {
      const s = store();
      const published: string[] = [];
      let up = false;
      const outbox = new CommentOutbox(s, async (events) => {
        if (!up) throw new Error("broker down");
        published.push(...events.map((e) => e.eventId));
      }, opts, log);
      expect(await outbox.flush("c1")).to.equal(false);
      expect(s.doc.outbox).to.have.length(1);
      // Not yet a leftover: the sweep leaves it to the request that wrote it.
      expect(await outbox.sweepOnce(new Date(Date.parse(T0) + 5_000))).to.equal(0);
      up = true;
      expect(await outbox.sweepOnce(new Date(Date.parse(T0) + 25_000))).to.equal(1);
      expect(published).to.deep.equal(["c1:c1"]);
      expect(s.doc.outbox).to.deep.equal([]);
    });

    it("does not clear an event committed while an earlier one was being published: the next publish takes both", async () => {
      const s = store();
      const published: string[][] = [];
      const outbox = new CommentOutbox(s, async (events) => {
        published.push(events.map((e) => e.eventId));
        if (published.length === 1) {
          s.doc.version = 2;
          s.doc.outbox.push(event({ version: 2, kind: "edited", eventId: commentEventId("c1", 2) }));
        }
      }, opts, log);
      await outbox.flush("c1");
      expect(s.doc.outbox.map((e) => e.version)).to.deep.equal([1, 2]);
      await outbox.flush("c1");
      expect(published).to.deep.equal([["c1:c1"], ["c1:c1", "c1:c2"]]);
      expect(s.doc.outbox).to.deep.equal([]);
    });
  });

  describe("mentions → notifications (src/notifications/mentions.ts)", () => {
    function inbox() {
      const docs = new Map<string, Omit<NotificationDoc, "dueAt" | "leaseOwner" | "leaseUntil">>();
      return {
        docs,
        async record(doc: Omit<NotificationDoc, "dueAt" | "leaseOwner" | "leaseUntil">) {
          if (docs.has(doc._id)) return false;
          docs.set(doc._id, doc);
          return true;
        },
        async webhooksOf(ownerId: string) {
          return ownerId === "cem" ? [{ _id: "w1", ownerId, url: "https://example.test/hook", secret: "s".repeat(16), createdAt: T0 }] : [];
        },
      };
    }
    const members = new Set(["ada", "cem", "dan"]);
    /** As the notifications app receives it: the envelope's data. */
    const delivered = (over: Partial<CommentEvent> = {}) => commentEventDataSchema.parse(commentEventEnvelope(event(over), "test").data);
    const access = { may: async (userId: string) => members.has(userId) };

    it("notifies each mentioned member who may read the task, not the author or a non-member, once however often the event comes", async () => {
      const store = inbox();
      const notify = mentionNotifier(store, log, () => new Date(T0), access);
      const e = delivered({ mentioned: ["cem", "ada", "eve", "dan"] });
      expect(await notify(e)).to.equal("applied");
      expect(await notify(e), "the redelivery").to.equal("duplicate");
      expect([...store.docs.keys()].sort()).to.deep.equal(["mention:c1:cem", "mention:c1:dan"]);
      const cem = store.docs.get("mention:c1:cem")!;
      expect(cem).to.include({ ownerId: "cem", kind: "mention", taskId: "t1", title: "plan", state: "fired" });
      expect(cem.deliveries).to.have.length(1);
      expect(store.docs.get("mention:c1:dan")!.state).to.equal("delivered");
      // An edit naming cem again notifies nobody twice; a deletion nobody at all.
      await notify(delivered({ version: 2, kind: "edited", eventId: "c1:c2", mentioned: ["cem"] }));
      await notify(delivered({ version: 3, kind: "deleted", eventId: "c1:c3", mentioned: ["ada", "fay"] }));
      expect(store.docs.size).to.equal(2);
    });

    it("holds the webhook and email deliveries in the mentioned user's quiet hours, on the channels of their reminders", async () => {
      const store = inbox();
      const prefs = { ...DEFAULT_PREFERENCES, quietHours: { start: "08:00", end: "12:00" }, channels: { reminders: ["webhook" as const, "inbox" as const], digest: ["inbox" as const], assignments: [] } };
      const notify = mentionNotifier(store, log, () => new Date(T0), access, { preferences: async () => prefs, emailEnabled: false });
      await notify(delivered());
      const cem = store.docs.get("mention:c1:cem")!;
      expect(cem.heldUntil).to.equal("2026-12-06T12:00:00.000Z");
      expect(cem.deliveries[0]!.nextAttemptAt).to.equal("2026-12-06T12:00:00.000Z");
      const inboxOnly = inbox();
      await mentionNotifier(inboxOnly, log, () => new Date(T0), access, { preferences: async () => ({ ...DEFAULT_PREFERENCES, channels: { reminders: ["inbox"], digest: ["inbox"], assignments: ["webhook", "inbox"] } }), emailEnabled: false })(delivered());
      expect(inboxOnly.docs.get("mention:c1:cem")!.deliveries).to.deep.equal([]);
    });
  });

  it("emails a mention as plain text, escaped in its HTML part, with a one-line subject", () => {
    const mail = mentionEmail({ taskTitle: "Fix <b>it</b>\nnow", authorId: "ada", text: "@cem see <script>x</script>\nthanks" });
    expect(mail.subject).to.equal("ada mentioned you: Fix <b>it</b> now");
    expect(mail.text).to.include("@cem see <script>x</script>\nthanks");
    expect(mail.html).to.include("&lt;script&gt;x&lt;/script&gt;").and.not.include("<script>");
  });
});
