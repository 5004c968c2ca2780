/**
 * Append-only history of task events, one document per event id. Inserting an
 * event twice is a no-op: redelivery from Kafka must not duplicate history.
 */
import { Schema, type Connection, type Model } from "mongoose";
import type { ParsedTaskEvent } from "../events/envelope.js";
import { LIST_CHANGED_TYPE, type ParsedListEvent } from "../events/listEnvelope.js";
import { COMMENT_CHANGED_TYPE, type ParsedCommentEvent } from "../events/commentEnvelope.js";
import { isDuplicateKey, trustOperators } from "../infra/mongo.js";

export interface AuditDoc {
  _id: string;
  /** A task event's task and maker; absent on a list's event. */
  taskId: string;
  ownerId: string;
  /** The list the change is in (a task's list as of that version, or the list changed); absent on entries recorded before list activity. */
  listId?: string | null;
  /** A list's event: who made the change, whom it is about, and the list after it. */
  actorId?: string | null;
  memberId?: string | null;
  kind?: string | null;
  list?: Record<string, unknown> | null;
  /** A comment's event: the comment after the change (`kind` added, edited or deleted, `actorId` who did it). */
  comment?: Record<string, unknown> | null;
  type: string;
  version: number;
  occurredAt: string;
  changed: string[];
  task: Record<string, unknown>;
  recordedAt: Date;
}

const auditSchema = new Schema<AuditDoc>(
  {
    _id: { type: String, required: true },
    // A list's event has no task and no maker.
    taskId: { type: String, required: isTaskEntry },
    ownerId: { type: String, required: isTaskEntry },
    listId: { type: String, default: null },
    actorId: { type: String, default: null },
    memberId: { type: String, default: null },
    kind: { type: String, default: null },
    list: { type: Schema.Types.Mixed, default: null },
    comment: { type: Schema.Types.Mixed },
    type: { type: String, required: true },
    version: { type: Number, required: true },
    occurredAt: { type: String, required: true },
    changed: [String],
    task: { type: Schema.Types.Mixed },
    recordedAt: { type: Date, required: true },
  },
  { collection: "audit_log", versionKey: false },
);
auditSchema.index({ taskId: 1, version: 1 });
auditSchema.index({ ownerId: 1, recordedAt: 1, _id: 1 });
// A list's activity, newest first (by when each change happened: a list's and a task's events arrive on different partitions).
auditSchema.index({ listId: 1, occurredAt: -1, _id: -1 });

function isTaskEntry(this: { type?: string }): boolean {
  return this.type !== LIST_CHANGED_TYPE && this.type !== COMMENT_CHANGED_TYPE;
}

export class AuditLog {
  private readonly entries: Model<AuditDoc>;

  constructor(conn: Connection) {
    this.entries = conn.model<AuditDoc>("AuditEntry", auditSchema);
  }

  /** Returns false if this event id was already recorded. */
  async append(event: ParsedTaskEvent, recordedAt: Date): Promise<boolean> {
    try {
      await this.entries.create({
        _id: event.eventId,
        taskId: event.taskId,
        ownerId: event.ownerId,
        type: event.type,
        version: event.version,
        occurredAt: event.occurredAt,
        changed: event.changed,
        task: event.task,
        listId: event.task.listId || null,
        // Who made the change (absent on the service's own changes and older events: the maker stands in).
        actorId: event.actorId ?? null,
        recordedAt,
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** A list's change; false if this event id was already recorded. */
  async appendList(event: ParsedListEvent, recordedAt: Date): Promise<boolean> {
    try {
      await this.entries.create({
        // No taskId or ownerId: a list's entry is in no task's history and no maker's feed.
        _id: event.eventId,
        listId: event.listId,
        type: event.type,
        version: event.version,
        occurredAt: event.occurredAt,
        changed: [],
        actorId: event.actorId,
        memberId: event.memberId,
        kind: event.kind,
        list: { ...event.list, deleted: event.deleted },
        recordedAt,
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** A comment's change, in its task's list's activity; false if this event id was already recorded. */
  async appendComment(event: ParsedCommentEvent, recordedAt: Date): Promise<boolean> {
    try {
      await this.entries.create({
        // No ownerId: a comment is in no maker's feed, and not in the task's own history (its versions are the task's).
        _id: event.eventId,
        taskId: event.taskId,
        listId: event.listId || null,
        type: event.type,
        version: event.version,
        occurredAt: event.occurredAt,
        changed: [],
        actorId: event.actorId,
        kind: event.kind,
        comment: event.comment,
        recordedAt,
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /**
   * A list's activity (its tasks' changes and its own), newest first by when
   * each change happened, before a position (keyset paging). An entry
   * recorded late lands in its place; a reader already past it sees it on reload.
   */
  async forList(listId: string, before: { occurredAt: string; id: string } | null, limit: number): Promise<AuditDoc[]> {
    const filter = before
      ? { listId, $or: [{ occurredAt: { $lt: before.occurredAt } }, { occurredAt: before.occurredAt, _id: { $lt: before.id } }] }
      : { listId };
    return this.entries.find(trustOperators(filter) as Record<string, unknown>).sort({ occurredAt: -1, _id: -1 }).limit(limit).lean<AuditDoc[]>();
  }

  /**
   * The task's history, oldest first (by the task's own version order), its
   * comments' entries left out; the api keeps the entries the caller may see
   * (src/domain/access.ts `visibleIn`: the lists they may read now).
   */
  async forTask(taskId: string): Promise<AuditDoc[]> {
    return this.entries.find(trustOperators({ taskId, type: { $ne: COMMENT_CHANGED_TYPE } }) as Record<string, unknown>).sort({ version: 1 }).lean<AuditDoc[]>();
  }

  /** One entry of the owner's, or null (unknown, another owner's, or not recorded yet). */
  async entry(id: string, ownerId: string): Promise<AuditDoc | null> {
    return this.entries.findOne({ _id: id, ownerId }).lean<AuditDoc>();
  }

  /**
   * The owner's history across tasks in recording order, after a position
   * (keyset paging), up to `settledBefore`. An entry is stamped before its
   * insert becomes visible, and audit replicas' clocks differ a little, so
   * the newest few seconds are held back: an entry stamped earlier than one
   * already served could otherwise appear behind a follower's cursor and be
   * skipped for good.
   */
  async forOwner(ownerId: string, after: { recordedAt: Date; id: string } | null, limit: number, settledBefore: Date): Promise<AuditDoc[]> {
    const settled = { recordedAt: { $lt: settledBefore } };
    const filter = after
      ? { ownerId, $and: [settled, { $or: [{ recordedAt: { $gt: after.recordedAt } }, { recordedAt: after.recordedAt, _id: { $gt: after.id } }] }] }
      : { ownerId, ...settled };
    return this.entries.find(trustOperators(filter) as Record<string, unknown>).sort({ recordedAt: 1, _id: 1 }).limit(limit).lean<AuditDoc[]>();
  }
}
