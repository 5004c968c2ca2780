/**
 * TaskActor's spans, as a layer over its dependencies so the actor's code
 * carries none. Outbox work joins the trace of the request that put it there
 * (its traceparent is stored with it); a reminder firing starts a trace of
 * its own, linked to the change that planned it.
 */
import type { ReminderDue, TaskEvent } from "../domain/index.js";
import { currentTraceparent, inSpan, linkTo, resumeTrace, SpanKind } from "../telemetry/tracing.js";
import type { TaskActorDeps } from "./taskActorDeps.js";

export interface TracedDeps extends TaskActorDeps {
  /** The traceparent of the request at hand, stored with the work it causes. */
  traceparent(): string | undefined;
  /** Outbox entries, published in the trace that put them in the outbox. */
  publishFrom(traceparent: string | undefined, events: TaskEvent[]): Promise<void>;
  publishDueFrom(traceparent: string | undefined, due: ReminderDue[]): Promise<void>;
  replanFrom<T>(traceparent: string | undefined, replan: () => Promise<T>): Promise<T>;
  /** A reminder firing, in a new trace linked to `plannedBy`. */
  firing(taskId: string, name: string, plannedBy: string | undefined, fire: () => Promise<void>): Promise<void>;
}

export function traced(deps: TaskActorDeps): TracedDeps {
  const producer = { kind: SpanKind.PRODUCER };
  return {
    ...deps,
    traceparent: currentTraceparent,
    // Outside the outbox only a firing publishes a reminder.due, straight away.
    publishReminders: (due) => inSpan("publish reminder.due", producer, () => deps.publishReminders(due)),
    publishFrom: (tp, events) => resumeTrace(tp, `publish ${events.map((e) => e.kind).join(",")}`, producer, () => deps.publish(events)),
    publishDueFrom: (tp, due) => resumeTrace(tp, "publish reminder.due", producer, () => deps.publishReminders(due)),
    replanFrom: (tp, replan) => resumeTrace(tp, "replan reminders", {}, replan),
    firing: (taskId, name, plannedBy, fire) =>
      inSpan(`reminder ${name}`, { kind: SpanKind.INTERNAL, links: linkTo(plannedBy), attributes: { "tickler.task.id": taskId } }, fire),
  };
}
