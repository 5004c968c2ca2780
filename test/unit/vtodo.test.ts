/**
 * VTODOs as real clients write them (Apple Reminders, Thunderbird, Tasks.org
 * through DAVx⁵, Evolution; written from their published formats, in
 * test/unit/fixtures/vtodo/): each read into the task it means and served
 * back with the client's own properties intact, and written afresh only where
 * Tickler changed the value. Also: floating times in the user's zone, and
 * what is refused.
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import ICAL from "ical.js";
import { CalendarDataError, echoOf, parseTodo, renderTodo, type ParsedTodo } from "../../src/domain/vtodo.js";
import { createTaskSchema } from "../../src/api/tasks/schema.js";
import type { Task } from "../../src/domain/task.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures", "vtodo");
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");
const SERVER_WRITES = new Set(["dtstamp", "last-modified", "created", "sequence"]);

/** The task Tickler would store for a parsed VTODO (through the REST schema, as the route does). */
function stored(parsed: ParsedTodo): Task {
  const { status, ...input } = parsed.fields;
  const v = createTaskSchema.parse({ ...input, recurrence: input.recurrence ? { rule: input.recurrence.rule } : null });
  return {
    id: "0b0c0d0e-0000-4000-8000-000000000001", ownerId: "ada", listId: "l1", position: "a", parentId: null, assigneeId: null, title: v.title, description: v.description ?? "",
    status, priority: v.priority ?? "none", tags: v.tags ?? [], dueAt: v.dueAt ?? null, timeZone: v.timeZone ?? "Europe/Berlin", reminders: v.reminders ?? [],
    recurrence: v.recurrence ?? null, seriesId: v.recurrence ? "0b0c0d0e-0000-4000-8000-000000000001" : null, snoozedUntil: null,
    completedAt: status === "completed" ? "2027-01-02T00:00:00.000Z" : null, createdAt: "2027-01-01T00:00:00.000Z", updatedAt: "2027-01-01T00:00:00.000Z", version: 1,
  };
}

const vtodoOf = (text: string) => new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vtodo")!;
/** Every property but those the server writes, as jCal, sorted. */
const clientProps = (todo: InstanceType<typeof ICAL.Component>) =>
  todo.getAllProperties().filter((p) => !SERVER_WRITES.has(p.name)).map((p) => JSON.stringify(p.toJSON())).sort();
const alarms = (todo: InstanceType<typeof ICAL.Component>) => todo.getAllSubcomponents("valarm").map((a) => JSON.stringify(a.toJSON()));

function roundTrip(name: string) {
  const text = fixture(name);
  const parsed = parseTodo(text, "Europe/Berlin");
  const task = stored(parsed);
  const echo = echoOf(parsed, { ...task, recurrence: task.recurrence });
  const served = renderTodo(task, { echo, head: true, seriesStart: task.dueAt ?? undefined });
  return { text, parsed, task, echo, served };
}

