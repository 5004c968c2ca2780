/** PROPPATCH and MKCALENDAR bodies on a list's collection: read in order, decided all or nothing (RFC 4918 9.2, RFC 4791 5.3.1). */
import { expect } from "chai";
import {
  CALENDAR_COLOR, CALENDAR_ORDER, colourFromClient, decideListProps, DISPLAYNAME, mkcalendarInstructions, orderFromPosition, positionFromOrder,
  propsResponse, proppatchInstructions, isDeadProp, MAX_DEAD_PROPS, MAX_DEAD_TOTAL_BYTES, MAX_DEAD_VALUE_BYTES, type NameCheck,
} from "../../src/domain/davProps.js";
import { element, NS, parseXml, XmlError } from "../../src/domain/davXml.js";
import { isPositionKey, positionAt } from "../../src/domain/position.js";

const NSS = 'xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:a="http://apple.com/ns/ical/" xmlns:x="urn:example"';
const update = (inner: string) => proppatchInstructions(parseXml(`<d:propertyupdate ${NSS}>${inner}</d:propertyupdate>`));
const checkName: NameCheck = (raw) => {
  const v = raw.trim();
  return v.length > 0 && v.length <= 100 ? { ok: true, value: v } : { ok: false, message: "must be 1 to 100 characters" };
};

