/**
 * Task comments in the read store, one document each (docs/comments.md).
 * Each document is its own outbox (ADR 0015): a change and the event it owes
 * are written in one atomic update of the document, published after, and
 * cleared only if nothing changed since; a deleted comment stays as a
 * tombstone until its event is published. `pendingSince` finds outboxes a
 * stopped process left behind.
 */
import mongoose, { Schema, type Connection, type Model } from "mongoose";
import type { Comment, CommentEvent } from "../domain/index.js";
import { isDuplicateKey, trustOperators } from "./mongo.js";
import { TOMBSTONE_TTL_DAYS } from "./readModel.js";

/** When a task deleted at `deletedAt` (its tombstone's `updatedAt`) is purged, and its comments with it: as its read-model tombstone. */
export const purgeAtOf = (deletedAt: string): Date => new Date(Date.parse(deletedAt) + TOMBSTONE_TTL_DAYS * 86_400_000);

interface CommentDoc extends Omit<Comment, "id"> {
  _id: string;
  /** Absent on comments stored before events: they count as version 1. */
  version?: number;
  /** Set when deleted: hidden at once, removed once its event is published. */
  deletedAt?: string | null;
  /** Events committed with the change and not published yet. */
  outbox?: CommentEvent[];
  /** When the oldest unpublished event was committed; null when none is. */
  outboxAt?: Date | null;
  /** While the task is in the trash: when it is purged, and its comments with it (TTL index). */
  purgeAt?: Date | null;
}

const commentSchema = new Schema<CommentDoc>(
  {
    _id: { type: String, required: true },
    taskId: { type: String, required: true },
    authorId: { type: String, required: true },
    text: { type: String, required: true },
    createdAt: { type: String, required: true },
    editedAt: { type: String, default: null },
    version: { type: Number },
    deletedAt: { type: String, default: null },
    outbox: { type: Schema.Types.Mixed, default: [] },
    outboxAt: { type: Date, default: null },
    purgeAt: { type: Date, default: null },
    // Only on imported comments (absent otherwise): their tombstone stays, so a re-import does not bring one back.
    importedFrom: { type: Schema.Types.Mixed },
  },
  { collection: "comments", versionKey: false },
);
commentSchema.index({ taskId: 1, createdAt: 1, _id: 1 });
// The sweep of outboxes left behind (docs are null there once drained).
commentSchema.index({ outboxAt: 1 });
// A trashed task's comments expire with it (its read-model tombstone has the same purgeAt).
commentSchema.index({ purgeAt: 1 }, { expireAfterSeconds: 0 });

const toComment = ({ _id, taskId, authorId, text, createdAt, editedAt, importedFrom }: CommentDoc): Comment =>
  ({ id: _id, taskId, authorId, text, createdAt, editedAt: editedAt ?? null, ...(importedFrom ? { importedFrom } : {}) });
const live = { deletedAt: null };

/** A comment as stored, with what its next change needs. */
export interface StoredComment {
  comment: Comment;
  version: number;
}

export class Comments {
  private readonly docs: Model<CommentDoc>;

  constructor(conn: Connection) {
    this.docs = (conn.models.Comment as Model<CommentDoc> | undefined) ?? conn.model<CommentDoc>("Comment", commentSchema);
  }

  /** The task's comments, oldest first (at most `limit`). */
  async forTask(taskId: string, limit: number): Promise<Comment[]> {
    return (await this.docs.find({ taskId, ...live }).sort({ createdAt: 1, _id: 1 }).limit(limit).lean<CommentDoc[]>()).map(toComment);
  }

  /**
   * The comments of these tasks, by task id and then oldest first, at most
   * `limit` in all (the export's read; src/domain/commentTransfer.ts cuts it).
   */
  async forTasks(taskIds: string[], limit: number): Promise<Comment[]> {
    if (taskIds.length === 0) return [];
    const filter = trustOperators({ taskId: { $in: taskIds }, ...live }) as Record<string, unknown>;
    return (await this.docs.find(filter).sort({ taskId: 1, createdAt: 1, _id: 1 }).limit(limit).lean<CommentDoc[]>()).map(toComment);
  }

