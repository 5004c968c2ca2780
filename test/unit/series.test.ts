import { expect } from "chai";
import { decide, spawnOnSchedule, type TaskRecord } from "../../src/domain/index.js";

const T0 = new Date("2026-03-02T08:00:00Z");

function recurring(rule: string, mode: "schedule" | "completion", dueAt: string, timeZone = "UTC"): TaskRecord {
  return decide(null, { kind: "create", ownerId: "u", taskId: "s1", input: { listId: "list-1", title: "water plants", dueAt, timeZone, recurrence: { rule, mode }, tags: ["home"] } }, T0).record;
}

describe("series of recurring tasks", () => {
  it("starts a series on the first task", () => {
    const first = recurring("FREQ=DAILY", "schedule", "2026-03-02T09:00:00.000Z");
    expect(first.task.seriesId).to.equal("s1");
    expect(first.series).to.deep.equal({ seriesId: "s1", start: "2026-03-02T09:00:00.000Z", index: 1 });
  });

  it("completion mode: completing spawns the next occurrence counted from the completion time", () => {
    const first = recurring("FREQ=DAILY;INTERVAL=3", "completion", "2026-03-02T09:00:00.000Z", "Europe/Berlin");
    // Completed late, on 5 March: next is 3 days after that day, at the series' local time.
    const done = decide(first, { kind: "complete", ownerId: "u" }, new Date("2026-03-05T15:00:00Z"));
    expect(done.spawn?.series).to.deep.equal({ seriesId: "s1", start: "2026-03-02T09:00:00.000Z", index: 2 });
    expect(done.spawn?.input).to.deep.include({ title: "water plants", dueAt: "2026-03-08T09:00:00.000Z", timeZone: "Europe/Berlin", tags: ["home"] });
  });

  it("completion mode: no spawn once the next occurrence exists, or past COUNT", () => {
    const first = recurring("FREQ=DAILY", "completion", "2026-03-02T09:00:00.000Z");
    expect(decide({ ...first, nextOccurrenceId: "n" }, { kind: "complete", ownerId: "u" }, T0).spawn).to.equal(null);
    const last = { ...recurring("FREQ=DAILY;COUNT=2", "completion", "2026-03-02T09:00:00.000Z"), series: { seriesId: "s1", start: "2026-03-02T09:00:00.000Z", index: 2 } };
    expect(decide(last, { kind: "complete", ownerId: "u" }, T0).spawn).to.equal(null);
  });

  it("schedule mode: the next date of the calendar, done or not", () => {
    const first = recurring("FREQ=WEEKLY;BYDAY=MO,WE", "schedule", "2026-03-02T09:00:00.000Z");
    expect(spawnOnSchedule(first, new Date("2026-03-02T09:00:01Z"))?.input.dueAt).to.equal("2026-03-04T09:00:00.000Z");
    expect(decide(first, { kind: "complete", ownerId: "u" }, T0).spawn).to.equal(null);
  });

  it("schedule mode: after downtime, one catch-up (the latest missed date), not a flood", () => {
    const first = recurring("FREQ=DAILY", "schedule", "2026-03-02T09:00:00.000Z");
    const spawn = spawnOnSchedule(first, new Date("2026-03-10T12:00:00Z"));
    expect(spawn?.input.dueAt).to.equal("2026-03-10T09:00:00.000Z");
    expect(spawn?.series.index).to.equal(2);
  });

  it("schedule mode: ends with the series (UNTIL)", () => {
    const first = recurring("FREQ=DAILY;UNTIL=20260302T120000Z", "schedule", "2026-03-02T09:00:00.000Z");
    expect(spawnOnSchedule(first, new Date("2026-03-02T09:00:01Z"))).to.equal(null);
  });

  it("restarts the series from an occurrence whose due date is edited", () => {
    const first = recurring("FREQ=DAILY", "schedule", "2026-03-02T09:00:00.000Z");
    const moved = decide(first, { kind: "update", ownerId: "u", patch: { dueAt: "2026-03-03T07:30:00.000Z" } }, T0).record;
    expect(moved.series).to.deep.equal({ seriesId: "s1", start: "2026-03-03T07:30:00.000Z", index: 1 });
    const ended = decide(first, { kind: "update", ownerId: "u", patch: { recurrence: null } }, T0).record;
    expect(ended.series).to.equal(null);
  });
});