describe("DAV list properties", () => {
  it("reads set and remove instructions in document order, whatever the prefixes", () => {
    const got = update('<d:set><d:prop><d:displayname>Work</d:displayname><a:calendar-color>#FF0000FF</a:calendar-color></d:prop></d:set><d:remove><d:prop><x:odd/></d:prop></d:remove>');
    expect(got.map((i) => [i.op, i.name, i.el.text])).to.deep.equal([["set", DISPLAYNAME, "Work"], ["set", CALENDAR_COLOR, "#FF0000FF"], ["remove", "{urn:example}odd", ""]]);
    const other = proppatchInstructions(parseXml('<P:propertyupdate xmlns:P="DAV:"><P:set><P:prop><P:displayname>A</P:displayname></P:prop></P:set></P:propertyupdate>'));
    expect(other.map((i) => i.name)).to.deep.equal([DISPLAYNAME]);
  });

  it("refuses bodies of the wrong shape (400: nothing decided)", () => {
    const bad = [
      `<d:propfind ${NSS}><d:prop><d:displayname/></d:prop></d:propfind>`,
      `<d:propertyupdate ${NSS}></d:propertyupdate>`,
      `<d:propertyupdate ${NSS}><d:set><d:displayname>A</d:displayname></d:set></d:propertyupdate>`,
      `<d:propertyupdate ${NSS}><d:set><d:prop/><d:prop/></d:set></d:propertyupdate>`,
      `<d:propertyupdate ${NSS}><x:set><d:prop><d:displayname>A</d:displayname></d:prop></x:set></d:propertyupdate>`,
    ];
    for (const body of bad) expect(() => proppatchInstructions(parseXml(body)), body).to.throw(XmlError);
    expect(() => mkcalendarInstructions(parseXml(`<c:mkcalendar ${NSS}><d:remove><d:prop><d:displayname/></d:prop></d:remove></c:mkcalendar>`))).to.throw(XmlError);
    expect(() => mkcalendarInstructions(parseXml(`<d:mkcol ${NSS}/>`))).to.throw(XmlError);
    expect(mkcalendarInstructions(parseXml(`<c:mkcalendar ${NSS}/>`))).to.deep.equal([]);
  });

  it("maps a client's colour to the list's #rrggbb, dropping the alpha", () => {
    expect(colourFromClient("#1E90FF")).to.equal("#1e90ff");
    expect(colourFromClient("#1E90FFFF")).to.equal("#1e90ff");
    expect(colourFromClient(" #abcdef80 ")).to.equal("#abcdef");
    for (const bad of ["red", "#abc", "#1e90ff1", "1e90ff", "#1e90fg", ""]) expect(colourFromClient(bad), bad).to.equal(null);
  });

  it("maps calendar-order to position keys in its order, after creation-time keys, and back", () => {
    const keys = [0, 1, 2, 10, 35, 36, 1000, 999_999_999].map((n) => positionFromOrder(String(n))!);
    for (const k of keys) expect(isPositionKey(k), k).to.equal(true);
    expect([...keys].sort()).to.deep.equal(keys);
    expect(keys.map(orderFromPosition)).to.deep.equal([0, 1, 2, 10, 35, 36, 1000, 999_999_999]);
    expect(positionAt(new Date("2100-01-01T00:00:00Z").toISOString()) < keys[0]!).to.equal(true);
    expect("01" < keys[0]!).to.equal(true);
    for (const bad of ["-1", "1.5", "1e3", "1000000000", "", "x"]) expect(positionFromOrder(bad), bad).to.equal(null);
    expect(orderFromPosition(positionAt(new Date().toISOString()))).to.equal(undefined);
    expect(orderFromPosition("01")).to.equal(undefined);
  });

  it("applies displayname, calendar-color and calendar-order together", () => {
    const d = decideListProps(update("<d:set><d:prop><d:displayname> Work </d:displayname><a:calendar-color>#FF8800FF</a:calendar-color><a:calendar-order>3</a:calendar-order></d:prop></d:set>"), false, checkName);
    expect(d.ok).to.equal(true);
    expect(d.patch).to.deep.equal({ name: "Work", colour: "#ff8800", position: positionFromOrder("3") });
    expect(d.outcomes.map((o) => [o.name, o.status])).to.deep.equal([[DISPLAYNAME, 200], [CALENDAR_COLOR, 200], [CALENDAR_ORDER, 200]]);
  });

  it("is all or nothing: one property it cannot set fails the others with 424 and writes nothing", () => {
    const d = decideListProps(update("<d:set><d:prop><d:displayname>Work</d:displayname><x:mine>kept?</x:mine><d:getetag>x</d:getetag><a:calendar-color>#00ff00</a:calendar-color></d:prop></d:set>"), false, checkName);
    expect(d.ok).to.equal(false);
    expect(d.patch).to.deep.equal({});
    expect(d.deadChanged).to.equal(false);
    expect(d.dead).to.deep.equal([]);
    expect(d.outcomes.map((o) => [o.name, o.status])).to.deep.equal([[DISPLAYNAME, 424], ["{urn:example}mine", 424], ["{DAV:}getetag", 403], [CALENDAR_COLOR, 424]]);
  });

  it("answers 409 for a value it cannot take, 403 for what Tickler computes or cannot remove", () => {
    const bad = decideListProps(update(`<d:set><d:prop><d:displayname>${"n".repeat(101)}</d:displayname><a:calendar-color>blue</a:calendar-color><a:calendar-order>-2</a:calendar-order></d:prop></d:set>`), false, checkName);
    expect(bad.outcomes.map((o) => o.status)).to.deep.equal([409, 409, 409]);
    expect(bad.outcomes[0]!.reason).to.include("displayname");
    const protectedOnes = decideListProps(update("<d:set><d:prop><d:resourcetype/><c:supported-calendar-component-set><c:comp name=\"VTODO\"/></c:supported-calendar-component-set></d:prop></d:set>"), false, checkName);
    expect(protectedOnes.outcomes.map((o) => [o.status, o.condition])).to.deep.equal([[403, "{DAV:}cannot-modify-protected-property"], [403, "{DAV:}cannot-modify-protected-property"]]);
    const removes = decideListProps(update("<d:remove><d:prop><d:displayname/><a:calendar-order/></d:prop></d:remove>"), false, checkName);
    expect(removes.outcomes.map((o) => o.status)).to.deep.equal([403, 403]);
  });

  it("removes the colour, and takes the removal of a property it does not keep as done (RFC 4918 9.2: not an error)", () => {
    const d = decideListProps(update("<d:remove><d:prop><a:calendar-color/><x:never-set/></d:prop></d:remove>"), false, checkName);
    expect(d.ok).to.equal(true);
    expect(d.patch).to.deep.equal({ colour: null });
  });

  it("processes instructions in order: a later one on the same property wins, a failure stays a failure", () => {
    const later = decideListProps(update("<d:set><d:prop><a:calendar-color>#111111</a:calendar-color></d:prop></d:set><d:remove><d:prop><a:calendar-color/></d:prop></d:remove>"), false, checkName);
    expect(later.patch).to.deep.equal({ colour: null });
    expect(later.outcomes).to.have.length(1);
    const failed = decideListProps(update("<d:set><d:prop><a:calendar-color>nope</a:calendar-color></d:prop></d:set><d:set><d:prop><a:calendar-color>#111111</a:calendar-color></d:prop></d:set>"), false, checkName);
    expect(failed.ok).to.equal(false);
    expect(failed.outcomes.map((o) => o.status)).to.deep.equal([409]);
  });

  it("MKCALENDAR takes a VTODO component set (what a list holds) and refuses others", () => {
    const mk = (inner: string) => decideListProps(mkcalendarInstructions(parseXml(`<c:mkcalendar ${NSS}><d:set><d:prop>${inner}</d:prop></d:set></c:mkcalendar>`)), true, checkName);
    const todo = mk('<d:displayname>Shopping</d:displayname><c:supported-calendar-component-set><c:comp name="VTODO"/></c:supported-calendar-component-set>');
    expect(todo.ok).to.equal(true);
    expect(todo.patch).to.deep.equal({ name: "Shopping" });
    const events = mk('<d:displayname>Shopping</d:displayname><c:supported-calendar-component-set><c:comp name="VEVENT"/><c:comp name="VTODO"/></c:supported-calendar-component-set>');
    expect(events.ok).to.equal(false);
    expect(events.outcomes.map((o) => [o.status, o.condition ?? null])).to.deep.equal([[424, null], [403, "{urn:ietf:params:xml:ns:caldav}supported-calendar-component"]]);
    // What DAVx⁵ and Apple send beside the name: kept as dead properties of the new list.
    // CDATA is text; XML reads its CRLF as LF (XML 1.0 2.11), while an escaped CR is kept and written back escaped.
    const davx = mk("<d:displayname>Work</d:displayname><c:calendar-description>Mine</c:calendar-description><c:calendar-timezone><![CDATA[BEGIN:VCALENDAR\r\nEND:VCALENDAR]]>&#13;\n</c:calendar-timezone>");
    expect(davx.ok).to.equal(true);
    expect(davx.patch).to.deep.equal({ name: "Work" });
    expect(davx.dead).to.deep.equal([{ ns: NS.caldav, name: "calendar-description", xml: "Mine", attrs: "" }, { ns: NS.caldav, name: "calendar-timezone", xml: "BEGIN:VCALENDAR\nEND:VCALENDAR&#13;\n", attrs: "" }]);
  });

  it("writes one propstat per status, with the precondition and reason, that parses", () => {
    const d = decideListProps(update("<d:set><d:prop><d:displayname>Work</d:displayname><d:getetag>x</d:getetag></d:prop></d:set>"), false, checkName);
    const xml = `<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/" xmlns:a="http://apple.com/ns/ical/">${propsResponse("/dav/calendars/a&b/", d.outcomes)}</d:multistatus>`;
    expect(xml).to.include("<d:href>/dav/calendars/a&amp;b/</d:href>").and.include("HTTP/1.1 424 Failed Dependency").and.include("HTTP/1.1 403 Forbidden")
      .and.include("<d:error><d:cannot-modify-protected-property/></d:error>");
    expect(() => parseXml(xml)).not.to.throw();
  });

  describe("dead properties (RFC 4918: kept as written)", () => {
    const mine = (xml: string) => ({ ns: "urn:example", name: "mine", xml, attrs: "" });

    it("sets, replaces in place and removes a property Tickler does not model, beside the mapped ones", () => {
      const before = [mine("old"), { ns: NS.caldav, name: "calendar-description", xml: "D", attrs: "" }];
      const d = decideListProps(update("<d:set><d:prop><d:displayname>Work</d:displayname><x:mine>new</x:mine><x:other/></d:prop></d:set><d:remove><d:prop><c:calendar-description/></d:prop></d:remove>"), false, checkName, before);
      expect(d.ok).to.equal(true);
      expect(d.patch).to.deep.equal({ name: "Work" });
      expect(d.deadChanged).to.equal(true);
      expect(d.dead).to.deep.equal([mine("new"), { ns: "urn:example", name: "other", xml: "", attrs: "" }]);
      const nothing = decideListProps(update("<d:remove><d:prop><x:never-set/></d:prop></d:remove>"), false, checkName, before);
      expect([nothing.ok, nothing.deadChanged]).to.deep.equal([true, false]);
    });

    it("keeps markup, attributes, namespaces and mixed text of a value, so it is served back the same", () => {
      const d = decideListProps(update('<d:set><d:prop><x:mine>a <b xmlns="urn:b" k="v&amp;&quot;">bold</b> &lt;c&gt; <x:e q:z="1" xmlns:q="urn:q"/>!</x:mine></d:prop></d:set>'), false, checkName);
      const xml = d.dead[0]!.xml;
      expect(xml).to.equal('a <x:b xmlns:x="urn:b" k="v&amp;&quot;">bold</x:b> &lt;c&gt; <x:e xmlns:x="urn:example" xmlns:y="urn:q" y:z="1"/>!');
      // Read back inside another document, it is the same element tree.
      const again = parseXml(`<x:mine xmlns:x="urn:example">${xml}</x:mine>`);
      const b = again.children[0]!;
      expect([b.ns, b.name, b.attrs, b.text, again.text]).to.deep.equal(["urn:b", "b", { k: "v&\"" }, "bold", "a  <c> !"]);
      expect(again.children[1]!.attrs).to.deep.equal({ "{urn:q}z": "1" });
      // The property element's own attributes (xml:lang, namespaced ones) are kept beside its content.
      const own = decideListProps(update('<d:set><d:prop><x:mine xml:lang="de" xmlns:q="urn:q" q:z="1" plain="p">Hallo</x:mine></d:prop></d:set>'), false, checkName);
      expect(own.dead[0]!.attrs).to.equal(' xml:lang="de" xmlns:y="urn:q" y:z="1" plain="p"');
      const served = parseXml(`<r xmlns:x="urn:example">${element("{urn:example}mine", own.dead[0]!.xml, own.dead[0]!.attrs)}</r>`).children[0]!;
      expect([served.attrs, served.text]).to.deep.equal([{ "{http://www.w3.org/XML/1998/namespace}lang": "de", "{urn:q}z": "1", plain: "p" }, "Hallo"]);
    });

    it("keeps a property in no namespace, and never keeps a protected or mapped one", () => {
      const d = decideListProps(proppatchInstructions(parseXml('<d:propertyupdate xmlns:d="DAV:"><d:set><d:prop><plain xmlns="">p</plain></d:prop></d:set></d:propertyupdate>')), false, checkName);
      expect(d.dead).to.deep.equal([{ ns: "", name: "plain", xml: "p", attrs: "" }]);
      expect(propsResponse("/h/", d.outcomes)).to.include("<d:prop><plain/></d:prop>");
      expect(isDeadProp(DISPLAYNAME) || isDeadProp(CALENDAR_COLOR) || isDeadProp("{DAV:}getetag") || isDeadProp("{http://calendarserver.org/ns/}getctag")).to.equal(false);
      expect(isDeadProp(`{${NS.caldav}}calendar-timezone`) && isDeadProp(`{${NS.caldav}}calendar-description`) && isDeadProp("{urn:example}mine")).to.equal(true);
    });

    it("answers 507 past a bound, fails the rest with 424 and keeps what was there", () => {
      const big = decideListProps(update(`<d:set><d:prop><d:displayname>W</d:displayname><x:mine>${"v".repeat(MAX_DEAD_VALUE_BYTES + 1)}</x:mine></d:prop></d:set>`), false, checkName, [mine("old")]);
      expect(big.ok).to.equal(false);
      expect(big.outcomes.map((o) => o.status)).to.deep.equal([424, 507]);
      expect([big.dead, big.deadChanged]).to.deep.equal([[mine("old")], false]);

      const full = Array.from({ length: MAX_DEAD_PROPS }, (_, i) => ({ ns: "urn:example", name: `p${i}`, xml: "", attrs: "" }));
      const one = decideListProps(update("<d:set><d:prop><x:mine>1</x:mine></d:prop></d:set>"), false, checkName, full);
      expect(one.outcomes.map((o) => [o.status, o.reason?.includes("MAX_DEAD_PROPS")])).to.deep.equal([[507, true]]);
      // Removing one makes room in the same request: the bounds hold for what it leaves.
      const swap = decideListProps(update("<d:remove><d:prop><x:p0/></d:prop></d:remove><d:set><d:prop><x:mine>1</x:mine></d:prop></d:set>"), false, checkName, full);
      expect([swap.ok, swap.dead.length]).to.deep.equal([true, MAX_DEAD_PROPS]);

      const heavy = [0, 1, 2, 3].map((i) => ({ ns: "urn:example", name: `h${i}`, xml: "v".repeat(MAX_DEAD_VALUE_BYTES - 100), attrs: "" }));
      const over = decideListProps(update(`<d:set><d:prop><x:mine>${"v".repeat(1000)}</x:mine></d:prop></d:set>`), false, checkName, heavy);
      expect(over.outcomes.map((o) => [o.status, o.reason?.includes("MAX_DEAD_TOTAL_BYTES")])).to.deep.equal([[507, true]]);
      expect(propsResponse("/h/", over.outcomes)).to.include("HTTP/1.1 507 Insufficient Storage");
      expect(MAX_DEAD_TOTAL_BYTES).to.equal(64 * 1024);
    });
  });
});
