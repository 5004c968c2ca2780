/**
 * CalDAV against the real stack, driven by a client nobody here wrote: the
 * Python `caldav` library from PyPI (pinned; scripts/obtain/davclients.sh),
 * one process per step (test/e2e/caldav/client.py). Discovery from the
 * server's root, create, update with ETags, completing a recurring task,
 * delete, and sync-collection after changes made through REST.
 */
import { expect } from "chai";
import ICAL from "ical.js";
import { eventually, target } from "../support/stack.js";
import { davClients, davUser } from "../support/davClients.js";

const todoOf = (data: string) => new ICAL.Component(ICAL.parse(data)).getFirstSubcomponent("vtodo")!;

describe("CalDAV with the Python caldav library (e2e)", function () {
  this.timeout(240_000);
  let bin: string;
  before(() => {
    bin = davClients();
  });

  it("discovers the lists from the root, creates, updates with ETags, completes a recurring task, deletes and syncs after REST changes", async () => {
    const ada = await davUser(bin, "dav-ada");
    // A second list beside the Inbox: both are calendars of VTODOs.
    const list = await ada.rest.call("POST", "/lists", { name: "Errands" });
    expect(list.status).to.equal(201);
    const found = await ada.step<{ principal: string; calendars: { url: string; name: string; components: string[] }[] }>("discover");
    expect(found.principal).to.match(/\/dav\/principal\/$/);
    expect(found.calendars.map((c) => c.name).sort()).to.deep.equal(["Errands", "Inbox"]);
    for (const c of found.calendars) expect(c.components).to.deep.equal(["VTODO"]);
    const errands = found.calendars.find((c) => c.name === "Errands")!.url;
    expect(errands).to.include(list.body.id);

    // Create from the client, with an X- property Tickler does not model: the task exists in REST, the property is served back.
    const uid = `py-${Date.now()}@example.org`;
    const ical = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//python caldav//EN", "BEGIN:VTODO", `UID:${uid}`, "DTSTAMP:20270101T000000Z",
      "SUMMARY:Buy milk", "DUE;TZID=Europe/Berlin:20270301T090000", "PRIORITY:1", "CATEGORIES:shop,Food", "X-PY-KEEP;X-P=1:kept as is", "END:VTODO", "END:VCALENDAR"].join("\r\n");
    const created = await ada.step<{ url: string }>("create", { calendar: errands, ical });
    const tasks = await eventually(() => ada.rest.call<{ items: any[] }>("GET", `/tasks?list=${list.body.id}`), (r) => r.body.items.length === 1, 15_000, "the task in REST");
    const task = tasks.body.items[0];
    expect(task).to.deep.include({ title: "Buy milk", dueAt: "2027-03-01T08:00:00.000Z", timeZone: "Europe/Berlin", priority: "high" });
    expect(task.tags.sort()).to.deep.equal(["food", "shop"]);
    const got = await ada.step<{ data: string; etag: string }>("get", { calendar: errands, uid });
    const vtodo = todoOf(got.data);
    expect(vtodo.getFirstPropertyValue("uid")).to.equal(uid);
    expect(vtodo.getFirstProperty("x-py-keep")?.getFirstValue()).to.equal("kept as is");
    expect(vtodo.getFirstProperty("x-py-keep")?.getParameter("x-p")).to.equal("1");
    expect(got.etag).to.match(/^"\d+/);

    // calendar-query with a time range on DUE: in range found, out of range not.
    const inRange = await ada.step<{ todos: { data: string }[] }>("search", { calendar: errands, start: "2027-02-28T00:00:00Z", end: "2027-03-02T00:00:00Z" });
    expect(inRange.todos.map((t) => todoOf(t.data).getFirstPropertyValue("uid"))).to.deep.equal([uid]);
    const outOfRange = await ada.step<{ todos: { data: string }[] }>("search", { calendar: errands, start: "2027-04-01T00:00:00Z", end: "2027-05-01T00:00:00Z" });
    expect(outOfRange.todos.map((t) => todoOf(t.data).getFirstPropertyValue("uid"))).not.to.include(uid);

    // Update with the current ETag succeeds; with a stale one is refused (412) and changes nothing.
    const renamed = got.data.replace("SUMMARY:Buy milk", "SUMMARY:Buy oat milk");
    expect((await ada.step("put", { href: created.url, ical: renamed, headers: { "If-Match": got.etag } })).status).to.equal(204);
    expect((await ada.step("put", { href: created.url, ical: got.data.replace("Buy milk", "stale"), headers: { "If-Match": got.etag } })).status).to.equal(412);
    expect((await ada.rest.call("GET", `/tasks/${task.id}`)).body.title).to.equal("Buy oat milk");
    // If-None-Match: * on an existing resource does not overwrite it.
    expect((await ada.step("put", { href: created.url, ical: renamed, headers: { "If-None-Match": "*" } })).status).to.equal(412);

    // A weekly task made in REST (completion mode: the next occurrence exists once this one is done); completed in the client
    // on the series: the occurrence is done in Tickler, the client sees the next.
    const weekly = await ada.rest.call("POST", "/tasks", { title: "Water plants", dueAt: "2027-03-02T17:00:00Z", timeZone: "Europe/Berlin", listId: list.body.id, recurrence: { rule: "FREQ=WEEKLY", mode: "completion" } });
    expect(weekly.status).to.equal(201);
    await ada.step("complete", { calendar: errands, uid: weekly.body.id });
    const done = await ada.rest.call("GET", `/tasks/${weekly.body.id}`);
    expect(done.body.status).to.equal("completed");
    const open = await eventually(() => ada.step<{ todos: { data: string }[] }>("todos", { calendar: errands }),
      (r) => r.todos.some((t) => todoOf(t.data).getFirstPropertyValue("summary") === "Water plants"), 30_000, "the next occurrence in the client");
    const next = open.todos.map((t) => todoOf(t.data)).find((t) => t.getFirstPropertyValue("summary") === "Water plants")!;
    expect(next.getFirstPropertyValue("uid")).not.to.equal(weekly.body.id);
    expect(String(next.getFirstPropertyValue("rrule"))).to.equal("FREQ=WEEKLY");
    // Counted from the completion day at the series' time of day (completion mode), in the series' zone.
    const due = next.getFirstProperty("due")!;
    expect(due.getParameter("tzid")).to.equal("Europe/Berlin");
    expect((due.getFirstValue() as InstanceType<typeof ICAL.Time>).toString()).to.match(/T18:00:00$/);

    // The library's own recurring completion (handle_rrule, "safe": a completed copy, and the series moved on from the completion
    // time) of an overdue occurrence: that occurrence is done in Tickler, and the client's copy is kept as a completed task.
    const trash = await ada.rest.call("POST", "/tasks", { title: "Take out trash", dueAt: new Date(Date.now() - 86_400_000).toISOString(), timeZone: "Europe/Berlin", listId: list.body.id, recurrence: { rule: "FREQ=WEEKLY", mode: "completion" } });
    expect(trash.status).to.equal(201);
    await ada.step("complete", { calendar: errands, uid: trash.body.id, handle_rrule: true });
    expect((await ada.rest.call("GET", `/tasks/${trash.body.id}`)).body.status).to.equal("completed");
    const trashes = await eventually(() => ada.rest.call<{ items: { title: string; status: string; id: string }[] }>("GET", `/tasks?list=${list.body.id}&status=all`),
      (r) => r.body.items.filter((t) => t.title === "Take out trash").length === 3, 30_000, "the occurrence done, the client's completed copy and the next occurrence");
    expect(trashes.body.items.filter((t) => t.title === "Take out trash").map((t) => t.status).sort()).to.deep.equal(["completed", "completed", "open"]);

    // sync-collection: a token, then REST changes, then only what changed.
    const first = await ada.step<{ token: string; objects: { url: string }[] }>("sync", { calendar: errands });
    expect(first.token).to.be.a("string");
    const restMade = await ada.rest.call("POST", "/tasks", { title: "Made in REST", listId: list.body.id });
    await ada.rest.call("PATCH", `/tasks/${task.id}`, { title: "Buy soy milk" }, { "If-Match": `"${(await ada.rest.call("GET", `/tasks/${task.id}`)).body.version}"` });
    const delta = await ada.step<{ token: string; objects: { url: string; data: string | null }[] }>("sync", { calendar: errands, token: first.token });
    const summaries = delta.objects.filter((o) => o.data).map((o) => todoOf(o.data!).getFirstPropertyValue("summary"));
    expect(summaries).to.include.members(["Made in REST", "Buy soy milk"]);
    expect(delta.token).to.be.a("string");

    // A task moved to another list through REST: the next sync of the list it left reports it gone, and it stays gone.
    const elsewhere = await ada.rest.call("POST", "/lists", { name: `Elsewhere ${Date.now()}` });
    const moving = await ada.rest.call("POST", "/tasks", { title: "Moves away", listId: list.body.id });
    const beforeMove = await ada.step<{ token: string; objects: { url: string; data: string | null }[]; deleted: string[] }>("sync", { calendar: errands, token: delta.token });
    expect(beforeMove.objects.filter((o) => o.data).map((o) => todoOf(o.data!).getFirstPropertyValue("summary"))).to.include("Moves away");
    const movedUrl = beforeMove.objects.find((o) => o.data && todoOf(o.data).getFirstPropertyValue("summary") === "Moves away")!.url;
    expect((await ada.rest.call("PATCH", `/tasks/${moving.body.id}`, { listId: elsewhere.body.id })).status).to.equal(200);
    const afterMove = await eventually(
      () => ada.step<{ token: string; objects: { url: string; data: string | null }[]; deleted: string[] }>("sync", { calendar: errands, token: beforeMove.token }),
      (s) => s.deleted.includes(movedUrl), 30_000, "the sync of the list the task left reports it gone",
    );
    expect(afterMove.objects.filter((o) => o.data).map((o) => todoOf(o.data!).getFirstPropertyValue("summary"))).to.not.include("Moves away");
    const full = await ada.step<{ objects: { url: string; data: string | null }[] }>("sync", { calendar: errands });
    expect(full.objects.map((o) => o.url), "not listed in the list it left").to.not.include(movedUrl);

    // A subtask made in REST names its parent the way clients nest tasks: RELATED-TO;RELTYPE=PARENT with the parent's UID,
    // the client's UID for a task the client made.
    const sub = await ada.rest.call("POST", "/tasks", { title: "Oat or soy?", parentId: task.id });
    expect(sub.status).to.equal(201);
    const subGot = todoOf((await ada.step<{ data: string }>("get", { calendar: errands, uid: sub.body.id })).data);
    expect(subGot.getAllProperties("related-to").map((p) => [p.getParameter("reltype"), p.getFirstValue()])).to.deep.equal([["PARENT", uid]]);
    // And the other way: a subtask the client makes under a task it made (RELATED-TO with the parent's UID, no RELTYPE, as
    // RFC 5545 allows) is a subtask in Tickler, and its link is served back once, as written.
    const kidUid = `py-kid-${Date.now()}@example.org`;
    const kidIcal = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//python caldav//EN", "BEGIN:VTODO", `UID:${kidUid}`, "DTSTAMP:20270101T000000Z",
      "SUMMARY:Check the fridge", `RELATED-TO:${uid}`, "END:VTODO", "END:VCALENDAR"].join("\r\n");
    await ada.step("create", { calendar: errands, ical: kidIcal });
    const kid = await eventually(() => ada.rest.call<{ items: any[] }>("GET", `/tasks?list=${list.body.id}&q=fridge`), (r) => r.body.items.length === 1, 15_000, "the client's subtask in REST");
    expect(kid.body.items[0].parentId).to.equal(task.id);
    const kidGot = todoOf((await ada.step<{ data: string }>("get", { calendar: errands, uid: kidUid })).data);
    expect(kidGot.getAllProperties("related-to").map((p) => [p.getParameter("reltype") ?? null, p.getFirstValue()])).to.deep.equal([[null, uid]]);

    // Delete from the client: gone in REST.
    await ada.step("delete", { calendar: errands, uid: restMade.body.id });
    expect((await ada.rest.call("GET", `/tasks/${restMade.body.id}`)).status).to.equal(404);
  });

  it("refuses what a client must not do, with a CalDAV precondition, and changes nothing", async () => {
    const bob = await davUser(bin, "dav-bob");
    const eve = await davUser(bin, "dav-eve");
    const bobs = await bob.rest.call("POST", "/tasks", { title: "Bob's secret" });
    const found = await eve.step<{ calendars: { url: string; name: string }[] }>("discover");
    const inbox = found.calendars.find((c) => c.name === "Inbox")!.url;
    const auth = `Basic ${Buffer.from(`${eve.user}:${eve.password}`).toString("base64")}`;
    const put = (name: string, body: string) => fetch(`${inbox}${name}`, { method: "PUT", headers: { authorization: auth, "content-type": "text/calendar" }, body });
    const todo = (lines: string[], uid = `h-${Math.random()}`) => ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN", "BEGIN:VTODO", `UID:${uid}`, "DTSTAMP:20270101T000000Z", ...lines, "END:VTODO", "END:VCALENDAR"].join("\r\n");
    const cases: [string, string, number, string][] = [
      ["big.ics", todo([`DESCRIPTION:${"x".repeat(1024 * 1024)}`]), 413, "max-resource-size"],
      ["alarms.ics", todo(["SUMMARY:a", "DUE:20270101T000000Z", ...Array.from({ length: 3000 }, () => ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT5M", "END:VALARM"]).flat()]), 403, "valid-calendar-object-resource"],
      ["alarms11.ics", todo(["SUMMARY:a", "DUE:20270101T000000Z", ...Array.from({ length: 11 }, () => ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT5M", "END:VALARM"]).flat()]), 403, "valid-calendar-object-resource"],
      ["count.ics", todo(["SUMMARY:a", "DUE:20270101T000000Z", "RRULE:FREQ=DAILY;COUNT=1000000000"]), 403, "valid-calendar-data"],
      ["secondly.ics", todo(["SUMMARY:a", "DUE:20270101T000000Z", "RRULE:FREQ=SECONDLY"]), 403, "valid-calendar-data"],
      ["theirs.ics", todo(["SUMMARY:mine now"], bobs.body.id), 403, "no-uid-conflict"],
      ["tz.ics", todo(["SUMMARY:a", "DUE;TZID=Mars/Olympus_Mons:20270101T090000"]), 403, "valid-calendar-data"],
      ["event.ics", ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN", "BEGIN:VEVENT", "UID:e1", "DTSTAMP:20270101T000000Z", "DTSTART:20270101T000000Z", "END:VEVENT", "END:VCALENDAR"].join("\r\n"), 403, "supported-calendar-component"],
      ["garbage.ics", "this is not iCalendar", 403, "valid-calendar-data"],
    ];
    for (const [name, body, status, condition] of cases) {
      const res = await put(name, body);
      const text = await res.text();
      expect(res.status, name).to.equal(status);
      expect(text, name).to.include(condition);
    }
    expect((await eve.rest.call<{ items: unknown[] }>("GET", "/tasks")).body.items).to.deep.equal([]);
    expect((await bob.rest.call("GET", `/tasks/${bobs.body.id}`)).body.title).to.equal("Bob's secret");
    // Bob's task is not in Eve's calendars, by its name either.
    expect((await fetch(`${inbox}${bobs.body.id}.ics`, { headers: { authorization: auth } })).status).to.equal(404);
    // An app password is no credential for the REST API.
    expect((await fetch(`${target().apiUrl}/api/v1/tasks`, { headers: { authorization: auth } })).status).to.equal(401);
  });
});
