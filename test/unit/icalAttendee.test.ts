/**
 * A task's assignee as an ATTENDEE (docs/caldav.md#the-assignee-attendee):
 * the address that names a Tickler user, reading a client's ATTENDEEs, the
 * VTODO served with it (and a client's own ATTENDEE text kept), the feed.
 */
import { expect } from "chai";
import ICAL from "ical.js";
import { assigneeChange, assigneeNamed, attendeeLine, attendeeUri, userOfAttendee } from "../../src/domain/icalAttendee.js";
import { CalendarDataError, echoOf, parseTodo, renderTodo } from "../../src/domain/vtodo.js";
import { calendarFeed } from "../../src/domain/icalFeed.js";
import type { Task } from "../../src/domain/index.js";

function task(over: Partial<Task>): Task {
  return {
    id: "00000000-0000-4000-8000-000000000001", ownerId: "ada", listId: "00000000-0000-4000-8000-0000000000aa", position: "i", parentId: null, assigneeId: null, title: "t", description: "", status: "open", priority: "none", tags: [],
    dueAt: "2026-10-20T07:00:00.000Z", timeZone: "Europe/Berlin", reminders: [], recurrence: null, seriesId: null, snoozedUntil: null,
    completedAt: null, createdAt: "2026-10-01T00:00:00.000Z", updatedAt: "2026-10-01T00:00:00.000Z", version: 1, ...over,
  };
}

const vcalendar = (...todo: string[]) => ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VTODO", "UID:u1", "DTSTAMP:20270101T000000Z", "SUMMARY:Mow", ...todo, "END:VTODO", "END:VCALENDAR", ""].join("\r\n");
const todoOf = (text: string) => new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vtodo")!;

describe("the assignee's ATTENDEE address", () => {
  it("names a user by a URN, any id the API takes, and reads it back", () => {
    for (const id of ["bob", "auth0|5f1c:x;y,z", "ünïcødé user", "a".repeat(200)]) {
      const uri = attendeeUri(id);
      expect(uri).to.match(/^urn:x-tickler:user:[^;:,\s]+$/);
      expect(userOfAttendee(uri), id).to.equal(id);
    }
    expect(userOfAttendee("URN:X-Tickler:User:bob"), "the scheme is read in any case").to.equal("bob");
  });

  it("names nobody for other addresses, malformed ones and ids the API refuses", () => {
    for (const address of ["mailto:bob@example.com", "urn:x-tickler:user:", "urn:x-tickler:user:%E0%A4%A", "urn:x-tickler:user:a%0Ab", `urn:x-tickler:user:${"a".repeat(201)}`, "urn:uuid:bob"]) {
      expect(userOfAttendee(address), address).to.equal(null);
    }
  });

  it("writes CN (quoted when it must be), no scheduling, and the URN", () => {
    expect(attendeeLine("bob")).to.equal("ATTENDEE;CN=bob;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;SCHEDULE-AGENT=NONE:urn:x-tickler:user:bob");
    const line = attendeeLine("auth0|x:y", 'Bob "B" Smith; jr');
    expect(line).to.include('CN="Bob B Smith; jr";');
    const prop = ICAL.Property.fromString(line);
    expect(prop.getParameter("cn")).to.equal("Bob B Smith; jr");
    expect(userOfAttendee(String(prop.getFirstValue()))).to.equal("auth0|x:y");
  });

  it("one assignee from several ATTENDEEs: others (mailto) name none, the same user twice is one, two users are several", () => {
    const at = (...addresses: string[]) => addresses.map((address) => ({ address }));
    expect(assigneeNamed([])).to.deep.equal({ kind: "none" });
    expect(assigneeNamed(at("mailto:x@example.com"))).to.deep.equal({ kind: "none" });
    expect(assigneeNamed(at("mailto:x@example.com", attendeeUri("bob"), attendeeUri("bob")))).to.deep.equal({ kind: "user", userId: "bob" });
    expect(assigneeNamed(at(attendeeUri("bob"), attendeeUri("cyd")))).to.deep.equal({ kind: "several", userIds: ["bob", "cyd"] });
  });

  it("PARTSTAT=DECLINED (any case) on every line naming the one user is a decline; another PARTSTAT, or a mailto decline, is not", () => {
    expect(assigneeNamed([{ address: attendeeUri("bob"), partstat: "DECLINED" }])).to.deep.equal({ kind: "declined", userId: "bob" });
    expect(assigneeNamed([{ address: attendeeUri("bob"), partstat: " declined " }])).to.deep.equal({ kind: "declined", userId: "bob" });
    for (const partstat of ["ACCEPTED", "NEEDS-ACTION", "TENTATIVE", "DELEGATED", ""]) {
      expect(assigneeNamed([{ address: attendeeUri("bob"), partstat }]), partstat).to.deep.equal({ kind: "user", userId: "bob" });
    }
    expect(assigneeNamed([{ address: attendeeUri("bob"), partstat: "DECLINED" }, { address: attendeeUri("bob"), partstat: "ACCEPTED" }]), "one line still accepts").to.deep.equal({ kind: "user", userId: "bob" });
    expect(assigneeNamed([{ address: "mailto:bob@example.com", partstat: "DECLINED" }])).to.deep.equal({ kind: "none" });
    expect(assigneeNamed([{ address: attendeeUri("bob"), partstat: "DECLINED" }, { address: attendeeUri("cyd") }])).to.deep.equal({ kind: "several", userIds: ["bob", "cyd"] });
  });
});

