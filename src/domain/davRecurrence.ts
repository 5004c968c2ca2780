/**
 * The instances of a served VTODO's recurrence set (RRULE, RDATE, EXDATE on
 * DTSTART, or on DUE when there is no DTSTART) that fall in a time range, for
 * calendar-query time-ranges and calendar-data `expand` (RFC 4791 9.6.5, 9.9).
 *
 * Bounded: the rule is walked with ical.js's iterator in wall-clock time of
 * the value's zone, counting every candidate the iterator looks at; past
 * MAX_RECURRENCE_STEPS for the object or what is left of the answer's
 * StepBudget (a rule that never matches, an hourly rule asked about a range
 * years away) or MAX_INSTANCES_PER_OBJECT instances in the range,
 * the walk stops and says so (`truncated`): the caller refuses or answers
 * conservatively (docs/caldav.md#bounds-and-hostile-input). rrule.js is not
 * used here: it walks a rule that never matches to the year 9999 (tens of
 * seconds) without a way to stop it.
 */
import ICAL from "ical.js";
import { fieldsOf, instantOfFields, instantOfProperty, isUtc, type Component, type IcalTime, type LocalFields, type TimeContext } from "./davTime.js";

/** Instances of one object in one range (expand, and a time-range's match). */
export const MAX_INSTANCES_PER_OBJECT = 1_000;
/**
 * Work the rule iterator may do for one object, in candidates weighted by
 * the days each costs (BoundedIterator): an hourly rule over two years is
 * 17,520, a daily one 55 years, a yearly one 54 years.
 */
export const MAX_RECURRENCE_STEPS = 20_000;
/** Candidates over all the objects of one REPORT answer (about a second of walking at worst). */
export const MAX_RECURRENCE_STEPS_PER_ANSWER = 50_000;

/** What is left of one answer's walk (MAX_RECURRENCE_STEPS_PER_ANSWER), shared by its filter and its expand. */
export class StepBudget {
  constructor(public left = MAX_RECURRENCE_STEPS_PER_ANSWER) {}
}
/** RDATE and EXDATE values read from one object. */
const MAX_LISTED_DATES = 1_000;

export interface Range {
  /** Epoch milliseconds; either end may be open. */
  start?: number;
  end?: number;
}

export interface Instance {
  /** The recurrence anchor's (DTSTART, else DUE) wall-clock fields: the RECURRENCE-ID. */
  local: LocalFields;
  isDate: boolean;
  /** The anchor's instant. */
  start: number;
  /** The instance's DUE (the master's DUE moved with it), or null without one. */
  due: number | null;
}

class StepLimit extends Error {}

/**
 * The walk in progress: its work so far, its bound, what a candidate costs.
 * Module state because ical.js's constructor already walks (a yearly rule
 * looks for its first matching year up to the year 20000) before a subclass's
 * fields exist; walks are synchronous, so there is one at a time.
 */
const walk = { steps: 0, limit: MAX_RECURRENCE_STEPS, weight: 1 };
const spend = (cost: number) => {
  walk.steps += cost;
  if (walk.steps > walk.limit) throw new StepLimit();
};

/**
 * ical.js's iterator, counting the work it does so that no rule walks
 * unbounded: each candidate it tests costs the days it advanced the date
 * one at a time to reach it (`increment_monthday`, so
 * FREQ=WEEKLY;INTERVAL=999 is 6,993 a candidate), and each year it expands
 * (a yearly rule) 366.
 */
class BoundedIterator extends ICAL.RecurIterator {
  override check_contracting_rules(): boolean {
    spend(walk.weight);
    return super.check_contracting_rules();
  }
  override expand_year_days(aYear: number): number {
    spend(366);
    return super.expand_year_days(aYear);
  }
}

const weightOf = (rule: InstanceType<typeof ICAL.Recur>): number => {
  const interval = Math.max(1, rule.interval || 1);
  // A monthly candidate expands the month's days; daily and weekly ones walk their interval in days.
  const weights: Record<string, number> = { MONTHLY: 31, WEEKLY: 7 * interval, DAILY: interval };
  return weights[rule.freq] ?? 1;
};

export const isRecurring = (comp: Component): boolean => comp.hasProperty("rrule") || comp.hasProperty("rdate");

/** start <= at < end, the instant a VTODO is matched by (its DUE, as davFilter.ts reads a time-range). */
export const inRange = (range: Range, at: number): boolean => (range.start === undefined || range.start <= at) && (range.end === undefined || at < range.end);

/**
 * The instances of `vtodo` whose DUE (else anchor) lies in `range`, in
 * order, at most `max`; `truncated` when there were more or the walk hit
 * its bound. A VTODO without a recurrence is its own single instance.
 */
