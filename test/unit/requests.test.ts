/** Request validation, idempotency keys and the rate limiter: pure pieces of the API layer. */
import { expect } from "chai";
import { parseIdempotencyKey, requestHash, taskIdForKey } from "../../src/api/tasks/idempotency.js";
import { createTaskSchema, listQuerySchema, patchTaskSchema } from "../../src/api/tasks/schema.js";
import { RateLimiter } from "../../src/api/rateLimit.js";
import { decide, DomainError } from "../../src/domain/index.js";

describe("request validation", () => {
  it("normalizes tags, trims titles and canonicalizes instants and rules", () => {
    const input = createTaskSchema.parse({
      title: "  Water plants ",
      tags: ["Home", "home", " Garden "],
      dueAt: "2026-03-29T09:00:00+02:00",
      timeZone: "Europe/Berlin",
      recurrence: { rule: "every week on monday" },
      reminders: [{ before: "PT15M" }, { at: "2026-03-29T06:00:00Z" }, { before: "P1DT2H" }],
    });
    expect(input).to.deep.include({ title: "Water plants", tags: ["home", "garden"], dueAt: "2026-03-29T07:00:00.000Z" });
    expect(input.recurrence).to.deep.equal({ rule: "FREQ=WEEKLY;BYDAY=MO", mode: "schedule" });
    expect(input.reminders).to.deep.equal([{ before: "PT15M" }, { at: "2026-03-29T06:00:00.000Z" }, { before: "P1DT2H" }]);
  });

  it("rejects bad durations, rules, zones and extra keys", () => {
    const bad = [
      { title: "x", reminders: [{ before: "P" }] },
      { title: "x", reminders: [{ before: "PT" }] },
      { title: "x", reminders: [{ before: "-PT5M" }] },
      { title: "x", reminders: [{ before: "PT5M", at: "2026-01-01T00:00:00Z" }] },
      { title: "x", recurrence: { rule: "FREQ=DAILY;DTSTART=20260101T000000Z" } },
      { title: "x", recurrence: { rule: "FREQ=DAILY", text: "daily" } },
      { title: "x", recurrence: { rule: "FREQ=DAILY", mode: "sometimes" } },
      { title: "x", timeZone: "Europe/Atlantis" },
      { title: "x", dueAt: "2026-02-30T00:00:00Z" },
    ];
    for (const body of bad) expect(createTaskSchema.safeParse(body).success, JSON.stringify(body)).to.equal(false);
    expect(patchTaskSchema.safeParse({}).success).to.equal(false);
  });

  it("parses list parameters: priority lists, repeated tags, booleans, sort", () => {
    const q = listQuerySchema.parse({ priority: "high, low", tag: ["Work", "work", "home"], overdue: "true", sort: "-dueAt", limit: "20" });
    expect(q).to.deep.include({ priority: ["high", "low"], tag: ["work", "home"], overdue: true, sort: "-dueAt", limit: 20, status: "open" });
    expect(listQuerySchema.parse({}).sort).to.equal("-createdAt");
    for (const bad of [{ priority: "high,urgent" }, { overdue: "yes" }, { sort: "random" }, { limit: "101" }, { dueBefore: "tomorrow" }, { "status[$ne]": "x" }]) {
      expect(listQuerySchema.safeParse(bad).success, JSON.stringify(bad)).to.equal(false);
    }
  });
});

describe("idempotency keys", () => {
  it("derives one stable task id per user and key", () => {
    const a = taskIdForKey("alice", "k1");
    expect(a).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(taskIdForKey("alice", "k1")).to.equal(a);
    expect(taskIdForKey("bob", "k1")).not.to.equal(a);
    expect(taskIdForKey("alice", "k2")).not.to.equal(a);
  });

  it("hashes requests independently of key order", () => {
    expect(requestHash({ title: "x", tags: ["a"], priority: "low" })).to.equal(requestHash({ priority: "low", tags: ["a"], title: "x" }));
    expect(requestHash({ title: "x" })).not.to.equal(requestHash({ title: "y" }));
    expect(requestHash({ title: "x", description: undefined })).to.equal(requestHash({ title: "x" }));
  });

  it("accepts visible ASCII keys only", () => {
    expect(parseIdempotencyKey("")).to.equal(undefined);
    expect(parseIdempotencyKey("abc-123_XYZ")).to.equal("abc-123_XYZ");
    for (const bad of ["with space", "x".repeat(201), "ünicode"]) expect(() => parseIdempotencyKey(bad)).to.throw();
  });

  it("replays a keyed create within 24 h and refuses reuse, deletion and expiry", () => {
    const t0 = new Date("2026-01-01T00:00:00Z");
    const create = { kind: "create" as const, ownerId: "alice", taskId: "t", input: { listId: "list-1", title: "x" }, requestHash: "h1" };
    const first = decide(null, create, t0);
    const replay = decide(first.record, create, new Date(t0.getTime() + 3_600_000));
    expect(replay.events).to.deep.equal([]);
    expect(replay.record).to.deep.equal(first.record);
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return (err as DomainError).code;
      }
      return "none";
    };
    expect(code(() => decide(first.record, { ...create, requestHash: "h2" }, t0))).to.equal("idempotency_conflict");
    expect(code(() => decide(first.record, create, new Date(t0.getTime() + 25 * 3_600_000)))).to.equal("idempotency_conflict");
    const deleted = decide(first.record, { kind: "delete", ownerId: "alice" }, t0).record;
    expect(code(() => decide(deleted, create, t0))).to.equal("idempotency_conflict");
  });

  it("requires dueAt for recurrence and relative reminders", () => {
    const base = { kind: "create" as const, ownerId: "a", taskId: "t" };
    expect(() => decide(null, { ...base, input: { listId: "list-1", title: "x", recurrence: { rule: "FREQ=DAILY", mode: "schedule" } } }, new Date())).to.throw(DomainError);
    expect(() => decide(null, { ...base, input: { listId: "list-1", title: "x", reminders: [{ before: "PT5M" }] } }, new Date())).to.throw(DomainError);
    const ok = decide(null, { ...base, input: { listId: "list-1", title: "x", reminders: [{ at: "2026-01-01T00:00:00.000Z" }] } }, new Date());
    expect(ok.record.task.reminders).to.have.length(1);
    const due = decide(null, { ...base, input: { listId: "list-1", title: "x", dueAt: "2026-01-01T00:00:00.000Z", recurrence: { rule: "FREQ=DAILY", mode: "schedule" } } }, new Date()).record;
    expect(() => decide(due, { kind: "update", ownerId: "a", patch: { dueAt: null } }, new Date())).to.throw(DomainError);
  });
});

describe("rate limiter", () => {
  it("allows a burst, then refills at the configured rate", () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 60, burst: 3, now: () => now });
    expect([limiter.take("u"), limiter.take("u"), limiter.take("u")]).to.deep.equal([0, 0, 0]);
    expect(limiter.take("u")).to.equal(1000);
    expect(limiter.take("v")).to.equal(0);
    now = 500;
    expect(limiter.take("u")).to.equal(500);
    now = 1000;
    expect(limiter.take("u")).to.equal(0);
    now = 60_000;
    expect([limiter.take("u"), limiter.take("u"), limiter.take("u"), limiter.take("u")].map((w) => w > 0)).to.deep.equal([false, false, false, true]);
  });
});