describe("VTODO interop fixtures", () => {
  for (const name of fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".ics"))) {
    it(`${name}: served back with every property the client wrote, its alarms and its time zone`, () => {
      const { text, served } = roundTrip(name);
      const before = vtodoOf(text);
      const after = vtodoOf(served);
      expect(clientProps(after)).to.deep.equal(clientProps(before));
      expect(alarms(after)).to.deep.equal(alarms(before));
      expect(served.split("\r\n").every((l) => new TextEncoder().encode(l).length <= 75), "folded at 75 octets").to.equal(true);
      // Every TZID used is described by a VTIMEZONE of the object.
      const root = new ICAL.Component(ICAL.parse(served));
      const described = root.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid"));
      for (const p of after.getAllProperties()) {
        const tzid = p.getParameter("tzid");
        if (tzid) expect(described).to.include(tzid);
      }
    });
  }

  it("Apple Reminders: an absolute alarm, priority 1 as high, the zone from TZID", () => {
    const { task } = roundTrip("apple-reminders.ics");
    expect(task).to.deep.include({ title: "Call the dentist", priority: "high", dueAt: "2027-01-15T08:00:00.000Z", timeZone: "Europe/Berlin", status: "open" });
    expect(task.reminders).to.deep.equal([{ at: "2027-01-15T07:30:00.000Z" }]);
  });

  it("Thunderbird: IN-PROCESS is open, an alarm related to the due date, its category lower-cased as a tag", () => {
    const { task } = roundTrip("thunderbird.ics");
    expect(task).to.deep.include({ title: "Review the quarterly report", priority: "medium", status: "open", dueAt: "2027-01-20T16:00:00.000Z", description: "Sections 2 and 3, then the summary." });
    expect(task.tags).to.deep.equal(["business"]);
    expect(task.reminders).to.deep.equal([{ before: "PT15M" }]);
  });

  it("Tasks.org through DAVx⁵: a date without a time, weekly, at the due time, its parent kept as it was", () => {
    const { task, served } = roundTrip("tasks-org-davx5.ics");
    expect(task).to.deep.include({ priority: "low", dueAt: "2027-01-04T23:00:00.000Z", timeZone: "Europe/Berlin" });
    expect(task.recurrence?.rule).to.equal("FREQ=WEEKLY;BYDAY=TU");
    expect(task.reminders).to.deep.equal([{ before: "PT0S" }]);
    expect(served).to.include("DUE;VALUE=DATE:20270105").and.to.include("RELATED-TO;RELTYPE=PARENT:1447219874410211234");
  });

  it("a subtask made in Tickler names its parent (RELATED-TO;RELTYPE=PARENT); a client's own parent link is served instead, never both", () => {
    const { task, echo } = roundTrip("tasks-org-davx5.ics");
    const parents = (text: string) => vtodoOf(text).getAllProperties("related-to").map((p) => [p.getParameter("reltype") ?? null, p.getFirstValue()]);
    const madeHere = renderTodo({ ...task, parentId: "p1" }, { echo: null, head: true, parentUid: "parent-uid@x" });
    expect(parents(madeHere)).to.deep.equal([["PARENT", "parent-uid@x"]]);
    expect(parents(renderTodo(task, { echo: null, head: true }))).to.deep.equal([]);
    const clients = renderTodo({ ...task, parentId: "p1" }, { echo, head: true, parentUid: "parent-uid@x" });
    expect(parents(clients)).to.deep.equal([["PARENT", "1447219874410211234"]]);
    // Read: the parent a client names (RELTYPE absent or PARENT), never a sibling or child link.
    expect(parseTodo(fixture("tasks-org-davx5.ics"), "UTC").parentUid).to.equal("1447219874410211234");
    const withLink = (line: string) => ["BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VTODO", "UID:k", "SUMMARY:k", line, "END:VTODO", "END:VCALENDAR"].join("\r\n");
    expect(parseTodo(withLink("RELATED-TO:p@x"), "UTC").parentUid).to.equal("p@x");
    expect(parseTodo(withLink("RELATED-TO;RELTYPE=SIBLING:p@x"), "UTC").parentUid).to.equal(null);
  });

  it("Evolution: its own TZID spelling is read as the IANA zone and served back as written", () => {
    const { task, served } = roundTrip("evolution.ics");
    expect(task).to.deep.include({ title: "Renew the passport", dueAt: "2027-02-01T09:00:00.000Z", timeZone: "Europe/Berlin" });
    expect(served).to.include("DUE;TZID=/freeassociation.sourceforge.net/Europe/Berlin:20270201T100000");
    expect(served).to.include("TZID:/freeassociation.sourceforge.net/Europe/Berlin");
  });

  it("writes a group afresh once Tickler changed its value, and keeps the rest of the client's text", () => {
    const { task, echo } = roundTrip("thunderbird.ics");
    const changed = renderTodo({ ...task, title: "Renamed in the web app", dueAt: "2027-01-21T16:00:00.000Z", version: 2 }, { echo, head: true });
    const todo = vtodoOf(changed);
    expect(todo.getFirstPropertyValue("summary")).to.equal("Renamed in the web app");
    expect(todo.getFirstProperty("due")?.toICALString()).to.equal("DUE;TZID=Europe/Berlin:20270121T170000");
    // The client's DTSTART went with its DUE; its other properties stay.
    expect(todo.getFirstProperty("dtstart")).to.equal(null);
    expect(todo.getFirstPropertyValue("x-moz-generation")).to.equal("3");
    expect(todo.getFirstPropertyValue("class")).to.equal("PRIVATE");
    expect(todo.getFirstPropertyValue("status")).to.equal("IN-PROCESS");
  });
});

