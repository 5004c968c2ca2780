/**
 * PROPPATCH and MKCALENDAR against the real stack: the Python `caldav`
 * library (PyPI, pinned; test/e2e/caldav/client.py) makes a task list and
 * renames, recolours, reorders and describes it; raw requests check the
 * refusals (a viewer's or editor's PROPPATCH, bad XML, a protected property,
 * MKCALENDAR where a list is, past the list limit), each changing nothing,
 * and the dead properties (calendar-description, calendar-timezone, any
 * other a client sets): kept as written, served back, bounded, dropped with the list.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Connection } from "mongoose";
import { connectMongo } from "../../src/infra/mongo.js";
import { parseXml, type XmlElement } from "../../src/domain/davXml.js";
import { eventually, stack, target } from "../support/stack.js";
import { davClients, davUser, type DavUser } from "../support/davClients.js";
import { join } from "../support/sharing.js";

const NSS = 'xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:a="http://apple.com/ns/ical/"';
const proppatch = (props: string) => `<?xml version="1.0" encoding="utf-8"?><d:propertyupdate ${NSS}><d:set><d:prop>${props}</d:prop></d:set></d:propertyupdate>`;
const propfind = (props: string) => `<d:propfind ${NSS} xmlns:x="urn:example:tickler-test"><d:prop>${props}</d:prop></d:propfind>`;
const CALDAV = "urn:ietf:params:xml:ns:caldav";

/** The properties a multistatus serves (200) for `href`, by Clark name, as parsed elements. */
function served(text: string, href: string): Map<string, XmlElement> {
  const out = new Map<string, XmlElement>();
  const response = parseXml(text).children.find((r) => r.children.some((c) => c.name === "href" && c.text === href));
  for (const ps of response?.children.filter((c) => c.name === "propstat") ?? []) {
    if (!ps.children.some((c) => c.name === "status" && c.text.includes(" 200 "))) continue;
    for (const p of ps.children.find((c) => c.name === "prop")!.children) out.set(`{${p.ns}}${p.name}`, p);
  }
  return out;
}

