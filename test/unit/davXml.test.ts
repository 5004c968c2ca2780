/** WebDAV XML bodies: namespaces resolved whatever the prefixes, and bounded (elements, depth, no DOCTYPE). */
import { expect } from "chai";
import { child, MAX_XML_DEPTH, MAX_XML_ELEMENTS, multistatus, NS, parseXml, response, XmlError } from "../../src/domain/davXml.js";

describe("DAV XML", () => {
  it("reads elements by namespace, not by prefix", () => {
    const root = parseXml('<?xml version="1.0"?><x:propfind xmlns:x="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><x:prop><x:getetag/><C:calendar-data/></x:prop></x:propfind>');
    expect(root).to.include({ ns: NS.dav, name: "propfind" });
    expect(child(root, NS.dav, "prop")!.children.map((c) => `${c.ns} ${c.name}`)).to.deep.equal(["DAV: getetag", `${NS.caldav} calendar-data`]);
  });

  it("reads text in CDATA as text", () => {
    const root = parseXml('<d:displayname xmlns:d="DAV:">Tom <![CDATA[& <Jerry>]]></d:displayname>');
    expect(root.text).to.equal("Tom & <Jerry>");
  });

  it("refuses a DOCTYPE (no entities), too many elements, too deep, and what is not XML", () => {
    const bad = [
      '<!DOCTYPE d [<!ENTITY a "aaaa">]><d:propfind xmlns:d="DAV:">&a;</d:propfind>',
      `<d:a xmlns:d="DAV:">${"<d:b/>".repeat(MAX_XML_ELEMENTS + 1)}</d:a>`,
      `${'<d:a xmlns:d="DAV:">'.repeat(MAX_XML_DEPTH + 1)}${"</d:a>".repeat(MAX_XML_DEPTH + 1)}`,
      "<d:a xmlns:d=\"DAV:\"><d:b></d:a>",
      "",
    ];
    for (const body of bad) expect(() => parseXml(body), body.slice(0, 40)).to.throw(XmlError);
  });

  it("writes a multistatus with found and missing properties, escaped", () => {
    const out = multistatus([response("/dav/calendars/a&b/", { found: new Map([[`{${NS.dav}}displayname`, "Tom &amp; Jerry"]]), missing: [`{urn:x}odd`] })], "tok<1>");
    expect(out).to.include("<d:href>/dav/calendars/a&amp;b/</d:href>").and.to.include("<d:displayname>Tom &amp; Jerry</d:displayname>")
      .and.to.include('<x:odd xmlns:x="urn:x"/>').and.to.include("HTTP/1.1 404 Not Found").and.to.include("<d:sync-token>tok&lt;1&gt;</d:sync-token>");
    expect(() => parseXml(out)).not.to.throw();
  });
});
