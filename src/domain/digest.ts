/**
 * The daily digest's rules. Pure: which local date a user's digest is for
 * (once their digest time has passed in their zone), the instants that bound
 * "today" and "tomorrow" there (a local day is 23 or 25 hours on the days the
 * clocks move), and how open tasks fall into overdue / today / tomorrow.
 */
import { DateTime } from "luxon";
import { minutesOfDay, type LocalTime } from "./preferences.js";

/** The local date (YYYY-MM-DD) whose digest is due at `now`, or null before the digest time. */
export function digestDateDue(now: Date, timeZone: string, digestTime: LocalTime): string | null {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  return local.hour * 60 + local.minute >= minutesOfDay(digestTime) ? local.toISODate() : null;
}

export interface DigestBounds {
  startOfTomorrow: string;
  endOfTomorrow: string;
}

export function digestBounds(date: string, timeZone: string): DigestBounds {
  const day = DateTime.fromISO(date, { zone: timeZone }).startOf("day");
  return { startOfTomorrow: day.plus({ days: 1 }).toUTC().toISO()!, endOfTomorrow: day.plus({ days: 2 }).toUTC().toISO()! };
}

/** Open tasks with a due date before the end of tomorrow, in three lists (each soonest first). */
export function groupForDigest<T extends { dueAt: string | null }>(tasks: T[], now: Date, bounds: DigestBounds): { overdue: T[]; today: T[]; tomorrow: T[] } {
  const out = { overdue: [] as T[], today: [] as T[], tomorrow: [] as T[] };
  const tomorrow = Date.parse(bounds.startOfTomorrow);
  const after = Date.parse(bounds.endOfTomorrow);
  const dated = tasks.filter((t): t is T & { dueAt: string } => t.dueAt !== null).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  for (const t of dated) {
    const due = Date.parse(t.dueAt);
    if (due < now.getTime()) out.overdue.push(t);
    else if (due < tomorrow) out.today.push(t);
    else if (due < after) out.tomorrow.push(t);
  }
  return out;
}

/** The instant of a user's digest time on a local date (its "remindAt": lateness is measured from it). */
export function digestInstant(date: string, timeZone: string, digestTime: LocalTime): string {
  const m = minutesOfDay(digestTime);
  return DateTime.fromISO(date, { zone: timeZone }).set({ hour: Math.floor(m / 60), minute: m % 60 }).toUTC().toISO()!;
}

/** The digest's notification id: one per user and local date, the key that makes it once a day. */
export const digestIdOf = (ownerId: string, date: string) => `digest:${ownerId}:${date}`;
