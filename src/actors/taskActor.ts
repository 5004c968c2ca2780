/**
 * TaskActor: one virtual actor per task, a shell around the pure domain. It
 * decides with `decide` and the reminder plan, and executes what the outbox
 * protocol (src/domain/outboxMachine.ts) asks: mark the task in the journal,
 * commit the record with its outbox in one transaction, work the outbox off,
 * arm the durable outbox reminder only when that fails, clear the mark.
 * Consumers deduplicate, so work done twice is harmless; never doing it is
 * what this rules out. See docs/adr/0001-outbox-journal.md.
 */
import { AbstractActor } from "@dapr/dapr";
import { contentAt, decide, deliveryIdOf, DomainError, isDrained, overdueToRepair, remindersToRepair, spawnOnSchedule, stillWanted, visibleTask, wantedReminders } from "../domain/index.js";
import type { ReminderDue, Spawn, Task, TaskCommand, TaskRecord } from "../domain/index.js";
import { reminderData } from "../infra/reminderScheduler.js";
import { OutboxRunner } from "./outboxRunner.js";
import { OUTBOX_REMINDER, SERIES_REMINDER, type ActorReply, type TaskActorDeps, type TaskView } from "./taskActorDeps.js";
import { traced } from "./tracedDeps.js";

export * from "./taskActorDeps.js";

/** Delivery ids one reconcile call takes (a task has at most a few dozen reminders). */
const MAX_UNDELIVERED = 100;

const failure = (err: DomainError) => ({ ok: false as const, error: { code: err.code, message: err.message, field: err.field } });

