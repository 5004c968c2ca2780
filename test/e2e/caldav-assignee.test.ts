/**
 * The assignee over CalDAV and in the calendar feed, on the real stack with
 * real CalDAV requests (docs/caldav.md#the-assignee-attendee): served as an
 * ATTENDEE in a shared list; a client's ATTENDEE naming a member assigns,
 * one naming anyone else is refused (403 valid-calendar-data) and changes
 * nothing; the assignee's with PARTSTAT=DECLINED unassigns; a PUT without
 * ATTENDEE leaves the assignee as it is.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import ICAL from "ical.js";
import type { Task } from "../../src/domain/index.js";
import { attendeeUri } from "../../src/domain/icalAttendee.js";
import { apiAs, eventually, target } from "../support/stack.js";
import { join } from "../support/sharing.js";

type Api = Awaited<ReturnType<typeof apiAs>>;
interface DavUser { api: Api; auth: string }

async function davUserOf(api: Api): Promise<DavUser> {
  const created = await api.call("POST", "/me/app-passwords", { name: "assignee test" });
  expect(created.status).to.equal(201);
  return { api, auth: `Basic ${Buffer.from(`${created.body.username}:${created.body.password}`).toString("base64")}` };
}

async function dav(u: DavUser, method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${target().apiUrl}${path}`, { method, headers: { authorization: u.auth, ...headers }, ...(body === undefined ? {} : { body }) });
  return { status: res.status, etag: res.headers.get("etag"), text: await res.text() };
}

const todoOf = (text: string) => new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vtodo")!;
const attendees = (text: string) => todoOf(text).getAllProperties("attendee").map((p) => String(p.getFirstValue()));
/** The served object with its ATTENDEEs removed, as a client that does not keep them sends it back. */
const withoutAttendees = (text: string) => text.replace(/\r\n/g, "\n").replace(/\n[ \t]/g, "").split("\n").filter((l) => !/^ATTENDEE[;:]/i.test(l)).join("\r\n");
const withAttendee = (text: string, line: string) => withoutAttendees(text).replace("\r\nEND:VTODO", `\r\n${line}\r\nEND:VTODO`);
const ICS = { "content-type": "text/calendar; charset=utf-8" };

