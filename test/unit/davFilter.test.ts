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

  it("time-range in a prop-filter: a DATE-TIME at start <= value < end, a floating one in the user's zone, a DATE by its whole day", () => {
    const todo = object("DUE;TZID=Europe/Berlin:20270301T090000", "COMPLETED:20270302T120000Z", "DTSTART:20270301T090000", "X-DAY;VALUE=DATE:20270310", "SUMMARY:not a date");
    const prop = (name: string, start: string, end: string, zone = "UTC") =>
      matchesFilter(filter(`<c:prop-filter name="${name}"><c:time-range start="${start}" end="${end}"/></c:prop-filter>`), todo, null, zone);
    expect(prop("DUE", "20270301T080000Z", "20270301T080001Z"), "09:00 Berlin is 08:00Z").to.equal(true);
    expect(prop("DUE", "20270301T080001Z", "20270302T000000Z")).to.equal(false);
    expect(prop("DUE", "20270301T000000Z", "20270301T080000Z"), "the end is not in the range").to.equal(false);
    expect(prop("COMPLETED", "20270302T000000Z", "20270303T000000Z")).to.equal(true);
    expect(prop("COMPLETED", "20270303T000000Z", "20270304T000000Z")).to.equal(false);
    expect(prop("DTSTART", "20270301T140000Z", "20270301T140001Z", "America/New_York"), "floating 09:00 in New York").to.equal(true);
    expect(prop("DTSTART", "20270301T090000Z", "20270301T090001Z", "America/New_York")).to.equal(false);
    expect(prop("X-DAY", "20270310T230000Z", "20270311T000000Z"), "the day's last hour").to.equal(true);
    expect(prop("X-DAY", "20270311T000000Z", "20270312T000000Z")).to.equal(false);
    expect(prop("SUMMARY", "20000101T000000Z", "21000101T000000Z"), "not a date").to.equal(false);
    expect(prop("LAST-MODIFIED", "20000101T000000Z", "21000101T000000Z"), "absent").to.equal(false);
    expect(matchesFilter(filter('<c:prop-filter name="COMPLETED"><c:time-range start="20270302T000000Z"/></c:prop-filter>'), todo, null), "open end").to.equal(true);
  });

  it("time-range on a recurring VTODO: any instance's DUE in the range (not only the current one's)", () => {
    const series = object("DUE;TZID=Europe/Berlin:20270104T090000", "DTSTART;TZID=Europe/Berlin:20270104T090000", "RRULE:FREQ=WEEKLY;COUNT=10");
    const due = "2027-01-04T08:00:00.000Z";
    const range = (start: string, end: string) => matchesFilter(filter(`<c:time-range start="${start}" end="${end}"/>`), series, due, "UTC");
    expect(range("20270201T000000Z", "20270202T000000Z"), "the 5th Monday").to.equal(true);
    expect(range("20270202T000000Z", "20270208T000000Z"), "between two instances").to.equal(false);
    expect(range("20270401T000000Z", "20270501T000000Z"), "past the tenth").to.equal(false);
    expect(range("20261201T000000Z", "20270104T080000Z"), "before the first").to.equal(false);
    const never = object("DUE:20270101T000000Z", "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30");
    expect(matchesFilter(filter('<c:time-range start="20300101T000000Z" end="20300102T000000Z"/>'), never, "2027-01-01T00:00:00.000Z"), "past the walk's bound: kept").to.equal(true);
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
