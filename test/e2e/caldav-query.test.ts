/**
 * calendar-query REPORTs with param-filter (RFC 4791 9.7.3) on the real
 * stack, over real CalDAV requests: which objects a parameter's presence,
 * absence or value selects, on client-written and served ATTENDEEs, and a
 * filter past its bounds refused as valid-filter.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import ICAL from "ical.js";
import { MAX_FILTERS } from "../../src/domain/davFilter.js";
import { apiAs, target } from "../support/stack.js";
import { join } from "../support/sharing.js";

type Api = Awaited<ReturnType<typeof apiAs>>;

async function basic(api: Api): Promise<string> {
  const created = await api.call("POST", "/me/app-passwords", { name: "query test" });
  expect(created.status).to.equal(201);
  return `Basic ${Buffer.from(`${created.body.username}:${created.body.password}`).toString("base64")}`;
}

describe("calendar-query with param-filter (e2e)", () => {
  let ada: Api;
  let auth: string;
  let list: string;

  const send = async (method: string, path: string, body: string, type: string) => {
    const res = await fetch(`${target().apiUrl}${path}`, { method, headers: { authorization: auth, "content-type": type }, body });
    return { status: res.status, text: await res.text() };
  };
  const put = (uid: string, ...props: string[]) => send("PUT", `/dav/calendars/${list}/${uid}.ics`,
    ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VTODO", `UID:${uid}`, "DTSTAMP:20270101T000000Z", ...props, "END:VTODO", "END:VCALENDAR", ""].join("\r\n"), "text/calendar");
  /** The SUMMARYs a calendar-query with `inner` inside the VTODO's comp-filter answers. */
  const query = async (inner: string) => {
    const res = await send("REPORT", `/dav/calendars/${list}/`,
      `<?xml version="1.0"?><c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><c:calendar-data/></d:prop>`
      + `<c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VTODO">${inner}</c:comp-filter></c:comp-filter></c:filter></c:calendar-query>`,
      "application/xml; charset=utf-8");
    if (res.status !== 207) return { status: res.status, text: res.text, titles: [] as string[] };
    const datas = [...res.text.matchAll(/<c:calendar-data>([\s\S]*?)<\/c:calendar-data>/g)].map((m) => m[1]!.replace(/&#13;/g, "\r").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"'));
    const titles = datas.map((d) => String(new ICAL.Component(ICAL.parse(d)).getFirstSubcomponent("vtodo")!.getFirstPropertyValue("summary"))).sort();
    return { status: res.status, text: res.text, titles };
  };

  before(async () => {
    ada = await apiAs(`dav-query-ada-${randomUUID()}`);
    const bob = await apiAs(`dav-query-bob-${randomUUID()}`);
    auth = await basic(ada);
    list = (await ada.call("POST", "/lists", { name: "Team" })).body.id as string;
    await join(ada, list, bob, "editor");
    for (const [uid, props] of [
      ["accepted", ["SUMMARY:accepted", "ATTENDEE;CN=Eve;PARTSTAT=ACCEPTED:mailto:eve@example.com"]],
      ["declined", ["SUMMARY:declined", "ATTENDEE;CN=Eve;PARTSTAT=DECLINED:mailto:eve@example.com"]],
      ["no-partstat", ["SUMMARY:no partstat", "ATTENDEE;CN=Eve:mailto:eve@example.com"]],
      ["none", ["SUMMARY:no attendee"]],
    ] as const) expect((await put(`${uid}-${randomUUID()}`, ...props)).status, uid).to.equal(201);
    // Served by Tickler: the assignee's ATTENDEE (SCHEDULE-AGENT=NONE), in this shared list.
    expect((await ada.call("POST", "/tasks", { title: "assigned to bob", listId: list, assigneeId: bob.user })).status).to.equal(201);
  });

  it("selects by a parameter's presence, absence and value, on the same property as the prop-filter's text-match", async () => {
    const attendee = (param: string) => `<c:prop-filter name="ATTENDEE">${param}</c:prop-filter>`;
    expect((await query(attendee('<c:param-filter name="PARTSTAT"/>'))).titles).to.deep.equal(["accepted", "declined"]);
    expect((await query(attendee('<c:param-filter name="PARTSTAT"><c:is-not-defined/></c:param-filter>'))).titles).to.deep.equal(["assigned to bob", "no partstat"]);
    expect((await query(attendee('<c:param-filter name="PARTSTAT"><c:text-match>accepted</c:text-match></c:param-filter>'))).titles).to.deep.equal(["accepted"]);
    expect((await query(attendee('<c:param-filter name="PARTSTAT"><c:text-match negate-condition="yes">ACCEPTED</c:text-match></c:param-filter>'))).titles).to.deep.equal(["declined"]);
    expect((await query(attendee('<c:param-filter name="SCHEDULE-AGENT"><c:text-match collation="i;octet">NONE</c:text-match></c:param-filter>'))).titles).to.deep.equal(["assigned to bob"]);
    // The text-match and the param-filter hold for one ATTENDEE: Eve's address with a PARTSTAT.
    expect((await query(attendee('<c:text-match>mailto:eve</c:text-match><c:param-filter name="PARTSTAT"/>'))).titles).to.deep.equal(["accepted", "declined"]);
    expect((await query(attendee('<c:text-match>urn:x-tickler</c:text-match><c:param-filter name="PARTSTAT"/>'))).titles).to.deep.equal([]);
  });

  it("refuses a filter past its bounds with 403 valid-filter", async () => {
    const tooMany = `<c:prop-filter name="ATTENDEE">${'<c:param-filter name="CN"/>'.repeat(MAX_FILTERS)}</c:prop-filter>`;
    const refused = await query(tooMany);
    expect(refused.status).to.equal(403);
    expect(refused.text).to.include("valid-filter");
  });
});
