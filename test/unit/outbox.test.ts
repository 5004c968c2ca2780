import { expect } from "chai";
import fc from "fast-check";
import { afterDrain, EMPTY_OUTBOX, isDrained, reminderChanges, replanNeeded, wantedReminders, withWork, type TaskEvent, type TaskRecord } from "../../src/domain/index.js";

const event = (v: number) => ({ eventId: `t:v${v}`, kind: "updated", taskId: "t", version: v }) as unknown as TaskEvent;

describe("outbox (pure)", () => {
  it("adds work with the trace of the request that caused it, and keeps earlier traces", () => {
    const one = withWork(EMPTY_OUTBOX, { events: [event(1)], replan: true }, "tp-1");
    const two = withWork(one, { events: [event(2)], replan: true }, "tp-2");
    expect(two.events.map((e) => e.eventId)).to.deep.equal(["t:v1", "t:v2"]);
    expect(two.traces).to.deep.equal({ "t:v1": "tp-1", replan: "tp-1", "t:v2": "tp-2" });
    expect(isDrained(two)).to.equal(false);
  });

  it("drops what a drain finished, in order, and the traces that went with it", () => {
    const box = withWork(EMPTY_OUTBOX, { events: [event(1), event(2)], replan: true }, "tp");
    const left = afterDrain(box, { replanned: true, events: 1, due: 0, spawned: 0 });
    expect(left.events.map((e) => e.eventId)).to.deep.equal(["t:v2"]);
    expect(left.replan).to.equal(false);
    expect(left.traces).to.deep.equal({ "t:v2": "tp" });
    expect(isDrained(afterDrain(left, { replanned: false, events: 1, due: 0, spawned: 0 }))).to.equal(true);
  });
});

describe("outbox re-plan time (pure)", () => {
  it("keeps the time of the earliest pending re-plan until a drain finishes it", () => {
    const first = withWork(EMPTY_OUTBOX, { replan: true }, undefined, new Date("2026-06-01T09:00:00Z"));
    expect(first.replanAt).to.equal("2026-06-01T09:00:00.000Z");
    const second = withWork(first, { replan: true }, undefined, new Date("2026-06-01T09:30:00Z"));
    expect(second.replanAt, "the earlier change's plan still owes its reminders").to.equal("2026-06-01T09:00:00.000Z");
    const failed = afterDrain(second, { replanned: false, events: 0, due: 0, spawned: 0 });
    expect(failed.replanAt).to.equal("2026-06-01T09:00:00.000Z");
    const done = afterDrain(second, { replanned: true, events: 0, due: 0, spawned: 0 });
    expect(done.replanAt).to.equal(undefined);
    expect(withWork(EMPTY_OUTBOX, { events: [] }, undefined, new Date()).replanAt, "no re-plan, no time").to.equal(undefined);
  });
});

describe("reminder plan (pure)", () => {
  const record = (reminders: { at: string }[], deletedAt: string | null = null) =>
    ({ task: { id: "t", status: "open", dueAt: null, reminders, snoozedUntil: null, recurrence: null }, deletedAt }) as unknown as TaskRecord;
  const now = new Date("2026-06-01T09:00:00Z");

  it("wants one reminder per future instant, and none for a deleted task", () => {
    const wanted = wantedReminders(record([{ at: "2026-06-01T10:00:00Z" }]), {}, now);
    expect(Object.values(wanted)).to.deep.equal(["2026-06-01T10:00:00.000Z"]);
    expect(wantedReminders(record([{ at: "2026-06-01T10:00:00Z" }], "2026-06-01T09:00:00Z"), wanted, now)).to.deep.equal({});
  });

  it("cancels what is no longer wanted and registers only what is new or moved", () => {
    expect(reminderChanges({ a: "1", b: "2" }, { b: "2", c: "3" })).to.deep.equal({ cancel: ["a"], register: [["c", "3"]] });
    // Moved: registering the same name replaces it, so it is not cancelled first.
    expect(reminderChanges({ a: "1" }, { a: "9" })).to.deep.equal({ cancel: [], register: [["a", "9"]] });
    expect(reminderChanges({ a: "1" }, { a: "1" })).to.deep.equal({ cancel: [], register: [] });
  });

  it("needs a re-plan unless nothing is registered and the task wants no reminder as of the planning instant", () => {
    expect(replanNeeded(record([]), {}, now), "no reminders, none registered").to.equal(false);
    expect(replanNeeded(null, {}, now), "no task").to.equal(false);
    expect(replanNeeded(record([{ at: "2026-06-01T08:00:00Z" }]), {}, now), "only a passed instant").to.equal(false);
    expect(replanNeeded(record([{ at: "2026-06-01T10:00:00Z" }]), {}, now), "a future instant to register").to.equal(true);
    expect(replanNeeded(record([]), { a: "2026-06-01T10:00:00.000Z" }, now), "a registered one to cancel").to.equal(true);
    expect(replanNeeded(record([{ at: "2026-06-01T10:00:00Z" }], "2026-06-01T09:00:00Z"), { a: "2026-06-01T10:00:00.000Z" }, now), "deleted, one to cancel").to.equal(true);
    const series = { ...record([]), series: { seriesId: "s", index: 0 }, task: { ...record([]).task, dueAt: "2026-06-02T09:00:00Z", recurrence: { rule: "FREQ=DAILY", mode: "schedule" } } } as unknown as TaskRecord;
    expect(replanNeeded(series, {}, now), "a schedule-mode series plans its next occurrence").to.equal(true);
  });

  it("a change that needs no re-plan would get none at any later instant either (property)", () => {
    // The deferred re-plan runs later: what it wants as of a later instant is never more than as of the commit's.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -120, max: 120 }), { maxLength: 4 }), fc.integer({ min: 0, max: 240 }), (minutes, laterBy) => {
        const task = record(minutes.map((m) => ({ at: new Date(now.getTime() + m * 60_000).toISOString() })));
        if (replanNeeded(task, {}, now)) return;
        const later = new Date(now.getTime() + laterBy * 60_000);
        expect(reminderChanges({}, wantedReminders(task, {}, later))).to.deep.equal({ cancel: [], register: [] });
      }),
    );
  });
});