describe("the assignee change a PUT asks for", () => {
  it("assigns a named user, keeps the same one, unassigns on the assignee's decline only, keeps on omission", () => {
    expect(assigneeChange({ kind: "user", userId: "bob" }, null)).to.deep.equal({ kind: "assign", userId: "bob" });
    expect(assigneeChange({ kind: "user", userId: "bob" }, "cyd")).to.deep.equal({ kind: "assign", userId: "bob" });
    expect(assigneeChange({ kind: "user", userId: "bob" }, "bob")).to.deep.equal({ kind: "keep" });
    expect(assigneeChange({ kind: "declined", userId: "bob" }, "bob")).to.deep.equal({ kind: "unassign" });
    expect(assigneeChange({ kind: "declined", userId: "bob" }, "cyd"), "someone else's decline").to.deep.equal({ kind: "keep" });
    expect(assigneeChange({ kind: "declined", userId: "bob" }, null)).to.deep.equal({ kind: "keep" });
    expect(assigneeChange({ kind: "none" }, "bob"), "clients that drop ATTENDEEs must not unassign").to.deep.equal({ kind: "keep" });
  });

  it("reads a client's declined ATTENDEE from a VTODO, and names no assignee field for it", () => {
    const parsed = parseTodo(vcalendar(`ATTENDEE;CN=Bob;PARTSTAT=DECLINED:${attendeeUri("bob")}`), "UTC");
    expect(parsed.assignee).to.deep.equal({ kind: "declined", userId: "bob" });
    expect(parsed.fields.assigneeId).to.equal(null);
    expect(parseTodo(vcalendar(`ATTENDEE;PARTSTAT=ACCEPTED:${attendeeUri("bob")}`), "UTC").assignee).to.deep.equal({ kind: "user", userId: "bob" });
    expect(parseTodo(vcalendar(), "UTC").assignee).to.deep.equal({ kind: "none" });
  });
});

