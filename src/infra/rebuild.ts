/**
 * Rebuilds the read model from the audit log alone. The audit log holds every
 * task event (one entry per event id) with the task snapshot of that
 * version, so replaying it through the same version-guarded apply as the
 * live projection gives the same documents, in any order of replay.
 */
import type { Connection } from "mongoose";
import type { Task } from "../domain/index.js";
import { ReadModel } from "./readModel.js";

export interface RebuildReport {
  events: number;
  tasks: number;
  /** Task ids whose rebuilt document differs from the live one (or exists in only one). */
  differences: string[];
}

export async function rebuildReadModel(conn: Connection, target: string, ownerIds?: string[]): Promise<RebuildReport> {
  const db = conn.db!;
  const rebuilt = new ReadModel(conn, target);
  const filter = ownerIds ? { ownerId: { $in: ownerIds } } : {};
  await db.collection(target).deleteMany(filter);
  let events = 0;
  const cursor = db.collection("audit_log").find(filter).sort({ taskId: 1, version: 1 });
  for await (const entry of cursor) {
    events++;
    await rebuilt.apply(entry.task as Task, String(entry.type).startsWith("tickler.task.deleted."));
  }
  const strip = (doc: Record<string, unknown>) => JSON.stringify(Object.fromEntries(Object.entries(doc).sort(([a], [b]) => a.localeCompare(b))));
  const live = new Map((await db.collection("tasks_view").find(filter).toArray()).map((d) => [String(d._id), strip(d)]));
  const fresh = new Map((await db.collection(target).find(filter).toArray()).map((d) => [String(d._id), strip(d)]));
  const ids = new Set([...live.keys(), ...fresh.keys()]);
  const differences = [...ids].filter((id) => live.get(id) !== fresh.get(id));
  return { events, tasks: fresh.size, differences };
}
