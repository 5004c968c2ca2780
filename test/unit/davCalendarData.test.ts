/**
 * calendar-data in a REPORT (RFC 4791 9.6, src/domain/davCalendarData.ts):
 * comp/prop selection with allcomp, allprop and novalue; expand into
 * instances in UTC; limit-recurrence-set; and the refusals and bounds.
 */
import { expect } from "chai";
import fc from "fast-check";
import ICAL from "ical.js";
import { answerShaper, MAX_INSTANCES_PER_ANSWER, readCalendarData, shapeCalendarData, WHOLE_OBJECT } from "../../src/domain/davCalendarData.js";
import { MAX_INSTANCES_PER_OBJECT, StepBudget } from "../../src/domain/davRecurrence.js";
import { parseXml, XmlError } from "../../src/domain/davXml.js";
import { CalendarDataError } from "../../src/domain/vtodo.js";

const BERLIN = [
  "BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "BEGIN:STANDARD", "DTSTART:19701025T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE",
];
const object = (...todo: string[]) => ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tickler//CalDAV//EN", ...BERLIN, "BEGIN:VTODO", "UID:u1", "DTSTAMP:20270101T000000Z", ...todo, "END:VTODO", "END:VCALENDAR", ""].join("\r\n");
const SERIES = object("SUMMARY:Water the plants", "DUE;TZID=Europe/Berlin:20270104T090000", "DTSTART;TZID=Europe/Berlin:20270104T090000", "RRULE:FREQ=DAILY",
  "STATUS:NEEDS-ACTION", "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Water", "TRIGGER;RELATED=END:-PT15M", "END:VALARM");
const request = (inner: string, attrs = "") => readCalendarData(parseXml(`<c:calendar-data xmlns:c="urn:ietf:params:xml:ns:caldav"${attrs}>${inner}</c:calendar-data>`));
const shape = (body: string, inner: string, zone = "Europe/Berlin") => new ICAL.Component(ICAL.parse(shapeCalendarData(body, request(inner), zone).body) as unknown[]);
const names = (c: InstanceType<typeof ICAL.Component>) => c.getAllProperties().map((p) => p.name);

