/**
 * Which actor reminders a task wants registered, and what to change to get
 * there from what is registered now. Pure, so the rules (what survives an
 * edit, what a deleted task keeps, the series reminder) are unit-tested
 * without a scheduler.
 */
import { deliveryIdOf, planReminders, stillWanted } from "./reminders.js";
import { scheduleSpawnAt } from "./series.js";
import type { TaskRecord } from "./task.js";

/** Reminder name → the instant it is registered for. */
export type Registered = Record<string, string>;

/** Persisted reminder name of a schedule-mode series' next occurrence (renaming it orphans registered reminders). */
export const SERIES_REMINDER = "series-next";

export function wantedReminders(record: TaskRecord | null, registered: Registered, now: Date): Registered {
  const wanted: Registered = {};
  if (!record || record.deletedAt !== null) return wanted;
  for (const plan of planReminders(record.task, now)) wanted[plan.name] = plan.remindAt;
  // Schedule mode: spawn the next occurrence at this one's due time
  // (immediately when that has passed: the catch-up).
  const spawnAt = scheduleSpawnAt(record);
  if (spawnAt !== null) wanted[SERIES_REMINDER] = spawnAt;
  // Keep one that is due but has not fired yet, if the task still wants it.
  for (const [name, remindAt] of Object.entries(registered)) {
    if (name !== SERIES_REMINDER && Date.parse(remindAt) <= now.getTime() && stillWanted(record.task, name, remindAt)) wanted[name] = remindAt;
  }
  return wanted;
}

/**
 * Whether a change's re-plan can register or cancel anything: not when
 * nothing is registered and the task, as committed, wants no reminder as of
 * the planning instant. A re-plan run later plans as of that same instant
 * (src/actors/outboxRunner.ts), and a later instant wants no more than an
 * earlier one (planReminders keeps only instants after it; the series
 * reminder does not depend on it), so such a re-plan would do nothing; not
 * asking for it saves an actor call through daprd after every such write.
 */
export function replanNeeded(record: TaskRecord | null, registered: Registered, at: Date): boolean {
  return Object.keys(registered).length > 0 || Object.keys(wantedReminders(record, registered, at)).length > 0;
}

export interface ReminderChanges {
  cancel: string[];
  register: [name: string, remindAt: string][];
}

/**
 * Cancel what is registered and no longer wanted; register what is wanted
 * and not registered at that instant. A reminder moved to another instant is
 * only registered again: registering a name replaces the reminder of that name.
 */
export function reminderChanges(registered: Registered, wanted: Registered): ReminderChanges {
  return {
    cancel: Object.keys(registered).filter((name) => !(name in wanted)),
    register: Object.entries(wanted).filter(([name, at]) => registered[name] !== at),
  };
}

/**
 * The reconcile's repairs: reminders the task wants at a future instant that
 * the scheduler does not hold (`present`: the names it answered for). Ones
 * whose instant has passed are left alone here: they have fired (a fired
 * one-shot reminder is gone from the scheduler by design) or their firing is
 * being retried; only one never delivered is registered again, late
 * (`overdueToRepair`).
 */
export function remindersToRepair(wanted: Registered, present: ReadonlySet<string>, now: Date): [name: string, remindAt: string][] {
  return Object.entries(wanted).filter(([name, at]) => Date.parse(at) > now.getTime() && !present.has(name));
}

/** How late an undelivered reminder must be before the reconcile registers it again: several of the scheduler's 5 s retries (ADR 0025). */
export const OVERDUE_REPAIR_AFTER_MS = 30_000;
/** How far back the reconcile looks for undelivered reminders: a day, the scheduler's own retry window (REMINDER_RETRY_FOR_MS). */
export const OVERDUE_REPAIR_WINDOW_MS = 86_400_000;

/**
 * The reconcile's repairs of reminders whose instant has passed (ADR 0025):
 * ones the task still wants (registered and still wanted: not fired in an
 * activation that saved since) whose delivery the notifications app never
 * recorded (`undelivered`: delivery ids) and that are more than
 * OVERDUE_REPAIR_AFTER_MS late. Their job was lost or stalled in the
 * scheduler (daprd 1.18: a trigger tried twice while the app was down, then
 * never again). Registered again, they fire at once; a firing that happened
 * after all is deduplicated by its delivery id.
 */
export function overdueToRepair(taskId: string, wanted: Registered, undelivered: ReadonlySet<string>, now: Date): [name: string, remindAt: string][] {
  return Object.entries(wanted).filter(
    ([name, at]) => name !== SERIES_REMINDER && Date.parse(at) <= now.getTime() - OVERDUE_REPAIR_AFTER_MS && undelivered.has(deliveryIdOf(taskId, name)),
  );
}

/** A plan's reminders the reconcile checks for a recorded delivery: due between a day and OVERDUE_REPAIR_AFTER_MS ago (delivery ids). */
export function overdueCandidates(planned: readonly { deliveryId: string; remindAt: string }[], now: Date): string[] {
  const t = now.getTime();
  return planned
    .filter((r) => {
      const at = Date.parse(r.remindAt);
      return at <= t - OVERDUE_REPAIR_AFTER_MS && at > t - OVERDUE_REPAIR_WINDOW_MS;
    })
    .map((r) => r.deliveryId);
}
