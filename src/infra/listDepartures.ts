/**
 * Which tasks left which list, and when: written by the projection from an
 * event's `movedFrom`, read by CalDAV's sync-collection, which must report a
 * task moved to another list as gone from the one it left (RFC 6578: a
 * member removed since the token). Kept as long as a sync token is valid
 * (the tombstones' 30 days), then expired by the store.
 */
import { Schema, type Connection, type Model } from "mongoose";
import { trustOperators } from "./mongo.js";
import { TOMBSTONE_TTL_DAYS } from "./readModel.js";

interface Departure {
  /** `<listId>:<taskId>:v<version>`: one per move, the same on every redelivery. */
  _id: string;
  listId: string;
  taskId: string;
  /** When the task left (the event's occurredAt, ISO). */
  at: string;
  purgeAt: Date;
}

const schema = new Schema<Departure>(
  { _id: String, listId: { type: String, required: true }, taskId: { type: String, required: true }, at: { type: String, required: true }, purgeAt: { type: Date, required: true } },
  { collection: "list_departures", versionKey: false },
);
schema.index({ listId: 1, at: 1 });
schema.index({ purgeAt: 1 }, { expireAfterSeconds: 0 });

export class ListDepartures {
  private readonly model: Model<Departure>;

  constructor(conn: Connection) {
    this.model = (conn.models.ListDeparture as Model<Departure> | undefined) ?? conn.model<Departure>("ListDeparture", schema);
  }

  /** Idempotent: a redelivered event writes the same record. */
  async record(listId: string, taskId: string, version: number, at: string): Promise<void> {
    const purgeAt = new Date(Date.parse(at) + TOMBSTONE_TTL_DAYS * 86_400_000);
    await this.model.updateOne({ _id: `${listId}:${taskId}:v${version}` }, { $set: { listId, taskId, at, purgeAt } }, { upsert: true });
  }

  /** Ids of the tasks that left `listId` at or after `since` (ISO); at most `limit`. */
  async since(listId: string, since: string, limit: number): Promise<string[]> {
    const docs = await this.model
      .find(trustOperators({ listId, at: { $gte: since } }) as Record<string, never>, { taskId: 1 })
      .sort({ at: 1 })
      .limit(limit)
      .lean<{ taskId: string }[]>();
    return [...new Set(docs.map((d) => d.taskId))];
  }
}
