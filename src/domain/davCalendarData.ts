/**
 * What a REPORT's CALDAV:calendar-data element asks of each object (RFC 4791
 * 9.6): a selection of components and properties (`comp`, `allcomp`, `prop`,
 * `allprop`, `novalue`), the recurrence set `expand`ed into instances or
 * limited to the overrides that affect a range (`limit-recurrence-set`).
 * Read once from the request (bounded by the XML bounds), then applied to
 * each served object over ical.js's component tree. Pure.
 * What a selection with no prop (or comp) elements means: docs/caldav.md#calendar-data-selection-and-recurrence.
 */
import ICAL from "ical.js";
import { child, children, NS, XmlError, type XmlElement } from "./davXml.js";
import { CalendarDataError } from "./vtodo.js";
import { parseUtc } from "./davFilter.js";
import { inRange, instancesIn, isRecurring, MAX_INSTANCES_PER_OBJECT, MAX_RECURRENCE_STEPS, MAX_RECURRENCE_STEPS_PER_ANSWER, StepBudget, type Instance, type Range } from "./davRecurrence.js";
import { instantOfProperty, type Component, type TimeContext } from "./davTime.js";

export interface PropSelection {
  /** Lower case, as jCal names properties. */
  name: string;
  novalue: boolean;
}
export interface CompSelection {
  name: string;
  /** "all": allprop, or no prop element at all. */
  props: PropSelection[] | "all";
  /** "all": allcomp, or no comp element at all. */
  comps: CompSelection[] | "all";
}
export interface CalendarDataRequest {
  select: CompSelection | null;
  expand: Required<Range> | null;
  limitRecurrenceSet: Required<Range> | null;
}

export const WHOLE_OBJECT: CalendarDataRequest = { select: null, expand: null, limitRecurrenceSet: null };

const C = (el: XmlElement, name: string) => child(el, NS.caldav, name);
const nameOf = (el: XmlElement): string => {
  const name = (el.attrs.name ?? "").trim().toLowerCase();
  if (name === "") throw new XmlError(`a CALDAV:${el.name} needs a name`);
  return name;
};

/** The calendar-data element of a REPORT's prop; a refusal for a media type other than iCalendar 2.0 or a malformed range. */
export function readCalendarData(el: XmlElement): CalendarDataRequest {
  const type = el.attrs["content-type"];
  const version = el.attrs.version;
  if ((type !== undefined && type.trim().toLowerCase() !== "text/calendar") || (version !== undefined && version.trim() !== "2.0")) {
    throw new CalendarDataError(`{${NS.caldav}}supported-calendar-data`, "calendar-data is served as text/calendar, version 2.0");
  }
  const comp = C(el, "comp");
  const select = comp ? selection(comp) : null;
  if (select && select.name !== "vcalendar") throw new XmlError("calendar-data's comp names VCALENDAR");
  const range = (name: string): Required<Range> | null => {
    const r = C(el, name);
    if (!r) return null;
    const start = parseUtc(r.attrs.start);
    const end = parseUtc(r.attrs.end);
    if (start === undefined || end === undefined || end <= start) throw new XmlError(`CALDAV:${name} needs a start and a later end (UTC date-times such as 20270101T000000Z)`);
    return { start, end };
  };
  const expand = range("expand");
  const limitRecurrenceSet = range("limit-recurrence-set");
  if (expand && limitRecurrenceSet) throw new XmlError("calendar-data takes expand or limit-recurrence-set, not both");
  return { select, expand, limitRecurrenceSet };
}

function selection(el: XmlElement): CompSelection {
  const props = children(el, NS.caldav, "prop");
  const comps = children(el, NS.caldav, "comp");
  return {
    name: nameOf(el),
    props: C(el, "allprop") || props.length === 0 ? "all" : props.map((p) => ({ name: nameOf(p), novalue: p.attrs.novalue === "yes" })),
    comps: C(el, "allcomp") || comps.length === 0 ? "all" : comps.map(selection),
  };
}

/** Whether the request asks for anything but the object as served. */
export const shapes = (req: CalendarDataRequest): boolean => req.select !== null || req.expand !== null || req.limitRecurrenceSet !== null;

