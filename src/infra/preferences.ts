/**
 * Users' preferences in the read store: one document per user in the
 * `preferences` collection, `_id` = user id. Lives in infra so that both the
 * api role (GET/PUT, default reminders on create) and the notifications role
 * (channels, quiet hours, digest) can read it without importing each other.
 * A user who never saved anything is answered the domain's defaults; a
 * document saved before a field existed gets that field's default too.
 */
import mongoose, { Schema, type Connection, type Model } from "mongoose";
import { assignmentChannels, CHANNELS, DEFAULT_PREFERENCES, LOCAL_TIME, normalizeChannels, type Channel, type Preferences, type PreferencesInput } from "../domain/index.js";

export const PREFERENCES_COLLECTION = "preferences";

/**
 * The address's confirmation, kept beside it (server-owned, never in a PUT).
 * `email` and `emailConfirmationId` are only ever written together, in one
 * update: a confirmation link names the id, so the id matching proves the
 * address is still the one the link was sent to.
 */
interface EmailConfirmationFields {
  /** When the link was followed; null: unconfirmed. */
  emailConfirmedAt: string | null;
  /** The confirmation id of the link sent for the current address (the latest one). */
  emailConfirmationId: string | null;
  /** When confirmation emails were sent, the last 24 hours' (the per-user cap). */
  confirmationsSent: string[];
  emailKey?: string | null;
}

interface PreferencesDoc extends PreferencesInput, EmailConfirmationFields {
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
    emailConfirmedAt: { type: String, default: null },
    emailConfirmationId: { type: String, default: null },
    confirmationsSent: { type: [String], default: [] },
    /** The address in lower case, for finding who confirmed it (an invitation by email); written with `email`. */
    emailKey: { type: String, default: null },
  },
  { collection: PREFERENCES_COLLECTION, versionKey: false },
);
// The daily digest finds the users who asked for one (digestTime set) without reading everyone.
schema.index({ digestTime: 1, _id: 1 });
// An invitation by email finds who confirmed the address without reading everyone.
schema.index({ emailKey: 1 });

const MODEL = "Preferences";

/** The address part of a user's preferences, with its confirmation. */
export interface EmailState {
  email: string | null;
  emailConfirmed: boolean;
  confirmationId: string | null;
  confirmationsSent: string[];
}

/**
 * What a PUT does to the address: `keep` leaves it and its confirmation
 * untouched (the PUT names the stored address); `set` stores the PUT's
 * address unconfirmed, with the id of the link just sent to it (null when
 * the address is removed) and the updated send times.
 */
export type EmailChange = { kind: "keep" } | { kind: "set"; confirmationId: string | null; confirmationsSent: string[] };

