/**
 * Dates and times in a quick add, read by chrono-node (a maintained English
 * date grammar) in the caller's time zone, and turned into instants with the
 * zone's own rules (luxon), so "tomorrow 5pm" in New York is 17:00 New York
 * time on either side of a daylight-saving change.
 *
 * Where the text leaves something open, the choice made is reported
 * (`assumed`), never taken silently: no time of day → 09:00; a bare hour from
 * 1 to 7 ("Call Mom at 5") → afternoon; a time without a date → its next
 * occurrence.
 */
import * as chrono from "chrono-node";
import { DateTime, FixedOffsetZone } from "luxon";
import type { QuickText } from "./quickAddText.js";
import type { Found } from "./quickAddTokens.js";
import { quickAddWork } from "./quickAddWork.js";

export interface QuickContext {
  timeZone: string;
  now: Date;
}

/** One date/time expression as read, before it is placed in time. */
export interface Moment {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  dateGiven: boolean;
  /** Only a weekday ("Monday"): said on a Monday after its time, it means next week's. */
  weekdayOnly: boolean;
  timeGiven: boolean;
  /** Relative expressions such as "in 3 hours" name an instant outright. */
  absolute: string | null;
  assumed: string[];
}

export const DEFAULT_HOUR = 9;
const LEADING_WORD = /\b(?:on|at|by|due|from|starting)\s+$/i;
/** Room before a date for its connecting word ("starting" and its spaces). */
const LEAD_WINDOW = 24;

/**
 * chrono reads the text in pieces of at most WINDOW characters, each starting
 * STEP after the last (at a word start when there is one near): its cost grows
 * faster than the length of what it reads, so this keeps a parse linear in the
 * text. A piece overlaps the next by far more than any date expression is long,
 * so an expression that starts in one piece ends in it; a piece holds every
 * quick add a client may send (1000 characters) whole.
 */
export const WINDOW = 1280;
const STEP = 1024;
/** How far past STEP the next piece may start to begin at a word. */
const WORD_SLACK = 128;
/** What chrono reads for a reminder time right after "remind me" ("at 10:30pm on Friday, December 25th 2026"). */
const MOMENT_WINDOW = 96;

/** The first date/time expression in what is left of the text, taken out of it. */
export function findWhen(text: QuickText, ctx: QuickContext): Found<Moment> | null {
  const remaining = text.remaining;
  let result: chrono.ParsedResult | undefined;
  for (let start = 0; start < remaining.length && !result;) {
    const next = start + WINDOW >= remaining.length ? remaining.length : wordStartNear(remaining, start + STEP);
    const piece = remaining.slice(start, Math.min(remaining.length, start + WINDOW));
    result = parse(piece, ctx)
      // Expressions that start in the next piece are read there, whole.
      .filter((r) => r.index < next - start)
      .map((r) => Object.assign(r, { index: r.index + start }))
      .find((r) => text.isFree(r.index, r.index + r.text.length));
    start = next;
  }
  if (!result) return null;
  let start = result.index;
  const end = result.index + result.text.length;
  // "due Friday", "by the 1st": the connecting word goes with the date, not the title.
  const before = Math.max(0, start - LEAD_WINDOW);
  const lead = LEADING_WORD.exec(text.window(before, start));
  if (lead && text.isFree(before + lead.index, start)) start = before + lead.index;
  text.take(start, end);
  return { start, end, value: momentOf(result, ctx) };
}

/** A date/time expression that begins right at `from` ("at 8am", "tomorrow 7:30"), taken out; else null. */
export function momentAt(text: QuickText, from: number, ctx: QuickContext): Found<Moment> | null {
  const piece = text.window(from, from + MOMENT_WINDOW);
  // Cut at a word's end, so that chrono never sees half a word at the edge ("at 5p|m").
  const cut = piece.length < MOMENT_WINDOW ? piece : piece.slice(0, lastSpace(piece));
  const result = parse(cut, ctx)[0];
  if (!result || result.index !== 0) return null;
  const end = from + result.text.length;
  if (!text.isFree(from, end)) return null;
  text.take(from, end);
  return { start: from, end, value: momentOf(result, ctx) };
}

/** Index of the last whitespace character (0 if none): where a piece cut mid-word is cut back to. */
function lastSpace(piece: string): number {
  for (let i = piece.length - 1; i > 0; i--) if (/\s/.test(piece[i]!)) return i;
  return 0;
}

/** The first word start at or after `at` within WORD_SLACK characters, else `at` itself. */
function wordStartNear(text: string, at: number): number {
  for (let i = at; i < Math.min(text.length, at + WORD_SLACK); i++) if (/\s/.test(text[i - 1]!) && !/\s/.test(text[i]!)) return i;
  return at;
}

