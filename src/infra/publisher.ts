/**
 * Publishing task events. Each event goes to `task-events` (history: audit)
 * and `task-updates` (state: read model, live stream), keyed by task id so
 * that one task's events keep their order within a partition. A failure is
 * thrown, never swallowed: the caller keeps the event in its outbox.
 */
import type { ReminderDue, TaskEvent } from "../domain/index.js";
import { reminderDueEnvelope, taskEventEnvelope } from "../events/envelope.js";
import { TOPICS } from "../events/topics.js";
import type { Sidecar } from "./sidecar.js";

export function taskEventPublisher(sidecar: Sidecar, pubsub: string, source: string, timeoutMs: number) {
  return async (event: TaskEvent): Promise<void> => {
    const envelope = taskEventEnvelope(event, source);
    await sidecar.publish(pubsub, TOPICS.taskEvents, envelope, event.taskId, timeoutMs);
    await sidecar.publish(pubsub, TOPICS.taskUpdates, envelope, event.taskId, timeoutMs);
  };
}

/** reminder.due goes to `reminders`, keyed by task id like the task's other events. */
export function reminderPublisher(sidecar: Sidecar, pubsub: string, source: string, timeoutMs: number) {
  return async (due: ReminderDue): Promise<void> => {
    await sidecar.publish(pubsub, TOPICS.reminders, reminderDueEnvelope(due, source), due.taskId, timeoutMs);
  };
}
