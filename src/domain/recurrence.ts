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
  checkReachable(options);
  return new RRule({ ...options, dtstart: null }).toString().replace(/^RRULE:/, "");
}

/**
 * rrule walks a series period by period until it has what it was asked for,
 * and has no other way to stop: a rule that matches no date
 * (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30, a sixth Monday) is walked to the year
 * 9999, up to 40 s of the process (ADR 0020). So a rule must be able to
 * match, seen before it is stored, in one walk of the 400-year Gregorian
 * cycle (it starts in 9600, and rrule stops at 9999):
 * - MONTHLY and YEARLY: the rule itself, every period (at most 4,800);
 * - DAILY, WEEKLY, HOURLY: their date parts (BYMONTH, BYMONTHDAY, BYYEARDAY,
 *   BYWEEKNO, BYDAY) walked a year at a time (400 periods); BYSETPOS and
 *   BYDAY with an ordinal, which RFC 5545 gives a meaning only in MONTHLY and
 *   YEARLY, are refused there;
 * - an INTERVAL that visits only some of what a part filters (DAILY by
 *   whole weeks with BYDAY; HOURLY by a step sharing a factor with 24 with
 *   BYHOUR or BYDAY; MONTHLY by one sharing a factor with 12 with BYMONTH;
 *   HOURLY, DAILY and WEEKLY by any step above 1 with date parts) is
 *   refused: whether it ever matched would depend on the start.
 */
function checkReachable(options: Partial<rrule.Options>): void {
  const has = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
  if (has(options.byeaster)) throw new RuleError("BYEASTER is not part of RFC 5545");
  const interval = options.interval ?? 1;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const freq = RRule.FREQUENCIES[options.freq!];
  const dateParts = has(options.bymonth) || has(options.bymonthday) || has(options.byyearday) || has(options.byweekno);
  if ((options.freq === RRule.HOURLY || options.freq === RRule.DAILY || options.freq === RRule.WEEKLY) && interval > 1 && dateParts) {
    throw new RuleError(`FREQ=${freq} with an INTERVAL above 1 takes no BYMONTH, BYMONTHDAY, BYYEARDAY or BYWEEKNO (whether it ever matched would depend on the start): use FREQ=MONTHLY or YEARLY`);
  }
  if (options.freq === RRule.DAILY && interval % 7 === 0 && has(options.byweekday)) {
    throw new RuleError("FREQ=DAILY with an INTERVAL of whole weeks always falls on one weekday, so BYDAY would match it never or always: use FREQ=WEEKLY");
  }
  if (options.freq === RRule.HOURLY && gcd(interval, 24) > 1 && (has(options.byhour) || has(options.byweekday))) {
    throw new RuleError("FREQ=HOURLY with BYHOUR or BYDAY needs an INTERVAL with no factor in common with 24 (1, 5, 7, 11, ...): other steps visit only some hours, so whether it ever matched would depend on the start");
  }
  if (options.freq === RRule.MONTHLY && gcd(interval, 12) > 1 && has(options.bymonth)) {
    throw new RuleError("FREQ=MONTHLY with BYMONTH needs an INTERVAL with no factor in common with 12 (1, 5, 7, 11, ...): other steps visit only some months, so whether it ever matched would depend on the start");
  }

  const start = new Date(Date.UTC(9600, 0, 1));
  let check: rrule.RRule;
  if (options.freq === RRule.MONTHLY || options.freq === RRule.YEARLY) {
    check = new RRule({ ...options, interval: 1, count: null, until: null, dtstart: start });
  } else {
    const weekdays = (Array.isArray(options.byweekday) ? options.byweekday : has(options.byweekday) ? [options.byweekday] : []) as (number | rrule.Weekday)[];
    if (has(options.bysetpos)) throw new RuleError("BYSETPOS is taken with FREQ=MONTHLY or YEARLY");
    if (weekdays.some((d) => typeof d !== "number" && d.n !== undefined && d.n !== 0)) throw new RuleError("BYDAY with a number (1MO, -1FR) is taken with FREQ=MONTHLY or YEARLY");
    check = new RRule({
      freq: RRule.YEARLY, dtstart: start, wkst: options.wkst ?? null,
      bymonth: options.bymonth ?? null, bymonthday: options.bymonthday ?? null, byyearday: options.byyearday ?? null, byweekno: options.byweekno ?? null,
      byweekday: weekdays.length > 0 ? weekdays.map((d) => (typeof d === "number" ? d : d.weekday)) : null,
    });
  }
  let found = false;
  check.all(() => {
    found = true;
    return false;
  });
  if (!found) throw new RuleError("the rule matches no date: its BY parts never meet (e.g. February 30, a sixth Monday)");
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