  /** Whether a comment with this id was ever stored for the task and not purged (deleted ones included): an import does not make it again. */
  async known(taskId: string, id: string): Promise<boolean> {
    return (await this.docs.exists({ _id: id, taskId })) !== null;
  }

  async count(taskId: string): Promise<number> {
    return this.docs.countDocuments({ taskId, ...live });
  }

  async get(taskId: string, id: string): Promise<StoredComment | null> {
    const doc = await this.docs.findOne({ _id: id, taskId, ...live }).lean<CommentDoc>();
    return doc ? { comment: toComment(doc), version: doc.version ?? 1 } : null;
  }

  /** Stores a new comment with its `added` event in its outbox. */
  async add(comment: Comment, event: CommentEvent, now: Date): Promise<void> {
    const { id, ...rest } = comment;
    await this.docs.create({ _id: id, ...rest, version: event.version, deletedAt: null, outbox: [event], outboxAt: now, purgeAt: null });
  }

  /** As `add`, false if a comment with its id is stored already (an import's deterministic id: made before). */
  async addOnce(comment: Comment, event: CommentEvent, now: Date): Promise<boolean> {
    try {
      await this.add(comment, event, now);
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /**
   * Applies an edit or a deletion (`event.comment` is the comment after it)
   * if the comment is still at `from`; false if it changed or went meanwhile.
   */
  async change(from: StoredComment, event: CommentEvent, now: Date): Promise<boolean> {
    const { comment } = event;
    const set = event.kind === "deleted" ? { deletedAt: event.occurredAt } : { text: comment.text, editedAt: comment.editedAt };
    const result = await this.docs.updateOne(
      trustOperators({ _id: comment.id, taskId: comment.taskId, ...live, ...at(from.version) }) as Record<string, unknown>,
      { $set: { ...set, version: event.version, outboxAt: now }, $push: { outbox: event } },
    );
    return result.modifiedCount === 1;
  }

  /** The events waiting in a comment's outbox, oldest first, and the version they end at. */
  async pending(id: string): Promise<{ events: CommentEvent[]; version: number } | null> {
    const doc = await this.docs.findOne({ _id: id }).lean<CommentDoc>();
    return doc && (doc.outbox?.length ?? 0) > 0 ? { events: doc.outbox!, version: doc.version ?? 1 } : null;
  }

  /**
   * After its events up to `version` were published: clears the outbox (and
   * removes a deleted comment) unless a later change came meanwhile, whose
   * own publish then takes every event again.
   */
  async drained(id: string, version: number): Promise<void> {
    const filter = { _id: id, version };
    // An imported comment's tombstone stays (hidden; purged with its task) so that importing the same file again does not restore it.
    const removable = { deletedAt: mongoose.trusted({ $ne: null }), importedFrom: mongoose.trusted({ $exists: false }) };
    if ((await this.docs.deleteOne({ ...filter, ...removable })).deletedCount === 1) return;
    await this.docs.updateOne(filter, { $set: { outbox: [], outboxAt: null } });
  }

  /** Ids of comments whose outbox has waited since before `before` (a process stopped before publishing). */
  async pendingSince(before: Date, limit: number): Promise<string[]> {
    const rows = await this.docs.find({ outboxAt: mongoose.trusted({ $lte: before }) }, { _id: 1 }).sort({ outboxAt: 1 }).limit(limit).lean<{ _id: string }[]>();
    return rows.map((r) => r._id);
  }

  /** A task's comments go with it when it is purged from the trash (`purgeAt`), and stay when it is restored (null). */
  async purgeWithTask(taskId: string, purgeAt: Date | null): Promise<void> {
    await this.docs.updateMany({ taskId }, { $set: { purgeAt } });
  }
}

/** The filter of a comment still at `version` (comments stored before events have none: they count as 1). */
const at = (version: number): Record<string, unknown> => (version === 1 ? { $or: [{ version: 1 }, { version: { $exists: false } }] } : { version });
