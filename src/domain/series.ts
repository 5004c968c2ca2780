/**
 * Recurring tasks: each occurrence is its own task with the series' id. The
 * next occurrence is asked for by the domain (a "spawn"); the actor gives it
 * a deterministic id (series + index), so completing twice, a redelivered
 * reminder or a crash mid-way can never create two.
 *
 * - `completion` mode: completing an occurrence spawns the next one, counted
 *   from the completion time (the rule restarted on the completion day, at
 *   the series' time of day).
 * - `schedule` mode: the next occurrence is spawned at the current one's due
 *   time, done or not. After downtime only one catch-up occurrence is
 *   spawned — the latest one already due — never one per missed date.
 */
import { DateTime } from "luxon";
import { occurrenceLimit, occurrencesAfter } from "./recurrence.js";
import type { SeriesPosition, Task, TaskInput, TaskRecord } from "./task.js";

export interface Spawn {
  series: SeriesPosition;
  input: TaskInput & Pick<Task, "listId"> & { dueAt: string };
}

/** A catch-up walks at most this many missed dates to find the latest. */
const MAX_CATCH_UP = 10_000;

export function spawnAfterCompletion(record: TaskRecord, completedAt: Date): Spawn | null {
  const { task, series } = record;
  if (!task.recurrence || task.recurrence.mode !== "completion" || !series || record.nextOccurrenceId) return null;
  const limit = occurrenceLimit(task.recurrence.rule);
  if (limit !== null && series.index >= limit) return null;
  const due = DateTime.fromISO(task.dueAt!, { zone: task.timeZone });
  const done = DateTime.fromJSDate(completedAt, { zone: task.timeZone });
  const restart = done.set({ hour: due.hour, minute: due.minute, second: due.second, millisecond: 0 }).toUTC().toISO()!;
  const rule = withoutCount(task.recurrence.rule);
  const [next] = occurrencesAfter(rule, restart, task.timeZone, new Date(restart), 1);
  return next ? spawnAt(task, series, next) : null;
}

export function spawnOnSchedule(record: TaskRecord, now: Date): Spawn | null {
  const { task, series } = record;
  if (!task.recurrence || task.recurrence.mode !== "schedule" || !series || record.nextOccurrenceId || task.dueAt === null) return null;
  const upcoming = occurrencesAfter(task.recurrence.rule, series.start, task.timeZone, new Date(task.dueAt), MAX_CATCH_UP);
  if (upcoming.length === 0) return null;
  const missed = upcoming.filter((instant) => Date.parse(instant) <= now.getTime());
  // One catch-up: the latest date already due, else the next one.
  return spawnAt(task, series, missed.length > 0 ? missed[missed.length - 1]! : upcoming[0]!);
}

/** The instant at which a schedule-mode series spawns its next occurrence: the current one's due time. */
export function scheduleSpawnAt(record: TaskRecord): string | null {
  const { task } = record;
  if (!task.recurrence || task.recurrence.mode !== "schedule" || !record.series || record.nextOccurrenceId) return null;
  return record.deletedAt === null ? task.dueAt : null;
}

function spawnAt(task: Task, series: SeriesPosition, dueAt: string): Spawn {
  return {
    series: { ...series, index: series.index + 1 },
    input: {
      title: task.title,
      description: task.description,
      priority: task.priority,
      tags: task.tags,
      dueAt,
      timeZone: task.timeZone,
      reminders: task.reminders,
      recurrence: task.recurrence,
      listId: task.listId,
      position: task.position,
      // The next occurrence is the same person's to do (unassigned on a departure like any task).
      assigneeId: task.assigneeId,
    },
  };
}

function withoutCount(rule: string): string {
  return rule
    .split(";")
    .filter((part) => !part.startsWith("COUNT="))
    .join(";");
}
