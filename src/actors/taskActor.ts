/**
 * TaskActor: one virtual actor per task, a thin shell around the pure domain.
 * It loads one record, asks `decide`, and writes the new record together with
 * what it owes the world (the outbox: events to publish, reminders to
 * (re)plan) in one actor-state transaction; only then does it act. Before that
 * transaction it arms a durable reminder, so a crash or broker outage at any
 * point leaves an outbox that the reminder drains later. Consumers deduplicate
 * on event id, so doing something twice is harmless; never doing it is what
 * this rules out.
 */
import { AbstractActor } from "@dapr/dapr";
import {
  decide,
  scheduleSpawnAt,
  spawnOnSchedule,
  type Spawn,
  deliveryIdOf,
  DomainError,
  planReminders,
  stillWanted,
  visibleTask,
  type DomainErrorCode,
  type ReminderDue,
  type Task,
  type TaskCommand,
  type TaskEvent,
  type TaskRecord,
} from "../domain/index.js";
import type { Logger } from "../infra/logger.js";
import { currentTraceparent, inSpan, linkTo, resumeTrace, SpanKind } from "../telemetry/tracing.js";

/** Persisted names: renaming any of these orphans stored state and reminders. */
export const TASK_ACTOR_TYPE = "TaskActor";
const RECORD_KEY = "record";
const OUTBOX_KEY = "outbox";
const REMINDERS_KEY = "reminders";
/** Traceparent of the change that last planned this task's reminders; a firing links back to it. */
const PLANNED_BY_KEY = "reminders-planned-by";
export const OUTBOX_REMINDER = "outbox-flush";

export type ActorReply<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: DomainErrorCode; message: string; field?: string } };

export interface TaskView {
  task: Task;
  deleted: boolean;
  /** False when the command changed nothing (e.g. an idempotent replay). */
  changed: boolean;
  /** The next occurrence of a recurring task, once created. */
  nextOccurrenceId: string | null;
}

export interface TaskActorDeps {
  /** Publishes one task event to every topic that carries it; throws if not accepted. */
  publish(event: TaskEvent): Promise<void>;
  publishReminder(due: ReminderDue): Promise<void>;
  /** A one-shot actor reminder for this task at an absolute instant (overwrites one of the same name). */
  registerReminder(taskId: string, name: string, remindAt: string): Promise<void>;
  unregisterReminder(taskId: string, name: string): Promise<void>;
  /** The durable, repeating outbox reminder for this task. */
  armOutboxReminder(taskId: string): Promise<void>;
  disarmOutboxReminder(taskId: string): Promise<void>;
  /** Create the task for a series' next occurrence (idempotent: replays answer the existing task). */
  createOccurrence(taskId: string, command: TaskCommand): Promise<void>;
  /** Deterministic id of occurrence `index` of a series. */
  occurrenceId(seriesId: string, index: number): string;
  /** Fault tests only: may end the process at a named point. */
  faultPoint?(name: "after-commit"): void;
  /**
   * Throws if the event (or reminder.due) would not pass its consumers'
   * schema. Checked before the outbox commit: an event that consumers would
   * dead-letter is never committed, and the command fails instead.
   */
  checkPublishable(item: { event: TaskEvent } | { due: ReminderDue }): void;
  /** Reminder lateness (firedAt − remindAt), for metrics. */
  observeLateness?(ms: number): void;
  /** Events and reminders waiting in this task's outbox after each save, for metrics. */
  reportOutbox?(taskId: string, pending: number): void;
  now(): Date;
  log: Logger;
}

interface Outbox {
  events: TaskEvent[];
  due: ReminderDue[];
  /** Next occurrences to create: [taskId, create command]. */
  spawn: [string, TaskCommand][];
  /** The task changed: its actor reminders must be brought in line with planReminders. */
  replan: boolean;
  /** True while the outbox reminder is registered. */
  armed: boolean;
  /**
   * Traceparent of the work that put each entry here, by event id, delivery id
   * or "replan", so that work done later (by the outbox reminder) continues
   * the trace of the request that caused it.
   */
  traces?: Record<string, string>;
}

