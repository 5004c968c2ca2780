/**
 * The query side: one document per task, fed by `task-updates` (the source of
 * truth) and, for read-your-writes, by the API right after a successful write.
 * Both go through `apply`, which is version-guarded and idempotent, so the two
 * feeds can arrive in any order and any number of times.
 */
import mongoose, { Schema, type Connection, type Model } from "mongoose";
import type { Task } from "../domain/index.js";
import { isDuplicateKey } from "./mongo.js";

export interface TaskDoc extends Omit<Task, "id"> {
  _id: string;
  deleted: boolean;
}

const taskSchema = new Schema<TaskDoc>(
  {
    _id: { type: String, required: true },
    ownerId: { type: String, required: true },
    title: String,
    description: String,
    status: String,
    priority: String,
    tags: [String],
    dueAt: { type: String, default: null },
    timeZone: String,
    seriesId: { type: String, default: null },
    snoozedUntil: { type: String, default: null },
    completedAt: { type: String, default: null },
    createdAt: String,
    updatedAt: String,
    version: { type: Number, required: true },
    deleted: { type: Boolean, default: false },
  },
  { collection: "tasks_view", versionKey: false, timestamps: false },
);
// Listing is always "this owner's live tasks, newest first".
taskSchema.index({ ownerId: 1, deleted: 1, createdAt: -1, _id: 1 });

/**
 * Filters sanitize `$`-operators away (sanitizeFilter); operators we build
 * ourselves from validated values are marked as trusted.
 */
const trusted = <T extends object>(operator: T): T => mongoose.trusted(operator) as T;

export interface ListQuery {
  ownerId: string;
  status: "open" | "completed" | "all";
  limit: number;
  cursor?: { createdAt: string; id: string };
}

export class ReadModel {
  private readonly tasks: Model<TaskDoc>;

  constructor(conn: Connection) {
    this.tasks = conn.model<TaskDoc>("TaskView", taskSchema);
  }

  /**
   * Store the snapshot unless an equal or newer version is stored. Returns
   * true if it was applied. Written as read-then-compare-and-set on `_id`
   * (rather than one upsert filtered by `version < v`) because every step
   * then looks a document up by `_id` only, which FerretDB can push down to
   * its storage instead of scanning the whole collection.
   */
  async apply(task: Task, deleted: boolean): Promise<boolean> {
    const { id, ...fields } = task;
    const doc = { ...fields, deleted };
    for (;;) {
      const stored = await this.tasks.findById(id, { version: 1 }).lean<{ version: number }>();
      if (stored && stored.version >= task.version) return false;
      try {
        if (!stored) {
          await this.tasks.create({ _id: id, ...doc });
          return true;
        }
        const res = await this.tasks.updateOne({ _id: id, version: stored.version }, { $set: doc });
        if (res.modifiedCount === 1) return true;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      // Lost a race with a concurrent writer of this task: look again.
    }
  }

  async list(q: ListQuery): Promise<{ items: Task[]; next: { createdAt: string; id: string } | null }> {
    const filter: Record<string, unknown> = { ownerId: q.ownerId, deleted: false };
    if (q.status !== "all") filter.status = q.status;
    if (q.cursor) {
      filter.$or = [
        { createdAt: trusted({ $lt: q.cursor.createdAt }) },
        { createdAt: q.cursor.createdAt, _id: trusted({ $gt: q.cursor.id }) },
      ];
    }
    const docs = await this.tasks
      .find(filter)
      .sort({ createdAt: -1, _id: 1 })
      .limit(q.limit + 1)
      .lean<TaskDoc[]>();
    const page = docs.slice(0, q.limit).map(toTask);
    const last = page[page.length - 1];
    return { items: page, next: docs.length > q.limit && last ? { createdAt: last.createdAt, id: last.id } : null };
  }

  async get(id: string): Promise<(Task & { deleted: boolean }) | null> {
    const doc = await this.tasks.findById(id).lean<TaskDoc>();
    return doc ? { ...toTask(doc), deleted: doc.deleted } : null;
  }
}

function toTask(doc: TaskDoc): Task {
  const { _id, deleted: _deleted, ...rest } = doc;
  return { id: _id, ...rest } as Task;
}
