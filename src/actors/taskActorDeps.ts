/** What TaskActor is called with, answers, and runs on (daprd, the journal, the broker, the scheduler). */
import { SERIES_REMINDER, type DomainErrorCode, type ReminderDue, type Task, type TaskCommand, type TaskEvent } from "../domain/index.js";
import type { OutboxJournal } from "../infra/outboxJournal.js";
import type { Logger } from "../infra/logger.js";
import type { ActorStateStore } from "./taskState.js";

/** Persisted names: renaming either orphans stored state and reminders. */
export const TASK_ACTOR_TYPE = "TaskActor";
export const OUTBOX_REMINDER = "outbox-flush";
export { SERIES_REMINDER };

export type ActorReply<T> = { ok: true; value: T } | { ok: false; error: { code: DomainErrorCode; message: string; field?: string } };

export interface TaskView {
  task: Task;
  deleted: boolean;
  /** False when the command changed nothing (e.g. an idempotent replay). */
  changed: boolean;
  /** The next occurrence of a recurring task, once created. */
  nextOccurrenceId: string | null;
  /** A retried keyed write, answered and not applied again: the status its first answer had (src/domain/appliedWrites.ts). */
  replayed?: { status: number };
}

export interface TaskActorDeps {
  state: ActorStateStore;
  journal: OutboxJournal;
  /** Publishes one task's events, in order, to every topic that carries them; throws if not all were accepted. */
  publish(events: TaskEvent[]): Promise<void>;
  publishReminders(due: ReminderDue[]): Promise<void>;
  /** A one-shot actor reminder at an absolute instant, carrying that instant (replaces one of the same name). */
  registerReminder(taskId: string, name: string, remindAt: string): Promise<void>;
  /** Cancels a reminder; one that is already gone is not an error. */
  unregisterReminder(taskId: string, name: string): Promise<void>;
  /** Whether the scheduler holds this reminder (for `reconcile`; absent: reconcile repairs nothing). */
  reminderExists?(taskId: string, name: string): Promise<boolean>;
  /**
   * Asks this process to call the actor's `retryOutbox` soon, and again until
   * it answers that nothing is pending (src/actors/outboxRetrier.ts). Present:
   * a commit answers before its reminders are registered, and a publish it
   * could not do is retried there rather than by arming the outbox reminder
   * (ADR 0032). Absent: the re-plan is part of the commit's drain, as before.
   */
  retryLater?(taskId: string): void;
  /** The durable, repeating outbox reminder: only armed after a drain failed. */
  armOutboxReminder(taskId: string): Promise<void>;
  disarmOutboxReminder(taskId: string): Promise<void>;
  /** Create the task for a series' next occurrence (idempotent: replays answer the existing task). */
  createOccurrence(taskId: string, command: TaskCommand): Promise<void>;
  occurrenceId(seriesId: string, index: number): string;
  /** Throws if the event (or reminder.due) would not pass its consumers' schema: checked before the commit. */
  checkPublishable(item: { event: TaskEvent } | { due: ReminderDue }): void;
  /** Fault tests only (installed by the test entry point): may end the process at a named point. */
  faultPoint?(name: "after-commit"): void;
  observeLateness?(ms: number): void;
  reportOutbox?(taskId: string, pending: number): void;
  now(): Date;
  log: Logger;
}
