/**
 * Secret calendar-feed tokens: one live feed per user in `calendar_feeds`
 * (`_id` = user id). Only the SHA-256 of the token is stored, so a copy of
 * the store does not hand out anyone's calendar; the token itself has 256
 * random bits, so a plain hash (no salt, no stretching) is enough and lets a
 * feed request be found by one indexed lookup.
 */
import { createHash, randomBytes } from "node:crypto";
import { Schema, type Connection, type Model } from "mongoose";

interface FeedDoc {
  _id: string;
  tokenHash: string;
  createdAt: string;
}

const schema = new Schema<FeedDoc>(
  { _id: String, tokenHash: { type: String, required: true }, createdAt: String },
  { collection: "calendar_feeds", versionKey: false },
);
// Not declared unique: 256-bit tokens do not collide, and the local store need not support unique secondary indexes.
schema.index({ tokenHash: 1 });

const MODEL = "CalendarFeed";

export const hashFeedToken = (token: string) => createHash("sha256").update(token).digest("hex");

export class CalendarFeeds {
  private readonly model: Model<FeedDoc>;

  constructor(conn: Connection) {
    this.model = (conn.models[MODEL] as Model<FeedDoc> | undefined) ?? conn.model<FeedDoc>(MODEL, schema);
  }

  /** A new token for the user; any earlier one stops working. The token is answered once and never stored. */
  async issue(ownerId: string, now: Date): Promise<string> {
    const token = randomBytes(32).toString("base64url");
    await this.model.replaceOne({ _id: ownerId }, { tokenHash: hashFeedToken(token), createdAt: now.toISOString() }, { upsert: true });
    return token;
  }

  /** True if the user had a feed. */
  async revoke(ownerId: string): Promise<boolean> {
    return (await this.model.deleteOne({ _id: ownerId })).deletedCount === 1;
  }

  /** The user a token belongs to, or null (unknown, malformed or revoked). */
  async ownerOf(token: string): Promise<string | null> {
    if (!/^[\w-]{43}$/.test(token)) return null;
    const doc = await this.model.findOne({ tokenHash: hashFeedToken(token) }).lean<FeedDoc | null>();
    return doc?._id ?? null;
  }
}
