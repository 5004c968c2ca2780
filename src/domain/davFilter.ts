/**
 * The CALDAV:filter of a calendar-query REPORT (RFC 4791 9.7): read once
 * from the request into a bounded tree (comp-filter, prop-filter,
 * param-filter, is-not-defined, text-match, time-range on a VTODO's DUE or
 * each of its instances', time-range on a property's DATE or DATE-TIME),
 * then tested against each served calendar object. Pure; the route renders
 * the objects and answers the ones that match (docs/caldav.md#conformance).
 */
import ICAL from "ical.js";
import { child, children, NS, type XmlElement } from "./davXml.js";
import { CalendarDataError } from "./vtodo.js";
import { inRange, instancesIn, isRecurring, StepBudget } from "./davRecurrence.js";
import { instantOfProperty, isDateValued, type TimeContext } from "./davTime.js";

/** comp-filters, prop-filters and param-filters in one filter, together. */
export const MAX_FILTERS = 50;
/** Characters of one text-match (a task's description is at most 4,000; a search needs far fewer). */
export const MAX_TEXT_MATCH = 1_000;

export interface TextMatch {
  text: string;
  /** i;ascii-casemap (the default): compared in lower case; i;octet: as written. */
  caseless: boolean;
  negate: boolean;
}
export interface ParamFilter {
  name: string;
  isNotDefined: boolean;
  textMatch: TextMatch | null;
}
export interface PropFilter {
  name: string;
  isNotDefined: boolean;
  /** RFC 4791 9.9: a DATE or DATE-TIME value in the range (epoch milliseconds; either end may be open). */
  timeRange: { start?: number; end?: number } | null;
  textMatch: TextMatch | null;
  params: ParamFilter[];
}
export interface CompFilter {
  name: string;
  isNotDefined: boolean;
  /** Epoch milliseconds; either end may be open. */
  timeRange: { start?: number; end?: number } | null;
  comps: CompFilter[];
  props: PropFilter[];
}

const invalid = (message: string) => new CalendarDataError(`{${NS.caldav}}valid-filter`, message);
const C = (el: XmlElement, name: string) => child(el, NS.caldav, name);

/** A filter's comp-filters (the VCALENDAR's), or a valid-filter refusal for one past the bounds or without names. */
export function readFilter(filter: XmlElement): CompFilter[] {
  let count = 0;
  const counted = (el: XmlElement): string => {
    if (++count > MAX_FILTERS) throw invalid(`at most ${MAX_FILTERS} comp-filter, prop-filter and param-filter elements in a filter`);
    const name = (el.attrs.name ?? "").trim().toLowerCase();
    if (name === "") throw invalid(`a ${el.name} needs a name`);
    return name;
  };
  const textMatch = (el: XmlElement): TextMatch | null => {
    const tm = C(el, "text-match");
    if (!tm) return null;
    if (tm.text.length > MAX_TEXT_MATCH) throw invalid(`a text-match is at most ${MAX_TEXT_MATCH} characters`);
    // i;octet compares as written; i;ascii-casemap, the default, and any other collation (as before) in lower case.
    const caseless = tm.attrs.collation !== "i;octet";
    return { text: caseless ? tm.text.toLowerCase() : tm.text, caseless, negate: tm.attrs["negate-condition"] === "yes" };
  };
  const param = (el: XmlElement): ParamFilter => ({ name: counted(el), isNotDefined: C(el, "is-not-defined") !== undefined, textMatch: textMatch(el) });
  const prop = (el: XmlElement): PropFilter => {
    const name = counted(el);
    const range = C(el, "time-range");
    return {
      name, isNotDefined: C(el, "is-not-defined") !== undefined, timeRange: range ? timeRange(range) : null, textMatch: textMatch(el),
      params: children(el, NS.caldav, "param-filter").map(param),
    };
  };
  const comp = (el: XmlElement): CompFilter => {
    const name = counted(el);
    const range = C(el, "time-range");
    return {
      name, isNotDefined: C(el, "is-not-defined") !== undefined, timeRange: range ? timeRange(range) : null,
      comps: children(el, NS.caldav, "comp-filter").map(comp), props: children(el, NS.caldav, "prop-filter").map(prop),
    };
  };
  return children(filter, NS.caldav, "comp-filter").map(comp);
}

