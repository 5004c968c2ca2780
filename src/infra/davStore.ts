/**
 * What CalDAV reads beside the task actors: the read model's tasks of a list
 * (tasks_view, tombstones included for sync-collection) and, in
 * `dav_objects` (`_id` = task id), what a client wrote that Tickler does not
 * model: its UID and resource name, its own texts of the modelled properties
 * and its other properties (src/domain/vtodo.ts). A record outlives the
 * task's deletion (so sync reports the client's name as gone) and is kept
 * for as long as the task's tombstone.
 */
import { Schema, type Connection, type Model } from "mongoose";
import type { Task } from "../domain/task.js";
import type { DavEcho } from "../domain/vtodo.js";
import { withFormerName, type FormerName } from "../domain/davMove.js";
import { ListDepartures } from "./listDepartures.js";
import { trustOperators } from "./mongo.js";
import { READ_MODEL_COLLECTION, taskDocSchema, toTask, TOMBSTONE_TTL_DAYS, type TaskDoc } from "./readModel.js";

/** Resources one calendar collection lists (PROPFIND depth 1, calendar-query, sync-collection). */
export const MAX_DAV_OBJECTS = 5_000;

export interface DavObject {
  _id: string;
  listId: string;
  /** The resource name in its collection (the last path segment, decoded). */
  name: string;
  echo: DavEcho;
  updatedAt: string;
  purgeAt: Date | null;
  /** The names it had in lists the task left, newest last (a sync of such a list reports that name gone). */
  left?: FormerName[];
}

const schema = new Schema<DavObject>(
  { _id: String, listId: { type: String, required: true }, name: { type: String, required: true }, echo: Schema.Types.Mixed, updatedAt: String, purgeAt: { type: Date, default: null }, left: Schema.Types.Mixed },
  { collection: "dav_objects", versionKey: false, minimize: false },
);
schema.index({ listId: 1, name: 1 });
schema.index({ listId: 1, updatedAt: 1 });
schema.index({ purgeAt: 1 }, { expireAfterSeconds: 0 });

/** Filters built here, operators and all (the connection sanitizes `$` keys from anywhere else). */
const trusted = (filter: Record<string, unknown>) => trustOperators(filter) as Record<string, never>;

export type StoredTask = Task & { deleted: boolean };

export class DavStore {
  private readonly objects: Model<DavObject>;
  private readonly tasks: Model<TaskDoc>;
  private readonly departures: ListDepartures;

  constructor(conn: Connection) {
    this.departures = new ListDepartures(conn);
    this.objects = (conn.models.DavObject as Model<DavObject> | undefined) ?? conn.model<DavObject>("DavObject", schema);
    this.tasks = (conn.models.TaskView as Model<TaskDoc> | undefined) ?? conn.model<TaskDoc>("TaskView", taskDocSchema, READ_MODEL_COLLECTION);
  }

  async object(taskId: string): Promise<DavObject | null> {
    return this.objects.findById(taskId).lean<DavObject | null>();
  }

  async objectsOf(taskIds: string[]): Promise<Map<string, DavObject>> {
    const docs = await this.objects.find(trusted({ _id: { $in: taskIds } })).lean<DavObject[]>();
    return new Map(docs.map((d) => [d._id, d]));
  }

  /** The resource of that name in the list: a live one before a deleted task's record that kept the name. */
  async byName(listId: string, name: string): Promise<DavObject | null> {
    return this.objects.findOne({ listId, name }).sort({ purgeAt: 1 }).lean<DavObject | null>();
  }

  /**
   * The task moved to `listId`: its resource goes along under the same name
   * (a client reaches it there by the name it chose), or `<task id>.ics` when
   * a live resource of the new list has that name already. No record (a task
   * made in Tickler, never written by a client): nothing to do.
   */
  async follow(taskId: string, listId: string, now: Date): Promise<void> {
    const object = await this.object(taskId);
    if (!object || object.listId === listId) return;
    const clash = await this.objects.findOne(trusted({ listId, name: object.name, purgeAt: null, _id: { $ne: taskId } }), { _id: 1 }).lean<{ _id: string } | null>();
    const left = withFormerName(object.left ?? [], { listId: object.listId, name: object.name });
    await this.objects.updateOne({ _id: taskId }, { $set: { listId, name: clash ? `${taskId}.ics` : object.name, updatedAt: now.toISOString(), left } });
  }

