/**
 * Resuming a live stream from the durable history when the replica's
 * in-memory window no longer holds (or never held) the client's last event.
 *
 * Task changes come from the audit app's per-user feed (ordered by when the
 * audit service recorded each event), reminders from the notification
 * service's inbox (ordered by when it recorded each firing). Both start a
 * little before the last event's own recorded instant: the audit consumer and
 * this replica's stream consumer read the topic's partitions independently,
 * so an event of another task delivered to the client *after* the last one
 * may have been recorded slightly *before* it. Re-sending a frame the client
 * already has is allowed (delivery is at least once; clients drop repeated
 * ids); skipping one is not. What the client certainly has is left out: the
 * last event itself and earlier versions of its task (one task's events are
 * delivered in version order).
 */
import { taskEventRef } from "./ids.js";
import type { RecordedFiring } from "../../infra/clients/notifications.js";

export interface ReplayFrame {
  id: string;
  text: string;
}

/** A task event as the history feed returns it (see HistoryEntry). */
export interface HistoryTaskEvent {
  eventId: string;
  taskId: string;
  type: string;
  version: number;
  recordedAt: string;
  task: Record<string, unknown>;
}

/** A reminder firing as the inbox recorded it (the notifications app's contract). */
export type { RecordedFiring };

export interface ResumeSource {
  /** The owner's task event with this id, once the audit service recorded it; else null. */
  taskEvent(ownerId: string, eventId: string): Promise<HistoryTaskEvent | null>;
  /** Task events recorded after the position (nothing held back), oldest first. */
  taskEventsAfter(ownerId: string, after: { recordedAt: string; id: string }, limit: number): Promise<HistoryTaskEvent[]>;
  /** The owner's firing with this delivery id, else null. */
  firing(ownerId: string, deliveryId: string): Promise<RecordedFiring | null>;
  /** Firings recorded at or after `since`, oldest first. */
  firingsSince(ownerId: string, since: string, limit: number): Promise<RecordedFiring[]>;
}

export interface ResumeLimits {
  overlapMs: number;
  maxEvents: number;
  /** Page size of the history feed (the audit app answers at most 201). */
  pageSize?: number;
}

/** How a replayed entry becomes the same frame the live path would have sent. */
export interface FrameMaker {
  taskFrame(entry: HistoryTaskEvent): ReplayFrame;
  reminderFrame(firing: RecordedFiring): ReplayFrame;
}

export interface Replay {
  frames: ReplayFrame[];
  /** Epoch ms the replay starts at: live frames this replica received since then may still be missing from it. */
  since: number;
}

/** True for ids the client that last saw `lastId` certainly has. */
export function alreadySeen(lastId: string): (id: string) => boolean {
  const last = taskEventRef(lastId);
  return (id) => {
    if (id === lastId) return true;
    const ref = last ? taskEventRef(id) : null;
    return ref !== null && last !== null && ref.taskId === last.taskId && ref.version <= last.version;
  };
}

interface Sortable {
  at: number;
  key: string;
  version: number;
  frame: ReplayFrame;
}

/**
 * The replay in recording order; one task's events in version order even when
 * two were recorded in the same millisecond (the feed's tie-break is the id,
 * and `t:v10` sorts before `t:v9`).
 */
export function orderReplay(events: HistoryTaskEvent[], firings: RecordedFiring[], lastId: string, make: FrameMaker): ReplayFrame[] {
  const seen = alreadySeen(lastId);
  const items: Sortable[] = [];
  const ids = new Set<string>();
  for (const e of events) {
    if (seen(e.eventId) || ids.has(e.eventId)) continue;
    ids.add(e.eventId);
    items.push({ at: Date.parse(e.recordedAt), key: e.taskId, version: e.version, frame: make.taskFrame(e) });
  }
  for (const f of firings) {
    if (seen(f.deliveryId) || ids.has(f.deliveryId)) continue;
    ids.add(f.deliveryId);
    items.push({ at: Date.parse(f.receivedAt), key: f.deliveryId, version: -1, frame: make.reminderFrame(f) });
  }
  items.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : a.version - b.version));
  return items.map((i) => i.frame);
}

/** The frames after `lastId` from history, or null when it cannot be done (unknown id, or more than `maxEvents`): the client resyncs. */
/**
 * `keep`: whether a recorded task (of an event or a firing) is the user's to
 * see now; the history is the maker's, which may hold tasks of lists they
 * have left since (src/domain/access.ts, surface `streamResume`).
 */
export async function replayFromHistory(
  source: ResumeSource,
  ownerId: string,
  lastId: string,
  limits: ResumeLimits,
  make: FrameMaker,
  keep: (task: unknown) => boolean = () => true,
): Promise<Replay | null> {
  const recordedAt = taskEventRef(lastId)
    ? (await source.taskEvent(ownerId, lastId))?.recordedAt
    : (await source.firing(ownerId, lastId))?.receivedAt;
  if (recordedAt === undefined) return null;
  const since = Date.parse(recordedAt) - limits.overlapMs;
  const sinceIso = new Date(since).toISOString();
  const pageSize = limits.pageSize ?? 200;

  // Keyset pages from `since` on (id "" sorts before every id of that instant).
  const events: HistoryTaskEvent[] = [];
  let after = { recordedAt: sinceIso, id: "" };
  for (;;) {
    const page = await source.taskEventsAfter(ownerId, after, pageSize);
    events.push(...page);
    // The limit counts what is sent, not what the overlap re-reads; a few more are fine.
    if (events.length > limits.maxEvents + pageSize) return null;
    const last = page[page.length - 1];
    if (page.length < pageSize || !last) break;
    after = { recordedAt: last.recordedAt, id: last.eventId };
  }
  const firings = await source.firingsSince(ownerId, sinceIso, limits.maxEvents + 1);
  if (firings.length > limits.maxEvents) return null;
  const frames = orderReplay(events.filter((e) => keep(e.task)), firings.filter((f) => keep(f.task)), lastId, make);
  return frames.length > limits.maxEvents ? null : { frames, since };
}