describe("VTODO reading", () => {
  const wrap = (...lines: string[]) => ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN", "BEGIN:VTODO", "UID:u1", "DTSTAMP:20270101T000000Z", ...lines, "END:VTODO", "END:VCALENDAR"].join("\r\n");

  it("reads a floating DUE in the user's zone, and a UTC DUE as that instant", () => {
    expect(parseTodo(wrap("SUMMARY:a", "DUE:20270701T090000"), "America/New_York").fields).to.deep.include({ dueAt: "2027-07-01T13:00:00.000Z", timeZone: "America/New_York" });
    expect(parseTodo(wrap("SUMMARY:a", "DUE:20270701T090000Z"), "Asia/Tokyo").fields).to.deep.include({ dueAt: "2027-07-01T09:00:00.000Z" });
  });

  it("reads COMPLETED as a completed task and a completed RECURRENCE-ID instance as that occurrence done", () => {
    expect(parseTodo(wrap("SUMMARY:a", "STATUS:COMPLETED", "COMPLETED:20270102T000000Z"), "UTC").fields.status).to.equal("completed");
    const text = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN",
      "BEGIN:VTODO", "UID:s1", "DTSTAMP:20270101T000000Z", "SUMMARY:w", "DUE:20270105T090000Z", "DTSTART:20270105T090000Z", "RRULE:FREQ=WEEKLY", "END:VTODO",
      "BEGIN:VTODO", "UID:s1", "DTSTAMP:20270101T000000Z", "RECURRENCE-ID:20270105T090000Z", "SUMMARY:w", "STATUS:COMPLETED", "COMPLETED:20270105T100000Z", "END:VTODO",
      "END:VCALENDAR"].join("\r\n");
    const parsed = parseTodo(text, "UTC");
    expect(parsed.fields.status).to.equal("open");
    expect(parsed.completedInstances).to.deep.equal(["2027-01-05T09:00:00.000Z"]);
  });

  it("refuses, with the precondition each breaks: an unknown TZID, a VEVENT, two masters, too many alarms, no UID, not iCalendar", () => {
    const cases: [string, string][] = [
      [wrap("SUMMARY:a", "DUE;TZID=Mars/Olympus_Mons:20270101T090000"), "valid-calendar-data"],
      [["BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:e", "DTSTART:20270101T000000Z", "END:VEVENT", "END:VCALENDAR"].join("\r\n"), "supported-calendar-component"],
      [wrap("SUMMARY:a", "END:VTODO", "BEGIN:VTODO", "UID:u1"), "valid-calendar-object-resource"],
      [wrap("SUMMARY:a", "DUE:20270101T000000Z", ...Array.from({ length: 11 }, () => ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT5M", "END:VALARM"]).flat()), "valid-calendar-object-resource"],
      [wrap("SUMMARY:a").replace("UID:u1\r\n", ""), "valid-calendar-object-resource"],
      ["hello", "valid-calendar-data"],
    ];
    for (const [text, condition] of cases) {
      try {
        parseTodo(text, "UTC");
        expect.fail(`accepted: ${text.slice(0, 80)}`);
      } catch (err) {
        expect(err).to.be.instanceOf(CalendarDataError);
        expect((err as CalendarDataError).condition).to.include(condition);
      }
    }
  });
});

describe("VTODO reading: EXDATE", () => {
  it("reads EXDATEs as instants in their zone", () => {
    const text = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN", "BEGIN:VTODO", "UID:x1", "DTSTAMP:20270101T000000Z", "SUMMARY:w",
      "DUE;TZID=Europe/Berlin:20270105T090000", "RRULE:FREQ=WEEKLY", "EXDATE;TZID=Europe/Berlin:20270105T090000,20270112T090000", "END:VTODO", "END:VCALENDAR"].join("\r\n");
    expect(parseTodo(text, "UTC").excludedDates).to.deep.equal(["2027-01-05T08:00:00.000Z", "2027-01-12T08:00:00.000Z"]);
  });
});
