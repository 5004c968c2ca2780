/**
 * When a task's reminders fire. Pure: given the task and the moment of
 * planning, answer the absolute instants still to come. Each becomes one
 * durable actor reminder named after its instant, so a re-plan that keeps an
 * instant keeps its reminder (and its delivery id), and one that drops it
 * cancels exactly that reminder.
 *
 * Rules: only open tasks remind; instants already past when planned are not
 * fired retroactively; a snooze moves every reminder due before
 * `snoozedUntil` to that moment (one reminder, not several).
 */
import { durationMs } from "./duration.js";
import type { Task } from "./task.js";

export interface PlannedReminder {
  /** Stable name of the actor reminder: `r-<epoch ms>`, or `snooze-<epoch ms>`. */
  name: string;
  remindAt: string;
}

export function planReminders(task: Task, after: Date): PlannedReminder[] {
  if (task.status !== "open") return [];
  const instants = new Set<number>();
  for (const reminder of task.reminders) {
    if ("at" in reminder) instants.add(Date.parse(reminder.at));
    else if (task.dueAt !== null) instants.add(Date.parse(task.dueAt) - durationMs(reminder.before));
  }
  const snooze = task.snoozedUntil === null ? null : Date.parse(task.snoozedUntil);
  const plans: PlannedReminder[] = [];
  for (const at of instants) {
    if (at <= after.getTime()) continue;
    if (snooze !== null && at < snooze) continue; // moved to the snooze instant
    plans.push({ name: `r-${at}`, remindAt: new Date(at).toISOString() });
  }
  if (snooze !== null && snooze > after.getTime()) plans.push({ name: `snooze-${snooze}`, remindAt: new Date(snooze).toISOString() });
  return plans.sort((a, b) => a.remindAt.localeCompare(b.remindAt) || a.name.localeCompare(b.name));
}

/** Whether a reminder firing now is still one the task wants (it may have been edited, completed or deleted since). */
export function stillWanted(task: Task, name: string, remindAt: string): boolean {
  return planReminders(task, new Date(Date.parse(remindAt) - 1)).some((p) => p.name === name && p.remindAt === remindAt);
}

/** Delivery id of one firing: the same for every redelivery of that reminder, different for any other. */
export const deliveryIdOf = (taskId: string, name: string) => `${taskId}:${name}`;
