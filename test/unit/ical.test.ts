/** The calendar feed's RFC 5545 writer: escaping, folding, durations, VTIMEZONE, and which tasks become which events. */
import { expect } from "chai";
import { contentLines, escapeText, foldLine, icalDuration, localDateTime, utcDateTime } from "../../src/domain/ical.js";
import { transitions, utcOffset, vtimezone } from "../../src/domain/icalTimezone.js";
import { calendarFeed, feedEntries, ruleFrom } from "../../src/domain/icalFeed.js";
import type { Task } from "../../src/domain/index.js";
import { loggablePath } from "../../src/http/secretPaths.js";

const octets = (s: string) => new TextEncoder().encode(s).length;

function task(over: Partial<Task>): Task {
  return {
    id: "00000000-0000-4000-8000-000000000001", ownerId: "ada", listId: "00000000-0000-4000-8000-0000000000aa", position: "i", parentId: null, assigneeId: null, title: "t", description: "", status: "open", priority: "none", tags: [],
    dueAt: "2026-10-20T07:00:00.000Z", timeZone: "Europe/Berlin", reminders: [], recurrence: null, seriesId: null, snoozedUntil: null,
    completedAt: null, createdAt: "2026-10-01T00:00:00.000Z", updatedAt: "2026-10-01T00:00:00.000Z", version: 1, ...over,
  };
}

describe("iCalendar writer", () => {
  it("escapes TEXT", () => {
    expect(escapeText("a,b;c\\d\ne\r\nf")).to.equal("a\\,b\\;c\\\\d\\ne\\nf");
  });

  it("folds at 75 octets without splitting a character, and leaves short lines alone", () => {
    expect(foldLine("SUMMARY:short")).to.equal("SUMMARY:short");
    const long = `SUMMARY:${"ä€😀x".repeat(40)}`;
    const folded = foldLine(long);
    const parts = folded.split("\r\n");
    expect(parts.length).to.be.greaterThan(1);
    for (const [i, part] of parts.entries()) {
      expect(octets(part)).to.be.at.most(75);
      if (i > 0) expect(part.startsWith(" ")).to.equal(true);
      expect(part).not.to.include("\uFFFD");
    }
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join("")).to.equal(long);
    expect(contentLines(["A", "B"])).to.equal("A\r\nB\r\n");
  });

  it("writes instants, wall-clock times and durations", () => {
    expect(utcDateTime("2026-12-01T08:00:00.000Z")).to.equal("20261201T080000Z");
    expect(localDateTime("2026-10-20T07:00:00.000Z", "Europe/Berlin")).to.equal("20261020T090000");
    expect(localDateTime("2026-10-27T08:00:00.000Z", "Europe/Berlin")).to.equal("20261027T090000");
    expect(icalDuration("PT15M")).to.equal("PT15M");
    expect(icalDuration("P2W")).to.equal("P2W");
    expect(icalDuration("P1W2D")).to.equal("P9D");
    expect(icalDuration("P1DT90M")).to.equal("P1DT1H30M");
    expect(icalDuration("PT0S")).to.equal("PT0S");
  });

  it("lists a zone's real transitions to the minute (Berlin 2026: 01:00 UTC on 29 March and 25 October)", () => {
    const found = transitions("Europe/Berlin", Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1));
    expect(found.map((t) => [new Date(t.at).toISOString(), t.fromMinutes, t.toMinutes, t.dst])).to.deep.equal([
      ["2026-03-29T01:00:00.000Z", 60, 120, true],
      ["2026-10-25T01:00:00.000Z", 120, 60, false],
    ]);
    expect(utcOffset(-210)).to.equal("-0330");
    const berlin = vtimezone("Europe/Berlin", 2026, 2026).join("\n");
    expect(berlin).to.include("BEGIN:DAYLIGHT\nDTSTART:20260329T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200");
    expect(berlin).to.include("BEGIN:STANDARD\nDTSTART:20261025T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100");
    // A zone without changes still gets the offset in force.
    expect(vtimezone("Asia/Tokyo", 2026, 2027).filter((l) => l.startsWith("TZOFFSETTO"))).to.deep.equal(["TZOFFSETTO:+0900"]);
  });
});

