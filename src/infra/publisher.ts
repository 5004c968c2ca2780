/**
 * Publishing task events. Each event goes to `task-events` (history: audit)
 * and `task-updates` (state: read model, live stream), keyed by task id so
 * that one task's events keep their order within a partition. A failure is
 * thrown, never swallowed: the caller keeps the event in its outbox.
 */
import type { ReminderDue, TaskEvent } from "../domain/index.js";
import { reminderDueEnvelope, taskEventEnvelope } from "../events/envelope.js";
import { TOPICS } from "../events/topics.js";
import { currentTraceHeaders } from "../telemetry/tracing.js";
import type { CloudEvent } from "../events/envelope.js";
import type { Metrics } from "./metrics.js";
import type { Sidecar } from "./sidecar.js";

export interface PublishTarget {
  sidecar: Sidecar;
  pubsub: string;
  source: string;
  timeoutMs: number;
  metrics?: Pick<Metrics, "eventsPublished">;
}

/** The envelope with the active trace context, so each consumer continues the publisher's trace. */
function traced<T>(envelope: CloudEvent<T>): CloudEvent<T> {
  const { traceparent, tracestate } = currentTraceHeaders();
  return traceparent ? { ...envelope, traceparent, traceid: traceparent, ...(tracestate ? { tracestate } : {}) } : envelope;
}

async function publishCounted<T>(to: PublishTarget, topic: string, envelope: CloudEvent<T>, key: string): Promise<void> {
  try {
    await to.sidecar.publish(to.pubsub, topic, traced(envelope), key, to.timeoutMs);
    to.metrics?.eventsPublished.inc({ topic, outcome: "ok" });
  } catch (err) {
    to.metrics?.eventsPublished.inc({ topic, outcome: "failed" });
    throw err;
  }
}

export function taskEventPublisher(to: PublishTarget) {
  return async (event: TaskEvent): Promise<void> => {
    const envelope = taskEventEnvelope(event, to.source);
    await publishCounted(to, TOPICS.taskEvents, envelope, event.taskId);
    await publishCounted(to, TOPICS.taskUpdates, envelope, event.taskId);
  };
}

/** reminder.due goes to `reminders`, keyed by task id like the task's other events. */
export function reminderPublisher(to: PublishTarget) {
  return async (due: ReminderDue): Promise<void> => {
    await publishCounted(to, TOPICS.reminders, reminderDueEnvelope(due, to.source), due.taskId);
  };
}
