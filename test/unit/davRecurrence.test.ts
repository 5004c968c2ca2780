/**
 * The instances of a served VTODO's recurrence set in a range
 * (src/domain/davRecurrence.ts): wall-clock iteration in the value's zone,
 * floating times in the user's zone, UNTIL, COUNT, EXDATE and RDATE, and the
 * bounds that keep any rule from walking long.
 */
import { expect } from "chai";
import fc from "fast-check";
import ICAL from "ical.js";
import { instancesIn, MAX_INSTANCES_PER_OBJECT, MAX_RECURRENCE_STEPS, MAX_RECURRENCE_STEPS_PER_ANSWER, StepBudget } from "../../src/domain/davRecurrence.js";

const root = (...props: string[]) => new ICAL.Component(ICAL.parse(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN", "BEGIN:VTODO", "UID:u1", ...props, "END:VTODO", "END:VCALENDAR", ""].join("\r\n")));
const run = (zone: string, range: { start?: number; end?: number }, ...props: string[]) => {
  const r = root(...props);
  return instancesIn(r.getFirstSubcomponent("vtodo")!, { zone, root: r }, range);
};
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe("recurrence instances (expand, time-range)", () => {
  it("a daily rule on DUE with a TZID keeps its wall-clock time across a daylight saving change", () => {
    const { instances, truncated } = run("UTC", { start: at("2027-03-26T00:00:00Z"), end: at("2027-03-30T00:00:00Z") },
      "DTSTART;TZID=Europe/Berlin:20270301T090000", "DUE;TZID=Europe/Berlin:20270301T090000", "RRULE:FREQ=DAILY");
    expect(truncated).to.equal(false);
    expect(instances.map((i) => iso(i.due))).to.deep.equal(["2027-03-26T08:00:00.000Z", "2027-03-27T08:00:00.000Z", "2027-03-28T07:00:00.000Z", "2027-03-29T07:00:00.000Z"]);
  });

  it("a floating DUE is placed in the user's zone; a DUE without DTSTART is the anchor", () => {
    const { instances } = run("America/New_York", { start: at("2027-01-01T00:00:00Z"), end: at("2027-01-20T00:00:00Z") }, "DUE:20270105T090000", "RRULE:FREQ=WEEKLY");
    expect(instances.map((i) => iso(i.due))).to.deep.equal(["2027-01-05T14:00:00.000Z", "2027-01-12T14:00:00.000Z", "2027-01-19T14:00:00.000Z"]);
  });

  it("UNTIL (an instant, or a whole day for a date), COUNT and EXDATE end or thin the set; RDATE adds to it", () => {
    const all = { start: at("2027-01-01T00:00:00Z"), end: at("2028-01-01T00:00:00Z") };
    const dues = (...props: string[]) => run("UTC", all, "DTSTART:20270101T090000Z", "DUE:20270101T090000Z", ...props).instances.map((i) => iso(i.due)!.slice(0, 10));
    expect(dues("RRULE:FREQ=DAILY;UNTIL=20270103T090000Z")).to.deep.equal(["2027-01-01", "2027-01-02", "2027-01-03"]);
    expect(dues("RRULE:FREQ=DAILY;UNTIL=20270103")).to.deep.equal(["2027-01-01", "2027-01-02", "2027-01-03"]);
    expect(dues("RRULE:FREQ=DAILY;COUNT=2")).to.deep.equal(["2027-01-01", "2027-01-02"]);
    expect(dues("RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20270102T090000Z")).to.deep.equal(["2027-01-01", "2027-01-03"]);
    expect(dues("RRULE:FREQ=DAILY;COUNT=2", "RDATE:20270610T090000Z")).to.deep.equal(["2027-01-01", "2027-01-02", "2027-06-10"]);
  });

  it("an instance's DUE keeps the master's distance from DTSTART", () => {
    const { instances } = run("UTC", { start: at("2027-01-08T00:00:00Z"), end: at("2027-01-09T00:00:00Z") }, "DTSTART:20270101T090000Z", "DUE:20270101T170000Z", "RRULE:FREQ=DAILY");
    expect(instances.map((i) => [iso(i.start), iso(i.due)])).to.deep.equal([["2027-01-08T09:00:00.000Z", "2027-01-08T17:00:00.000Z"]]);
  });

  it("stops, saying so, past the instances of one object or the walk's bound: an hourly rule, a rule that never matches", () => {
    const hourly = run("UTC", { start: at("2027-01-01T00:00:00Z"), end: at("2028-01-01T00:00:00Z") }, "DUE:20270101T000000Z", "RRULE:FREQ=HOURLY");
    expect(hourly.truncated).to.equal(true);
    expect(hourly.instances).to.have.length(MAX_INSTANCES_PER_OBJECT);
    // February 30th never comes: rrule.js would walk to the year 9999, this walk stops at its bound.
    const began = Date.now();
    const never = run("UTC", { start: at("2027-01-01T00:00:00Z"), end: at("2028-01-01T00:00:00Z") }, "DUE:20270101T000000Z", "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30");
    // DTSTART (here DUE) is always the set's first instance (RFC 5545 3.8.5.3), matching the rule or not.
    expect(never.instances.map((i) => iso(i.due))).to.deep.equal(["2027-01-01T00:00:00.000Z"]);
    expect(never.truncated).to.equal(true);
    expect(Date.now() - began).to.be.below(5_000);
    const secondly = run("UTC", { start: at("2030-01-01T00:00:00Z"), end: at("2030-01-02T00:00:00Z") }, "DUE:20270101T000000Z", "RRULE:FREQ=SECONDLY");
    expect(secondly.truncated, "years of seconds before the range").to.equal(true);
  });

  it("property: any rule, however it combines its parts, walks within the object's bound and the answer's budget", () => {
    const parts = ["BYMONTH=2", "BYMONTHDAY=30", "BYMONTHDAY=-31", "BYDAY=5MO", "BYDAY=-5FR", "BYDAY=MO", "BYYEARDAY=366", "BYWEEKNO=53", "BYWEEKNO=1",
      "BYSETPOS=6", "BYSETPOS=-1", "BYHOUR=23", "BYMINUTE=59", "INTERVAL=999", "COUNT=999", "BYMONTH=4"];
    fc.assert(fc.property(fc.constantFrom("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"), fc.uniqueArray(fc.constantFrom(...parts), { maxLength: 4 }), (freq, picked) => {
      const r = root("DUE:20270101T000000Z", `RRULE:${["FREQ=" + freq, ...picked].join(";")}`);
      const budget = new StepBudget();
      const { instances } = instancesIn(r.getFirstSubcomponent("vtodo")!, { zone: "UTC", root: r }, { start: at("2030-01-01T00:00:00Z"), end: at("2031-01-01T00:00:00Z") }, MAX_INSTANCES_PER_OBJECT, budget);
      expect(instances.length).to.be.at.most(MAX_INSTANCES_PER_OBJECT);
      expect(budget.left).to.be.at.least(MAX_RECURRENCE_STEPS_PER_ANSWER - MAX_RECURRENCE_STEPS - 7 * 999);
    }), { numRuns: 40 });
    // A spent budget walks no further: the next object is cut short at once.
    const r = root("DUE:20270101T000000Z", "RRULE:FREQ=DAILY");
    expect(instancesIn(r.getFirstSubcomponent("vtodo")!, { zone: "UTC", root: r }, { start: at("2027-06-01T00:00:00Z"), end: at("2027-07-01T00:00:00Z") }, MAX_INSTANCES_PER_OBJECT, new StepBudget(0)).truncated).to.equal(true);
  });

  it("property: every instance lies in the range, in order, and a daily rule yields one per day of it", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 60 }), (offsetDays, days) => {
      const start = at("2027-01-01T00:00:00Z") + offsetDays * 86_400_000;
      const end = start + days * 86_400_000;
      const { instances, truncated } = run("Europe/Berlin", { start, end }, "DUE:20270101T120000", "RRULE:FREQ=DAILY");
      expect(truncated).to.equal(false);
      expect(instances).to.have.length(days);
      for (const [n, i] of instances.entries()) {
        expect(i.due).to.be.at.least(start).and.below(end);
        if (n > 0) expect(i.due!).to.be.above(instances[n - 1]!.due!);
      }
    }), { numRuns: 50 });
  });
});