  /** Another resource of the list made with this client UID, if any. */
  async byUid(listId: string, uid: string): Promise<DavObject | null> {
    return this.objects.findOne({ listId, "echo.uid": uid, purgeAt: null }).lean<DavObject | null>();
  }

  /** The resource's record as a client wrote it (the names it left behind are kept). */
  async put(taskId: string, listId: string, name: string, echo: DavEcho, now: Date): Promise<void> {
    await this.objects.updateOne({ _id: taskId }, { $set: { listId, name, echo, updatedAt: now.toISOString(), purgeAt: null } }, { upsert: true });
  }

  /** A MOVE: the resource is at `name` in `listId` now; the name it had in the list it left is remembered. */
  async moved(taskId: string, from: FormerName, listId: string, name: string, echo: DavEcho, now: Date): Promise<void> {
    const object = await this.object(taskId);
    const left = withFormerName(object?.left ?? [], object && object.listId !== listId ? { listId: object.listId, name: object.name } : from);
    await this.objects.updateOne({ _id: taskId }, { $set: { listId, name, echo, updatedAt: now.toISOString(), purgeAt: null, left } }, { upsert: true });
  }

  async deleted(taskId: string, now: Date): Promise<void> {
    await this.objects.updateOne({ _id: taskId }, { updatedAt: now.toISOString(), purgeAt: new Date(now.getTime() + TOMBSTONE_TTL_DAYS * 86_400_000) });
  }

  async task(id: string): Promise<StoredTask | null> {
    const doc = await this.tasks.findById(id).lean<TaskDoc | null>();
    return doc ? { ...toTask(doc), deleted: doc.deleted } : null;
  }

  /** The live tasks of a list, most recently changed first. */
  async live(listId: string): Promise<Task[]> {
    const docs = await this.tasks.find({ listId, deleted: false }).sort({ updatedAt: -1 }).limit(MAX_DAV_OBJECTS).lean<TaskDoc[]>();
    return docs.map(toTask);
  }

  /**
   * Tasks of the list changed at or after `since` (tombstones included), the
   * ids whose client data changed then, and the ids of tasks moved out of the
   * list then; null past the bound.
   */
  async changedSince(listId: string, since: string): Promise<{ tasks: StoredTask[]; objectIds: string[]; departedIds: string[] } | null> {
    const docs = await this.tasks.find(trusted({ listId, updatedAt: { $gte: since } })).limit(MAX_DAV_OBJECTS + 1).lean<TaskDoc[]>();
    const objects = await this.objects.find(trusted({ listId, updatedAt: { $gte: since } }), { _id: 1 }).limit(MAX_DAV_OBJECTS + 1).lean<{ _id: string }[]>();
    const departedIds = await this.departures.since(listId, since, MAX_DAV_OBJECTS + 1);
    if (docs.length > MAX_DAV_OBJECTS || objects.length > MAX_DAV_OBJECTS || departedIds.length > MAX_DAV_OBJECTS) return null;
    return { tasks: docs.map((d) => ({ ...toTask(d), deleted: d.deleted })), objectIds: objects.map((o) => o._id), departedIds };
  }

  /** The newest change of the list (tasks, tombstones, client data) in ms, and its live task count: the collection's state. */
  async state(listId: string): Promise<{ latest: number; count: number }> {
    const [newestTask] = await this.tasks.find({ listId }, { updatedAt: 1 }).sort({ updatedAt: -1 }).limit(1).lean<{ updatedAt: string }[]>();
    const [newestObject] = await this.objects.find({ listId }, { updatedAt: 1 }).sort({ updatedAt: -1 }).limit(1).lean<{ updatedAt: string }[]>();
    const count = await this.tasks.countDocuments({ listId, deleted: false });
    const latest = Math.max(0, Date.parse(newestTask?.updatedAt ?? "") || 0, Date.parse(newestObject?.updatedAt ?? "") || 0);
    return { latest, count };
  }

  /** The live occurrences of the given series (to tell each series' newest, which alone carries the RRULE). */
  async occurrences(listId: string, seriesIds: string[]): Promise<Task[]> {
    if (seriesIds.length === 0) return [];
    const docs = await this.tasks.find(trusted({ listId, seriesId: { $in: seriesIds }, deleted: false })).limit(MAX_DAV_OBJECTS).lean<TaskDoc[]>();
    return docs.map(toTask);
  }
}
