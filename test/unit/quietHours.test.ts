/** Quiet hours: the pure rule, read in the user's zone (including the nights the clocks move). */
import { expect } from "chai";
import { isExplicitReminder, quietHoursEnd, reminderNameOf } from "../../src/domain/index.js";

const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("quiet hours", () => {
  const night = { start: "22:00", end: "07:00" };

  it("outside the window: deliver now", () => {
    expect(quietHoursEnd(at("2026-06-10T12:00:00Z"), night, "UTC")).to.equal(null);
    expect(quietHoursEnd(at("2026-06-10T07:00:00Z"), night, "UTC")).to.equal(null, "the end itself is outside");
    expect(quietHoursEnd(at("2026-06-10T12:00:00Z"), null, "UTC")).to.equal(null);
  });

  it("a window crossing midnight: before midnight waits for the next morning, after midnight for this morning", () => {
    expect(iso(quietHoursEnd(at("2026-06-10T22:00:00Z"), night, "UTC"))).to.equal("2026-06-11T07:00:00.000Z");
    expect(iso(quietHoursEnd(at("2026-06-10T23:59:59Z"), night, "UTC"))).to.equal("2026-06-11T07:00:00.000Z");
    expect(iso(quietHoursEnd(at("2026-06-11T03:00:00Z"), night, "UTC"))).to.equal("2026-06-11T07:00:00.000Z");
  });

  it("a window within one day", () => {
    const lunch = { start: "12:00", end: "13:30" };
    expect(iso(quietHoursEnd(at("2026-06-10T12:15:00Z"), lunch, "UTC"))).to.equal("2026-06-10T13:30:00.000Z");
    expect(quietHoursEnd(at("2026-06-10T11:59:00Z"), lunch, "UTC")).to.equal(null);
  });

  it("reads the window in the user's zone", () => {
    // 21:30 UTC is 23:30 in Berlin (summer, UTC+2): quiet until 07:00 Berlin = 05:00 UTC.
    expect(iso(quietHoursEnd(at("2026-06-10T21:30:00Z"), night, "Europe/Berlin"))).to.equal("2026-06-11T05:00:00.000Z");
    // 21:30 UTC is 17:30 in New York: not quiet.
    expect(quietHoursEnd(at("2026-06-10T21:30:00Z"), night, "America/New_York")).to.equal(null);
  });

  it("across the spring DST change the end stays 07:00 local (the night is an hour shorter)", () => {
    // Europe/Berlin moves from UTC+1 to UTC+2 at 02:00 local on 2026-03-29.
    // 23:00 local on the 28th = 22:00 UTC; 07:00 local on the 29th = 05:00 UTC.
    expect(iso(quietHoursEnd(at("2026-03-28T22:00:00Z"), night, "Europe/Berlin"))).to.equal("2026-03-29T05:00:00.000Z");
  });

  it("across the autumn DST change the end stays 07:00 local (the night is an hour longer)", () => {
    // Back from UTC+2 to UTC+1 at 03:00 local on 2026-10-25. 23:00 local on the 24th = 21:00 UTC; 07:00 on the 25th = 06:00 UTC.
    expect(iso(quietHoursEnd(at("2026-10-24T21:00:00Z"), night, "Europe/Berlin"))).to.equal("2026-10-25T06:00:00.000Z");
  });

  it("an end in the hour the clocks skip moves forward by the gap", () => {
    // 02:30 does not exist in Berlin on 2026-03-29: 03:30 CEST = 01:30 UTC.
    const w = { start: "01:00", end: "02:30" };
    expect(iso(quietHoursEnd(at("2026-03-29T00:15:00Z"), w, "Europe/Berlin"))).to.equal("2026-03-29T01:30:00.000Z");
  });

  it("explicit reminders (an `at` at that instant, a snooze) are not held; `before` offsets are", () => {
    const task = { reminders: [{ at: "2026-06-10T23:00:00+00:00" }, { before: "PT15M" }] };
    expect(isExplicitReminder(task, "r-1781132400000", "2026-06-10T23:00:00.000Z")).to.equal(true);
    expect(isExplicitReminder(task, "r-1781131500000", "2026-06-10T22:45:00.000Z")).to.equal(false);
    expect(isExplicitReminder({ reminders: [] }, "snooze-1781131500000", "2026-06-10T22:45:00.000Z")).to.equal(true);
    expect(reminderNameOf("task-1:r-123")).to.equal("r-123");
  });
});
