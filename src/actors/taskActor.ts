/**
 * TaskActor: one virtual actor per task, a thin shell around the pure domain.
 * It loads one record, asks `decide`, and writes the new record together with
 * the events it owes (the outbox) in one actor-state transaction; only then
 * does it publish. Before that transaction it arms a durable reminder, so a
 * crash or broker outage at any point leaves events that the reminder
 * publishes later. Consumers deduplicate on event id, so publishing twice is
 * harmless; never publishing is what this rules out.
 */
import { AbstractActor } from "@dapr/dapr";
import { decide, DomainError, visibleTask, type DomainErrorCode, type Task, type TaskCommand, type TaskEvent, type TaskRecord } from "../domain/index.js";
import type { Logger } from "../infra/logger.js";

/** Persisted names: renaming any of these orphans stored state and reminders. */
export const TASK_ACTOR_TYPE = "TaskActor";
const RECORD_KEY = "record";
const OUTBOX_KEY = "outbox";
export const OUTBOX_REMINDER = "outbox-flush";

export type ActorReply<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: DomainErrorCode; message: string; field?: string } };

export interface TaskView {
  task: Task;
  deleted: boolean;
  /** False when the command changed nothing (e.g. an idempotent replay). */
  changed: boolean;
}

export interface TaskActorDeps {
  /** Publishes one event to every topic that carries it; throws if not accepted. */
  publish(event: TaskEvent): Promise<void>;
  /** Registers the durable, repeating outbox reminder for this task. */
  armOutboxReminder(taskId: string): Promise<void>;
  disarmOutboxReminder(taskId: string): Promise<void>;
  now(): Date;
  log: Logger;
}

interface Outbox {
  events: TaskEvent[];
  /** True while the outbox reminder is registered. */
  armed: boolean;
}

export function defineTaskActor(deps: TaskActorDeps) {
  // The class name is the Dapr actor type (the SDK reads constructor.name).
  class TaskActor extends AbstractActor {
    /** The methods daprd may call; anything else answers 404. */
    static readonly callable = new Set(["handle", "read", "onReminder"]);

    async handle(command: TaskCommand): Promise<ActorReply<TaskView>> {
      const record = await this.load();
      let decision;
      try {
        decision = decide(record, command, deps.now());
      } catch (err) {
        if (err instanceof DomainError) return { ok: false, error: { code: err.code, message: err.message, field: err.field } };
        throw err;
      }
      if (decision.events.length > 0) {
        const state = this.getStateManager<TaskRecord | Outbox>();
        const outbox = await this.outbox();
        if (!outbox.armed) await deps.armOutboxReminder(this.taskId);
        await state.setState(RECORD_KEY, decision.record);
        await state.setState(OUTBOX_KEY, { events: [...outbox.events, ...decision.events], armed: true });
        await state.saveState(); // record + outbox: one transaction
        await this.flushOutbox();
      }
      const { task, deletedAt } = decision.record;
      return { ok: true, value: { task, deleted: deletedAt !== null, changed: decision.events.length > 0 } };
    }

    async read(ownerId: string): Promise<ActorReply<Task>> {
      try {
        return { ok: true, value: visibleTask(await this.load(), ownerId) };
      } catch (err) {
        if (err instanceof DomainError) return { ok: false, error: { code: err.code, message: err.message } };
        throw err;
      }
    }

    async onReminder(name: string, _data: unknown): Promise<void> {
      if (name === OUTBOX_REMINDER) await this.flushOutbox(true);
      else deps.log.warn({ taskId: this.taskId, reminder: name }, "unknown reminder ignored");
    }

    /**
     * Publish what the outbox holds, in order, dropping each event once the
     * broker accepted it. On failure keep the rest: the armed reminder retries.
     */
    private async flushOutbox(firedByReminder = false): Promise<void> {
      const state = this.getStateManager<Outbox>();
      const outbox = await this.outbox();
      const pending = [...outbox.events];
      try {
        while (pending.length > 0) {
          await deps.publish(pending[0]!);
          pending.shift();
        }
      } catch (err) {
        deps.log.error({ err, taskId: this.taskId, pending: pending.length }, "publish failed; the outbox reminder will retry");
      }
      const drained = pending.length === 0;
      await state.setState(OUTBOX_KEY, { events: pending, armed: !drained });
      await state.saveState();
      // Disarm only after the drained outbox is saved: a crash in between
      // leaves a reminder that fires once more and then disarms itself.
      if (drained && (outbox.armed || firedByReminder)) await deps.disarmOutboxReminder(this.taskId);
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
      return found && value ? value : { events: [], armed: false };
    }
  }
  return TaskActor;
}

export type TaskActorClass = ReturnType<typeof defineTaskActor>;