/**
 * A served calendar object as the request asks for it; `zone` is the
 * user's, for floating times. Expanding more than MAX_INSTANCES_PER_OBJECT
 * instances (or a rule past the walk's bounds) answers 403 CALDAV:max-instances.
 */
export function shapeCalendarData(body: string, req: CalendarDataRequest, zone: string, budget = new StepBudget()): { body: string; instances: number } {
  if (!shapes(req)) return { body, instances: 0 };
  let root = new ICAL.Component(ICAL.parse(body) as unknown[]);
  const ctx: TimeContext = { zone, root };
  let instances = 0;
  if (req.expand) ({ root, instances } = expand(root, req.expand, ctx, budget));
  else if (req.limitRecurrenceSet) root = limit(root, req.limitRecurrenceSet, ctx);
  const jcal = req.select ? select(root.toJSON() as Jcal, req.select) : (root.toJSON() as Jcal);
  return { body: ICAL.stringify(jcal as unknown[]), instances };
}

type Jcal = [string, unknown[][], Jcal[]];

function select(comp: Jcal, sel: CompSelection): Jcal {
  const [name, props, comps] = comp;
  const wanted = sel.props;
  const outProps = wanted === "all" ? props : props.flatMap((p) => {
    const s = wanted.find((w) => w.name === p[0]);
    if (!s) return [];
    return [s.novalue ? [p[0], p[1], p[2], ""] : p];
  });
  const outComps = sel.comps === "all" ? comps : comps.flatMap((c) => {
    const s = (sel.comps as CompSelection[]).find((w) => w.name === c[0]);
    return s ? [select(c, s)] : [];
  });
  return [name, outProps, outComps];
}

const masterAndOverrides = (root: Component) => {
  const vtodos = root.getAllSubcomponents("vtodo");
  return { masters: vtodos.filter((c) => !c.hasProperty("recurrence-id")), overrides: vtodos.filter((c) => c.hasProperty("recurrence-id")) };
};

/** The instant an instance (a VTODO) is matched by: DUE, else DTSTART; null when it has neither (it matches every range). */
function matchInstant(comp: Component, ctx: TimeContext): number | null {
  const prop = comp.getFirstProperty("due") ?? comp.getFirstProperty("dtstart");
  return prop ? instantOfProperty(prop, ctx) : null;
}

const maxInstances = () => new CalendarDataError(`{${NS.caldav}}max-instances`, `expand returns at most ${MAX_INSTANCES_PER_OBJECT} instances of one object, and walks a recurrence rule only so far (${MAX_RECURRENCE_STEPS} units of work an object, ${MAX_RECURRENCE_STEPS_PER_ANSWER} an answer): ask for a shorter or nearer range`);

/**
 * RFC 4791 9.6.5: one VTODO per instance in the range, with RECURRENCE-ID,
 * no RRULE, RDATE, EXDATE or EXRULE, date-times in UTC and no VTIMEZONE.
 */
function expand(root: Component, range: Required<Range>, ctx: TimeContext, budget: StepBudget): { root: Component; instances: number } {
  const out = new ICAL.Component("vcalendar");
  for (const p of root.getAllProperties()) out.addProperty(ICAL.Property.fromString(p.toICALString()));
  const { masters, overrides } = masterAndOverrides(root);
  const overrideAt = new Map<number, Component>();
  for (const o of overrides) {
    const at = instantOfProperty(o.getFirstProperty("recurrence-id")!, ctx);
    if (at !== null) overrideAt.set(at, o);
  }
  let count = 0;
  const add = (comp: Component) => {
    if (++count > MAX_INSTANCES_PER_OBJECT) throw maxInstances();
    toUtc(comp, ctx);
    out.addSubcomponent(comp);
  };
  for (const master of masters) {
    if (!isRecurring(master)) {
      const at = matchInstant(master, ctx);
      if (at === null || inRange(range, at)) add(clone(master));
      continue;
    }
    const { instances, truncated } = instancesIn(master, ctx, range, MAX_INSTANCES_PER_OBJECT, budget);
    if (truncated) throw maxInstances();
    for (const instance of instances) {
      if (!overrideAt.has(instance.start)) add(instanceOf(master, instance));
    }
  }
  // An overridden instance is where its override puts it (RFC 4791 9.6.5), in the range or not.
  for (const o of overrideAt.values()) {
    const at = matchInstant(o, ctx);
    if (at === null || inRange(range, at)) add(clone(o));
  }
  return { root: out, instances: count };
}

