/**
 * Rebuilds the read model from the audit log alone. The audit log holds every
 * task event (one entry per event id) with the task snapshot of that
 * version, so the newest entry of each task is that task's document: the
 * same document the live projection's version-guarded apply ends with,
 * whatever order it saw the events in.
 *
 * Streaming, so memory stays flat however many tasks there are: the log is
 * read in (taskId, version) order through its index and only each task's
 * newest snapshot is written, in batches; the comparison with the live
 * collection walks both in _id order side by side. Differences are counted
 * in full and listed up to a cap.
 */
import { LIST_CHANGED_TYPE } from "../events/listEnvelope.js";
import type { Connection } from "mongoose";
import type { Task } from "../domain/index.js";
import { ReadModel, READ_MODEL_COLLECTION } from "./readModel.js";

export interface RebuildReport {
  events: number;
  tasks: number;
  /** Task ids whose rebuilt document differs from the live one (or exists in only one), the first `MAX_LISTED`. */
  differences: string[];
  /** How many differ in all. */
  differing: number;
}

const BATCH = 500;
/**
 * Documents per round trip of each cursor. The driver otherwise fills
 * getMore replies up to 16 MB, so three open cursors could hold ~50 MB of
 * BSON and several times that once decoded; this keeps each to a few MB.
 */
const CURSOR_BATCH = 500;
const MAX_LISTED = 1000;

interface AuditEntry {
  taskId: string;
  type: string;
  task: Task;
}

export async function rebuildReadModel(conn: Connection, target: string, ownerIds?: string[]): Promise<RebuildReport> {
  const db = conn.db!;
  const rebuilt = new ReadModel(conn, target);
  const filter = ownerIds ? { ownerId: { $in: ownerIds } } : {};
  await db.collection(target).deleteMany(filter);
  let events = 0;
  let tasks = 0;
  let batch: { task: Task; deleted: boolean }[] = [];
  let newest: AuditEntry | null = null;
  const flush = async () => {
    if (batch.length === 0) return;
    await rebuilt.insertSnapshots(batch);
    tasks += batch.length;
    batch = [];
  };
  // A list's entries (src/events/listEnvelope.ts) hold no task.
  const cursor = db.collection<AuditEntry>("audit_log").find({ ...filter, type: { $ne: LIST_CHANGED_TYPE } }, { projection: { taskId: 1, type: 1, task: 1 } }).sort({ taskId: 1, version: 1 }).batchSize(CURSOR_BATCH);
  for await (const entry of cursor) {
    events++;
    // Entries of one task come together, oldest first: keep the last one seen.
    if (newest && newest.taskId !== entry.taskId) batch.push(snapshotOf(newest));
    newest = entry;
    if (batch.length >= BATCH) await flush();
  }
  if (newest) batch.push(snapshotOf(newest));
  await flush();
  const { differences, differing } = await compare(conn, target, filter);
  return { events, tasks, differences, differing };
}

function snapshotOf(entry: AuditEntry): { task: Task; deleted: boolean } {
  return { task: entry.task, deleted: entry.type.startsWith("tickler.task.deleted.") };
}

/** Walks the live and the rebuilt collection in _id order together. */
async function compare(conn: Connection, target: string, filter: object): Promise<{ differences: string[]; differing: number }> {
  const db = conn.db!;
  const walk = (name: string) => db.collection(name).find(filter).sort({ _id: 1 }).batchSize(CURSOR_BATCH)[Symbol.asyncIterator]();
  const live = walk(READ_MODEL_COLLECTION);
  const fresh = walk(target);
  const differences: string[] = [];
  let differing = 0;
  const differ = (id: unknown) => {
    differing++;
    if (differences.length < MAX_LISTED) differences.push(String(id));
  };
  let a = await live.next();
  let b = await fresh.next();
  while (!a.done || !b.done) {
    const idA = a.done ? null : String(a.value._id);
    const idB = b.done ? null : String(b.value._id);
    if (idA !== null && (idB === null || idA < idB)) {
      differ(idA);
      a = await live.next();
    } else if (idB !== null && (idA === null || idB < idA)) {
      differ(idB);
      b = await fresh.next();
    } else {
      if (canonical(a.value as Record<string, unknown>) !== canonical(b.value as Record<string, unknown>)) differ(idA);
      a = await live.next();
      b = await fresh.next();
    }
  }
  return { differences, differing };
}

const canonical = (doc: Record<string, unknown>) => JSON.stringify(Object.fromEntries(Object.entries(doc).sort(([x], [y]) => x.localeCompare(y))));
