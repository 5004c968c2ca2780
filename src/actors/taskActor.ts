/**
 * TaskActor: one virtual actor per task, a thin shell around the pure domain.
 * A change costs one actor-state transaction: the new record together with
 * what it owes the world (the outbox), in one object. Before committing, the
 * actor marks its task in the outbox journal; after committing it works the
 * outbox off at once (re-plan reminders, publish, create next occurrences)
 * and clears the mark. The drained outbox is not written back: the next
 * change overwrites it, and a copy loaded later counts as drained unless the
 * journal still holds the mark. If the process dies in between, the mark
 * stays and the sweeper asks the actor to finish; if the drain fails (broker
 * down), the actor saves what is left and arms a durable reminder that
 * retries. Consumers deduplicate on event and delivery id, so doing work
 * twice is harmless; never doing it is what this rules out.
 * See docs/adr/0001-outbox-journal.md.
 */
import { AbstractActor } from "@dapr/dapr";
import {
  afterDrain,
  decide,
  deliveryIdOf,
  DomainError,
  isDrained,
  pendingCount,
  reminderChanges,
  remindersToRepair,
  SERIES_REMINDER,
  spawnOnSchedule,
  stillWanted,
  visibleTask,
  wantedReminders,
  withWork,
  EMPTY_OUTBOX,
  type DomainErrorCode,
  type DrainProgress,
  type ReminderDue,
  type Spawn,
  type Task,
  type TaskCommand,
  type TaskEvent,
  type TaskRecord,
  type Work,
} from "../domain/index.js";
import type { OutboxJournal } from "../infra/outboxJournal.js";
import type { Logger } from "../infra/logger.js";
import { reminderData } from "../infra/reminderScheduler.js";
import { currentTraceparent, inSpan, linkTo, resumeTrace, SpanKind } from "../telemetry/tracing.js";
import { loadTaskState, saveTaskState, type ActorStateStore, type TaskActorState } from "./taskState.js";

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

const failure = (err: DomainError) => ({ ok: false as const, error: { code: err.code, message: err.message, field: err.field } });

/** A request is planned as of its receipt, but never more than this before the commit (a stale stamp plans nothing odd). */
const MAX_REQUEST_AGE_MS = 5 * 60_000;

function planningTime(requestedAt: string | undefined, now: Date): Date {
  const at = requestedAt === undefined ? NaN : Date.parse(requestedAt);
  if (!Number.isFinite(at) || at >= now.getTime()) return now;
  return new Date(Math.max(at, now.getTime() - MAX_REQUEST_AGE_MS));
}