/** Reminder name → the instant it is registered for. */
type Registered = Record<string, string>;

const EMPTY_OUTBOX: Outbox = { events: [], due: [], spawn: [], replan: false, armed: false };
export const SERIES_REMINDER = "series-next";

export function defineTaskActor(deps: TaskActorDeps) {
  // The class name is the Dapr actor type (the SDK reads constructor.name).
  class TaskActor extends AbstractActor {
    /** The methods daprd may call; anything else answers 404. */
    static readonly callable = new Set(["handle", "read", "onReminder"]);

    async handle(command: TaskCommand): Promise<ActorReply<TaskView>> {
      const current = await this.load();
      let decision;
      try {
        decision = decide(current, command, deps.now());
      } catch (err) {
        if (err instanceof DomainError) return { ok: false, error: { code: err.code, message: err.message, field: err.field } };
        throw err;
      }
      let record = decision.record;
      const spawn = this.spawnCommand(record, decision.spawn);
      if (spawn) record = { ...record, nextOccurrenceId: spawn[0] };
      if (decision.events.length > 0) {
        for (const event of decision.events) deps.checkPublishable({ event });
        deps.log.info({ taskId: this.taskId, events: decision.events.map((e) => e.kind), version: record.task.version }, "task changed");
        await this.commit(record, (outbox) => ({
          ...outbox,
          events: [...outbox.events, ...decision.events],
          spawn: spawn ? [...outbox.spawn, spawn] : outbox.spawn,
          replan: true,
        }));
      }
      const { task, deletedAt } = record;
      return { ok: true, value: { task, deleted: deletedAt !== null, changed: decision.events.length > 0, nextOccurrenceId: record.nextOccurrenceId ?? null } };
    }

    /** This process no longer holds the actor: its outbox is no longer this process's to report. */
    override async onDeactivate(): Promise<void> {
      deps.reportOutbox?.(this.taskId, 0);
    }

    async read(ownerId: string): Promise<ActorReply<Task>> {
      try {
        return { ok: true, value: visibleTask(await this.load(), ownerId) };
      } catch (err) {
        if (err instanceof DomainError) return { ok: false, error: { code: err.code, message: err.message, field: err.field } };
        throw err;
      }
    }

    async onReminder(name: string, _data: unknown): Promise<void> {
      if (name === OUTBOX_REMINDER) {
        await this.flushOutbox(true);
        return;
      }
      if (name === SERIES_REMINDER) {
        await this.spawnScheduled();
        return;
      }
      const [, plannedBy] = await this.getStateManager<string>().tryGetState(PLANNED_BY_KEY);
      // A new trace for the firing (the scheduler started it), linked to the change that planned it.
      await inSpan(`reminder ${name}`, { kind: SpanKind.INTERNAL, links: linkTo(plannedBy ?? undefined), attributes: { "tickler.task.id": this.taskId } }, () =>
        this.fireReminder(name),
      );
    }

    private async fireReminder(name: string): Promise<void> {
      const registered = await this.registered();
      const remindAt = registered[name];
      if (remindAt === undefined) {
        deps.log.warn({ taskId: this.taskId, reminder: name }, "reminder not planned (any more); ignored");
        return;
      }
      // One-shot: daprd forgets it after this call succeeds.
      const rest = { ...registered };
      delete rest[name];
      await this.getStateManager<Registered>().setState(REMINDERS_KEY, rest);
      const record = await this.load();
      // The task may have been completed, deleted or edited since this was planned.
      if (!record || record.deletedAt !== null || !stillWanted(record.task, name, remindAt)) {
        await this.getStateManager().saveState();
        return;
      }
      const firedAt = deps.now();
      deps.observeLateness?.(firedAt.getTime() - Date.parse(remindAt));
      deps.log.info({ taskId: this.taskId, reminder: name, remindAt, latenessMs: firedAt.getTime() - Date.parse(remindAt) }, "reminder fired");
      const due: ReminderDue = {
        deliveryId: deliveryIdOf(this.taskId, name),
        taskId: this.taskId,
        ownerId: record.task.ownerId,
        remindAt,
        firedAt: firedAt.toISOString(),
        task: record.task,
      };
      deps.checkPublishable({ due });
      await this.commit(record, (outbox) => ({ ...outbox, due: [...outbox.due, due] }));
    }

    /** Schedule mode: the current occurrence's due time has come, so create the next one. */
    private async spawnScheduled(): Promise<void> {
      const record = await this.load();
      const registered = await this.registered();
      const rest = { ...registered };
      delete rest[SERIES_REMINDER];
      await this.getStateManager<Registered>().setState(REMINDERS_KEY, rest);
      const spawn = record && record.deletedAt === null ? this.spawnCommand(record, spawnOnSchedule(record, deps.now())) : null;
      if (!record || !spawn) {
        await this.getStateManager().saveState();
        return;
      }
      await this.commit({ ...record, nextOccurrenceId: spawn[0] }, (outbox) => ({ ...outbox, spawn: [...outbox.spawn, spawn], replan: true }));
    }

    private spawnCommand(record: TaskRecord, spawn: Spawn | null | undefined): [string, TaskCommand] | null {
      if (!spawn) return null;
      const id = deps.occurrenceId(spawn.series.seriesId, spawn.series.index);
      // The request hash names the occurrence, so any retry of this spawn is a replay.
      const requestHash = `series:${spawn.series.seriesId}:${spawn.series.index}`;
      return [id, { kind: "create", ownerId: record.task.ownerId, taskId: id, input: spawn.input, series: spawn.series, requestHash }];
    }

    /** Save the record with more work in the outbox (one transaction), then do the work. */
    private async commit(record: TaskRecord, addWork: (outbox: Outbox) => Outbox): Promise<void> {
      const state = this.getStateManager<TaskRecord | Outbox>();
      const outbox = await this.outbox();
      if (!outbox.armed) await deps.armOutboxReminder(this.taskId);
      await state.setState(RECORD_KEY, record);
      const work = addWork(outbox);
      const traceparent = currentTraceparent();
      if (traceparent) {
        const traces = { ...work.traces };
        for (const e of work.events) traces[e.eventId] ??= traceparent;
        for (const d of work.due) traces[d.deliveryId] ??= traceparent;
        if (work.replan && !outbox.replan) traces.replan = traceparent;
        work.traces = traces;
      }
      await state.setState(OUTBOX_KEY, { ...work, armed: true });
      await state.saveState();
      deps.reportOutbox?.(this.taskId, work.events.length + work.due.length);
      deps.faultPoint?.("after-commit");
      await this.flushOutbox();
    }

    /**
     * Do what the outbox holds, in order: bring the actor reminders in line
     * with the task, publish task events, publish due reminders. Each step is
     * idempotent; a failure keeps the rest for the armed reminder to retry.
     */
    private async flushOutbox(firedByReminder = false): Promise<void> {
      const state = this.getStateManager<Outbox>();
      const outbox = { ...(await this.outbox()) };
      const pendingEvents = [...outbox.events];
      const pendingDue = [...outbox.due];
      const pendingSpawn = [...outbox.spawn];
      const traces = outbox.traces ?? {};
      try {
        if (outbox.replan) {
          await resumeTrace(traces.replan, "replan reminders", {}, () => this.replanReminders(traces.replan));
          outbox.replan = false;
        }
        while (pendingEvents.length > 0) {
          const event = pendingEvents[0]!;
          await resumeTrace(traces[event.eventId], `publish ${event.kind}`, { kind: SpanKind.PRODUCER }, () => deps.publish(event));
          pendingEvents.shift();
        }
        while (pendingDue.length > 0) {
          const due = pendingDue[0]!;
          await resumeTrace(traces[due.deliveryId], "publish reminder.due", { kind: SpanKind.PRODUCER }, () => deps.publishReminder(due));
          pendingDue.shift();
        }
        while (pendingSpawn.length > 0) {
          const [taskId, command] = pendingSpawn[0]!;
          await deps.createOccurrence(taskId, command);
          pendingSpawn.shift();
        }
      } catch (err) {
        deps.log.error({ err, taskId: this.taskId, pending: pendingEvents.length + pendingDue.length }, "outbox work failed; the outbox reminder will retry");
      }
      const drained = !outbox.replan && pendingEvents.length === 0 && pendingDue.length === 0 && pendingSpawn.length === 0;
      const keep = new Set([...pendingEvents.map((e) => e.eventId), ...pendingDue.map((d) => d.deliveryId), ...(outbox.replan ? ["replan"] : [])]);
      const pendingTraces = Object.fromEntries(Object.entries(traces).filter(([id]) => keep.has(id)));
      await state.setState(OUTBOX_KEY, { events: pendingEvents, due: pendingDue, spawn: pendingSpawn, replan: outbox.replan, armed: !drained, traces: pendingTraces });
      await state.saveState();
      deps.reportOutbox?.(this.taskId, pendingEvents.length + pendingDue.length);
      // Disarm only after the drained outbox is saved: a crash in between
      // leaves a reminder that fires once more and then disarms itself.
      if (drained && (outbox.armed || firedByReminder)) await deps.disarmOutboxReminder(this.taskId);
    }

    /** Register the reminders the task wants and cancel the ones it no longer wants. */
    private async replanReminders(plannedBy: string | undefined): Promise<void> {
      const record = await this.load();
      const registered = await this.registered();
      const now = deps.now();
      const wanted: Registered = {};
      if (record && record.deletedAt === null) {
        for (const plan of planReminders(record.task, now)) wanted[plan.name] = plan.remindAt;
        // Schedule mode: spawn the next occurrence at this one's due time
        // (immediately when that has passed: the catch-up).
        const spawnAt = scheduleSpawnAt(record);
        if (spawnAt !== null) wanted[SERIES_REMINDER] = spawnAt;
        // Keep one that is due but has not fired yet, if the task still wants it.
        for (const [name, remindAt] of Object.entries(registered)) {
          if (name !== SERIES_REMINDER && Date.parse(remindAt) <= now.getTime() && stillWanted(record.task, name, remindAt)) wanted[name] = remindAt;
        }
      }
      for (const [name, remindAt] of Object.entries(registered)) {
        if (wanted[name] !== remindAt) await deps.unregisterReminder(this.taskId, name);
      }
      for (const [name, remindAt] of Object.entries(wanted)) {
        if (registered[name] !== remindAt) await deps.registerReminder(this.taskId, name, remindAt);
      }
      await this.getStateManager<Registered>().setState(REMINDERS_KEY, wanted);
      if (plannedBy) await this.getStateManager<string>().setState(PLANNED_BY_KEY, plannedBy);
    }

    private get taskId(): string {
      return this.getActorId().getId();
    }

    private async load(): Promise<TaskRecord | null> {
      const [found, value] = await this.getStateManager<TaskRecord>().tryGetState(RECORD_KEY);
      return found && value ? value : null;
    }

    private async outbox(): Promise<Outbox> {
      const [found, value] = await this.getStateManager<Outbox>().tryGetState(OUTBOX_KEY);
      // Outboxes written before reminders existed lack `due` and `replan`.
      return found && value ? { ...EMPTY_OUTBOX, ...value } : EMPTY_OUTBOX;
    }

    private async registered(): Promise<Registered> {
      const [found, value] = await this.getStateManager<Registered>().tryGetState(REMINDERS_KEY);
      return found && value ? value : {};
    }
  }
  return TaskActor;
}
