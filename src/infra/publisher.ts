/**
 * Publishing task events. Each event goes to `task-events` (history: audit)
 * and `task-updates` (state: read model, live stream), keyed by task id so
 * that one task's events keep their order within a partition. A failure is
 * thrown, never swallowed: the caller keeps the events in its outbox (and
 * publishes them all again later; consumers deduplicate).
 */
import type { CommentEvent, ListEvent, ReminderDue, TaskEvent } from "../domain/index.js";
import { commentEventEnvelope } from "../events/commentEnvelope.js";
import { listEventEnvelope } from "../events/listEnvelope.js";
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

/**
 * The first of each id, in order. An outbox can hold one event twice (a
 * reminder that fired again while its first firing waited for the broker:
 * the same delivery id, consumers keep one); daprd refuses a bulk publish
 * with a repeated entry id as a whole (400 "entryId is duplicated"), and the
 * same batch again on every retry, so the batch and every event behind it
 * would never be published.
 */
export function firstOfEachId<E extends { id: string }>(events: E[]): E[] {
  const seen = new Set<string>();
  return events.filter((e) => !seen.has(e.id) && seen.add(e.id));
}

/** One topic, one call: a single event as itself, several as one bulk publish (same key, so in order). */
async function publishCounted<T>(to: PublishTarget, topic: string, all: CloudEvent<T>[], key: string): Promise<void> {
  const envelopes = firstOfEachId(all);
  try {
    const traced_ = envelopes.map(traced);
    if (traced_.length === 1) await to.sidecar.publish(to.pubsub, topic, traced_[0]!, key, to.timeoutMs);
    else await to.sidecar.publishBulk(to.pubsub, topic, traced_, key, to.timeoutMs);
    to.metrics?.eventsPublished.inc({ topic, outcome: "ok" }, envelopes.length);
  } catch (err) {
    to.metrics?.eventsPublished.inc({ topic, outcome: "failed" }, envelopes.length);
    throw err;
  }
}

/**
 * One task's events, in order, to `task-events` and `task-updates` at the
 * same time: the topics are independent, and order matters only within a
 * topic (one key per task, so one partition).
 */
export function taskEventPublisher(to: PublishTarget) {
  return async (events: TaskEvent[]): Promise<void> => {
    if (events.length === 0) return;
    const envelopes = events.map((event) => taskEventEnvelope(event, to.source));
    const key = events[0]!.taskId;
    const results = await Promise.allSettled([TOPICS.taskEvents, TOPICS.taskUpdates].map((topic) => publishCounted(to, topic, envelopes, key)));
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
  };
}

/** reminder.due goes to `reminders`, keyed by task id like the task's other events. */
export function reminderPublisher(to: PublishTarget) {
  return async (due: ReminderDue[]): Promise<void> => {
    if (due.length === 0) return;
    await publishCounted(to, TOPICS.reminders, due.map((d) => reminderDueEnvelope(d, to.source)), due[0]!.taskId);
  };
}

/** A list's events, like a task's: to `task-events` (audit) and `task-updates` (lists view, live stream), keyed by list id. */
export function listEventPublisher(to: PublishTarget) {
  return async (events: ListEvent[]): Promise<void> => {
    if (events.length === 0) return;
    const envelopes = events.map((event) => listEventEnvelope(event, to.source));
    const results = await Promise.allSettled([TOPICS.taskEvents, TOPICS.taskUpdates].map((topic) => publishCounted(to, topic, envelopes, events[0]!.listId)));
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
  };
}

/** A task's comment events, like its own: to `task-events` (audit) and `task-updates` (live stream, mentions), keyed by task id. */
export function commentEventPublisher(to: PublishTarget) {
  return async (events: CommentEvent[]): Promise<void> => {
    if (events.length === 0) return;
    const envelopes = events.map((event) => commentEventEnvelope(event, to.source));
    const results = await Promise.allSettled([TOPICS.taskEvents, TOPICS.taskUpdates].map((topic) => publishCounted(to, topic, envelopes, events[0]!.taskId)));
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
  };
}
