/**
 * Recurrence rules: RFC 5545 RRULEs without DTSTART (the series starts at the
 * task's dueAt in its time zone). Requests may also say the rule in words
 * ("every weekday at 9am") where rrule understands them; we always store the
 * canonical RRULE.
 */
import { DateTime } from "luxon";
import rrule from "rrule";

const { RRule } = rrule;

export class RuleError extends Error {}

/** Canonical `FREQ=...;...` form of an RRULE or an English phrase, or a RuleError. */
export function canonicalRule(input: string): string {
  const text = input.trim();
  let options: Partial<rrule.Options>;
  if (/^(?:RRULE:)?FREQ=/i.test(text) || /^[A-Z]+=/i.test(text)) {
    try {
      options = RRule.parseString(text.replace(/^RRULE:/i, "").toUpperCase());
    } catch (err) {
      throw new RuleError((err as Error).message);
    }
  } else {
    options = RRule.parseText(text) ?? {};
    if (options.freq === undefined) throw new RuleError(`"${text}" is not a rule rrule can read`);
  }
  if (options.freq === undefined || options.freq === null) throw new RuleError("FREQ is required (e.g. FREQ=WEEKLY)");
  // Every occurrence is a task of its own, created by the actor: a series
  // that spawned one a second (or a minute) would flood the user and the store.
  if (options.freq === RRule.SECONDLY || options.freq === RRule.MINUTELY) {
    throw new RuleError("a series repeats at most hourly (FREQ=HOURLY or longer)");
  }
  if (options.dtstart) throw new RuleError("DTSTART is not allowed: the series starts at dueAt");
  if (options.count !== undefined && options.count !== null && options.count < 1) throw new RuleError("COUNT must be at least 1");
  return new RRule({ ...options, dtstart: null }).toString().replace(/^RRULE:/, "");
}

/** A human-readable description of a canonical rule ("every week on Monday"). */
export function describeRule(rule: string): string {
  return new RRule(RRule.parseString(rule)).toText();
}

/**
 * Occurrence instants of a series, strictly after `after`, at most `count`.
 *
 * The series starts at `dtstart` (the task's dueAt) and recurs in wall-clock
 * time of `timeZone`: 09:00 Europe/Berlin stays 09:00 local across daylight
 * saving changes, so the UTC instant moves by an hour. rrule is evaluated on
 * "floating" wall-clock times (local fields stored as if UTC) and each result
 * is then placed in the zone. A wall-clock time that does not exist (the hour
 * skipped in spring) moves forward by the gap; one that exists twice (autumn)
 * takes the earlier instant. UNTIL is an instant and compared as one.
 */
export function occurrencesAfter(rule: string, dtstart: string, timeZone: string, after: Date, count: number): string[] {
  const options = RRule.parseString(rule);
  const until = options.until ? options.until.getTime() : null;
  const start = DateTime.fromISO(dtstart, { zone: timeZone });
  const floatingStart = new Date(Date.UTC(start.year, start.month - 1, start.day, start.hour, start.minute, start.second));
  const series = new RRule({
    ...options,
    dtstart: floatingStart,
    // A floating time is at most 14 h away from the instant it stands for.
    until: until === null ? null : new Date(until + 14 * 3_600_000),
  });
  const out: string[] = [];
  let steps = 0;
  series.all((floating) => {
    const instant = DateTime.fromObject(
      {
        year: floating.getUTCFullYear(),
        month: floating.getUTCMonth() + 1,
        day: floating.getUTCDate(),
        hour: floating.getUTCHours(),
        minute: floating.getUTCMinutes(),
        second: floating.getUTCSeconds(),
      },
      { zone: timeZone },
    ).toMillis();
    if (until !== null && instant > until) return false;
    if (instant > after.getTime()) out.push(new Date(instant).toISOString());
    return out.length < count && ++steps < MAX_STEPS;
  });
  return out;
}

/** Bounds the walk through a series (e.g. a minutely rule asked about a date years away). */
const MAX_STEPS = 200_000;

/** The total number of occurrences a rule allows (its COUNT), or null for unbounded. */
export function occurrenceLimit(rule: string): number | null {
  return RRule.parseString(rule).count ?? null;
}
