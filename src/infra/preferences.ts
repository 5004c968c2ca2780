/**
 * Users' preferences in the read store: one document per user in the
 * `preferences` collection, `_id` = user id. Lives in infra so that both the
 * api role (GET/PUT, default reminders on create) and the notifications role
 * (channels, quiet hours, digest) can read it without importing each other.
 * A user who never saved anything is answered the domain's defaults; a
 * document saved before a field existed gets that field's default too.
 */
import mongoose, { Schema, type Connection, type Model } from "mongoose";
import { CHANNELS, DEFAULT_PREFERENCES, LOCAL_TIME, normalizeChannels, type Channel, type Preferences } from "../domain/index.js";

export const PREFERENCES_COLLECTION = "preferences";

interface PreferencesDoc extends Preferences {
  _id: string;
  updatedAt: string;
}

const schema = new Schema<PreferencesDoc>(
  {
    _id: String,
    timeZone: String,
    email: { type: String, default: null },
    channels: Schema.Types.Mixed,
    quietHours: { type: Schema.Types.Mixed, default: null },
    digestTime: { type: String, default: null },
    defaultReminders: [String],
    updatedAt: String,
  },
  { collection: PREFERENCES_COLLECTION, versionKey: false },
);
// The daily digest finds the users who asked for one (digestTime set) without reading everyone.
schema.index({ digestTime: 1, _id: 1 });

const MODEL = "Preferences";

export class PreferencesStore {
  private readonly model: Model<PreferencesDoc>;

  constructor(conn: Connection) {
    // Several roles may share one connection in tests: register the model once.
    this.model = (conn.models[MODEL] as Model<PreferencesDoc> | undefined) ?? conn.model<PreferencesDoc>(MODEL, schema);
  }

  async get(ownerId: string): Promise<Preferences> {
    const doc = await this.model.findById(ownerId).lean<PreferencesDoc | null>();
    return doc ? fromDoc(doc) : structuredClone(DEFAULT_PREFERENCES);
  }

  /** Users with a digest time, ids after `afterId` in id order (the digest pages through them). */
  async withDigest(afterId: string, limit: number): Promise<{ ownerId: string; prefs: Preferences }[]> {
    const docs = await this.model
      .find({ digestTime: mongoose.trusted({ $gte: "00:00" }), _id: mongoose.trusted({ $gt: afterId }) })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<PreferencesDoc[]>();
    return docs.map((d) => ({ ownerId: d._id, prefs: fromDoc(d) }));
  }

  /** Replaces the whole object (PUT semantics); answers what is now stored. */
  async put(ownerId: string, prefs: Preferences, now: Date): Promise<Preferences> {
    const stored = { ...fromDoc(prefs), updatedAt: now.toISOString() };
    await this.model.replaceOne({ _id: ownerId }, stored, { upsert: true });
    return fromDoc(stored);
  }
}

/** A stored document as the domain type: known fields only, each with its default when absent or unreadable. */
function fromDoc(doc: Partial<Preferences>): Preferences {
  const d = DEFAULT_PREFERENCES;
  const channelList = (value: unknown, fallback: Channel[]) =>
    Array.isArray(value) ? normalizeChannels(value.filter((c): c is Channel => (CHANNELS as readonly string[]).includes(c as string))) : [...fallback];
  const quiet = doc.quietHours;
  return {
    timeZone: typeof doc.timeZone === "string" ? doc.timeZone : d.timeZone,
    email: typeof doc.email === "string" ? doc.email : null,
    channels: { reminders: channelList(doc.channels?.reminders, d.channels.reminders), digest: channelList(doc.channels?.digest, d.channels.digest) },
    quietHours: quiet && LOCAL_TIME.test(quiet.start) && LOCAL_TIME.test(quiet.end) ? { start: quiet.start, end: quiet.end } : null,
    digestTime: typeof doc.digestTime === "string" && LOCAL_TIME.test(doc.digestTime) ? doc.digestTime : null,
    defaultReminders: Array.isArray(doc.defaultReminders) ? [...doc.defaultReminders] : [],
  };
}