describe("the assignee over CalDAV and in the calendar feed (e2e)", function () {
  let ada: DavUser;
  let bob: DavUser;
  let stranger: Api;
  let list: string;

  before(async () => {
    ada = await davUserOf(await apiAs(`dav-assign-ada-${randomUUID()}`));
    bob = await davUserOf(await apiAs(`dav-assign-bob-${randomUUID()}`));
    stranger = await apiAs(`dav-assign-eve-${randomUUID()}`);
    list = (await ada.api.call("POST", "/lists", { name: "Chores" })).body.id as string;
    await join(ada.api, list, bob.api, "editor");
  });

  it("serves the assignee as an ATTENDEE in GET, REPORT and the feed, in a shared list only", async () => {
    const made = await ada.api.call<Task>("POST", "/tasks", { title: "mow the lawn", listId: list, assigneeId: bob.api.user, dueAt: "2027-05-01T09:00:00Z" });
    expect(made.status).to.equal(201);
    const mine = await ada.api.call<Task>("POST", "/tasks", { title: "my own", assigneeId: ada.api.user, dueAt: "2027-05-02T09:00:00Z" });
    expect(mine.status).to.equal(201);

    const got = await dav(bob, "GET", `/dav/calendars/${list}/${made.body.id}.ics`);
    expect(got.status).to.equal(200);
    expect(attendees(got.text)).to.deep.equal([attendeeUri(bob.api.user)]);
    expect(todoOf(got.text).getFirstProperty("attendee")!.getParameter("cn")).to.equal(bob.api.user);

    const report = await dav(bob, "REPORT", `/dav/calendars/${list}/`,
      `<?xml version="1.0"?><c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop><d:href>/dav/calendars/${list}/${made.body.id}.ics</d:href></c:calendar-multiget>`,
      { "content-type": "application/xml; charset=utf-8" });
    expect(report.status).to.equal(207);
    expect(report.text.replace(/\r?\n[ \t]/g, "")).to.include(attendeeUri(bob.api.user));

    // The Inbox is never shared: its task assigned to its owner carries no ATTENDEE.
    const inbox = await dav(ada, "GET", `/dav/calendars/${mine.body.listId}/${mine.body.id}.ics`);
    expect(inbox.status).to.equal(200);
    expect(attendees(inbox.text)).to.deep.equal([]);

    const feed = await ada.api.call<{ url: string }>("POST", "/me/calendar-feed");
    const events = new ICAL.Component(ICAL.parse(await (await fetch(feed.body.url)).text())).getAllSubcomponents("vevent");
    const attendeesOf = (id: string) => events.find((e) => e.getFirstPropertyValue("uid") === id)!.getAllProperties("attendee").map((p) => String(p.getFirstValue()));
    expect(attendeesOf(made.body.id)).to.deep.equal([attendeeUri(bob.api.user)]);
    expect(attendeesOf(mine.body.id)).to.deep.equal([]);
  });

  it("assigns a member named by a client's ATTENDEE, leaves the assignee when none is sent, and refuses anyone else changing nothing", async () => {
    const made = await ada.api.call<Task>("POST", "/tasks", { title: "water plants", listId: list, assigneeId: bob.api.user });
    const path = `/dav/calendars/${list}/${made.body.id}.ics`;
    const read = async () => (await ada.api.call<Task>("GET", `/tasks/${made.body.id}`)).body;

    // A client that drops ATTENDEE (Tasks.org, Apple Reminders) edits the title: the assignee stays.
    let got = await dav(bob, "GET", path);
    const renamed = withoutAttendees(got.text).replace("SUMMARY:water plants", "SUMMARY:water the plants");
    expect((await dav(bob, "PUT", path, renamed, { ...ICS, "if-match": got.etag! })).status).to.equal(204);
    expect(await read()).to.include({ title: "water the plants", assigneeId: bob.api.user, version: 2 });

    // An ATTENDEE naming the list's owner assigns them (Thunderbird, Evolution keep the ATTENDEE they were served).
    got = await dav(bob, "GET", path);
    const toAda = withAttendee(got.text, `ATTENDEE;CN=Ada;PARTSTAT=NEEDS-ACTION:${attendeeUri(ada.api.user)}`);
    expect((await dav(bob, "PUT", path, toAda, { ...ICS, "if-match": got.etag! })).status).to.equal(204);
    expect(await read()).to.include({ assigneeId: ada.api.user, version: 3 });
    // Served back as the client wrote it, while the task is still assigned to Ada.
    got = await dav(bob, "GET", path);
    const served = todoOf(got.text).getFirstProperty("attendee")!;
    expect([String(served.getFirstValue()), served.getParameter("cn"), served.getParameter("partstat")]).to.deep.equal([attendeeUri(ada.api.user), "Ada", "NEEDS-ACTION"]);

    // Someone the list does not have, with another change in the same PUT: 403 valid-calendar-data, nothing changed.
    const toStranger = withAttendee(got.text, `ATTENDEE:${attendeeUri(stranger.user)}`).replace("SUMMARY:water the plants", "SUMMARY:refused");
    const refused = await dav(bob, "PUT", path, toStranger, { ...ICS, "if-match": got.etag! });
    expect(refused.status).to.equal(403);
    expect(refused.text).to.include("valid-calendar-data");
    expect(await read()).to.include({ title: "water the plants", assigneeId: ada.api.user, version: 3 });
    // Two users: a task has one assignee.
    const two = withAttendee(got.text, `ATTENDEE:${attendeeUri(bob.api.user)}\r\nATTENDEE:${attendeeUri(ada.api.user)}`);
    expect((await dav(bob, "PUT", path, two, { ...ICS, "if-match": got.etag! })).status).to.equal(403);
    // A mailto: ATTENDEE names no assignee: kept as written, the assignee unchanged.
    const mailto = withAttendee(got.text, "ATTENDEE;CN=Eve:mailto:eve@example.com");
    expect((await dav(bob, "PUT", path, mailto, { ...ICS, "if-match": got.etag! })).status).to.equal(204);
    expect((await read()).assigneeId).to.equal(ada.api.user);
    expect(attendees((await dav(bob, "GET", path)).text)).to.include("mailto:eve@example.com");
  });

  it("creates a task assigned to the member a new resource's ATTENDEE names, and refuses a stranger making nothing", async () => {
    const body = (uid: string, who: string) => ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VTODO", `UID:${uid}`, "DTSTAMP:20270101T000000Z",
      "SUMMARY:from a client", `ATTENDEE;CN=someone:${attendeeUri(who)}`, "END:VTODO", "END:VCALENDAR", ""].join("\r\n");
    const uid = `assign-${randomUUID()}@example.org`;
    expect((await dav(ada, "PUT", `/dav/calendars/${list}/${uid}.ics`, body(uid, bob.api.user), { ...ICS, "if-none-match": "*" })).status).to.equal(201);
    const assigned = await bob.api.call<{ items: Task[] }>("GET", "/tasks?assignee=me");
    expect(assigned.body.items.filter((t) => t.title === "from a client").map((t) => t.listId)).to.deep.equal([list]);

    const before = (await ada.api.call<{ items: Task[] }>("GET", `/tasks?list=${list}`)).body.items.length;
    const other = `assign-${randomUUID()}@example.org`;
    const refused = await dav(ada, "PUT", `/dav/calendars/${list}/${other}.ics`, body(other, stranger.user), { ...ICS, "if-none-match": "*" });
    expect(refused.status).to.equal(403);
    expect(refused.text).to.include("valid-calendar-data");
    expect((await ada.api.call<{ items: Task[] }>("GET", `/tasks?list=${list}`)).body.items.length).to.equal(before);
    expect((await dav(ada, "GET", `/dav/calendars/${list}/${other}.ics`)).status).to.equal(404);
  });

  it("unassigns when the assignee's ATTENDEE says PARTSTAT=DECLINED (the assignee, or any editor), audited; someone else's decline or none changes nothing", async () => {
    const made = await ada.api.call<Task>("POST", "/tasks", { title: "sweep", listId: list, assigneeId: bob.api.user });
    const path = `/dav/calendars/${list}/${made.body.id}.ics`;
    const read = async () => (await ada.api.call<Task>("GET", `/tasks/${made.body.id}`)).body;

    // A decline naming someone else (Ada, not the assignee) leaves Bob assigned.
    let got = await dav(bob, "GET", path);
    expect((await dav(bob, "PUT", path, withAttendee(got.text, `ATTENDEE;PARTSTAT=DECLINED:${attendeeUri(ada.api.user)}`), { ...ICS, "if-match": got.etag! })).status).to.equal(204);
    expect((await read()).assigneeId).to.equal(bob.api.user);

    // Bob declines, as Thunderbird writes it: unassigned, through the same update (a new version, in the task's history).
    got = await dav(bob, "GET", path);
    const version = (await read()).version;
    const declined = got.text.replace(/\r\n[ \t]/g, "").replace(/ATTENDEE;[^\r]*/, `ATTENDEE;CN=Bob;PARTSTAT=DECLINED:${attendeeUri(bob.api.user)}`);
    expect((await dav(bob, "PUT", path, declined, { ...ICS, "if-match": got.etag! })).status).to.equal(204);
    expect(await read()).to.include({ assigneeId: null, version: version + 1 });
    // Audited as Bob's change of the assignee (the audit records it from the event).
    await eventually(() => ada.api.call<{ items: { version: number; changed: string[]; actor: string }[] }>("GET", `/tasks/${made.body.id}/history`),
      (r) => r.body.items.some((e) => e.version === version + 1 && e.changed.includes("assigneeId") && e.actor === bob.api.user), 15_000, "the unassignment in the history");

    // Sending the served object back without ATTENDEE (Tasks.org) keeps it unassigned; naming Bob again assigns him.
    got = await dav(bob, "GET", path);
    expect((await dav(bob, "PUT", path, withoutAttendees(got.text), { ...ICS, "if-match": got.etag! })).status).to.equal(204);
    expect((await read()).assigneeId).to.equal(null);
    got = await dav(bob, "GET", path);
    expect((await dav(bob, "PUT", path, withAttendee(got.text, `ATTENDEE:${attendeeUri(bob.api.user)}`), { ...ICS, "if-match": got.etag! })).status).to.equal(204);
    expect((await read()).assigneeId).to.equal(bob.api.user);

    // Ada (an editor of her list, not the assignee) sets Bob's ATTENDEE to DECLINED: unassigned too.
    got = await dav(ada, "GET", path);
    expect((await dav(ada, "PUT", path, withAttendee(got.text, `ATTENDEE;PARTSTAT=DECLINED:${attendeeUri(bob.api.user)}`), { ...ICS, "if-match": got.etag! })).status).to.equal(204);
    expect((await read()).assigneeId).to.equal(null);
  });
});