describe("the assignee in a VTODO", () => {
  it("is served as an ATTENDEE in a shared list only, and not for an unassigned task", () => {
    const assigned = task({ assigneeId: "bob" });
    const shared = todoOf(renderTodo(assigned, { echo: null, head: true, shared: true }));
    const attendee = shared.getFirstProperty("attendee")!;
    expect(attendee.getFirstValue()).to.equal("urn:x-tickler:user:bob");
    expect(attendee.getParameter("cn")).to.equal("bob");
    expect(shared.hasProperty("organizer"), "no ORGANIZER: clients would show the task as an invitation").to.equal(false);
    expect(todoOf(renderTodo(assigned, { echo: null, head: true })).hasProperty("attendee")).to.equal(false);
    expect(todoOf(renderTodo(task({}), { echo: null, head: true, shared: true })).hasProperty("attendee")).to.equal(false);
  });

  it("reads the ATTENDEE naming a user as the assignee, keeps other ATTENDEEs as written, and none as 'leave it'", () => {
    const named = parseTodo(vcalendar(`ATTENDEE;CN=Bob;PARTSTAT=ACCEPTED:${attendeeUri("bob")}`, "ATTENDEE;CN=Eve:mailto:eve@example.com"), "UTC");
    expect(named.fields.assigneeId).to.equal("bob");
    expect(named.kept.map((p) => (p as unknown[])[0])).to.deep.equal(["attendee"]);
    expect(named.raw.assignee).to.have.length(1);
    expect(parseTodo(vcalendar("ATTENDEE:mailto:eve@example.com"), "UTC").fields.assigneeId).to.equal(null);
    expect(parseTodo(vcalendar(), "UTC").fields.assigneeId).to.equal(null);
  });

  it("refuses two users as valid-calendar-data (a task has one assignee)", () => {
    expect(() => parseTodo(vcalendar(`ATTENDEE:${attendeeUri("bob")}`, `ATTENDEE:${attendeeUri("cyd")}`), "UTC"))
      .to.throw(CalendarDataError).with.property("condition", "{urn:ietf:params:xml:ns:caldav}valid-calendar-data");
  });

  it("serves the client's own ATTENDEE text back while the task has that assignee, and a fresh one once it was reassigned", () => {
    const parsed = parseTodo(vcalendar(`ATTENDEE;CN=Bob B;PARTSTAT=IN-PROCESS;X-APP=1:${attendeeUri("bob")}`, "ATTENDEE;CN=Eve:mailto:eve@example.com"), "UTC");
    const stored = task({ assigneeId: "bob", title: "Mow", dueAt: null });
    const echo = echoOf(parsed, { ...stored, recurrence: null });
    const served = todoOf(renderTodo(stored, { echo, head: true, shared: true }));
    const attendees = served.getAllProperties("attendee");
    expect(attendees.map((p) => p.getFirstValue())).to.deep.equal([attendeeUri("bob"), "mailto:eve@example.com"]);
    expect(attendees[0]!.getParameter("partstat")).to.equal("IN-PROCESS");
    expect(attendees[0]!.getParameter("x-app")).to.equal("1");

    const reassigned = todoOf(renderTodo({ ...stored, assigneeId: "cyd", version: 2 }, { echo, head: true, shared: true }));
    expect(reassigned.getAllProperties("attendee").map((p) => p.getFirstValue())).to.deep.equal([attendeeUri("cyd"), "mailto:eve@example.com"]);
    const unassigned = todoOf(renderTodo({ ...stored, assigneeId: null, version: 3 }, { echo, head: true, shared: true }));
    expect(unassigned.getAllProperties("attendee").map((p) => p.getFirstValue())).to.deep.equal(["mailto:eve@example.com"]);
  });
});

describe("the assignee in the calendar feed", () => {
  it("is an ATTENDEE of the task's VEVENT when its list is shared", () => {
    const shared = task({ assigneeId: "bob" });
    const privateList = task({ id: "00000000-0000-4000-8000-000000000002", listId: "00000000-0000-4000-8000-0000000000bb", assigneeId: "ada" });
    const ics = calendarFeed([shared, privateList], { now: new Date("2026-10-01T00:00:00Z"), name: "Tickler", sharedLists: new Set([shared.listId]) });
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent");
    const attendeesOf = (id: string) => events.find((e) => e.getFirstPropertyValue("uid") === id)!.getAllProperties("attendee").map((p) => p.getFirstValue());
    expect(attendeesOf(shared.id)).to.deep.equal([attendeeUri("bob")]);
    expect(attendeesOf(privateList.id)).to.deep.equal([]);
  });
});