/** A time-range's (or expand's) start or end as epoch milliseconds; undefined when absent. */
export function parseUtc(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  // RFC 4791 9.9 asks for UTC ("Z"); a value without it is read as UTC too, as before.
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z?$/i.exec(v.trim());
  const at = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : Number.NaN;
  if (Number.isNaN(at)) throw invalid("time-range start and end are UTC date-times such as 20270101T000000Z");
  return at;
}

function timeRange(range: XmlElement): { start?: number; end?: number } {
  const start = parseUtc(range.attrs.start);
  const end = parseUtc(range.attrs.end);
  return { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) };
}

type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;
type Range = { start?: number; end?: number };
type FilterContext = TimeContext & { budget: StepBudget };

/**
 * Whether a calendar object (its VCALENDAR) matches every comp-filter;
 * `dueAt` is its VTODO's DUE as the task holds it, `zone` the user's (floating
 * times and dates in time-ranges are read in it, as vtodo.ts reads them).
 */
export function matchesFilter(filters: readonly CompFilter[], root: Component, dueAt: string | null, zone = "UTC", budget = new StepBudget()): boolean {
  const ctx: FilterContext = { zone, root, budget };
  return filters.every((f) => compMatches(f, root, dueAt, ctx));
}

function compMatches(f: CompFilter, comp: Component, dueAt: string | null, ctx: FilterContext): boolean {
  const target = comp.name === f.name ? comp : comp.getFirstSubcomponent(f.name);
  if (f.isNotDefined) return target === null;
  if (!target) return false;
  if (f.timeRange && f.name === "vtodo" && !vtodoInRange(f.timeRange, target, dueAt, ctx)) return false;
  return f.comps.every((c) => compMatches(c, target, dueAt, ctx)) && f.props.every((p) => propMatches(p, target, ctx));
}

/**
 * RFC 4791 9.7.2: some property of the name whose value matches the
 * text-match and the time-range (if any) and which every param-filter
 * matches, the same property for all of them.
 */
function propMatches(f: PropFilter, comp: Component, ctx: TimeContext): boolean {
  const props = comp.getAllProperties(f.name);
  if (f.isNotDefined) return props.length === 0;
  return props.some((p) => (f.textMatch === null || textMatches(f.textMatch, p.getValues().map(String)))
    && (f.timeRange === null || propInRange(f.timeRange, p, ctx))
    && f.params.every((pf) => paramMatches(pf, p)));
}

/** RFC 4791 9.7.3: the parameter exists (and its value, any of a list's, matches the text-match), or with is-not-defined does not. */
function paramMatches(f: ParamFilter, prop: Property): boolean {
  const value = prop.getParameter(f.name) as string | string[] | undefined;
  if (f.isNotDefined) return value === undefined;
  if (value === undefined) return false;
  return f.textMatch === null || textMatches(f.textMatch, Array.isArray(value) ? value : [value]);
}

function textMatches(tm: TextMatch, values: string[]): boolean {
  const hit = values.some((v) => (tm.caseless ? v.toLowerCase() : v).includes(tm.text));
  return tm.negate ? !hit : hit;
}

const DAY_MS = 86_400_000;

/**
 * RFC 4791 9.9 for a property: a DATE-TIME value at start <= value < end; a
 * DATE the day it names (midnight to midnight in the user's zone) overlapping
 * the range. A property of another type (or no instant) does not match.
 */
function propInRange(range: Range, prop: Property, ctx: TimeContext): boolean {
  const at = instantOfProperty(prop, ctx);
  if (at === null) return false;
  if (!isDateValued(prop)) return inRange(range, at);
  return (range.start === undefined || range.start < at + DAY_MS) && (range.end === undefined || range.end > at);
}

/**
 * RFC 4791 9.9, a VTODO by its DUE alone: start <= DUE < end; one without
 * DUE (or DTSTART) matches every range. A recurring one matches when one of
 * its instances' DUE does (davRecurrence.ts); a rule past the walk's bounds
 * matches (the client gets one object more, never one less).
 */
function vtodoInRange(range: Range, vtodo: Component, dueAt: string | null, ctx: FilterContext): boolean {
  if (isRecurring(vtodo)) {
    const { instances, truncated } = instancesIn(vtodo, ctx, range, 1, ctx.budget);
    if (instances.length > 0 || truncated) return true;
    // A recurring VTODO with neither DUE nor DTSTART has no instances to place: it matches every range, as a plain one does.
    return !vtodo.hasProperty("due") && !vtodo.hasProperty("dtstart");
  }
  if (!dueAt) return true;
  return inRange(range, Date.parse(dueAt));
}
