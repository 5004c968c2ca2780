/**
 * How a page groups its tasks: Today is overdue first, then today's by time,
 * then today's without a time (due at midnight on their zone's clock); Upcoming
 * is one group per day for 14 days, empty days included so a task can be
 * dragged onto them. Other pages are one group.
 */
import { instantToWall, wallToInstant } from "./time.js";
import type { Task } from "./types.js";
import { dayStart, UPCOMING_DAYS, type Mode } from "./view.js";

export interface Section {
  key: string;
  /** Shown as the group's heading; "" for a page of one group. */
  title: string;
  /** The day a task dropped here moves to (YYYY-MM-DD, local), Upcoming only. */
  day?: string;
  items: Task[];
}

const hasNoTime = (t: Task) => t.dueAt !== null && instantToWall(t.dueAt, t.timeZone).endsWith("T00:00");

/** YYYY-MM-DD of a local Date. */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function sectionsOf(mode: Mode, items: Task[], now = new Date()): Section[] {
  if (mode === "today") {
    const overdue = items.filter((t) => t.dueAt !== null && Date.parse(t.dueAt) < now.getTime() && !(hasNoTime(t) && Date.parse(t.dueAt) >= dayStart(0, now).getTime()));
    const rest = items.filter((t) => !overdue.includes(t));
    return [
      { key: "overdue", title: "Overdue", items: overdue },
      { key: "today", title: "Today", items: [...rest.filter((t) => !hasNoTime(t)), ...rest.filter(hasNoTime)] },
    ].filter((s) => s.items.length > 0);
  }
  if (mode === "upcoming") {
    const dayName = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long" });
    return Array.from({ length: UPCOMING_DAYS }, (_, i) => {
      const start = dayStart(i, now).getTime();
      const end = dayStart(i + 1, now).getTime();
      const title = i === 0 ? `Today · ${dayName.format(start)}` : i === 1 ? `Tomorrow · ${dayName.format(start)}` : dayName.format(start);
      return { key: `day-${i}`, title, day: localDay(new Date(start)), items: items.filter((t) => t.dueAt !== null && Date.parse(t.dueAt) >= start && Date.parse(t.dueAt) < end) };
    });
  }
  return [{ key: "all", title: "", items }];
}

/**
 * The task moved to another day of the page (YYYY-MM-DD, the browser's days)
 * by as many days on its own zone's calendar, at the same wall-clock time: a
 * task at 09:00 in Berlin stays at 09:00 in Berlin, across a DST change too.
 */
export function movedToDay(task: Task, day: string): string | null {
  if (!task.dueAt) return null;
  const dayMs = (ymd: string) => Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10)));
  const shift = Math.round((dayMs(day) - dayMs(localDay(new Date(task.dueAt)))) / 86_400_000);
  const wall = instantToWall(task.dueAt, task.timeZone);
  const target = new Date(dayMs(wall.slice(0, 10)) + shift * 86_400_000).toISOString().slice(0, 10);
  return wallToInstant(`${target}${wall.slice(10)}`, task.timeZone);
}
