/**
 * Offline: the last tasks and lists the app was answered, kept in IndexedDB
 * to read when the network is gone, and the writes made meanwhile, queued in
 * order with their Idempotency-Keys and sent once the app is online and
 * signed in again (a create sent twice is still one task). Signing out
 * clears all of it. Tokens are never stored.
 */
import { alreadyDone, applyQueued, isFinalRefusal, kindOf, subtreeOf } from "./offlineQueue.js";
import { api, ApiError } from "./api";
import { withIdempotencyKey } from "../../src/domain/writeRetry.js";
import type { List, Task } from "./types";
import { dayStart, UPCOMING_DAYS, type View } from "./view";

const DB = "tickler";
/** How many tasks are kept for reading offline (the newest answers win). */
const MAX_TASKS = 2000;
/** Writes queued at most; a write past it is refused, not dropped silently. */
export const MAX_QUEUED = 200;

export interface QueuedWrite {
  seq?: number;
  method: string;
  path: string;
  body?: unknown;
  headers: Record<string, string>;
  /** What the person did, for the toast if the server refuses it later. */
  label: string;
  /** A create's title (shown in the list until it is sent). */
  title?: string;
  /** The task a completion, reopen, snooze, edit, move or delete is for. */
  taskId?: string;
}

/** A fetch that never reached the server (offline, DNS, a dropped connection). */
export const isNetworkError = (err: unknown) => err instanceof TypeError || (typeof navigator !== "undefined" && !navigator.onLine && !(err instanceof ApiError));

let owner: string | null = null;
/** Whose tasks the answers are (the signed-in user); nothing is kept before it is set. */
export const setOfflineOwner = (user: string | null) => { owner = user; claim = null; };

/**
 * The kept data made the signed-in person's: another's (an earlier sign-in
 * on this device) cleared first, once, before any of theirs is written, so a
 * list kept for them is not cleared by their first tasks kept after it.
 */
let claim: { user: string; done: Promise<void> } | null = null;
function claimFor(user: string): Promise<void> {
  if (claim?.user !== user) {
    const done = (async () => {
      const previous = await run<unknown>("meta", "readonly", (s) => s.get("user"));
      if (previous !== undefined && previous !== user) await clearOffline();
      await run("meta", "readwrite", (s) => void s.put(user, "user"));
    })();
    claim = { user, done };
    // A failed claim is tried again by the next write.
    done.catch(() => { if (claim?.done === done) claim = null; });
  }
  return claim.done;
}

let opened: Promise<IDBDatabase> | null = null;
function db(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore("tasks", { keyPath: "id" });
      req.result.createObjectStore("meta");
      req.result.createObjectStore("outbox", { keyPath: "seq", autoIncrement: true });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB unavailable"));
  });
  return opened;
}

async function run<T>(store: string, mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const tx = (await db()).transaction(store, mode);
  const req = op(tx.objectStore(store));
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(req ? req.result : undefined);
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB write failed"));
  });
}

/** Merges an answer's tasks into the copy kept for offline (dropping the oldest past MAX_TASKS) and remembers whose they are. */
export async function keepTasks(tasks: Task[]): Promise<void> {
  const user = owner;
  if (!user) return;
  await claimFor(user);
  await run("tasks", "readwrite", (s) => { for (const t of tasks) s.put(t); });
  const all = (await run<Task[]>("tasks", "readonly", (s) => s.getAll())) ?? [];
  if (all.length > MAX_TASKS) {
    const old = all.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt)).slice(0, all.length - MAX_TASKS);
    await run("tasks", "readwrite", (s) => { for (const t of old) s.delete(t.id); });
  }
}

