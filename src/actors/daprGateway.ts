/**
 * The one way the actors reach daprd: their state, their events, their
 * reminders and the calls an actor host makes to its own actors. Two
 * transports underneath, one error type: HTTP through the sidecar's pool,
 * and gRPC for the one-shot reminders, which only there can carry a failure
 * policy (docs/adr/0002-reminders-over-grpc.md). Either fails with a
 * SidecarError, so a caller classifies both the same way.
 */
import type { ListEvent, ReminderDue, TaskEvent } from "../domain/index.js";
import { listEventPublisher, reminderPublisher, taskEventPublisher, type PublishTarget } from "../infra/publisher.js";
import { ReminderScheduler, type ReminderSchedulerOptions } from "../infra/reminderScheduler.js";
import type { Sidecar } from "../infra/sidecar.js";
import type { ActorStateStore } from "./taskState.js";

/** One actor type's reminders. */
export interface ActorReminders {
  /** A one-shot reminder at an instant, carrying `data`; a trigger the app cannot take is retried by the scheduler. */
  at(actorId: string, name: string, instant: string, data: unknown, timeoutMs: number): Promise<void>;
  /** A repeating reminder, first due one `period` (a Go duration) from now. */
  every(actorId: string, name: string, period: string): Promise<void>;
  /** One that is already gone is not an error. */
  cancel(actorId: string, name: string): Promise<void>;
  exists(actorId: string, name: string): Promise<boolean>;
}

export interface DaprGateway {
  state(actorType: string): ActorStateStore;
  reminders(actorType: string): ActorReminders;
  /** A method of an actor hosted by this app (through daprd, so the call takes its turn like any other). */
  call<T>(actorType: string, actorId: string, method: string, args: unknown[]): Promise<T>;
  /** One task's events, in order, to every topic that carries them; throws unless all were accepted. */
  publishTaskEvents(events: TaskEvent[]): Promise<void>;
  publishReminderDue(due: ReminderDue[]): Promise<void>;
  publishListEvents(events: ListEvent[]): Promise<void>;
  /** Closes the gRPC channel (the sidecar's pool belongs to its owner). */
  close(): void;
}

export interface DaprGatewayOptions {
  sidecar: Sidecar;
  publishTo: Omit<PublishTarget, "sidecar">;
  reminders: ReminderSchedulerOptions;
}

export function daprGateway({ sidecar, publishTo, reminders: schedulerOptions }: DaprGatewayOptions): DaprGateway {
  const scheduler = new ReminderScheduler(schedulerOptions);
  const target: PublishTarget = { ...publishTo, sidecar };
  return {
    state: (actorType) => ({
      get: (actorId, key) => sidecar.getActorState(actorType, actorId, key),
      save: (actorId, upsert, remove) => sidecar.actorStateTransaction(actorType, actorId, upsert, remove),
    }),
    reminders: (actorType) => ({
      at: (actorId, name, instant, data, timeoutMs) => scheduler.register(actorType, actorId, name, { dueTime: instant, data }, timeoutMs),
      every: (actorId, name, period) => sidecar.registerReminder(actorType, actorId, name, { dueTime: period, period }),
      cancel: (actorId, name) => sidecar.unregisterReminder(actorType, actorId, name),
      exists: (actorId, name) => sidecar.reminderExists(actorType, actorId, name),
    }),
    call: (actorType, actorId, method, args) => sidecar.invokeActor(actorType, actorId, method, args),
    publishTaskEvents: taskEventPublisher(target),
    publishReminderDue: reminderPublisher(target),
    publishListEvents: listEventPublisher(target),
    close: () => scheduler.close(),
  };
}