export function defineTaskActor(untraced: TaskActorDeps) {
  const deps = traced(untraced);
  // The class name is the Dapr actor type (the SDK reads constructor.name).
  class TaskActor extends AbstractActor {
    /** The methods daprd may call; anything else answers 404. */
    static readonly callable = new Set(["handle", "read", "onReminder", "flush", "reconcile", "retryOutbox"]);
    /** This activation's state, and its one way to the store, the journal, the broker and the scheduler. */
    private readonly outbox = new OutboxRunner(deps, this.getActorId().getId());

    async handle(command: TaskCommand): Promise<ActorReply<TaskView>> {
      const state = await this.outbox.writable();
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
        await this.outbox.commit(record, { events: decision.events, spawn: spawn ? [spawn] : [], replan: true }, command.requestedAt);
      } else if (record !== state.record) {
        // A keyed write that changed nothing: only its key is saved (src/domain/appliedWrites.ts), no event, no re-plan.
        await this.outbox.commit(record, { events: [], spawn: [], replan: false }, command.requestedAt);
      }
      const { task, deletedAt } = record;
      const replayed = decision.replayed ? { replayed: decision.replayed } : {};
      return { ok: true, value: { task, deleted: deletedAt !== null, changed, nextOccurrenceId: record.nextOccurrenceId ?? null, ...replayed } };
    }

    /** `atVersion`: the task with the content it had at that version (what a revert to it would make; src/domain/undo.ts). */
    async read(ownerId: string, viaList?: string | null, atVersion?: number): Promise<ActorReply<Task>> {
      const { record } = await this.outbox.loaded();
      try {
        const task = visibleTask(record, ownerId, viaList ?? undefined);
        return { ok: true, value: atVersion === undefined ? task : { ...task, ...contentAt(record!, atVersion) } };
      } catch (err) {
        if (err instanceof DomainError) return failure(err);
        throw err;
      }
    }

    /** The sweeper's call for a task left marked in the journal: finish whatever its outbox holds. */
    async flush(): Promise<void> {
      await this.outbox.flush();
    }

    /**
     * The in-process retry of what a commit left for after its answer
     * (src/actors/outboxRetrier.ts): a deferred re-plan, a publish that
     * failed; answers whether a re-plan is still pending (the scheduler
     * failed again). A publish that fails again arms the outbox reminder.
     */
    async retryOutbox(): Promise<boolean> {
      return this.outbox.retryOutbox();
    }

    /**
     * The notifications app's periodic check: register again the future
     * reminders this task wants that the scheduler does not hold (lost, or
     * never registered); answers how many. A task with outbox work pending is
     * left to its outbox, which re-plans anyway.
     */
    /** `undelivered`: delivery ids of this task's overdue reminders the notifications app never recorded (ADR 0025). */
    async reconcile(undelivered: unknown = []): Promise<number> {
      const state = await this.outbox.writable();
      if (!deps.reminderExists || !isDrained(state.outbox)) return 0;
      const now = deps.now();
      const wanted = wantedReminders(state.record, state.registered, now);
      const present = new Set<string>();
      await Promise.all(Object.keys(wanted).map(async (name) => (await deps.reminderExists!(this.taskId, name)) && present.add(name)));
      const overdue = new Set(Array.isArray(undelivered) ? undelivered.filter((id): id is string => typeof id === "string").slice(0, MAX_UNDELIVERED) : []);
      const repairs = [...remindersToRepair(wanted, present, now), ...overdueToRepair(this.taskId, wanted, overdue, now)];
      await Promise.all(repairs.map(([name, remindAt]) => deps.registerReminder(this.taskId, name, remindAt)));
      if (repairs.length > 0) {
        deps.log.warn({ taskId: this.taskId, reminders: repairs.map(([name]) => name) }, "reminders missing from the scheduler registered again");
        this.outbox.state = { ...state, registered: { ...state.registered, ...Object.fromEntries(repairs) } };
      }
      return repairs.length;
    }

    async onReminder(name: string, data: unknown): Promise<void> {
      if (name === OUTBOX_REMINDER) return this.outbox.retry();
      if (name === SERIES_REMINDER) return this.spawnScheduled();
      const { plannedBy } = await this.outbox.writable();
      await deps.firing(this.taskId, name, plannedBy, () => this.fireReminder(name, data));
    }

    /** A failed method may have left this activation's copy ahead of (or behind) the store: load it again. */
    override async resetStateInternal(): Promise<void> {
      this.outbox.reset();
      await super.resetStateInternal();
    }

    override async onDeactivate(): Promise<void> {
      deps.reportOutbox?.(this.taskId, 0);
      await this.outbox.deactivating();
    }

    private async fireReminder(name: string, data: unknown): Promise<void> {
      const state = await this.outbox.writable();
      // The instant travels with the reminder; reminders registered before it did are looked up.
      const remindAt = (reminderData(data) as { remindAt?: string } | null)?.remindAt ?? state.registered[name];
      if (remindAt === undefined) {
        deps.log.warn({ taskId: this.taskId, reminder: name }, "reminder not planned (any more); ignored");
        return;
      }
      // One-shot: daprd forgets it after this call succeeds. The fired name leaves `registered` in this activation only (the next commit saves it).
      const { [name]: _fired, ...registered } = state.registered;
      this.outbox.state = { ...state, registered };
      const record = state.record;
      // The task may have been completed, deleted or edited since this was planned.
      if (!record || record.deletedAt !== null || !stillWanted(record.task, name, remindAt)) return;
      const firedAt = deps.now();
      deps.observeLateness?.(firedAt.getTime() - Date.parse(remindAt));
      deps.log.info({ taskId: this.taskId, reminder: name, remindAt, latenessMs: firedAt.getTime() - Date.parse(remindAt) }, "reminder fired");
      const due: ReminderDue = { deliveryId: deliveryIdOf(this.taskId, name), taskId: this.taskId, ownerId: record.task.ownerId, remindAt, firedAt: firedAt.toISOString(), task: record.task };
      deps.checkPublishable({ due });
      // The scheduler's reminder is itself a durable outbox (retried until this call succeeds), so a firing publishes
      // without a commit; only when the broker refuses does the due go through the outbox, whose retries are not bounded.
      try {
        return await deps.publishReminders([due]);
      } catch (err) {
        deps.log.warn({ err, taskId: this.taskId, reminder: name }, "reminder publish failed; keeping it in the outbox");
      }
      await this.outbox.commit(record, { due: [due] });
    }

    /** Schedule mode: the current occurrence's due time has come, so create the next one. */
    private async spawnScheduled(): Promise<void> {
      const state = await this.outbox.writable();
      const { [SERIES_REMINDER]: _fired, ...registered } = state.registered;
      this.outbox.state = { ...state, registered };
      const record = state.record;
      const spawn = record && record.deletedAt === null ? this.spawnCommand(record, spawnOnSchedule(record, deps.now())) : null;
      if (record && spawn) await this.outbox.commit({ ...record, nextOccurrenceId: spawn[0] }, { spawn: [spawn], replan: true });
    }

    private spawnCommand(record: TaskRecord, spawn: Spawn | null | undefined): [string, TaskCommand] | null {
      if (!spawn) return null;
      const id = deps.occurrenceId(spawn.series.seriesId, spawn.series.index);
      // The request hash names the occurrence, so any retry of this spawn is a replay.
      const requestHash = `series:${spawn.series.seriesId}:${spawn.series.index}`;
      return [id, { kind: "create", ownerId: record.task.ownerId, taskId: id, input: spawn.input, series: spawn.series, requestHash, spawnedFrom: record.task.id }];
    }

    private get taskId(): string {
      return this.getActorId().getId();
    }
  }
  return TaskActor;
}