export function defineTaskActor(deps: TaskActorDeps) {
  // The class name is the Dapr actor type (the SDK reads constructor.name).
  class TaskActor extends AbstractActor {
    /** The methods daprd may call; anything else answers 404. */
    static readonly callable = new Set(["handle", "read", "onReminder", "flush", "reconcile"]);
    /** This activation's state as last committed (or loaded), with the outbox as far as it was worked off. */
    private current: TaskActorState | undefined;
    private legacy = false;

    async handle(command: TaskCommand): Promise<ActorReply<TaskView>> {
      const state = await this.writable();
      let decision;
      try {
        decision = decide(state.record, command, deps.now());
      } catch (err) {
        if (err instanceof DomainError) return failure(err);
        throw err;
      }
      let record = decision.record;
      const spawn = this.spawnCommand(record, decision.spawn);
      if (spawn) record = { ...record, nextOccurrenceId: spawn[0] };
      const changed = decision.events.length > 0;
      if (changed) {
        for (const event of decision.events) deps.checkPublishable({ event });
        deps.log.info({ taskId: this.taskId, events: decision.events.map((e) => e.kind), version: record.task.version }, "task changed");
        await this.commit(record, { events: decision.events, spawn: spawn ? [spawn] : [], replan: true }, command.requestedAt);
      }
      const { task, deletedAt } = record;
      return { ok: true, value: { task, deleted: deletedAt !== null, changed, nextOccurrenceId: record.nextOccurrenceId ?? null } };
    }

    async read(ownerId: string): Promise<ActorReply<Task>> {
      try {
        return { ok: true, value: visibleTask((await this.state()).record, ownerId) };
      } catch (err) {
        if (err instanceof DomainError) return failure(err);
        throw err;
      }
    }

    /** The sweeper's call for a task left marked in the journal: finish whatever its outbox holds. */
    async flush(): Promise<void> {
      const state = await this.writable();
      const token = await deps.journal.marked(this.taskId);
      if (token === null) return;
      if (isDrained(state.outbox)) deps.journal.clear(this.taskId, token);
      else await this.drain(token);
    }

    /**
     * The notifications app's periodic check: register again the future
     * reminders this task wants that the scheduler does not hold (lost, or
     * never registered); answers how many. A task with outbox work pending is
     * left to its outbox, which re-plans anyway.
     */
    async reconcile(): Promise<number> {
      const state = await this.writable();
      if (!deps.reminderExists || !isDrained(state.outbox)) return 0;
      const now = deps.now();
      const wanted = wantedReminders(state.record, state.registered, now);
      const present = new Set<string>();
      await Promise.all(Object.keys(wanted).map(async (name) => (await deps.reminderExists!(this.taskId, name)) && present.add(name)));
      const repairs = remindersToRepair(wanted, present, now);
      await Promise.all(repairs.map(([name, remindAt]) => deps.registerReminder(this.taskId, name, remindAt)));
      if (repairs.length > 0) {
        deps.log.warn({ taskId: this.taskId, reminders: repairs.map(([name]) => name) }, "reminders missing from the scheduler registered again");
        this.current = { ...state, registered: { ...state.registered, ...Object.fromEntries(repairs) } };
      }
      return repairs.length;
    }

    async onReminder(name: string, data: unknown): Promise<void> {
      if (name === OUTBOX_REMINDER) return this.retryOutbox();
      if (name === SERIES_REMINDER) return this.spawnScheduled();
      const { plannedBy } = await this.writable();
      // A new trace for the firing (the scheduler started it), linked to the change that planned it.
      await inSpan(`reminder ${name}`, { kind: SpanKind.INTERNAL, links: linkTo(plannedBy), attributes: { "tickler.task.id": this.taskId } }, () =>
        this.fireReminder(name, data),
      );
    }

    /** A failed method may have left this activation's copy ahead of (or behind) the store: load it again. */
    override async resetStateInternal(): Promise<void> {
      this.current = undefined;
      await super.resetStateInternal();
    }

    override async onDeactivate(): Promise<void> {
      deps.reportOutbox?.(this.taskId, 0);
    }

    private async fireReminder(name: string, data: unknown): Promise<void> {
      const state = await this.writable();
      // The instant travels with the reminder; reminders registered before it did are looked up.
      const remindAt = (reminderData(data) as { remindAt?: string } | null)?.remindAt ?? state.registered[name];
      if (remindAt === undefined) {
        deps.log.warn({ taskId: this.taskId, reminder: name }, "reminder not planned (any more); ignored");
        return;
      }
      // One-shot: daprd forgets it after this call succeeds.
      const { [name]: _fired, ...registered } = state.registered;
      this.current = { ...state, registered };
      const record = state.record;
      // The task may have been completed, deleted or edited since this was planned.
      if (!record || record.deletedAt !== null || !stillWanted(record.task, name, remindAt)) return;
      const firedAt = deps.now();
      deps.observeLateness?.(firedAt.getTime() - Date.parse(remindAt));
      deps.log.info({ taskId: this.taskId, reminder: name, remindAt, latenessMs: firedAt.getTime() - Date.parse(remindAt) }, "reminder fired");
      const due: ReminderDue = { deliveryId: deliveryIdOf(this.taskId, name), taskId: this.taskId, ownerId: record.task.ownerId, remindAt, firedAt: firedAt.toISOString(), task: record.task };
      deps.checkPublishable({ due });
      // The scheduler's one-shot reminder is itself a durable outbox: it is
      // forgotten only once this call succeeds, and a call that fails (or a
      // process that dies in it) is made again. So a firing publishes straight
      // away, with no commit: it succeeds only once the broker has the event.
      // A duplicate firing publishes the same delivery id, which consumers
      // drop. Only when the broker refuses does the due go through the
      // committed outbox (retried by its own reminder for as long as it
      // takes), since the scheduler's retries of a failing call are bounded.
      // The fired name leaves `registered` in this activation only; the next
      // commit saves it, and a stale entry for an instant past is harmless to
      // the plan (reminderPlan.ts keeps due ones only while still wanted).
      try {
        await inSpan("publish reminder.due", { kind: SpanKind.PRODUCER }, () => deps.publishReminders([due]));
        return;
      } catch (err) {
        deps.log.warn({ err, taskId: this.taskId, reminder: name }, "reminder publish failed; keeping it in the outbox");
      }
      await this.commit(record, { due: [due] });
    }

    /** Schedule mode: the current occurrence's due time has come, so create the next one. */
    private async spawnScheduled(): Promise<void> {
      const state = await this.writable();
      const { [SERIES_REMINDER]: _fired, ...registered } = state.registered;
      this.current = { ...state, registered };
      const record = state.record;
      const spawn = record && record.deletedAt === null ? this.spawnCommand(record, spawnOnSchedule(record, deps.now())) : null;
      if (record && spawn) await this.commit({ ...record, nextOccurrenceId: spawn[0] }, { spawn: [spawn], replan: true });
    }

    private spawnCommand(record: TaskRecord, spawn: Spawn | null | undefined): [string, TaskCommand] | null {
      if (!spawn) return null;
      const id = deps.occurrenceId(spawn.series.seriesId, spawn.series.index);
      // The request hash names the occurrence, so any retry of this spawn is a replay.
      const requestHash = `series:${spawn.series.seriesId}:${spawn.series.index}`;
      return [id, { kind: "create", ownerId: record.task.ownerId, taskId: id, input: spawn.input, series: spawn.series, requestHash }];
    }

    /** Mark, commit the record with more work in its outbox (one transaction), then work the outbox off. */
    private async commit(record: TaskRecord, work: Work, requestedAt?: string): Promise<void> {
      const state = await this.writable();
      const token = await deps.journal.mark(this.taskId);
      const next: TaskActorState = { ...state, record, outbox: withWork(state.outbox, work, currentTraceparent(), planningTime(requestedAt, deps.now())) };
      await this.save(next);
      this.current = next;
      deps.reportOutbox?.(this.taskId, pendingCount(next.outbox));
      deps.faultPoint?.("after-commit");
      await this.drain(token);
    }

    /**
     * Work the outbox off, in order: bring the reminders in line with the
     * task, publish its events, publish due reminders, create next
     * occurrences. A failure keeps the rest, saved, for the armed reminder.
     */
    private async drain(token: number): Promise<void> {
      const state = this.current!;
      const { outbox } = state;
      const done: DrainProgress = { replanned: false, events: 0, due: 0, spawned: 0 };
      let { registered, plannedBy } = state;
      try {
        if (outbox.replan) {
          registered = await resumeTrace(outbox.traces.replan, "replan reminders", {}, () => this.replan(state.record, registered, outbox.replanAt));
          plannedBy = outbox.traces.replan ?? plannedBy;
          done.replanned = true;
        }
        if (outbox.events.length > 0) {
          await resumeTrace(outbox.traces[outbox.events[0]!.eventId], `publish ${outbox.events.map((e) => e.kind).join(",")}`, { kind: SpanKind.PRODUCER }, () =>
            deps.publish(outbox.events),
          );
          done.events = outbox.events.length;
        }
        if (outbox.due.length > 0) {
          await resumeTrace(outbox.traces[outbox.due[0]!.deliveryId], "publish reminder.due", { kind: SpanKind.PRODUCER }, () => deps.publishReminders(outbox.due));
          done.due = outbox.due.length;
        }
        for (const [taskId, command] of outbox.spawn) {
          await deps.createOccurrence(taskId, command);
          done.spawned++;
        }
      } catch (err) {
        deps.log.error({ err, taskId: this.taskId, pending: pendingCount(outbox) - done.events - done.due }, "outbox work failed; the outbox reminder will retry");
      }
      const left = afterDrain(outbox, done);
      const after: TaskActorState = { ...state, outbox: left, registered, plannedBy };
      this.current = after;
      deps.reportOutbox?.(this.taskId, pendingCount(left));
      if (isDrained(left)) {
        if (state.armed) {
          // Disarm only after the drained outbox is saved: a crash in between
          // leaves a reminder that fires once more and then disarms itself.
          this.current = { ...after, armed: false };
          await this.save(this.current);
          await deps.disarmOutboxReminder(this.taskId);
        }
        deps.journal.clear(this.taskId, token);
        return;
      }
      this.current = { ...after, armed: true };
      await this.save(this.current);
      if (!state.armed) await deps.armOutboxReminder(this.taskId);
    }

    /** The armed reminder fired: retry what the outbox still holds (disarming once it is empty). */
    private async retryOutbox(): Promise<void> {
      const state = await this.writable();
      const token = (await deps.journal.marked(this.taskId)) ?? (await deps.journal.mark(this.taskId));
      this.current = { ...state, armed: true };
      await this.drain(token);
    }

    /**
     * Registers the reminders the task wants and cancels the ones it no longer
     * wants; answers what is registered now. Planned as of the change that
     * asked for it (`replanAt`), not as of this attempt: a re-plan retried
     * after the scheduler was unreachable still registers the reminders that
     * fell due meanwhile, at their past instants, so they fire at once rather
     * than never (planReminders skips instants already past at planning).
     */
    private async replan(record: TaskRecord | null, registered: TaskActorState["registered"], replanAt?: string): Promise<TaskActorState["registered"]> {
      const now = deps.now();
      const asOf = replanAt !== undefined && Date.parse(replanAt) < now.getTime() ? new Date(replanAt) : now;
      const wanted = wantedReminders(record, registered, asOf);
      const changes = reminderChanges(registered, wanted);
      await Promise.all([
        ...changes.cancel.map((name) => deps.unregisterReminder(this.taskId, name)),
        ...changes.register.map(([name, remindAt]) => deps.registerReminder(this.taskId, name, remindAt)),
      ]);
      return wanted;
    }

    /** One transaction; an actor still in the four-key layout drops those keys in it. */
    private async save(state: TaskActorState): Promise<void> {
      await saveTaskState(deps.state, this.taskId, state, this.legacy);
      this.legacy = false;
    }

    private get taskId(): string {
      return this.getActorId().getId();
    }

    /** The state as loaded (or last committed) in this activation. */
    private async state(): Promise<TaskActorState> {
      if (this.current) return this.current;
      const { state, legacy } = await loadTaskState(deps.state, this.taskId);
      this.legacy = legacy;
      this.current = state;
      return state;
    }

    /**
     * The state for a change. A loaded outbox that still lists work is only
     * pending if the journal still marks the task (or its reminder is armed):
     * otherwise it was worked off after its commit and simply not rewritten.
     */
    private async writable(): Promise<TaskActorState> {
      const state = await this.state();
      if (isDrained(state.outbox) || state.armed || (await deps.journal.marked(this.taskId)) !== null) return state;
      // Worked off, re-plan included: the change that re-planned is what a firing links back to.
      const plannedBy = state.outbox.replan ? (state.outbox.traces.replan ?? state.plannedBy) : state.plannedBy;
      this.current = { ...state, outbox: EMPTY_OUTBOX, plannedBy };
      return this.current;
    }
  }
  return TaskActor;
}