export async function keepLists(lists: List[]): Promise<void> {
  const user = owner;
  if (!user) return;
  await claimFor(user)
    .then(() => run("meta", "readwrite", (s) => void s.put(lists, "lists")))
    .catch(() => {});
}
export const keptLists = async () => ((await run<List[]>("meta", "readonly", (s) => s.get("lists")).catch(() => undefined)) ?? []);
export const keptUser = async () => ((await run<string>("meta", "readonly", (s) => s.get("user")).catch(() => undefined)) ?? null);
/** A queued change the server refused on arrival (web/src/NotApplied.tsx shows them). */
export interface NotAppliedEntry {
  id: string;
  /** What the person did, e.g. edit “Pay rent”. */
  label: string;
  /** Why, from the server's answer, e.g. "the task changed elsewhere meanwhile (task is at version 2, not 1)". */
  reason: string;
  /** An edit's or move's fields with the values that were not applied. */
  fields: [string, unknown][];
  /** The task as the server has it now; null when it is gone (or was not read). */
  newer: Task | null;
  gone: boolean;
}

/** The offline changes the server refused on arrival, until the person dismisses them (NotApplied.tsx). */
export const keepNotApplied = (items: NotAppliedEntry[]) => run("meta", "readwrite", (s) => void s.put(items, "notApplied")).catch(() => {});
export const keptNotApplied = async () => ((await run<NotAppliedEntry[]>("meta", "readonly", (s) => s.get("notApplied")).catch(() => undefined)) ?? []);
export const queued = async () => ((await run<QueuedWrite[]>("outbox", "readonly", (s) => s.getAll()).catch(() => undefined)) ?? []);

/** Queued with its Idempotency-Key fixed now (one is made for a task write that has none), sent on every attempt: a replay whose answer was lost is answered, not applied twice. */
export async function enqueue(write: QueuedWrite): Promise<void> {
  if ((await queued()).length >= MAX_QUEUED) throw new Error(`${MAX_QUEUED} changes are already waiting to be sent: reconnect first`);
  const keyed: QueuedWrite = { ...write, headers: withIdempotencyKey(write.method, write.path, write.headers, () => crypto.randomUUID()) };
  await run("outbox", "readwrite", (s) => void s.add(keyed));
}

export async function clearOffline(): Promise<void> {
  for (const store of ["tasks", "meta", "outbox"]) await run(store, "readwrite", (s) => void s.clear());
}

/** A task deleted (here or on replay) is no longer read offline, nor its subtasks (trashed with it). */
export async function forgetTask(id: string): Promise<void> {
  try {
    const gone = subtreeOf((await run<Task[]>("tasks", "readonly", (s) => s.getAll())) ?? [], id);
    await run("tasks", "readwrite", (s) => { for (const t of gone) s.delete(t); });
  } catch {
    // Only the copy for reading offline: at worst it still shows the deleted task there.
  }
}

/**
 * Which kept tasks are surely the signed-in person's own: those in a list of
 * theirs that nobody else is a member of (a task does not say who made it; in
 * a shared list it may be anyone's). A tag's rename or removal changes only
 * one's own tasks, so offline it is shown on these, and the rest once sent.
 */
async function ownTasks(): Promise<(task: Pick<Task, "listId">) => boolean> {
  const own = new Set((await keptLists()).filter((l) => l.ownerId === owner && l.members.length === 0).map((l) => l.id));
  return (task) => own.has(task.listId);
}

/** The signed-in person's tags counted over their own tasks kept here, with the queued writes applied (GET /tags while offline). */
export async function offlineTagCounts(now = new Date()): Promise<{ tag: string; count: number }[]> {
  const isOwn = await ownTasks();
  const tasks = applyQueued((await run<Task[]>("tasks", "readonly", (s) => s.getAll())) ?? [], await queued(), now.toISOString(), isOwn);
  const counts = new Map<string, number>();
  for (const t of tasks) if (isOwn(t)) for (const tag of new Set(t.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : 1));
}

