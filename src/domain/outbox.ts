/**
 * The outbox: what a task's actor owes the world after a change it has
 * committed. It is saved in the same actor-state transaction as the change,
 * then worked off in order (reminders re-planned, task events published,
 * due reminders published, next occurrences created). Each step is
 * idempotent downstream (consumers deduplicate by event or delivery id), so
 * working an entry off twice is harmless; losing one is what this rules out.
 */
import type { TaskCommand } from "./commands.js";
import type { ReminderDue, TaskEvent } from "./events.js";

export interface Outbox {
  events: TaskEvent[];
  due: ReminderDue[];
  /** Next occurrences to create: [taskId, create command]. */
  spawn: [string, TaskCommand][];
  /** The task changed: its actor reminders must be brought in line with the plan. */
  replan: boolean;
  /**
   * When the pending re-plan was asked for (ISO 8601): it is planned as of
   * then, however much later it succeeds. The earliest pending one is kept,
   * so reminders that fell due during a long scheduler outage still fire.
   */
  replanAt?: string;
  /**
   * Traceparent of the work that put each entry here, by event id, delivery
   * id or "replan", so work done later still joins the request's trace.
   */
  traces: Record<string, string>;
}

export const EMPTY_OUTBOX: Outbox = { events: [], due: [], spawn: [], replan: false, traces: {} };

export interface Work {
  events?: TaskEvent[];
  due?: ReminderDue[];
  spawn?: [string, TaskCommand][];
  replan?: boolean;
}

export function withWork(outbox: Outbox, work: Work, traceparent?: string, at?: Date): Outbox {
  const next: Outbox = {
    events: [...outbox.events, ...(work.events ?? [])],
    due: [...outbox.due, ...(work.due ?? [])],
    spawn: [...outbox.spawn, ...(work.spawn ?? [])],
    replan: outbox.replan || Boolean(work.replan),
    traces: { ...outbox.traces },
  };
  const replanAt = outbox.replan ? outbox.replanAt : work.replan ? at?.toISOString() : undefined;
  if (replanAt !== undefined) next.replanAt = replanAt;
  if (traceparent) {
    for (const e of work.events ?? []) next.traces[e.eventId] ??= traceparent;
    for (const d of work.due ?? []) next.traces[d.deliveryId] ??= traceparent;
    if (work.replan && !outbox.replan) next.traces.replan = traceparent;
  }
  return next;
}

export function isDrained(outbox: Outbox): boolean {
  return !outbox.replan && outbox.events.length === 0 && outbox.due.length === 0 && outbox.spawn.length === 0;
}

export function pendingCount(outbox: Outbox): number {
  return outbox.events.length + outbox.due.length;
}

/** How far a drain got: whether it re-planned, and how many of each list (from the front, in order) it finished. */
export interface DrainProgress {
  replanned: boolean;
  events: number;
  due: number;
  spawned: number;
}

/** The outbox left after a drain that got as far as `done`; traces of finished entries go. */
export function afterDrain(outbox: Outbox, done: DrainProgress): Outbox {
  const left: Outbox = {
    events: outbox.events.slice(done.events),
    due: outbox.due.slice(done.due),
    spawn: outbox.spawn.slice(done.spawned),
    replan: outbox.replan && !done.replanned,
    traces: {},
  };
  if (left.replan && outbox.replanAt !== undefined) left.replanAt = outbox.replanAt;
  const keep = new Set([...left.events.map((e) => e.eventId), ...left.due.map((d) => d.deliveryId), ...(left.replan ? ["replan"] : [])]);
  left.traces = Object.fromEntries(Object.entries(outbox.traces).filter(([id]) => keep.has(id)));
  return left;
}