function parse(piece: string, ctx: QuickContext): chrono.ParsedResult[] {
  quickAddWork.chronoChars += piece.length;
  return PARSER.parse(piece, reference(ctx), { forwardDate: true });
}

/** The instant a moment names; a time without a date is its next occurrence after now. */
export function instantOf(moment: Moment, ctx: QuickContext): string {
  if (moment.absolute) return moment.absolute;
  let at = wallClock(moment, ctx.timeZone);
  if (!moment.dateGiven && at.toMillis() <= ctx.now.getTime()) at = at.plus({ days: 1 });
  if (moment.weekdayOnly && at.toMillis() <= ctx.now.getTime()) at = at.plus({ weeks: 1 });
  return iso(at);
}

/** The moment's time of day on the local date of `instant` (a reminder "at 8am" on the due day). */
export function onDayOf(instant: string, moment: Moment, timeZone: string): string {
  const day = DateTime.fromISO(instant, { zone: timeZone });
  return iso(day.set({ hour: moment.hour, minute: moment.minute, second: 0, millisecond: 0 }));
}

export function wallClock(moment: Pick<Moment, "year" | "month" | "day" | "hour" | "minute">, timeZone: string): DateTime {
  const { year, month, day, hour, minute } = moment;
  return DateTime.fromObject({ year, month, day, hour, minute }, { zone: timeZone });
}

export const iso = (at: DateTime) => new Date(at.toMillis()).toISOString();

function momentOf(result: chrono.ParsedResult, ctx: QuickContext): Moment {
  const c = result.start;
  const dateGiven = c.isCertain("day") || c.isCertain("weekday");
  const timeGiven = c.isCertain("hour");
  const assumed: string[] = [];
  const weekdayOnly = c.isCertain("weekday") && !c.isCertain("day");
  const base = { year: c.get("year")!, month: c.get("month")!, day: c.get("day")!, dateGiven, weekdayOnly, timeGiven, absolute: null, assumed };
  // "3/4" could be either order; chrono's English reads month first, and the span says so.
  const numeric = /\b(\d{1,2})\/(\d{1,2})\b/.exec(result.text);
  if (numeric && Number(numeric[1]) <= 12 && Number(numeric[2]) <= 12 && numeric[1] !== numeric[2]) {
    assumed.push(`${numeric[0]} read as month/day (${DateTime.fromObject({ year: base.year, month: base.month, day: base.day }, { locale: "en" }).toFormat("d LLLL")})`);
  }
  if (c.isCertain("timezoneOffset")) return { ...base, hour: c.get("hour")!, minute: c.get("minute")!, absolute: c.date().toISOString() };
  let hour = c.get("hour") ?? DEFAULT_HOUR;
  let minute = c.get("minute") ?? 0;
  if (timeGiven) {
    const twentyFourHour = /\b0\d[:.]\d\d\b/.test(result.text);
    if (!c.isCertain("meridiem") && hour >= 1 && hour <= 7 && !twentyFourHour) {
      hour += 12;
      assumed.push(`${pad(hour)}:${pad(minute)} (afternoon, no am/pm given)`);
    }
  } else {
    const now = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone });
    // chrono fills an unsaid time with noon or the current time; neither was asked for.
    const filler = (hour === 12 && minute === 0) || (hour === now.hour && minute === now.minute);
    if (filler) [hour, minute] = [DEFAULT_HOUR, 0];
    assumed.push(`${pad(hour)}:${pad(minute)} (no time given)`);
  }
  return { ...base, hour, minute };
}

const pad = (n: number) => String(n).padStart(2, "0");

function reference(ctx: QuickContext) {
  return { instant: ctx.now, timezone: DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone }).offset };
}

/**
 * chrono's English grammar plus "on the 1st": the next such day of a month
 * (this month's if it is still to come, else the next month that has it).
 * Built once: "today" comes from the reference each parse is given (its
 * instant and the zone's offset then), not from a parser per call.
 */
const PARSER = (() => {
  const parser = chrono.casual.clone();
  parser.parsers.push({
    pattern: () => /\b(?:on|by)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b/i,
    extract: (context, match) => {
      const day = Number(match[1]);
      const { instant, timezoneOffset } = context.reference;
      const today = DateTime.fromJSDate(instant, { zone: FixedOffsetZone.instance(timezoneOffset ?? 0) }).startOf("day");
      for (let ahead = 0; ahead <= 12 && day >= 1; ahead++) {
        const month = today.startOf("month").plus({ months: ahead });
        if ((month.daysInMonth ?? 0) >= day && (ahead > 0 || day >= today.day)) {
          return context.createParsingComponents({ day }).imply("month", month.month).imply("year", month.year);
        }
      }
      return null;
    },
  });
  return parser;
})();
