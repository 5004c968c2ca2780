/**
 * A user's open tasks with a due date as one iCalendar object (RFC 5545),
 * for calendar apps that subscribe to a feed URL.
 *
 * - One VEVENT per open task with a due date; UID = task id. The event is a
 *   point in time (DTSTART only: it ends when it starts, RFC 5545 3.6.1).
 * - DTSTART in the task's zone (TZID = IANA name, with a VTIMEZONE, see
 *   icalTimezone.ts), or in UTC form for UTC tasks.
 * - A `schedule` series is one VEVENT with RRULE, carried by its earliest
 *   open occurrence (later open occurrences are instances of that rule, so
 *   they are not listed again). COUNT counts from the series' first
 *   occurrence, not from this one, so a COUNT rule is written with the UNTIL
 *   it amounts to (computed from the series start, when known; else no
 *   RRULE). A `completion` series has no calendar: its next date depends on
 *   when the task is done, so only the current occurrence is listed.
 * - Reminders as VALARMs: `before` as a TRIGGER relative to the start,
 *   `at` as an absolute TRIGGER.
 * - The assignee of a task in a shared list as an ATTENDEE (icalAttendee.ts).
 */
import { DateTime } from "luxon";
import rrule from "rrule";
import { contentLines, escapeText, icalDuration, localDateTime, utcDateTime } from "./ical.js";
import { vtimezone } from "./icalTimezone.js";
import { attendeeLine } from "./icalAttendee.js";
import { occurrencesAfter } from "./recurrence.js";
import type { Priority, Task } from "./task.js";

const { RRule } = rrule;

export interface FeedOptions {
  now: Date;
  /** Calendar name shown by the subscribing app. */
  name: string;
  /** dueAt of each series' first occurrence, by series id (needed for COUNT rules). */
  seriesStarts?: ReadonlyMap<string, string>;
  /** Lists with members: their tasks' assignees are written as ATTENDEEs. */
  sharedLists?: ReadonlySet<string>;
}

/** How many years the VTIMEZONEs reach past the latest date in the feed (or now). */
const ZONE_YEARS_AHEAD = 5;
const PRIORITY: Record<Priority, number | null> = { high: 1, medium: 5, low: 9, none: null };

/** The tasks the feed lists, each with the RRULE it carries (if any). */
export function feedEntries(tasks: readonly Task[], seriesStarts: ReadonlyMap<string, string> = new Map()): { task: Task; rrule: string | null }[] {
  const dated = tasks.filter((t): t is Task & { dueAt: string } => t.status === "open" && t.dueAt !== null);
  dated.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
  const seriesSeen = new Set<string>();
  const entries: { task: Task; rrule: string | null }[] = [];
  for (const task of dated) {
    const rec = task.recurrence;
    if (rec?.mode === "schedule" && task.seriesId) {
      if (seriesSeen.has(task.seriesId)) continue;
      seriesSeen.add(task.seriesId);
      entries.push({ task, rrule: ruleFrom(rec.rule, task, seriesStarts.get(task.seriesId)) });
    } else {
      entries.push({ task, rrule: null });
    }
  }
  return entries;
}

/** The rule as this occurrence's RRULE: COUNT turned into UNTIL (or null when it cannot be). */
export function ruleFrom(rule: string, task: Task & { dueAt: string }, seriesStart: string | undefined): string | null {
  const options = RRule.parseString(rule);
  if (options.count === undefined || options.count === null) return rule;
  if (!seriesStart) return null;
  const withoutCount = rule.split(";").filter((part) => !part.startsWith("COUNT=")).join(";");
  // The first occurrence is the start itself; occurrencesAfter lists those after it.
  const all = [seriesStart, ...occurrencesAfter(withoutCount, seriesStart, task.timeZone, new Date(seriesStart), options.count - 1)];
  const last = all[Math.min(options.count, all.length) - 1]!;
  if (last < task.dueAt) return null;
  return `${withoutCount};UNTIL=${utcDateTime(last)}`;
}

export function calendarFeed(tasks: readonly Task[], opts: FeedOptions): string {
  const entries = feedEntries(tasks, opts.seriesStarts);
  const stamp = utcDateTime(opts.now);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Tickler//Tickler calendar feed//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `NAME:${escapeText(opts.name)}`,
    `X-WR-CALNAME:${escapeText(opts.name)}`,
    // How often subscribers should refetch (RFC 7986; the X- form for Apple and Outlook).
    "REFRESH-INTERVAL;VALUE=DURATION:PT15M",
    "X-PUBLISHED-TTL:PT15M",
  ];
  lines.push(...timezonesFor(entries.map((e) => e.task), opts.now));
  for (const { task, rrule: rule } of entries) lines.push(...vevent(task, rule, stamp, opts.sharedLists?.has(task.listId) ?? false));
  lines.push("END:VCALENDAR");
  return contentLines(lines);
}

function timezonesFor(tasks: readonly Task[], now: Date): string[] {
  const zones = [...new Set(tasks.map((t) => t.timeZone).filter((z) => z !== "UTC"))].sort();
  if (zones.length === 0) return [];
  const years = tasks.map((t) => DateTime.fromISO(t.dueAt!, { zone: "utc" }).year);
  const fromYear = Math.max(1970, Math.min(...years) - 1);
  const toYear = Math.max(now.getUTCFullYear(), ...years) + ZONE_YEARS_AHEAD;
  return zones.flatMap((zone) => vtimezone(zone, fromYear, toYear));
}

function vevent(task: Task, rule: string | null, stamp: string, shared: boolean): string[] {
  const due = task.dueAt!;
  const start = task.timeZone === "UTC" ? `DTSTART:${utcDateTime(due)}` : `DTSTART;TZID=${task.timeZone}:${localDateTime(due, task.timeZone)}`;
  const lines = [
    "BEGIN:VEVENT",
    `UID:${task.id}`,
    `DTSTAMP:${stamp}`,
    start,
    `SUMMARY:${escapeText(task.title)}`,
    `CREATED:${utcDateTime(task.createdAt)}`,
    `LAST-MODIFIED:${utcDateTime(task.updatedAt)}`,
  ];
  if (task.description) lines.push(`DESCRIPTION:${escapeText(task.description)}`);
  if (task.tags.length) lines.push(`CATEGORIES:${task.tags.map(escapeText).join(",")}`);
  const priority = PRIORITY[task.priority];
  if (priority !== null) lines.push(`PRIORITY:${priority}`);
  if (rule) lines.push(`RRULE:${rule}`);
  if (shared && task.assigneeId) lines.push(attendeeLine(task.assigneeId));
  for (const reminder of task.reminders) {
    const trigger = "before" in reminder ? `TRIGGER:-${icalDuration(reminder.before)}` : `TRIGGER;VALUE=DATE-TIME:${utcDateTime(reminder.at)}`;
    lines.push("BEGIN:VALARM", "ACTION:DISPLAY", `DESCRIPTION:${escapeText(task.title)}`, trigger, "END:VALARM");
  }
  lines.push("END:VEVENT");
  return lines;
}