describe("calendar feed", () => {
  it("lists open tasks with a due date; a schedule series once, on its earliest open occurrence", () => {
    const weekly = { rule: "FREQ=WEEKLY", mode: "schedule" as const };
    const tasks = [
      task({ id: "a", title: "no date", dueAt: null }),
      task({ id: "b", title: "done", status: "completed" }),
      task({ id: "c", title: "occurrence 2", recurrence: weekly, seriesId: "s", dueAt: "2026-10-27T08:00:00.000Z" }),
      task({ id: "d", title: "occurrence 1", recurrence: weekly, seriesId: "s" }),
      task({ id: "e", title: "after completion", recurrence: { rule: "FREQ=DAILY", mode: "completion" }, seriesId: "e" }),
      task({ id: "f", title: "plain", timeZone: "UTC" }),
    ];
    expect(feedEntries(tasks).map((e) => [e.task.id, e.rrule])).to.deep.equal([["d", "FREQ=WEEKLY"], ["e", null], ["f", null]]);
  });

  it("turns COUNT into the UNTIL it amounts to from the series start, or drops the rule when the start is unknown", () => {
    const t = task({ dueAt: "2026-10-27T08:00:00.000Z" }) as Task & { dueAt: string };
    expect(ruleFrom("FREQ=WEEKLY;COUNT=3", t, "2026-10-20T07:00:00.000Z")).to.equal("FREQ=WEEKLY;UNTIL=20261103T080000Z");
    expect(ruleFrom("FREQ=WEEKLY;COUNT=3", t, undefined)).to.equal(null);
    expect(ruleFrom("FREQ=WEEKLY;COUNT=1", t, "2026-10-20T07:00:00.000Z"), "series already over").to.equal(null);
  });

  it("writes a VEVENT per entry with TZID, RRULE, alarms, escaped text and CRLF line ends", () => {
    const ics = calendarFeed([
      task({
        title: "Standup, daily; with \\ team", description: "line 1\nline 2", tags: ["work", "a,b"], priority: "high",
        recurrence: { rule: "FREQ=WEEKLY;BYDAY=TU", mode: "schedule" }, seriesId: "00000000-0000-4000-8000-000000000001",
        reminders: [{ before: "PT15M" }, { at: "2026-10-20T06:00:00.000Z" }],
      }),
      task({ id: "00000000-0000-4000-8000-000000000002", timeZone: "UTC", dueAt: "2026-11-01T12:00:00.000Z" }),
    ], { now: new Date("2026-10-01T00:00:00Z"), name: "Tickler" });
    expect(ics.endsWith("END:VCALENDAR\r\n")).to.equal(true);
    expect(ics.replace(/\r\n/g, "")).not.to.match(/\n/);
    const unfolded = ics.replace(/\r\n /g, "");
    expect(unfolded).to.include("DTSTART;TZID=Europe/Berlin:20261020T090000\r\n");
    expect(unfolded).to.include("DTSTART:20261101T120000Z\r\n");
    expect(unfolded).to.include("UID:00000000-0000-4000-8000-000000000001\r\n");
    expect(unfolded).to.include("RRULE:FREQ=WEEKLY;BYDAY=TU\r\n");
    expect(unfolded).to.include("SUMMARY:Standup\\, daily\\; with \\\\ team\r\n");
    expect(unfolded).to.include("DESCRIPTION:line 1\\nline 2\r\n");
    expect(unfolded).to.include("CATEGORIES:work,a\\,b\r\n");
    expect(unfolded).to.include("PRIORITY:1\r\n");
    expect(unfolded).to.include("TRIGGER:-PT15M\r\n");
    expect(unfolded).to.include("TRIGGER;VALUE=DATE-TIME:20261020T060000Z\r\n");
    expect(unfolded.match(/BEGIN:VTIMEZONE/g)).to.have.length(1);
  });

  it("keeps the feed's secret out of spans and logs", () => {
    expect(loggablePath("/api/v1/calendar/eVFkfQY0L8jR8vO_DbCk-8G_DQOV9Cr_Iw58sgLuwVA.ics")).to.equal("/api/v1/calendar/{feed}");
    expect(loggablePath("/api/v1/tasks/abc")).to.equal("/api/v1/tasks/abc");
  });
});