describe("calendar-data (RFC 4791 9.6)", () => {
  it("without comp, expand or limit-recurrence-set: the object exactly as served", () => {
    expect(shapeCalendarData(SERIES, request(""), "UTC").body).to.equal(SERIES);
    expect(shapeCalendarData(SERIES, WHOLE_OBJECT, "UTC").body).to.equal(SERIES);
  });

  it("comp and prop: only the named components and properties; novalue keeps the property and its parameters without a value", () => {
    const out = shape(SERIES, '<c:comp name="VCALENDAR"><c:prop name="VERSION"/><c:comp name="VTODO"><c:prop name="UID"/><c:prop name="SUMMARY"/><c:prop name="DUE" novalue="yes"/></c:comp></c:comp>');
    expect(names(out)).to.deep.equal(["version"]);
    expect(out.getAllSubcomponents().map((c) => c.name)).to.deep.equal(["vtodo"]);
    const todo = out.getFirstSubcomponent("vtodo")!;
    expect(names(todo)).to.deep.equal(["uid", "summary", "due"]);
    expect(todo.getFirstPropertyValue("summary")).to.equal("Water the plants");
    expect(todo.getFirstProperty("due")!.getParameter("tzid")).to.equal("Europe/Berlin");
    const text = shapeCalendarData(SERIES, request('<c:comp name="VCALENDAR"><c:comp name="VTODO"><c:prop name="DUE" novalue="yes"/></c:comp></c:comp>'), "UTC").body;
    expect(text).to.include("\r\nDUE;TZID=Europe/Berlin:\r\n");
    const noAlarm = shape(SERIES, '<c:comp name="VCALENDAR"><c:comp name="VTODO"><c:prop name="UID"/><c:comp name="VEVENT"/></c:comp></c:comp>');
    expect(noAlarm.getFirstSubcomponent("vtodo")!.getAllSubcomponents(), "comp elements that name no VALARM").to.deep.equal([]);
  });

  it("allprop and allcomp, or no prop (comp) element at all: everything at that level", () => {
    const all = shape(SERIES, '<c:comp name="VCALENDAR"><c:allprop/><c:allcomp/></c:comp>');
    expect(all.toString()).to.equal(new ICAL.Component(ICAL.parse(SERIES) as unknown[]).toString());
    const todoOnly = shape(SERIES, '<c:comp name="VCALENDAR"><c:allprop/><c:comp name="VTODO"><c:allprop/><c:comp name="VALARM"><c:prop name="TRIGGER"/></c:comp></c:comp></c:comp>');
    expect(todoOnly.getAllSubcomponents("vtimezone")).to.deep.equal([]);
    expect(names(todoOnly.getFirstSubcomponent("vtodo")!)).to.include.members(["summary", "rrule", "due"]);
    expect(names(todoOnly.getFirstSubcomponent("vtodo")!.getFirstSubcomponent("valarm")!)).to.deep.equal(["trigger"]);
    const bare = shape(SERIES, '<c:comp name="VCALENDAR"><c:comp name="VTODO"><c:prop name="UID"/></c:comp></c:comp>');
    expect(names(bare), "no prop element: all the VCALENDAR's properties").to.deep.equal(["version", "prodid"]);
    expect(bare.getFirstSubcomponent("vtodo")!.getAllSubcomponents("valarm"), "no comp element under VTODO: its VALARM").to.have.length(1);
  });

  it("expand: one VTODO per instance in the range, RECURRENCE-ID, DTSTART and DUE in UTC, no RRULE, no VTIMEZONE", () => {
    const out = shape(SERIES, '<c:expand start="20270330T000000Z" end="20270402T000000Z"/>');
    expect(out.getAllSubcomponents("vtimezone")).to.deep.equal([]);
    const todos = out.getAllSubcomponents("vtodo");
    // Berlin is on summer time from March 28th: 09:00 is 07:00Z.
    expect(todos.map((t) => t.getFirstProperty("recurrence-id")!.toICALString())).to.deep.equal(["RECURRENCE-ID:20270330T070000Z", "RECURRENCE-ID:20270331T070000Z", "RECURRENCE-ID:20270401T070000Z"]);
    for (const t of todos) {
      expect(t.getFirstProperty("due")!.toICALString()).to.equal(t.getFirstProperty("recurrence-id")!.toICALString().replace("RECURRENCE-ID", "DUE"));
      expect(t.getFirstProperty("dtstart")!.toICALString()).to.equal(t.getFirstProperty("recurrence-id")!.toICALString().replace("RECURRENCE-ID", "DTSTART"));
      expect(t.hasProperty("rrule")).to.equal(false);
      expect(t.getFirstPropertyValue("uid")).to.equal("u1");
      expect(t.getAllSubcomponents("valarm")).to.have.length(1);
    }
  });

  it("expand: a VTODO without a rule is kept when its DUE is in the range (or it has none), in UTC; a floating DUE in the user's zone", () => {
    const plain = object("SUMMARY:Once", "DUE:20270105T090000");
    expect(shape(plain, '<c:expand start="20270105T000000Z" end="20270106T000000Z"/>', "America/New_York").getFirstSubcomponent("vtodo")!.getFirstProperty("due")!.toICALString()).to.equal("DUE:20270105T140000Z");
    expect(shape(plain, '<c:expand start="20270106T000000Z" end="20270107T000000Z"/>', "America/New_York").getAllSubcomponents("vtodo")).to.deep.equal([]);
    expect(shape(object("SUMMARY:Someday"), '<c:expand start="20270106T000000Z" end="20270107T000000Z"/>').getAllSubcomponents("vtodo")).to.have.length(1);
  });

  it("expand: an overridden instance replaces the one the rule makes, where the override puts it", () => {
    const body = SERIES.replace("END:VCALENDAR", ["BEGIN:VTODO", "UID:u1", "DTSTAMP:20270101T000000Z", "RECURRENCE-ID;TZID=Europe/Berlin:20270105T090000", "SUMMARY:Moved",
      "DUE;TZID=Europe/Berlin:20270105T180000", "END:VTODO", "END:VCALENDAR"].join("\r\n"));
    const todos = shape(body, '<c:expand start="20270104T000000Z" end="20270107T000000Z"/>').getAllSubcomponents("vtodo");
    expect(todos.map((t) => [t.getFirstPropertyValue("summary"), t.getFirstProperty("due")!.toICALString()])).to.deep.equal([
      ["Water the plants", "DUE:20270104T080000Z"], ["Water the plants", "DUE:20270106T080000Z"], ["Moved", "DUE:20270105T170000Z"],
    ]);
    const limited = shape(body, '<c:limit-recurrence-set start="20270201T000000Z" end="20270301T000000Z"/>').getAllSubcomponents("vtodo");
    expect(limited.map((t) => t.hasProperty("recurrence-id")), "the master only: the override is in January").to.deep.equal([false]);
    const inJanuary = shape(body, '<c:limit-recurrence-set start="20270105T000000Z" end="20270106T000000Z"/>');
    expect(inJanuary.getAllSubcomponents("vtodo")).to.have.length(2);
    expect(inJanuary.getAllSubcomponents("vtimezone"), "limit-recurrence-set keeps the VTIMEZONE").to.have.length(1);
  });

  it("expand with selection: instances first, then only the named properties", () => {
    const out = shape(SERIES, '<c:comp name="VCALENDAR"><c:comp name="VTODO"><c:prop name="RECURRENCE-ID"/><c:prop name="DUE"/></c:comp></c:comp><c:expand start="20270104T000000Z" end="20270106T000000Z"/>');
    expect(out.getAllSubcomponents("vtodo").map(names)).to.deep.equal([["due", "recurrence-id"], ["due", "recurrence-id"]]);
  });

  it("refuses another media type (supported-calendar-data), and expand without a start and a later end, or with limit-recurrence-set (400)", () => {
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err;
      }
      throw new Error("not refused");
    };
    expect((refused(() => request("", ' content-type="application/calendar+json"')) as CalendarDataError).condition).to.equal("{urn:ietf:params:xml:ns:caldav}supported-calendar-data");
    expect(refused(() => request('<c:expand start="20270104T000000Z"/>'))).to.be.instanceOf(XmlError);
    expect(refused(() => request('<c:expand start="20270104T000000Z" end="20270104T000000Z"/>'))).to.be.instanceOf(XmlError);
    expect(refused(() => request('<c:expand start="20270104T000000Z" end="20270105T000000Z"/><c:limit-recurrence-set start="20270104T000000Z" end="20270105T000000Z"/>'))).to.be.instanceOf(XmlError);
    expect(refused(() => request('<c:comp name="VTODO"/>'))).to.be.instanceOf(XmlError);
    expect(() => request("", ' content-type="text/calendar" version="2.0"')).not.to.throw();
  });

  it("bounds: more than the instances of one object answers max-instances; more than an answer's, number-of-matches-within-limits", () => {
    const hourly = object("DUE:20270101T000000Z", "RRULE:FREQ=HOURLY");
    const err = (() => {
      try {
        shapeCalendarData(hourly, request('<c:expand start="20270101T000000Z" end="20280101T000000Z"/>'), "UTC");
      } catch (e) {
        return e as CalendarDataError;
      }
      return null;
    })();
    expect(err?.condition).to.equal("{urn:ietf:params:xml:ns:caldav}max-instances");
    expect(err?.message).to.include(String(MAX_INSTANCES_PER_OBJECT));
    // Just under the object's bound each time, until the answer's is passed.
    const hours = MAX_INSTANCES_PER_OBJECT - 1;
    const end = new Date(Date.UTC(2027, 0, 1) + hours * 3_600_000).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    const shaper = answerShaper(request(`<c:expand start="20270101T000000Z" end="${end}"/>`), "UTC", new StepBudget());
    let refusal: CalendarDataError | null = null;
    let shaped = 0;
    for (let i = 0; i < Math.ceil(MAX_INSTANCES_PER_ANSWER / hours) + 1 && !refusal; i++) {
      try {
        shaper(hourly);
        shaped++;
      } catch (e) {
        refusal = e as CalendarDataError;
      }
    }
    expect(refusal?.condition).to.equal("{DAV:}number-of-matches-within-limits");
    expect(shaped * hours).to.be.at.most(MAX_INSTANCES_PER_ANSWER);
  });

  it("property: a selection returns a subset of the object's properties, in order, each as served (or empty with novalue)", () => {
    const all = ["uid", "dtstamp", "summary", "due", "dtstart", "rrule", "status"];
    fc.assert(fc.property(fc.subarray(all), fc.boolean(), (picked, novalue) => {
      const inner = picked.map((p) => `<c:prop name="${p.toUpperCase()}"${novalue ? ' novalue="yes"' : ""}/>`).join("");
      const text = shapeCalendarData(SERIES, request(`<c:comp name="VCALENDAR"><c:comp name="VTODO">${inner || "<c:allprop/>"}<c:comp name="VEVENT"/></c:comp></c:comp>`), "UTC").body;
      const lines = text.split("\r\n");
      const todo = lines.slice(lines.indexOf("BEGIN:VTODO") + 1, lines.indexOf("END:VTODO"));
      const served = SERIES.split("\r\n");
      const expected = picked.length === 0 ? all : all.filter((n) => picked.includes(n));
      expect(todo.map((l) => /^[A-Z-]+/.exec(l)![0].toLowerCase())).to.deep.equal(expected);
      for (const line of todo) {
        if (novalue && picked.length > 0) expect(line).to.match(/:$/);
        else expect(served).to.include(line);
      }
    }), { numRuns: 40 });
  });
});
