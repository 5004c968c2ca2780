/**
 * Quiet hours: a reminder that would reach a user inside their quiet window
 * waits until the window ends. Pure, and read in the user's IANA zone with
 * luxon, so a window keeps its wall-clock meaning across daylight-saving
 * changes (22:00–07:00 stays 22:00–07:00 local on the night the clocks move,
 * and the window is then 8 or 10 hours long, not 9).
 */
import { DateTime } from "luxon";
import { minutesOfDay, type QuietHours } from "./preferences.js";
import type { Task } from "./task.js";

/**
 * When a reminder at `instant` may be delivered: null if it is outside the
 * window (deliver now), else the instant the window ends. A window whose
 * start is later than its end spans midnight (22:00–07:00). An end that does
 * not exist that day (the skipped hour of spring) is moved forward by the
 * gap; one that exists twice (autumn) is its first occurrence (luxon's rule,
 * the same as recurrence.ts).
 */
export function quietHoursEnd(instant: Date, quiet: QuietHours | null, timeZone: string): Date | null {
  if (!quiet) return null;
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  if (start === end) return null;
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  const t = local.hour * 60 + local.minute + local.second / 60 + local.millisecond / 60_000;
  let endDay: DateTime | null = null;
  if (start < end) {
    if (t >= start && t < end) endDay = local;
  } else if (t >= start) {
    endDay = local.plus({ days: 1 });
  } else if (t < end) {
    endDay = local;
  }
  if (!endDay) return null;
  const release = DateTime.fromObject(
    { year: endDay.year, month: endDay.month, day: endDay.day, hour: Math.floor(end / 60), minute: end % 60 },
    { zone: timeZone },
  );
  return release.toJSDate();
}

/**
 * Whether the user set this reminder's instant themselves: an `at` reminder
 * at exactly that instant, or a snooze (they chose when to be reminded).
 * Those go out even inside quiet hours; `before` offsets are held.
 */
export function isExplicitReminder(task: Pick<Task, "reminders">, name: string, remindAt: string): boolean {
  if (name.startsWith("snooze-")) return true;
  const at = Date.parse(remindAt);
  return task.reminders.some((r) => "at" in r && Date.parse(r.at) === at);
}

/** The reminder name of a delivery id (`<taskId>:<name>`, see deliveryIdOf). */
export const reminderNameOf = (deliveryId: string): string => deliveryId.slice(deliveryId.lastIndexOf(":") + 1);
