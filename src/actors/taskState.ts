/**
 * How a task actor's state is persisted: one object under one key, written
 * in one actor-state transaction per change. Actors written before this
 * layout kept four keys (record, outbox, reminders, reminders-planned-by);
 * they are read once and folded into the one object at their next change.
 */
import { EMPTY_OUTBOX, type Outbox, type Registered, type TaskEvent, type TaskRecord } from "../domain/index.js";
import { withList } from "../infra/taskLists.js";

/** Persisted key names: renaming one orphans stored state. The object keeps the record's old key. */
export const STATE_KEY = "record";
const LEGACY_KEYS = { outbox: "outbox", registered: "reminders", plannedBy: "reminders-planned-by" } as const;

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

interface LegacyOutbox {
  events: TaskEvent[];
  due?: Outbox["due"];
  spawn?: Outbox["spawn"];
  replan?: boolean;
  armed?: boolean;
  traces?: Record<string, string>;
}

/** Reads and writes one actor's state (daprd's actor state API in production). */
export interface ActorStateStore {
  get<T>(actorId: string, key: string): Promise<T | undefined>;
  save(actorId: string, upsert: Record<string, unknown>, remove?: string[]): Promise<void>;
}

export const EMPTY_STATE: TaskActorState = { record: null, outbox: EMPTY_OUTBOX, registered: {}, armed: false };

export async function loadTaskState(store: ActorStateStore, id: string): Promise<{ state: TaskActorState; legacy: boolean }> {
  const stored = await store.get<StoredV2 | TaskRecord>(id, STATE_KEY);
  if (!stored) return { state: EMPTY_STATE, legacy: false };
  if ("v" in stored && stored.v === 2) {
    const { v: _v, ...state } = stored;
    return { state: { ...state, record: withListOf(state.record) }, legacy: false };
  }
  const [outbox, registered, plannedBy] = await Promise.all([
    store.get<LegacyOutbox>(id, LEGACY_KEYS.outbox),
    store.get<Registered>(id, LEGACY_KEYS.registered),
    store.get<string>(id, LEGACY_KEYS.plannedBy),
  ]);
  return {
    state: {
      record: withListOf(stored as TaskRecord),
      outbox: outbox ? { ...EMPTY_OUTBOX, ...outbox, traces: outbox.traces ?? {} } : EMPTY_OUTBOX,
      registered: registered ?? {},
      plannedBy,
      armed: outbox?.armed ?? false,
    },
    legacy: true,
  };
}

export async function saveTaskState(store: ActorStateStore, id: string, state: TaskActorState, legacy: boolean): Promise<void> {
  const stored: StoredV2 = { v: 2, ...state };
  await store.save(id, { [STATE_KEY]: stored }, legacy ? Object.values(LEGACY_KEYS) : []);
}

/** A task stored before lists is in its owner's Inbox (saved so at its next change). */
function withListOf(record: TaskRecord | null): TaskRecord | null {
  return record && (!record.task.listId || !record.task.position || record.task.parentId === undefined || record.task.assigneeId === undefined) ? { ...record, task: withList(record.task) } : record;
}