/** The kept tasks as the view would list them, with the queued writes applied (creates shown; completions, edits, moves and deletes done). */
export async function offlineTasks(view: View, now = new Date()): Promise<Task[]> {
  const writes = await queued();
  let tasks = applyQueued((await run<Task[]>("tasks", "readonly", (s) => s.getAll())) ?? [], writes, now.toISOString(), await ownTasks());
  const pending = writes.filter((w) => w.title !== undefined && kindOf(w) === "add").map((w): Task => ({
    id: `pending-${w.seq}`, listId: "", position: "", parentId: null, assigneeId: null, title: w.title!, description: "", status: "open", priority: "none", tags: [], dueAt: null,
    timeZone: "UTC", reminders: [], recurrence: null, seriesId: null, snoozedUntil: null, completedAt: null,
    createdAt: now.toISOString(), updatedAt: now.toISOString(), version: 0,
  }));
  const wanted = view.mode === "all" || view.mode === "list" || view.mode === "assigned" ? view.status : "open";
  tasks = tasks.filter((t) => wanted === "all" || t.status === wanted);
  if (view.mode === "assigned") tasks = tasks.filter((t) => t.assigneeId !== null && t.assigneeId === owner);
  if (view.mode === "list") return [...tasks.filter((t) => t.listId === view.list).sort((a, b) => (a.position < b.position ? -1 : 1)), ...pending];
  if (view.mode === "today" || view.mode === "upcoming") {
    const from = view.mode === "today" ? -Infinity : dayStart(0, now).getTime();
    const to = dayStart(view.mode === "today" ? 1 : UPCOMING_DAYS, now).getTime();
    const due = tasks.filter((t) => t.dueAt !== null && Date.parse(t.dueAt) >= from && Date.parse(t.dueAt) < to).sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!));
    return view.mode === "today" ? [...due, ...pending] : due;
  }
  return [...pending, ...tasks.sort((a, b) => b.createdAt.localeCompare(a.createdAt))];
}

/**
 * Sends the queued writes in order. A write the server refuses for good (a
 * 4xx but 401/408/429: the task changed or went meanwhile, or the write is
 * refused as it is) is dropped and reported, and so are the later writes on
 * the same task (they were made on top of it); a network failure, 401, 429 or
 * 5xx stops and keeps the rest for the next try. Answers how many were sent.
 */
let flushing: Promise<number> | null = null;
export function flushQueue(onRefused: (write: QueuedWrite, err: ApiError) => void): Promise<number> {
  // One flush at a time: the reconnect and a sign-in may both ask for one.
  flushing ??= flushOnce(onRefused).finally(() => { flushing = null; });
  return flushing;
}

async function flushOnce(onRefused: (write: QueuedWrite, err: ApiError) => void): Promise<number> {
  let sent = 0;
  // The version each task has after a write sent here: a later offline edit of it was made on top of that one.
  const ours = new Map<string, number>();
  const refused = new Map<string, ApiError>();
  for (const write of await queued()) {
    const kind = kindOf(write);
    const earlier = write.taskId === undefined ? undefined : refused.get(write.taskId);
    if (earlier) onRefused(write, earlier);
    else {
      const headers = kind === "edit" && ours.has(write.taskId!) ? { ...write.headers, "if-match": `"${ours.get(write.taskId!)}"` } : write.headers;
      try {
        const answer = await api<Task | { task: Task } | null>(write.method, write.path, write.body, headers);
        const task = answer && "task" in answer ? answer.task : answer;
        if (task && typeof task.version === "number") {
          ours.set(task.id, task.version);
          void keepTasks([task]).catch(() => {});
        }
        if (kind === "delete") void forgetTask(write.taskId!);
        // A rename or removal of a tag made new versions of its tasks: the If-Match each later queued edit was given (with it applied) stands.
        if (kind === "retag") ours.clear();
        sent++;
      } catch (err) {
        if (!(err instanceof ApiError) || !isFinalRefusal(err.status)) break;
        // Gone (deleted elsewhere, or no longer shared): not read offline any more.
        if ((err.status === 404 || err.status === 410) && write.taskId !== undefined) void forgetTask(write.taskId);
        // A completion that finds the task completed (a reopen: open) is what it wanted, as a delete that finds it gone.
        const done = err.status === 409 && write.taskId !== undefined && (kind === "complete" || kind === "reopen")
          ? await api<Task>("GET", `/tasks/${write.taskId}`).then((now) => (alreadyDone(write, now) ? now : null), () => null)
          : null;
        if (done) {
          void keepTasks([done]).catch(() => {});
          sent++;
        } else if (!(kind === "delete" && err.status === 404)) {
          if (write.taskId !== undefined) refused.set(write.taskId, err);
          onRefused(write, err);
        }
      }
    }
    await run("outbox", "readwrite", (s) => void s.delete(write.seq!));
  }
  return sent;
}
