/**
 * CalDAV REPORTs on the real stack (RFC 4791 9.6, 9.7.2, 9.9): calendar-data
 * with comp/prop selection in calendar-query, calendar-multiget and
 * sync-collection; time-range inside a prop-filter (a floating DUE in the
 * user's zone); a recurring VTODO matched by each instance's DUE, expanded
 * into instances or limited to its recurrence set; the bounds as CalDAV
 * preconditions; and the Python `caldav` library's server-side expand.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import ICAL from "ical.js";
import { MAX_INSTANCES_PER_OBJECT } from "../../src/domain/davRecurrence.js";
import { apiAs, target } from "../support/stack.js";
import { davClients, davUser } from "../support/davClients.js";

type Api = Awaited<ReturnType<typeof apiAs>>;
type Comp = InstanceType<typeof ICAL.Component>;

const unescape = (s: string) => s.replace(/&#13;/g, "\r").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
const CAL = 'xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"';

describe("CalDAV REPORT: calendar-data selection, expand, time-ranges (e2e)", function () {
  this.timeout(240_000);
  let ada: Api;
  let auth: string;
  let list: string;

  const send = async (method: string, path: string, body: string, type = "application/xml; charset=utf-8", extra: Record<string, string> = {}) => {
    const res = await fetch(`${target().apiUrl}${path}`, { method, headers: { authorization: auth, "content-type": type, ...extra }, body });
    return { status: res.status, text: await res.text() };
  };
  const put = (name: string, ...props: string[]) => send("PUT", `/dav/calendars/${list}/${name}.ics`,
    ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VTODO", `UID:${name}`, "DTSTAMP:20270101T000000Z", ...props, "END:VTODO", "END:VCALENDAR", ""].join("\r\n"), "text/calendar");
  /** The answer's responses: href and calendar-data as raw text and parsed. */
  const responses = (text: string) => [...text.matchAll(/<d:response>([\s\S]*?)<\/d:response>/g)].map((m) => {
    const href = /<d:href>([^<]*)<\/d:href>/.exec(m[1]!)![1]!;
    const raw = /<c:calendar-data>([\s\S]*?)<\/c:calendar-data>/.exec(m[1]!)?.[1];
    const data = raw === undefined ? null : unescape(raw);
    return { href, data, root: data === null ? null : new ICAL.Component(ICAL.parse(data) as unknown[]) };
  });
  const report = (body: string) => send("REPORT", `/dav/calendars/${list}/`, `<?xml version="1.0"?>${body}`, "application/xml; charset=utf-8", { depth: "1" });
  const query = (calendarData: string, inner = "") => report(`<c:calendar-query ${CAL}><d:prop><d:getetag/>${calendarData}</d:prop>`
    + `<c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VTODO">${inner}</c:comp-filter></c:comp-filter></c:filter></c:calendar-query>`);
  const summaries = (text: string) => responses(text).map((r) => String(r.root!.getFirstSubcomponent("vtodo")?.getFirstPropertyValue("summary"))).sort();
  const props = (c: Comp) => c.getAllProperties().map((p) => p.name);

  before(async () => {
    ada = await apiAs(`dav-report-ada-${randomUUID()}`);
    const created = await ada.call("POST", "/me/app-passwords", { name: "report test" });
    expect(created.status).to.equal(201);
    auth = `Basic ${Buffer.from(`${created.body.username}:${created.body.password}`).toString("base64")}`;
    // Floating times are the user's: New York here.
    expect((await ada.call("PUT", "/me/preferences", { timeZone: "America/New_York", channels: { reminders: ["inbox"], digest: ["inbox"] } })).status).to.equal(200);
    list = (await ada.call("POST", "/lists", { name: "Reports" })).body.id as string;
    for (const [name, lines] of [
      ["weekly", ["SUMMARY:water the plants", "DTSTART;TZID=Europe/Berlin:20270104T090000", "DUE;TZID=Europe/Berlin:20270104T090000", "RRULE:FREQ=WEEKLY;BYDAY=MO"]],
      ["march", ["SUMMARY:pay rent", "DUE:20270301T120000Z", "DESCRIPTION:the landlord's account"]],
      ["floating", ["SUMMARY:call mum", "DUE:20270310T090000"]],
      ["someday", ["SUMMARY:read a book"]],
    ] as const) expect((await put(name, ...lines)).status, name).to.equal(201);
  });

  it("calendar-query: comp/prop selection returns only the named components and properties, novalue without a value", async () => {
    const res = await query('<c:calendar-data><c:comp name="VCALENDAR"><c:prop name="VERSION"/><c:comp name="VTODO"><c:prop name="UID"/><c:prop name="SUMMARY"/>'
      + '<c:prop name="DESCRIPTION" novalue="yes"/></c:comp></c:comp></c:calendar-data>');
    expect(res.status).to.equal(207);
    const all = responses(res.text);
    expect(all).to.have.length(4);
    for (const r of all) {
      expect(props(r.root!)).to.deep.equal(["version"]);
      expect(r.root!.getAllSubcomponents().map((c) => c.name), "no VTIMEZONE").to.deep.equal(["vtodo"]);
      expect(props(r.root!.getFirstSubcomponent("vtodo")!)).to.deep.equal(r.href.includes("march") ? ["uid", "summary", "description"] : ["uid", "summary"]);
    }
    expect(all.find((r) => r.href.includes("march"))!.data).to.include("\r\nDESCRIPTION:\r\n");
    // Without a selection: the whole object, as before.
    const whole = responses((await query("<c:calendar-data/>")).text).find((r) => r.href.includes("weekly"))!;
    expect(whole.root!.getAllSubcomponents("vtimezone")).to.have.length(1);
    expect(whole.root!.getFirstSubcomponent("vtodo")!.hasProperty("rrule")).to.equal(true);
  });

  it("calendar-multiget and sync-collection take the same selection", async () => {
    const selection = '<c:calendar-data><c:comp name="VCALENDAR"><c:comp name="VTODO"><c:prop name="SUMMARY"/></c:comp></c:comp></c:calendar-data>';
    const multi = await report(`<c:calendar-multiget ${CAL}><d:prop>${selection}</d:prop><d:href>/dav/calendars/${list}/march.ics</d:href></c:calendar-multiget>`);
    expect(multi.status).to.equal(207);
    const [one] = responses(multi.text);
    expect(props(one!.root!.getFirstSubcomponent("vtodo")!)).to.deep.equal(["summary"]);
    const sync = await report(`<d:sync-collection ${CAL}><d:sync-token/><d:sync-level>1</d:sync-level><d:prop><d:getetag/>${selection}</d:prop></d:sync-collection>`);
    expect(sync.status).to.equal(207);
    const synced = responses(sync.text);
    expect(synced).to.have.length(4);
    for (const r of synced) expect(props(r.root!.getFirstSubcomponent("vtodo")!)).to.deep.equal(["summary"]);
  });

  it("time-range in a prop-filter: DUE at start <= DUE < end, a floating DUE in the user's zone, LAST-MODIFIED by when it was written", async () => {
    const due = (start: string, end: string) => query("<c:calendar-data/>", `<c:prop-filter name="DUE"><c:time-range start="${start}" end="${end}"/></c:prop-filter>`);
    expect(summaries((await due("20270301T000000Z", "20270302T000000Z")).text)).to.deep.equal(["pay rent"]);
    expect(summaries((await due("20270301T120001Z", "20270302T000000Z")).text)).to.deep.equal([]);
    // 09:00 floating in New York is 14:00Z (before daylight saving starts on March 14th).
    expect(summaries((await due("20270310T133000Z", "20270310T143000Z")).text)).to.deep.equal(["call mum"]);
    expect(summaries((await due("20270310T083000Z", "20270310T093000Z")).text)).to.deep.equal([]);
    const now = Date.now();
    const utc = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    const modified = (start: number, end: number) => query("<c:calendar-data/>", `<c:prop-filter name="LAST-MODIFIED"><c:time-range start="${utc(start)}" end="${utc(end)}"/></c:prop-filter>`);
    expect(summaries((await modified(now - 3_600_000, now + 3_600_000)).text)).to.have.length(4);
    expect(summaries((await modified(Date.UTC(2020, 0, 1), Date.UTC(2021, 0, 1))).text)).to.deep.equal([]);
  });

  it("time-range on a recurring VTODO matches any instance's DUE; expand answers each instance in the range, in UTC", async () => {
    const range = '<c:time-range start="20270201T000000Z" end="20270215T000000Z"/>';
    const matched = await query("<c:calendar-data/>", range);
    // The series' first DUE is January 4th: its February Mondays are in the range; a VTODO without DUE matches every range.
    expect(summaries(matched.text)).to.deep.equal(["read a book", "water the plants"]);
    expect(summaries((await query("<c:calendar-data/>", '<c:time-range start="20270202T000000Z" end="20270208T000000Z"/>')).text)).to.deep.equal(["read a book"]);

    const expanded = await query('<c:calendar-data><c:expand start="20270201T000000Z" end="20270215T000000Z"/></c:calendar-data>', range);
    expect(expanded.status).to.equal(207);
    const weekly = responses(expanded.text).find((r) => r.href.includes("weekly"))!;
    expect(weekly.root!.getAllSubcomponents("vtimezone")).to.deep.equal([]);
    const instances = weekly.root!.getAllSubcomponents("vtodo");
    expect(instances.map((t) => t.getFirstProperty("recurrence-id")!.toICALString())).to.deep.equal(["RECURRENCE-ID:20270201T080000Z", "RECURRENCE-ID:20270208T080000Z"]);
    for (const t of instances) {
      expect(t.hasProperty("rrule")).to.equal(false);
      expect(t.getFirstProperty("due")!.toICALString()).to.equal(t.getFirstProperty("recurrence-id")!.toICALString().replace("RECURRENCE-ID", "DUE"));
      expect(t.getFirstPropertyValue("summary")).to.equal("water the plants");
    }

    const limited = await query('<c:calendar-data><c:limit-recurrence-set start="20270201T000000Z" end="20270215T000000Z"/></c:calendar-data>', range);
    const master = responses(limited.text).find((r) => r.href.includes("weekly"))!.root!;
    expect(master.getAllSubcomponents("vtodo").map((t) => t.hasProperty("rrule"))).to.deep.equal([true]);
  });

  it("refuses past the bounds and for what it cannot serve, with CalDAV preconditions", async () => {
    expect((await put("hourly", "SUMMARY:stretch", "DUE:20270101T000000Z", "DTSTART:20270101T000000Z", "RRULE:FREQ=HOURLY")).status).to.equal(201);
    const tooMany = await query('<c:calendar-data><c:expand start="20270101T000000Z" end="20280101T000000Z"/></c:calendar-data>');
    expect(tooMany.status).to.equal(403);
    expect(tooMany.text).to.include("max-instances").and.include(String(MAX_INSTANCES_PER_OBJECT));
    // Within the bound: a day of the hourly rule expands (24 instances).
    const day = await query('<c:calendar-data><c:expand start="20270105T000000Z" end="20270106T000000Z"/></c:calendar-data>', '<c:prop-filter name="SUMMARY"><c:text-match>stretch</c:text-match></c:prop-filter>');
    expect(day.status).to.equal(207);
    expect(responses(day.text)[0]!.root!.getAllSubcomponents("vtodo")).to.have.length(24);
    const json = await query('<c:calendar-data content-type="application/calendar+json"/>');
    expect(json.status).to.equal(403);
    expect(json.text).to.include("supported-calendar-data");
    const noEnd = await query('<c:calendar-data><c:expand start="20270101T000000Z"/></c:calendar-data>');
    expect(noEnd.status).to.equal(400);
    expect((await send("DELETE", `/dav/calendars/${list}/hourly.ics`, "")).status).to.equal(204);
  });

  it("the Python caldav library's server-side expand gets one object per instance", async () => {
    const bin = davClients();
    const bea = await davUser(bin, "dav-report-bea");
    const errands = await bea.rest.call("POST", "/lists", { name: "Errands" });
    const calendar = `${target().apiUrl}/dav/calendars/${errands.body.id}/`;
    const uid = `py-expand-${randomUUID()}`;
    const ical = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//python caldav//EN", "BEGIN:VTODO", `UID:${uid}`, "DTSTAMP:20270101T000000Z", "SUMMARY:take out the bins",
      "DTSTART:20270105T070000Z", "DUE:20270105T070000Z", "RRULE:FREQ=WEEKLY", "END:VTODO", "END:VCALENDAR"].join("\r\n");
    await bea.step("create", { calendar, ical });
    const found = await bea.step<{ todos: { data: string }[]; served: string[] }>("search_expand", { calendar, start: "2027-02-01T00:00:00Z", end: "2027-02-20T00:00:00Z" });
    const instances = (datas: string[]) => datas.flatMap((d) => new ICAL.Component(ICAL.parse(d) as unknown[]).getAllSubcomponents("vtodo"));
    const ids = (datas: string[]) => instances(datas).map((v) => v.getFirstProperty("recurrence-id")?.toICALString()).sort();
    const tuesdays = ["RECURRENCE-ID:20270202T070000Z", "RECURRENCE-ID:20270209T070000Z", "RECURRENCE-ID:20270216T070000Z"];
    expect(ids(found.todos.map((t) => t.data))).to.deep.equal(tuesdays);
    // The library widens the range by a day each side and would expand a master itself: what the server sent is already the instances.
    expect(found.served).to.have.length(1);
    expect(ids(found.served)).to.deep.equal(tuesdays);
    for (const v of instances(found.served)) expect(v.hasProperty("rrule")).to.equal(false);
  });
});