/** RFC 4791 9.6.6: the masters, and the overrides whose instance was, or now is, in the range. */
function limit(root: Component, range: Required<Range>, ctx: TimeContext): Component {
  const out = clone(root);
  for (const o of out.getAllSubcomponents("vtodo")) {
    if (!o.hasProperty("recurrence-id")) continue;
    const was = instantOfProperty(o.getFirstProperty("recurrence-id")!, ctx);
    const now = matchInstant(o, ctx);
    if (!(was !== null && inRange(range, was)) && !(now === null || inRange(range, now))) out.removeSubcomponent(o);
  }
  return out;
}

const clone = (c: Component): Component => new ICAL.Component(JSON.parse(JSON.stringify(c.toJSON())) as unknown[]);

function instanceOf(master: Component, instance: Instance): Component {
  const comp = clone(master);
  for (const name of ["rrule", "rdate", "exdate", "exrule", "recurrence-id"]) comp.removeAllProperties(name);
  const anchor = instance.isDate ? ICAL.Time.fromData({ ...instance.local, isDate: true }) : ICAL.Time.fromJSDate(new Date(instance.start), true);
  const dtstart = master.getFirstProperty("dtstart");
  const due = master.getFirstProperty("due");
  if (dtstart) set(comp, "dtstart", anchor);
  if (due && !dtstart) set(comp, "due", anchor);
  else if (due && dtstart) {
    const masterDue = due.getFirstValue() as InstanceType<typeof ICAL.Time>;
    if (masterDue.isDate || instance.due === null) {
      // Dates move by whole days: the master's DUE less its DTSTART, added to this instance's start.
      const moved = ICAL.Time.fromData({ ...instance.local, isDate: instance.isDate });
      moved.addDuration(masterDue.subtractDate(dtstart.getFirstValue() as InstanceType<typeof ICAL.Time>));
      set(comp, "due", ICAL.Time.fromData({ year: moved.year, month: moved.month, day: moved.day, isDate: masterDue.isDate, hour: moved.hour, minute: moved.minute, second: moved.second }));
    } else set(comp, "due", ICAL.Time.fromJSDate(new Date(instance.due), true));
  }
  const rid = new ICAL.Property("recurrence-id");
  rid.setValue(anchor);
  comp.addProperty(rid);
  return comp;
}

function set(comp: Component, name: string, value: InstanceType<typeof ICAL.Time>): void {
  comp.removeAllProperties(name);
  const prop = new ICAL.Property(name);
  prop.setValue(value);
  comp.addProperty(prop);
}

/** Every DATE-TIME with a TZID, or floating, as UTC (dates stay dates), in the component and its subcomponents. */
function toUtc(comp: Component, ctx: TimeContext): void {
  for (const prop of comp.getAllProperties()) {
    const value = prop.getFirstValue() as unknown;
    if (!(value instanceof ICAL.Time) || value.isDate || value.zone?.tzid === "UTC") continue;
    const at = instantOfProperty(prop, ctx);
    if (at === null) continue;
    prop.removeParameter("tzid");
    prop.setValue(ICAL.Time.fromJSDate(new Date(at), true));
  }
  for (const sub of comp.getAllSubcomponents()) toUtc(sub, ctx);
}

/** Instances one REPORT answer may expand, over all its objects. */
export const MAX_INSTANCES_PER_ANSWER = 10_000;

/**
 * The calendar-data of each object of one REPORT answer, as `req` asks,
 * counting expanded instances across the answer: past
 * MAX_INSTANCES_PER_ANSWER, 403 DAV:number-of-matches-within-limits.
 */
export function answerShaper(req: CalendarDataRequest, zone: string, budget: StepBudget): (body: string) => string {
  let total = 0;
  return (body) => {
    const shaped = shapeCalendarData(body, req, zone, budget);
    total += shaped.instances;
    if (total > MAX_INSTANCES_PER_ANSWER) {
      throw new CalendarDataError(`{${NS.dav}}number-of-matches-within-limits`, `one answer expands at most ${MAX_INSTANCES_PER_ANSWER} instances: ask for a shorter range`);
    }
    return shaped.body;
  };
}
