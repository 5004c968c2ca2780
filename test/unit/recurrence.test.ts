/** Recurrence in wall-clock time of a zone, across DST changes and month ends. */
import { expect } from "chai";
import { DateTime } from "luxon";
import { canonicalRule, occurrencesAfter, RuleError } from "../../src/domain/recurrence.js";

const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone: "utc" }).setZone(zone).toFormat("yyyy-MM-dd HH:mm ccc");

describe("recurrence", () => {
  it("refuses series shorter than hourly, in RRULE and in words", () => {
    for (const rule of ["FREQ=SECONDLY", "FREQ=MINUTELY;INTERVAL=30", "every minute"]) {
      expect(() => canonicalRule(rule), rule).to.throw(RuleError, /at most hourly/);
    }
    expect(canonicalRule("FREQ=HOURLY;INTERVAL=2")).to.equal("FREQ=HOURLY;INTERVAL=2");
  });

  it("refuses a rule that can never match, which rrule would walk to the year 9999 (ADR 0020)", () => {
    const never = {
      "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30": /matches no date/,
      "FREQ=HOURLY;BYMONTH=4;BYMONTHDAY=31": /matches no date/,
      "FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30": /matches no date/,
      "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31": /matches no date/,
      "FREQ=DAILY;BYWEEKNO=53;BYMONTH=2": /matches no date/,
      "FREQ=MONTHLY;BYDAY=6MO": /matches no date/,
      "FREQ=MONTHLY;BYSETPOS=40;BYDAY=MO": /matches no date/,
      "FREQ=MONTHLY;BYDAY=5MO;BYMONTH=2;BYMONTHDAY=1": /matches no date/,
      "FREQ=DAILY;INTERVAL=7;BYDAY=MO": /whole weeks/,
      "FREQ=HOURLY;INTERVAL=24;BYHOUR=10": /factor in common with 24/,
      "FREQ=HOURLY;INTERVAL=12;BYHOUR=9": /factor in common with 24/,
      "FREQ=MONTHLY;INTERVAL=12;BYMONTH=2": /factor in common with 12/,
      "FREQ=MONTHLY;INTERVAL=3;BYMONTH=1,4,7,10": /factor in common with 12/,
      "FREQ=DAILY;INTERVAL=3;BYMONTH=2;BYMONTHDAY=29": /INTERVAL above 1/,
      "FREQ=WEEKLY;INTERVAL=2;BYMONTH=12": /INTERVAL above 1/,
      "FREQ=WEEKLY;BYDAY=1MO": /MONTHLY or YEARLY/,
      "FREQ=DAILY;BYSETPOS=1;BYHOUR=9,10": /MONTHLY or YEARLY/,
      "FREQ=YEARLY;BYEASTER=0": /RFC 5545/,
    };
    for (const [rule, why] of Object.entries(never)) expect(() => canonicalRule(rule), rule).to.throw(RuleError, why);
    // Rare but real dates stay: a leap day, a fifth Monday in February, week 53, the 366th day, the last weekday.
    for (const rule of ["FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", "FREQ=MONTHLY;BYDAY=+5MO;BYMONTH=2", "FREQ=YEARLY;BYWEEKNO=53;BYDAY=TH",
      "FREQ=YEARLY;BYYEARDAY=366", "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR", "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=DAILY;INTERVAL=2;BYDAY=MO", "FREQ=HOURLY;INTERVAL=5;BYHOUR=9,14",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR", "FREQ=MONTHLY;INTERVAL=5;BYMONTH=1,6"]) {
      expect(canonicalRule(rule), rule).to.equal(rule);
    }
    expect(occurrencesAfter("FREQ=MONTHLY;BYDAY=+5MO;BYMONTH=2", "2026-02-02T09:00:00Z", "UTC", new Date("2026-02-02T09:00:00Z"), 2))
      .to.deep.equal(["2044-02-29T09:00:00.000Z", "2072-02-29T09:00:00.000Z"]);
  });

  it("keeps 09:00 Europe/Berlin across the March and October DST changes", () => {
    const start = DateTime.fromISO("2026-03-26T09:00", { zone: "Europe/Berlin" }).toUTC().toISO()!;
    const days = occurrencesAfter("FREQ=DAILY", start, "Europe/Berlin", new Date(Date.parse(start) - 1), 5);
    expect(days.map((d) => local(d, "Europe/Berlin"))).to.deep.equal([
      "2026-03-26 09:00 Thu", "2026-03-27 09:00 Fri", "2026-03-28 09:00 Sat", "2026-03-29 09:00 Sun", "2026-03-30 09:00 Mon",
    ]);
    // The UTC instant moves by an hour when summer time starts (29 March).
    expect(days.slice(2, 4)).to.deep.equal(["2026-03-28T08:00:00.000Z", "2026-03-29T07:00:00.000Z"]);
    const autumn = DateTime.fromISO("2026-10-24T09:00", { zone: "Europe/Berlin" }).toUTC().toISO()!;
    const october = occurrencesAfter("FREQ=DAILY", autumn, "Europe/Berlin", new Date(Date.parse(autumn) - 1), 3);
    expect(october).to.deep.equal(["2026-10-24T07:00:00.000Z", "2026-10-25T08:00:00.000Z", "2026-10-26T08:00:00.000Z"]);
  });

  it("keeps weekly 18:30 America/New_York across its own (earlier) DST change", () => {
    const start = DateTime.fromISO("2026-03-02T18:30", { zone: "America/New_York" }).toUTC().toISO()!;
    const weeks = occurrencesAfter("FREQ=WEEKLY;BYDAY=MO", start, "America/New_York", new Date(Date.parse(start) - 1), 3);
    expect(weeks.map((d) => local(d, "America/New_York"))).to.deep.equal(["2026-03-02 18:30 Mon", "2026-03-09 18:30 Mon", "2026-03-16 18:30 Mon"]);
    expect(weeks[0]).to.equal("2026-03-02T23:30:00.000Z");
    expect(weeks[1]).to.equal("2026-03-09T22:30:00.000Z");
  });

  it("moves a wall-clock time that does not exist forward by the gap", () => {
    const start = DateTime.fromISO("2026-03-28T02:30", { zone: "Europe/Berlin" }).toUTC().toISO()!;
    const [, skipped] = occurrencesAfter("FREQ=DAILY", start, "Europe/Berlin", new Date(Date.parse(start) - 1), 2);
    expect(local(skipped!, "Europe/Berlin")).to.equal("2026-03-29 03:30 Sun");
  });

  it("skips months without the day for BYMONTHDAY=31 and takes the last day for -1", () => {
    const start = "2026-01-31T08:00:00.000Z";
    expect(occurrencesAfter("FREQ=MONTHLY;BYMONTHDAY=31", start, "UTC", new Date(0), 4)).to.deep.equal([
      "2026-01-31T08:00:00.000Z", "2026-03-31T08:00:00.000Z", "2026-05-31T08:00:00.000Z", "2026-07-31T08:00:00.000Z",
    ]);
    expect(occurrencesAfter("FREQ=MONTHLY;BYMONTHDAY=-1", start, "UTC", new Date(0), 4)).to.deep.equal([
      "2026-01-31T08:00:00.000Z", "2026-02-28T08:00:00.000Z", "2026-03-31T08:00:00.000Z", "2026-04-30T08:00:00.000Z",
    ]);
  });

  it("ends a series at COUNT and at UNTIL", () => {
    const start = "2026-05-01T10:00:00.000Z";
    expect(occurrencesAfter("FREQ=DAILY;COUNT=3", start, "UTC", new Date(0), 10)).to.have.length(3);
    expect(occurrencesAfter("FREQ=DAILY;COUNT=3", start, "UTC", new Date("2026-05-02T12:00:00Z"), 10)).to.deep.equal(["2026-05-03T10:00:00.000Z"]);
    expect(occurrencesAfter("FREQ=DAILY;UNTIL=20260503T100000Z", start, "UTC", new Date(0), 10)).to.deep.equal([
      "2026-05-01T10:00:00.000Z", "2026-05-02T10:00:00.000Z", "2026-05-03T10:00:00.000Z",
    ]);
  });

  it("answers only occurrences strictly after the given instant", () => {
    const start = "2026-05-01T10:00:00.000Z";
    expect(occurrencesAfter("FREQ=DAILY", start, "UTC", new Date(start), 1)).to.deep.equal(["2026-05-02T10:00:00.000Z"]);
  });

  it("stores English rules as canonical RRULEs", () => {
    expect(canonicalRule("every weekday at 9am")).to.equal("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9");
    expect(canonicalRule("RRULE:freq=monthly;bymonthday=-1")).to.equal("FREQ=MONTHLY;BYMONTHDAY=-1");
  });
});
