/**
 * Events a consumer gave up on: the dead-letter topics' messages, kept once
 * per topic and event id (recorded by the audit app), until they are
 * redriven. Redrive publishes each one again to its own topic with its own
 * event id, so consumers that already have it drop it and the others apply
 * it; a redrive that stops halfway (or runs twice) only republishes what is
 * not yet marked, and a republished event that is republished again is
 * still applied once.
 */
import mongoose, { Schema, type Connection, type Model } from "mongoose";
import { isDuplicateKey } from "./mongo.js";

export interface DeadLetterDoc {
  _id: string;
  /** The dead-letter topic it arrived on (`<topic>-dlq`). */
  topic: string;
  eventId: string;
  type: string;
  source?: string;
  data: unknown;
  receivedAt: Date;
  redrivenAt: Date | null;
}

const schema = new Schema<DeadLetterDoc>(
  { _id: String, topic: String, eventId: String, type: String, source: String, data: Schema.Types.Mixed, receivedAt: Date, redrivenAt: { type: Date, default: null } },
  { collection: "dead_letters", versionKey: false },
);
// What is still to redrive, per topic, oldest first (the redrive and the depth metric).
schema.index({ redrivenAt: 1, topic: 1, receivedAt: 1 });

export class DeadLetters {
  private readonly letters: Model<DeadLetterDoc>;

  constructor(conn: Connection) {
    this.letters = conn.model<DeadLetterDoc>("DeadLetter", schema);
  }

  /**
   * False if this event is already recorded and still pending. One that was
   * redriven and dead-lettered again is pending again (it failed once more).
   */
  async record(doc: Omit<DeadLetterDoc, "_id" | "redrivenAt">): Promise<boolean> {
    const _id = `${doc.topic}:${doc.eventId}`;
    try {
      await this.letters.create({ ...doc, _id, redrivenAt: null });
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const back = await this.letters.updateOne({ _id, redrivenAt: mongoose.trusted({ $ne: null }) }, { $set: { redrivenAt: null, receivedAt: doc.receivedAt } });
      return back.modifiedCount === 1;
    }
  }

  pending(topic: string, limit: number): Promise<DeadLetterDoc[]> {
    return this.letters.find({ redrivenAt: null, topic }).sort({ receivedAt: 1 }).limit(limit).lean<DeadLetterDoc[]>();
  }

  async markRedriven(id: string, at: Date): Promise<void> {
    await this.letters.updateOne({ _id: id, redrivenAt: null }, { $set: { redrivenAt: at } });
  }

  /** Dead letters not yet redriven, per dead-letter topic. */
  async depth(): Promise<Record<string, number>> {
    const rows = await this.letters.aggregate<{ _id: string; n: number }>([{ $match: { redrivenAt: null } }, { $group: { _id: "$topic", n: { $sum: 1 } } }]);
    return Object.fromEntries(rows.map((r) => [r._id, r.n]));
  }
}

export interface RedriveReport {
  topic: string;
  republished: number;
}

/** Publishes every pending dead letter of `topic` (the original topic, not its -dlq) again, oldest first. */
export async function redrive(
  letters: DeadLetters,
  topic: string,
  publish: (topic: string, event: Record<string, unknown>, key: string) => Promise<void>,
  now: () => Date = () => new Date(),
): Promise<RedriveReport> {
  let republished = 0;
  for (;;) {
    const batch = await letters.pending(`${topic}-dlq`, 100);
    if (batch.length === 0) return { topic, republished };
    for (const letter of batch) {
      const data = letter.data as { taskId?: unknown } | null;
      const envelope = { specversion: "1.0", id: letter.eventId, source: letter.source ?? "tickler/redrive", type: letter.type, datacontenttype: "application/json", data: letter.data };
      // The task id is the Kafka key of every task event, so a task's events stay on one partition.
      await publish(topic, envelope, typeof data?.taskId === "string" ? data.taskId : letter.eventId);
      await letters.markRedriven(letter._id, now());
      republished++;
    }
  }
}
