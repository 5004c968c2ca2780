/**
 * How a task actor's state is persisted: one object (`v: 2`) under one key,
 * written in one actor-state transaction per change. The four-key layout of
 * before 2026-11-30 is no longer read (CHANGELOG.md).
 */
import { EMPTY_OUTBOX, type Outbox, type Registered, type TaskRecord } from "../domain/index.js";
import { withList } from "../infra/taskLists.js";

/** Persisted key names: renaming one orphans stored state. The object keeps the record's old key. */
export const STATE_KEY = "record";

export interface TaskActorState {
  record: TaskRecord | null;
  outbox: Outbox;
  /** Reminder name → instant, as last registered with the scheduler. */
  registered: Registered;
  /** Traceparent of the change that last planned the reminders; a firing links back to it. */
  plannedBy?: string;
  /** The durable outbox reminder is registered (set only after a drain failed). */
  armed: boolean;
}

interface StoredV2 extends TaskActorState {
  v: 2;
}

/** Reads and writes one actor's state (daprd's actor state API in production). */
export interface ActorStateStore {
  get<T>(actorId: string, key: string): Promise<T | undefined>;
  save(actorId: string, upsert: Record<string, unknown>, remove?: string[]): Promise<void>;
}

export const EMPTY_STATE: TaskActorState = { record: null, outbox: EMPTY_OUTBOX, registered: {}, armed: false };

export async function loadTaskState(store: ActorStateStore, id: string): Promise<TaskActorState> {
  const stored = await store.get<StoredV2 | object>(id, STATE_KEY);
  if (!stored) return EMPTY_STATE;
  if (!("v" in stored) || stored.v !== 2) {
    throw new Error(`task ${id} is stored in the layout of before 2026-11-30, which this version no longer reads (CHANGELOG.md)`);
  }
  const { v: _v, ...state } = stored as StoredV2;
  return { ...state, record: withListOf(state.record) };
}

export async function saveTaskState(store: ActorStateStore, id: string, state: TaskActorState): Promise<void> {
  const stored: StoredV2 = { v: 2, ...state };
  await store.save(id, { [STATE_KEY]: stored });
}

/** A task stored before lists is in its owner's Inbox (saved so at its next change). */
function withListOf(record: TaskRecord | null): TaskRecord | null {
  return record && (!record.task.listId || !record.task.position || record.task.parentId === undefined || record.task.assigneeId === undefined) ? { ...record, task: withList(record.task) } : record;
}
