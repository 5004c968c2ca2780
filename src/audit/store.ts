/**
 * Append-only history of task events, one document per event id. Inserting an
 * event twice is a no-op: redelivery from Kafka must not duplicate history.
 */
import { Schema, type Connection, type Model } from "mongoose";
import type { ParsedTaskEvent } from "../events/envelope.js";
import { isDuplicateKey, trustOperators } from "../infra/mongo.js";

export interface AuditDoc {
  _id: string;
  taskId: string;
  ownerId: string;
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
    taskId: { type: String, required: true },
    ownerId: { type: String, required: true },
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
        recordedAt,
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** The task's history, oldest first (by the task's own version order). */
  async forTask(taskId: string, ownerId: string): Promise<AuditDoc[]> {
    return this.entries.find({ taskId, ownerId }).sort({ version: 1 }).lean<AuditDoc[]>();
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