export type ConfirmOutcome = { kind: "confirmed" | "already"; email: string } | { kind: "stale" };

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

  async emailState(ownerId: string): Promise<EmailState> {
    const doc = await this.model.findById(ownerId).lean<PreferencesDoc | null>();
    const prefs = doc ? fromDoc(doc) : DEFAULT_PREFERENCES;
    return {
      email: prefs.email,
      emailConfirmed: prefs.emailConfirmed,
      confirmationId: typeof doc?.emailConfirmationId === "string" ? doc.emailConfirmationId : null,
      confirmationsSent: Array.isArray(doc?.confirmationsSent) ? doc.confirmationsSent.filter((t) => typeof t === "string") : [],
    };
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

  /** Replaces every field a user sets (PUT semantics), the address as `change` says; answers what is now stored. */
  async put(ownerId: string, input: PreferencesInput, change: EmailChange, now: Date): Promise<Preferences> {
    const { email, ...rest } = fromDoc(input);
    const fields: Record<string, unknown> = { ...rest, updatedAt: now.toISOString() };
    delete fields.emailConfirmed;
    if (change.kind === "set") {
      Object.assign(fields, { email, emailKey: email?.toLowerCase() ?? null, emailConfirmedAt: null, emailConfirmationId: change.confirmationId, confirmationsSent: change.confirmationsSent });
    }
    await this.model.updateOne({ _id: ownerId }, { $set: fields }, { upsert: true });
    return this.get(ownerId);
  }

  /**
   * The users who confirmed `email` (compared in lower case): who an
   * invitation by email goes to. At most two are read: more than one is
   * ambiguous, whoever they are.
   */
  async confirmedUsersOf(email: string): Promise<string[]> {
    const docs = await this.model.find({ emailKey: email.toLowerCase(), emailConfirmedAt: mongoose.trusted({ $ne: null }) }, { _id: 1 }).limit(2).lean<{ _id: string }[]>();
    return docs.map((d) => d._id);
  }

  /** Gives every address stored before `emailKey` existed its key, a batch at a time; safe on every start and from several replicas. Answers how many. */
  async keyLegacyEmails(): Promise<number> {
    let keyed = 0;
    for (;;) {
      const batch = await this.model.find({ emailKey: null, email: mongoose.trusted({ $ne: null }) }, { _id: 1, email: 1 }).limit(500).lean<{ _id: string; email: string }[]>();
      if (batch.length === 0) return keyed;
      const res = await this.model.bulkWrite(batch.map((d) => ({ updateOne: { filter: { _id: d._id, email: d.email }, update: { $set: { emailKey: d.email.toLowerCase() } } } })), { ordered: false });
      keyed += res.modifiedCount;
      if (res.modifiedCount === 0) return keyed;
    }
  }

  /** A new link for the stored, unconfirmed address `email`; false if the address changed meanwhile (or was confirmed). */
  async renewConfirmation(ownerId: string, email: string, confirmationId: string, confirmationsSent: string[]): Promise<boolean> {
    const res = await this.model.updateOne({ _id: ownerId, email, emailConfirmedAt: null }, { $set: { emailConfirmationId: confirmationId, confirmationsSent } });
    return res.matchedCount === 1;
  }

  /**
   * Marks the address confirmed if `confirmationId` is its current link's:
   * one conditional update, so a second click (or one racing it) answers
   * `already`; a link for an address since changed, or superseded by a
   * newer link, is `stale` and changes nothing.
   */
  async confirm(ownerId: string, confirmationId: string, now: Date): Promise<ConfirmOutcome> {
    const doc = await this.model
      .findOneAndUpdate({ _id: ownerId, emailConfirmationId: confirmationId, emailConfirmedAt: null }, { $set: { emailConfirmedAt: now.toISOString() } }, { returnDocument: "after" })
      .lean<PreferencesDoc>();
    if (doc?.email) return { kind: "confirmed", email: doc.email };
    const current = await this.model.findById(ownerId).lean<PreferencesDoc | null>();
    if (current?.email && current.emailConfirmationId === confirmationId && current.emailConfirmedAt) return { kind: "already", email: current.email };
    return { kind: "stale" };
  }

  /** The address a confirmation link is for, if the link is still the current one. */
  async pendingConfirmation(ownerId: string, confirmationId: string): Promise<{ email: string; confirmed: boolean } | null> {
    const doc = await this.model.findById(ownerId).lean<PreferencesDoc | null>();
    if (!doc?.email || doc.emailConfirmationId !== confirmationId) return null;
    return { email: doc.email, confirmed: typeof doc.emailConfirmedAt === "string" };
  }
}

/** A stored document as the domain type: known fields only, each with its default when absent or unreadable. */
function fromDoc(doc: Partial<PreferencesInput> & { emailConfirmedAt?: unknown }): Preferences {
  const d = DEFAULT_PREFERENCES;
  const channelList = (value: unknown, fallback: Channel[]) =>
    Array.isArray(value) ? normalizeChannels(value.filter((c): c is Channel => (CHANNELS as readonly string[]).includes(c as string))) : [...fallback];
  const known = (value: unknown[]) => value.filter((c): c is Channel => (CHANNELS as readonly string[]).includes(c as string));
  const reminders = channelList(doc.channels?.reminders, d.channels.reminders);
  const assignments = doc.channels?.assignments as unknown;
  const quiet = doc.quietHours;
  return {
    timeZone: typeof doc.timeZone === "string" ? doc.timeZone : d.timeZone,
    email: typeof doc.email === "string" ? doc.email : null,
    // A document from before confirmations has none: its address is unconfirmed.
    emailConfirmed: typeof doc.email === "string" && typeof doc.emailConfirmedAt === "string",
    channels: {
      reminders,
      digest: channelList(doc.channels?.digest, d.channels.digest),
      // A document from before the field has none: assignment notices keep going where the reminders go.
      assignments: assignmentChannels(Array.isArray(assignments) ? known(assignments) : undefined, reminders),
    },
    quietHours: quiet && LOCAL_TIME.test(quiet.start) && LOCAL_TIME.test(quiet.end) ? { start: quiet.start, end: quiet.end } : null,
    digestTime: typeof doc.digestTime === "string" && LOCAL_TIME.test(doc.digestTime) ? doc.digestTime : null,
    defaultReminders: Array.isArray(doc.defaultReminders) ? [...doc.defaultReminders] : [],
  };
}