export function instancesIn(vtodo: Component, ctx: TimeContext, range: Range, max = MAX_INSTANCES_PER_OBJECT, budget = new StepBudget()): { instances: Instance[]; truncated: boolean } {
  const anchorProp = vtodo.getFirstProperty("dtstart") ?? vtodo.getFirstProperty("due");
  const anchorValue = anchorProp?.getFirstValue() as unknown;
  if (!anchorProp || !(anchorValue instanceof ICAL.Time)) return { instances: [], truncated: false };
  const tzid = anchorProp.getParameter("tzid") as string | undefined;
  const how = { utc: isUtc(anchorValue), tzid };
  const masterStart = instantOfFields(fieldsOf(anchorValue), how, ctx);
  const dueProp = vtodo.getFirstProperty("due");
  const masterDue = dueProp ? instantOfProperty(dueProp, ctx) : null;
  if (masterStart === null) return { instances: [], truncated: false };
  const offset = masterDue === null ? null : masterDue - masterStart;
  const make = (t: IcalTime): Instance | null => {
    const local = fieldsOf(t);
    const start = instantOfFields(local, how, ctx);
    return start === null ? null : { local, isDate: anchorValue.isDate, start, due: offset === null ? null : start + offset };
  };
  const matchAt = (i: Instance) => i.due ?? i.start;

  const excluded = listed(vtodo, "exdate", ctx);
  const isExcluded = (i: Instance) => excluded.instants.has(i.start) || excluded.days.has(dayKey(i.local));
  const found: Instance[] = [];
  let truncated = false;
  const take = (i: Instance): boolean => {
    if (isExcluded(i) || !inRange(range, matchAt(i))) return true;
    if (found.length >= max) {
      truncated = true;
      return false;
    }
    found.push(i);
    return true;
  };

  const ruleValue = vtodo.getFirstPropertyValue("rrule") as unknown;
  if (!(ruleValue instanceof ICAL.Recur) && !vtodo.hasProperty("rdate")) {
    const single = make(anchorValue);
    if (single) take(single);
    return { instances: found, truncated };
  }
  if (ruleValue instanceof ICAL.Recur) {
    const rule = ICAL.Recur.fromString(ruleValue.toString());
    const until = rule.until ? untilInstant(rule.until, how, ctx) : null;
    rule.until = null;
    const dtstart = ICAL.Time.fromData({ ...fieldsOf(anchorValue), isDate: anchorValue.isDate });
    Object.assign(walk, { steps: 0, limit: Math.min(MAX_RECURRENCE_STEPS, budget.left), weight: weightOf(rule) });
    try {
      const iterator = new BoundedIterator({ rule, dtstart });
      for (let next = iterator.next(); next; next = iterator.next()) {
        const instance = make(next);
        if (!instance) continue;
        if (until !== null && instance.start > until) break;
        if (range.end !== undefined && matchAt(instance) >= range.end) break;
        if (!take(instance)) break;
      }
    } catch {
      // Past the step bound (StepLimit), or a rule ical.js cannot walk: what was found so far, marked incomplete.
      truncated = true;
    }
    budget.left = Math.max(0, budget.left - walk.steps);
  }
  if (!truncated) {
    for (const t of listed(vtodo, "rdate", ctx).values) {
      const instance = make(t);
      if (instance && !found.some((f) => f.start === instance.start) && !take(instance)) break;
    }
    found.sort((a, b) => a.start - b.start);
  }
  return { instances: found, truncated };
}

const dayKey = (l: LocalFields) => `${l.year}-${l.month}-${l.day}`;

/** RDATE or EXDATE values (dates and date-times; periods are left out), at most MAX_LISTED_DATES. */
function listed(vtodo: Component, name: "rdate" | "exdate", ctx: TimeContext): { values: IcalTime[]; instants: Set<number>; days: Set<string> } {
  const values: IcalTime[] = [];
  const instants = new Set<number>();
  const days = new Set<string>();
  for (const prop of vtodo.getAllProperties(name)) {
    const tzid = prop.getParameter("tzid") as string | undefined;
    for (const v of prop.getValues() as unknown[]) {
      if (!(v instanceof ICAL.Time) || values.length >= MAX_LISTED_DATES) continue;
      values.push(v);
      if (v.isDate) days.add(dayKey(fieldsOf(v)));
      else {
        const at = instantOfFields(fieldsOf(v), { utc: isUtc(v), tzid }, ctx);
        if (at !== null) instants.add(at);
      }
    }
  }
  return { values, instants, days };
}

/** UNTIL as an instant: a UTC value as written, a date through its whole day, else in the anchor's zone. */
function untilInstant(until: IcalTime, how: { utc: boolean; tzid?: string | undefined }, ctx: TimeContext): number | null {
  if (isUtc(until)) return instantOfFields(fieldsOf(until), { utc: true }, ctx);
  if (until.isDate) {
    const next = until.clone();
    next.adjust(1, 0, 0, 0);
    const at = instantOfFields(fieldsOf(next), how, ctx);
    return at === null ? null : at - 1;
  }
  return instantOfFields(fieldsOf(until), how, ctx);
}