/** A raw DAV request as `u`, with its app password. */
function raw(u: DavUser) {
  const authorization = `Basic ${Buffer.from(`${u.user}:${u.password}`).toString("base64")}`;
  return async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${target().apiUrl}${path}`, { method, headers: { authorization, "content-type": "application/xml; charset=utf-8", ...headers }, ...(body === undefined ? {} : { body }) });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
}

describe("CalDAV PROPPATCH and MKCALENDAR (e2e)", function () {
  this.timeout(240_000);
  let bin: string;
  before(() => {
    bin = davClients();
  });

  it("makes a list with the caldav library, renames, recolours and reorders it, and the list is a calendar like the others", async () => {
    const ada = await davUser(bin, "dav-props-ada");
    const made = await ada.step<{ ok: boolean; url: string }>("make_calendar", { name: "Groceries", components: ["VTODO"] });
    expect(made.ok).to.equal(true);
    const id = /\/dav\/calendars\/([0-9a-f-]{36})\/$/.exec(made.url)?.[1];
    expect(id, made.url).to.be.a("string");
    const list = await ada.rest.call("GET", `/lists/${id}`);
    expect(list.status).to.equal(200);
    expect(list.body).to.deep.include({ name: "Groceries", colour: null, ownerId: ada.user, inbox: false });
    const found = await ada.step<{ calendars: { url: string; name: string; components: string[] }[] }>("discover");
    expect(found.calendars.map((c) => c.name).sort()).to.deep.equal(["Groceries", "Inbox"]);
    expect(found.calendars.find((c) => c.name === "Groceries")).to.deep.include({ url: made.url, components: ["VTODO"] });

    expect(await ada.step("set_properties", { calendar: made.url, name: "Food", color: "#FF8800FF", order: 4 })).to.deep.equal({ ok: true });
    const changed = (await ada.rest.call("GET", `/lists/${id}`)).body;
    expect(changed).to.deep.include({ name: "Food", colour: "#ff8800", version: list.body.version + 1 });
    expect(await ada.step("properties", { calendar: made.url })).to.deep.equal({ name: "Food", color: "#ff8800", order: "4" });
    // The library's calendar-description (a dead property: kept as the client wrote it).
    expect(await ada.step("set_properties", { calendar: made.url, description: "Weekly shop & <errands>" })).to.deep.equal({ ok: true });
    expect(await ada.step("description", { calendar: made.url })).to.deep.equal({ description: "Weekly shop & <errands>" });
    // Ordered by the client: after the Inbox and lists in creation order, by calendar-order among themselves.
    const other = (await ada.rest.call("POST", "/lists", { name: "Later" })).body;
    expect((await ada.rest.call<{ items: { name: string }[] }>("GET", "/lists")).body.items.map((l) => l.name)).to.deep.equal(["Inbox", "Later", "Food"]);
    expect(await ada.step("set_properties", { calendar: `${target().apiUrl}/dav/calendars/${other.id}/`, order: 9 })).to.deep.equal({ ok: true });
    expect((await ada.rest.call<{ items: { name: string }[] }>("GET", "/lists")).body.items.map((l) => l.name)).to.deep.equal(["Inbox", "Food", "Later"]);

    // The same list command as PATCH /lists/{id}: audited under the caller.
    const activity = await eventually(() => ada.rest.call<{ items: { kind?: string; actor?: string; list?: { name: string } }[] }>("GET", `/lists/${id}/activity`),
      (r) => r.body.items.some((e) => e.kind === "update" && e.list?.name === "Food"), 20_000, "the rename in the list's activity");
    expect(activity.body.items.find((e) => e.kind === "update")!.actor).to.equal(ada.user);

    // A task the client saves in the new calendar is in the new list.
    const uid = `props-${Date.now()}@example.org`;
    await ada.step("create", { calendar: made.url, ical: ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN", "BEGIN:VTODO", `UID:${uid}`, "DTSTAMP:20270101T000000Z", "SUMMARY:Apples", "END:VTODO", "END:VCALENDAR"].join("\r\n") });
    const tasks = await eventually(() => ada.rest.call<{ items: { title: string }[] }>("GET", `/tasks?list=${id}`), (r) => r.body.items.length === 1, 15_000, "the task in the new list");
    expect(tasks.body.items[0]!.title).to.equal("Apples");

    // A client's refused MKCALENDAR (a VEVENT calendar) makes nothing, and the library reports it.
    const before = (await ada.rest.call<{ items: unknown[] }>("GET", "/lists")).body.items.length;
    expect(await ada.step("make_calendar", { name: "Meetings", components: ["VEVENT"] })).to.deep.equal({ ok: false, error: "MkcalendarError" });
    expect((await ada.rest.call<{ items: unknown[] }>("GET", "/lists")).body.items).to.have.length(before);
  });

  it("refuses PROPPATCH to those who may not edit the list, bad XML and unknown properties, and changes nothing", async () => {
    const owner = await davUser(bin, "dav-pp-owner");
    const viewer = await davUser(bin, "dav-pp-viewer");
    const editor = await davUser(bin, "dav-pp-editor");
    const stranger = await davUser(bin, "dav-pp-stranger");
    const list = (await owner.rest.call("POST", "/lists", { name: "Shared", colour: "#112233" })).body;
    await join(owner.rest, list.id, viewer.rest, "viewer");
    await join(owner.rest, list.id, editor.rest, "editor");
    const path = `/dav/calendars/${list.id}/`;
    const baseline = (await owner.rest.call("GET", `/lists/${list.id}`)).body;
    expect(baseline).to.deep.include({ name: "Shared", colour: "#112233" });
    const unchanged = async (why: string) => expect((await owner.rest.call("GET", `/lists/${list.id}`)).body, why).to.deep.equal(baseline);

    for (const [who, status, condition] of [[viewer, 403, "need-privileges"], [editor, 403, "need-privileges"], [stranger, 404, ""]] as const) {
      const res = await raw(who)("PROPPATCH", path, proppatch("<d:displayname>Mine</d:displayname>"));
      expect(res.status, who.user).to.equal(status);
      expect(res.text, who.user).to.include(condition);
    }
    await unchanged("after refused PROPPATCHes");

    const as = raw(owner);
    expect((await as("PROPPATCH", path, "<d:propertyupdate xmlns:d=\"DAV:\"><d:set><d:prop><d:displayname>x</d:prop></d:set>")).status).to.equal(400);
    expect((await as("PROPPATCH", path, "")).status).to.equal(400);
    expect((await as("PROPPATCH", path, `<d:propfind ${NSS}><d:prop><d:displayname/></d:prop></d:propfind>`)).status).to.equal(400);
    expect((await as("PROPPATCH", path, proppatch(`<d:displayname>${"x".repeat(70 * 1024)}</d:displayname>`))).status).to.equal(413);
    await unchanged("after bad bodies");

    // All or nothing (RFC 4918 9.2): the property Tickler does not keep fails, the others answer 424 and are not applied.
    const mixed = await as("PROPPATCH", path, proppatch('<d:displayname>Renamed</d:displayname><x:mine xmlns:x="urn:example">v</x:mine><d:getetag>x</d:getetag><a:calendar-color>#445566</a:calendar-color>'));
    expect(mixed.status).to.equal(207);
    expect(mixed.text).to.match(/<d:propstat><d:prop><d:displayname\/><x:mine xmlns:x="urn:example"\/><a:calendar-color\/><\/d:prop><d:status>HTTP\/1.1 424 Failed Dependency<\/d:status>/);
    expect(mixed.text).to.match(/<d:getetag\/><\/d:prop><d:status>HTTP\/1.1 403 Forbidden<\/d:status>/);
    expect(served((await as("PROPFIND", path, propfind('<x:mine xmlns:x="urn:example"/>'))).text, path).size, "the dead property failed with the rest").to.equal(0);
    const badValue = await as("PROPPATCH", path, proppatch("<d:displayname>Renamed</d:displayname><a:calendar-color>blue</a:calendar-color>"));
    expect(badValue.status).to.equal(207);
    expect(badValue.text).to.include("HTTP/1.1 409 Conflict").and.include("HTTP/1.1 424 Failed Dependency");
    const computed = await as("PROPPATCH", path, proppatch("<cs:getctag xmlns:cs=\"http://calendarserver.org/ns/\">1</cs:getctag>"));
    expect(computed.text).to.include("<d:error><d:cannot-modify-protected-property/></d:error>");
    await unchanged("after refused properties");

    // The owner's PROPPATCH applies; removing the colour clears it.
    const ok = await as("PROPPATCH", path, `<d:propertyupdate ${NSS}><d:set><d:prop><d:displayname>Renamed</d:displayname></d:prop></d:set><d:remove><d:prop><a:calendar-color/></d:prop></d:remove></d:propertyupdate>`);
    expect(ok.status).to.equal(207);
    expect(ok.text).to.include("HTTP/1.1 200 OK").and.not.include("424");
    expect((await owner.rest.call("GET", `/lists/${list.id}`)).body).to.deep.include({ name: "Renamed", colour: null });
    // The viewer's calendar home shows the new name (the lists view was written before the answer).
    const home = await raw(viewer)("PROPFIND", "/dav/calendars/", `<d:propfind ${NSS}><d:prop><d:displayname/></d:prop></d:propfind>`, { depth: "1" });
    expect(home.text).to.include(`<d:href>${path}</d:href><d:propstat><d:prop><d:displayname>Renamed</d:displayname>`);

    const options = await as("OPTIONS", path);
    expect(options.headers.get("allow")).to.equal("OPTIONS, PROPFIND, PROPPATCH, REPORT, MKCALENDAR");
  });

  it("refuses MKCALENDAR where a list is, at a URL that is no fresh UUID, with bad XML, and past the list limit", async () => {
    const bea = await davUser(bin, "dav-mk-bea");
    const as = raw(bea);
    const count = async () => (await bea.rest.call<{ items: unknown[] }>("GET", "/lists")).body.items.length;
    const theirs = (await bea.rest.call("POST", "/lists", { name: "Existing" })).body;
    const lists = await count();
    const body = `<c:mkcalendar ${NSS}><d:set><d:prop><d:displayname>New</d:displayname></d:prop></d:set></c:mkcalendar>`;

    const exists = await as("MKCALENDAR", `/dav/calendars/${theirs.id}/`, body);
    expect(exists.status).to.equal(405);
    expect(exists.text).to.include("resource-must-be-null");
    expect(exists.headers.get("allow")).to.equal("OPTIONS, PROPFIND, PROPPATCH, REPORT");
    const home = await as("PROPFIND", "/dav/principal/", `<d:propfind ${NSS}><d:prop><c:calendar-home-set/></d:prop></d:propfind>`);
    expect(home.status).to.equal(207);
    for (const segment of ["work", "00000000-0000-5000-8000-000000000000"]) {
      const res = await as("MKCALENDAR", `/dav/calendars/${segment}/`, body);
      expect(res.status, segment).to.equal(403);
      expect(res.text, segment).to.include("calendar-collection-location-ok");
    }
    const fresh = () => `/dav/calendars/${randomUUID()}/`;
    expect((await as("MKCALENDAR", fresh(), "<c:mkcalendar xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><oops></c:mkcalendar>")).status).to.equal(400);
    const unknown = await as("MKCALENDAR", fresh(), `<c:mkcalendar ${NSS}><d:set><d:prop><d:displayname>New</d:displayname><c:calendar-timezone>BEGIN:VCALENDAR</c:calendar-timezone><d:sync-token>1</d:sync-token></d:prop></d:set></c:mkcalendar>`);
    expect(unknown.status).to.equal(207);
    expect(unknown.text).to.include("424 Failed Dependency").and.include("403 Forbidden").and.include("cannot-modify-protected-property");
    expect(await count(), "nothing made").to.equal(lists);

    // An upper-case UUID (as Apple writes them) is the list's id in lower case, found at either spelling.
    const upper = randomUUID().toUpperCase();
    const made = await as("MKCALENDAR", `/dav/calendars/${upper}/`, "");
    expect(made.status).to.equal(201);
    expect(made.headers.get("location")).to.equal(`/dav/calendars/${upper.toLowerCase()}/`);
    expect((await bea.rest.call("GET", `/lists/${upper.toLowerCase()}`)).body).to.deep.include({ name: "New list" });
    expect((await as("PROPFIND", `/dav/calendars/${upper}/`, "")).status).to.equal(207);

    // The limit of lists a user owns (the Inbox counts) holds for MKCALENDAR as for POST /lists.
    for (let n = await count(); n < 200; n++) expect((await bea.rest.call("POST", "/lists", { name: `L${n}` })).status).to.equal(201);
    const over = await as("MKCALENDAR", fresh(), body);
    expect(over.status).to.equal(403);
    expect(over.text).to.include("quota-not-exceeded").and.include("200");
    expect(await count()).to.equal(200);
  });

  describe("dead properties: what a client sets that Tickler does not model", () => {
    let mongo: Connection;
    before(async () => {
      mongo = await connectMongo(new URL(stack().mongoUri).toString());
    });
    after(async () => {
      await mongo.close();
    });

    // As DAVx⁵ and Apple Calendar send it: the zone as a VCALENDAR with one VTIMEZONE, in CDATA (CRLF lines).
    const TZ = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bitfire web engineering//DAVx5//EN", "BEGIN:VTIMEZONE", "TZID:Europe/Vienna",
      "BEGIN:STANDARD", "TZNAME:CET", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "DTSTART:19961027T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
      "BEGIN:DAYLIGHT", "TZNAME:CEST", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "DTSTART:19810329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
      "END:VTIMEZONE", "END:VCALENDAR", ""].join("\r\n");

    it("a MKCALENDAR with calendar-description and calendar-timezone makes the list, and PROPFIND serves both back unchanged", async () => {
      const cleo = await davUser(bin, "dav-dead-cleo");
      const as = raw(cleo);
      const id = randomUUID();
      const path = `/dav/calendars/${id}/`;
      const body = `<?xml version="1.0" encoding="UTF-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:IC="http://apple.com/ns/ical/">
  <D:set><D:prop>
    <D:displayname>Errands</D:displayname>
    <C:calendar-description>Things to pick up &amp; drop off</C:calendar-description>
    <C:calendar-timezone><![CDATA[${TZ}]]></C:calendar-timezone>
    <IC:calendar-color>#2E7D32FF</IC:calendar-color>
    <C:supported-calendar-component-set><C:comp name="VTODO"/></C:supported-calendar-component-set>
  </D:prop></D:set>
</C:mkcalendar>`;
      const made = await as("MKCALENDAR", path, body);
      expect(made.status, made.text).to.equal(201);
      expect((await cleo.rest.call("GET", `/lists/${id}`)).body).to.deep.include({ name: "Errands", colour: "#2e7d32" });

      // XML reads a CRLF as LF (XML 1.0 2.11), in CDATA too: that is the value the client's own document holds.
      const zone = TZ.replace(/\r\n/g, "\n");
      const byName = await as("PROPFIND", path, propfind("<c:calendar-description/><c:calendar-timezone/><d:displayname/>"), { depth: "0" });
      expect(byName.status).to.equal(207);
      const got = served(byName.text, path);
      expect(got.get(`{${CALDAV}}calendar-description`)?.text).to.equal("Things to pick up & drop off");
      expect(got.get(`{${CALDAV}}calendar-timezone`)?.text).to.equal(zone);
      expect(got.get("{DAV:}displayname")?.text).to.equal("Errands");

      // allprop (an empty body), Depth 1 of the collection and of the calendar home, and propname name them too.
      expect(served((await as("PROPFIND", path, "", { depth: "1" })).text, path).get(`{${CALDAV}}calendar-timezone`)?.text).to.equal(zone);
      const home = served((await as("PROPFIND", "/dav/calendars/", propfind("<c:calendar-description/>"), { depth: "1" })).text, path);
      expect(home.get(`{${CALDAV}}calendar-description`)?.text).to.equal("Things to pick up & drop off");
      const names = await as("PROPFIND", path, `<d:propfind xmlns:d="DAV:"><d:propname/></d:propfind>`);
      expect([...served(names.text, path).keys()]).to.include.members([`{${CALDAV}}calendar-description`, `{${CALDAV}}calendar-timezone`]);
      // The library reads the description as any property.
      expect(await cleo.step("description", { calendar: `${target().apiUrl}${path}` })).to.deep.equal({ description: "Things to pick up & drop off" });
    });

    it("a property in a custom namespace round-trips through PROPPATCH, its remove removes it, and deleting the list drops it", async () => {
      const dan = await davUser(bin, "dav-dead-dan");
      const viewer = await davUser(bin, "dav-dead-viewer");
      const stranger = await davUser(bin, "dav-dead-stranger");
      const list = (await dan.rest.call("POST", "/lists", { name: "Custom" })).body;
      await join(dan.rest, list.id, viewer.rest, "viewer");
      const path = `/dav/calendars/${list.id}/`;
      const as = raw(dan);
      const flag = '<x:flag xmlns:x="urn:example:tickler-test" xmlns:q="urn:example:q" q:level="2">on <x:inner note="a&amp;b">v &lt; w</x:inner> off</x:flag>';
      const set = await as("PROPPATCH", path, proppatch(`<d:displayname>Custom 2</d:displayname>${flag}<c:calendar-timezone>BEGIN:VCALENDAR&#13;&#10;END:VCALENDAR&#13;&#10;</c:calendar-timezone>`));
      expect(set.status).to.equal(207);
      expect(set.text).to.include("HTTP/1.1 200 OK").and.not.include("424");
      expect((await dan.rest.call("GET", `/lists/${list.id}`)).body).to.deep.include({ name: "Custom 2" });

      // The viewer reads it (whoever may read the list), with its namespace, attributes, children and text as sent; an escaped CR is kept.
      const read = served((await raw(viewer)("PROPFIND", path, propfind("<x:flag/><c:calendar-timezone/>"))).text, path);
      const got = read.get("{urn:example:tickler-test}flag")!;
      expect([got.attrs, got.text]).to.deep.equal([{ "{urn:example:q}level": "2" }, "on  off"]);
      expect(got.children.map((c) => [c.ns, c.name, c.attrs, c.text])).to.deep.equal([["urn:example:tickler-test", "inner", { note: "a&b" }, "v < w"]]);
      expect(read.get(`{${CALDAV}}calendar-timezone`)?.text).to.equal("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
      expect((await raw(stranger)("PROPFIND", path, propfind("<x:flag/>"))).status).to.equal(404);

      // Only editList may change them: the viewer's PROPPATCH of it is refused and changes nothing.
      const refused = await raw(viewer)("PROPPATCH", path, proppatch('<x:flag xmlns:x="urn:example:tickler-test">mine</x:flag>'));
      expect(refused.status).to.equal(403);
      expect(refused.text).to.include("need-privileges");
      const removeByViewer = await raw(viewer)("PROPPATCH", path, `<d:propertyupdate ${NSS}><d:remove><d:prop><x:flag xmlns:x="urn:example:tickler-test"/></d:prop></d:remove></d:propertyupdate>`);
      expect(removeByViewer.status).to.equal(403);
      expect(served((await as("PROPFIND", path, propfind("<x:flag/>"))).text, path).get("{urn:example:tickler-test}flag")?.text).to.equal("on  off");

      const removed = await as("PROPPATCH", path, `<d:propertyupdate ${NSS}><d:remove><d:prop><x:flag xmlns:x="urn:example:tickler-test"/></d:prop></d:remove></d:propertyupdate>`);
      expect(removed.status).to.equal(207);
      expect(removed.text).to.include("HTTP/1.1 200 OK");
      const after = await as("PROPFIND", path, propfind("<x:flag/><c:calendar-timezone/>"));
      expect(served(after.text, path).has("{urn:example:tickler-test}flag")).to.equal(false);
      expect(after.text).to.match(/<x:flag xmlns:x="urn:example:tickler-test"\/><\/d:prop><d:status>HTTP\/1.1 404 Not Found/);
      expect(served(after.text, path).has(`{${CALDAV}}calendar-timezone`), "the other stays").to.equal(true);

      // A deleted list's dead properties are dropped (by the projection of its deletion event).
      const props = mongo.collection("dav_list_props");
      expect(await props.countDocuments({ _id: list.id as never })).to.equal(1);
      expect((await dan.rest.call("DELETE", `/lists/${list.id}`)).status).to.equal(204);
      await eventually(() => props.countDocuments({ _id: list.id as never }), (n) => n === 0, 20_000, "the dead properties dropped with the list");
      expect((await as("PROPFIND", path, propfind("<c:calendar-timezone/>"))).status).to.equal(404);
    });

    it("past a bound (value size, count) answers 507, fails the rest with 424 and changes nothing", async () => {
      const eve = await davUser(bin, "dav-dead-eve");
      const list = (await eve.rest.call("POST", "/lists", { name: "Bounded" })).body;
      const path = `/dav/calendars/${list.id}/`;
      const as = raw(eve);
      expect((await as("PROPPATCH", path, proppatch('<x:keep xmlns:x="urn:example:tickler-test">1</x:keep>'))).status).to.equal(207);
      const baseline = (await eve.rest.call("GET", `/lists/${list.id}`)).body;
      const deadNow = async () => [...served((await as("PROPFIND", path, "")).text, path).entries()].filter(([k]) => k.startsWith("{urn:example")).map(([k, v]) => [k, v.text]);
      const before = await deadNow();
      expect(before).to.deep.equal([["{urn:example:tickler-test}keep", "1"]]);

      const big = await as("PROPPATCH", path, proppatch(`<d:displayname>Changed</d:displayname><x:big xmlns:x="urn:example:tickler-test">${"v".repeat(17 * 1024)}</x:big>`));
      expect(big.status).to.equal(207);
      expect(big.text).to.include("HTTP/1.1 507 Insufficient Storage").and.include("HTTP/1.1 424 Failed Dependency").and.include("16384");
      const many = Array.from({ length: 32 }, (_, i) => `<x:p${i} xmlns:x="urn:example:tickler-test">${i}</x:p${i}>`).join("");
      const count = await as("PROPPATCH", path, proppatch(`<a:calendar-color>#123456</a:calendar-color>${many}`));
      expect(count.status).to.equal(207);
      expect(count.text).to.include("HTTP/1.1 507 Insufficient Storage").and.include("MAX_DEAD_PROPS").and.include("424 Failed Dependency");
      expect((await eve.rest.call("GET", `/lists/${list.id}`)).body, "the list is unchanged").to.deep.equal(baseline);
      expect(await deadNow(), "its dead properties are unchanged").to.deep.equal(before);
    });
  });
});
