/**
 * The calendar-query filter (RFC 4791 9.7, src/domain/davFilter.ts): comp-,
 * prop- and param-filters, is-not-defined, text-match with its collations and
 * negation, time-range on DUE, and the bounds a filter is read within.
 */
import { expect } from "chai";
import ICAL from "ical.js";
import { matchesFilter, MAX_FILTERS, MAX_TEXT_MATCH, readFilter } from "../../src/domain/davFilter.js";
import { parseXml } from "../../src/domain/davXml.js";
import { CalendarDataError } from "../../src/domain/vtodo.js";

const object = (...props: string[]) => new ICAL.Component(ICAL.parse(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN", "BEGIN:VTODO", "UID:u1", "DTSTAMP:20270101T000000Z", ...props, "END:VTODO", "END:VCALENDAR", ""].join("\r\n")));
/** A filter on the VTODO of a VCALENDAR, `inner` inside the VTODO's comp-filter. */
const filter = (inner: string) => readFilter(parseXml(`<c:filter xmlns:c="urn:ietf:params:xml:ns:caldav"><c:comp-filter name="VCALENDAR"><c:comp-filter name="VTODO">${inner}</c:comp-filter></c:comp-filter></c:filter>`));

const ASSIGNED = object("SUMMARY:Mow the lawn", "ATTENDEE;CN=Bob;PARTSTAT=ACCEPTED:urn:x-tickler:user:bob", "ATTENDEE;CN=Eve;PARTSTAT=DECLINED;DELEGATED-TO=\"mailto:a@x\",\"mailto:b@x\":mailto:eve@example.com", "CATEGORIES:home,garden");
const PLAIN = object("SUMMARY:Pay rent", "CATEGORIES:money");
const match = (inner: string, obj = ASSIGNED, due: string | null = null) => matchesFilter(filter(inner), obj, due);

describe("calendar-query filter", () => {
  it("param-filter: a parameter that exists, or with is-not-defined does not, on the property the prop-filter names", () => {
    expect(match('<c:prop-filter name="ATTENDEE"><c:param-filter name="PARTSTAT"/></c:prop-filter>')).to.equal(true);
    expect(match('<c:prop-filter name="ATTENDEE"><c:param-filter name="ROLE"/></c:prop-filter>')).to.equal(false);
    expect(match('<c:prop-filter name="ATTENDEE"><c:param-filter name="ROLE"><c:is-not-defined/></c:param-filter></c:prop-filter>')).to.equal(true);
    expect(match('<c:prop-filter name="ATTENDEE"><c:param-filter name="CN"><c:is-not-defined/></c:param-filter></c:prop-filter>')).to.equal(false);
    expect(match('<c:prop-filter name="ATTENDEE"><c:param-filter name="PARTSTAT"/></c:prop-filter>', PLAIN), "no such property").to.equal(false);
  });

  it("param-filter with text-match: the parameter's value (any of a list's), case-insensitive unless i;octet, negated on request", () => {
    expect(match('<c:prop-filter name="ATTENDEE"><c:param-filter name="PARTSTAT"><c:text-match>accepted</c:text-match></c:param-filter></c:prop-filter>')).to.equal(true);
    expect(match('<c:prop-filter name="ATTENDEE"><c:param-filter name="PARTSTAT"><c:text-match collation="i;octet">accepted</c:text-match></c:param-filter></c:prop-filter>')).to.equal(false);
    expect(match('<c:prop-filter name="ATTENDEE"><c:param-filter name="PARTSTAT"><c:text-match>TENTATIVE</c:text-match></c:param-filter></c:prop-filter>')).to.equal(false);
    expect(match('<c:prop-filter name="ATTENDEE"><c:param-filter name="DELEGATED-TO"><c:text-match>mailto:b@x</c:text-match></c:param-filter></c:prop-filter>')).to.equal(true);
    // Negated: some ATTENDEE whose PARTSTAT is not DECLINED (Bob's).
    expect(match('<c:prop-filter name="ATTENDEE"><c:param-filter name="PARTSTAT"><c:text-match negate-condition="yes">DECLINED</c:text-match></c:param-filter></c:prop-filter>')).to.equal(true);
    expect(match('<c:prop-filter name="ATTENDEE"><c:param-filter name="PARTSTAT"><c:text-match negate-condition="yes">ed</c:text-match></c:param-filter></c:prop-filter>'), "ACCEPTED and DECLINED both end in ED").to.equal(false);
  });

  it("the property's text-match and all its param-filters hold for the same property", () => {
    const both = (value: string, partstat: string) =>
      `<c:prop-filter name="ATTENDEE"><c:text-match>${value}</c:text-match><c:param-filter name="PARTSTAT"><c:text-match>${partstat}</c:text-match></c:param-filter></c:prop-filter>`;
    expect(match(both("urn:x-tickler:user:bob", "ACCEPTED"))).to.equal(true);
    expect(match(both("mailto:eve", "DECLINED"))).to.equal(true);
    expect(match(both("urn:x-tickler:user:bob", "DECLINED")), "Bob accepted; Eve declined, but Eve is not Bob").to.equal(false);
    const twoParams = '<c:prop-filter name="ATTENDEE"><c:param-filter name="CN"><c:text-match>bob</c:text-match></c:param-filter><c:param-filter name="DELEGATED-TO"/></c:prop-filter>';
    expect(match(twoParams), "Bob has no DELEGATED-TO; Eve's CN is not Bob").to.equal(false);
  });

  it("keeps what it did before: prop-filters, is-not-defined, text-match, comp is-not-defined", () => {
    expect(match('<c:prop-filter name="SUMMARY"><c:text-match>LAWN</c:text-match></c:prop-filter>')).to.equal(true);
    expect(match('<c:prop-filter name="SUMMARY"><c:text-match>LAWN</c:text-match></c:prop-filter>', PLAIN)).to.equal(false);
    expect(match('<c:prop-filter name="DESCRIPTION"><c:is-not-defined/></c:prop-filter>')).to.equal(true);
    expect(match('<c:prop-filter name="CATEGORIES"><c:text-match>garden</c:text-match></c:prop-filter>')).to.equal(true);
    expect(match('<c:comp-filter name="VALARM"><c:is-not-defined/></c:comp-filter>')).to.equal(true);
    expect(match('<c:comp-filter name="VALARM"/>')).to.equal(false);
  });

  it("time-range on a VTODO's DUE: start <= DUE < end; a VTODO without DUE matches every range", () => {
    const range = '<c:time-range start="20270301T000000Z" end="20270302T000000Z"/>';
    expect(match(range, PLAIN, "2027-03-01T08:00:00.000Z")).to.equal(true);
    expect(match(range, PLAIN, "2027-03-02T00:00:00.000Z")).to.equal(false);
    expect(match(range, PLAIN, null)).to.equal(true);
    expect(match('<c:time-range start="20270301T000000Z"/>', PLAIN, "2027-03-01T00:00:00.000Z"), "open end").to.equal(true);
  });

  it("refuses, as valid-filter, a filter past its bounds, a filter without a name and a time that is not one", () => {
    const refused = (inner: string) => {
      try {
        filter(inner);
      } catch (err) {
        expect(err).to.be.instanceOf(CalendarDataError);
        expect((err as CalendarDataError).condition).to.equal("{urn:ietf:params:xml:ns:caldav}valid-filter");
        return (err as Error).message;
      }
      throw new Error("not refused");
    };
    // Two comp-filters are the VCALENDAR's and the VTODO's: these fill the bound exactly, one more is past it.
    const params = (n: number) => `<c:prop-filter name="ATTENDEE">${'<c:param-filter name="CN"/>'.repeat(n)}</c:prop-filter>`;
    expect(() => filter(params(MAX_FILTERS - 3))).not.to.throw();
    expect(refused(params(MAX_FILTERS - 2))).to.include(`at most ${MAX_FILTERS}`);
    expect(() => filter(`<c:prop-filter name="SUMMARY"><c:text-match>${"a".repeat(MAX_TEXT_MATCH)}</c:text-match></c:prop-filter>`)).not.to.throw();
    expect(refused(`<c:prop-filter name="SUMMARY"><c:text-match>${"a".repeat(MAX_TEXT_MATCH + 1)}</c:text-match></c:prop-filter>`)).to.include(`${MAX_TEXT_MATCH} characters`);
    expect(refused('<c:prop-filter name="ATTENDEE"><c:param-filter name=" "/></c:prop-filter>')).to.include("param-filter needs a name");
    expect(refused('<c:time-range start="yesterday"/>')).to.include("UTC date-times");
  });
});
