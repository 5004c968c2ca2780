/**
 * App passwords for clients that can only send Basic auth (CalDAV, src/api/dav/).
 * A password is `tkl_<id>_<secret>`: the id (public, 16 hex) finds the one
 * record, the secret (256 random bits) is checked against its scrypt hash, so
 * a copy of the store hands out nobody's password and a guess costs a slow
 * hash. Each user has at most MAX_APP_PASSWORDS; a revoked one stops at once
 * (every check reads the record). A verified password is remembered in this
 * process for a short while (keyed by its SHA-256) so a sync of many requests
 * pays the slow hash once, never longer than the record itself lives.
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { Schema, type Connection, type Model } from "mongoose";

export const MAX_APP_PASSWORDS = 20;
export const MAX_APP_PASSWORD_NAME = 100;
/** How long a verified password skips the slow hash (the record is still read each time). */
const VERIFIED_TTL_MS = 5 * 60_000;
/** lastUsedAt is written at most this often per password. */
const LAST_USED_EVERY_MS = 60_000;

/** scrypt cost: ~50 ms on one core of a small machine; 16 MiB of memory per check. */
const SCRYPT: ScryptOptions = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_BYTES = 32;

const PASSWORD = /^tkl_([0-9a-f]{16})_([\w-]{43})$/;

export interface AppPasswordRecord {
  id: string;
  ownerId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

interface AppPasswordDoc {
  _id: string;
  ownerId: string;
  name: string;
  /** `scrypt$N$r$p$salt$key`, base64url parts. */
  hash: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const schema = new Schema<AppPasswordDoc>(
  { _id: String, ownerId: { type: String, required: true }, name: String, hash: String, createdAt: String, lastUsedAt: { type: String, default: null } },
  { collection: "app_passwords", versionKey: false },
);
schema.index({ ownerId: 1, createdAt: 1 });

const MODEL = "AppPassword";

function scrypt(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(secret, salt, KEY_BYTES, SCRYPT, (err, key) => (err ? reject(err) : resolve(key))));
}

/** The stored form of a secret: a fresh salt and its scrypt key, with the cost so it can be raised later. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt);
  return ["scrypt", SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function secretMatches(secret: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split("$");
  if (kind !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const opts: ScryptOptions = { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem };
  const actual = await new Promise<Buffer>((resolve, reject) =>
    scryptCb(secret, Buffer.from(salt, "base64url"), expected.length, opts, (err, k) => (err ? reject(err) : resolve(k))));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The id and secret of a password in Tickler's form, or null. */
export function splitPassword(password: string): { id: string; secret: string } | null {
  const m = PASSWORD.exec(password);
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export class AppPasswordLimit extends Error {}

/** What the routes and the Basic authenticator need (an in-memory one serves the unit tests). */
export interface AppPasswordStore {
  create(ownerId: string, name: string, now: Date): Promise<{ record: AppPasswordRecord; password: string }>;
  list(ownerId: string): Promise<AppPasswordRecord[]>;
  revoke(ownerId: string, id: string): Promise<boolean>;
  /** The owner of a valid password, or null; records its use. */
  verify(password: string, now: Date): Promise<string | null>;
}

const present = (doc: AppPasswordDoc): AppPasswordRecord =>
  ({ id: doc._id, ownerId: doc.ownerId, name: doc.name, createdAt: doc.createdAt, lastUsedAt: doc.lastUsedAt ?? null });

export class AppPasswords implements AppPasswordStore {
  private readonly model: Model<AppPasswordDoc>;
  /** id → sha256 of the verified password and until when. */
  private readonly verified = new Map<string, { digest: string; until: number }>();

  constructor(conn: Connection) {
    this.model = (conn.models[MODEL] as Model<AppPasswordDoc> | undefined) ?? conn.model<AppPasswordDoc>(MODEL, schema);
  }

  async create(ownerId: string, name: string, now: Date) {
    // Counted before the insert: two racing creates may both pass, which bounds the overshoot to the race, not the user.
    if ((await this.model.countDocuments({ ownerId })) >= MAX_APP_PASSWORDS) throw new AppPasswordLimit();
    const id = randomBytes(8).toString("hex");
    const secret = randomBytes(32).toString("base64url");
    const doc: AppPasswordDoc = { _id: id, ownerId, name, hash: await hashSecret(secret), createdAt: now.toISOString(), lastUsedAt: null };
    await this.model.create(doc);
    return { record: present(doc), password: `tkl_${id}_${secret}` };
  }

  async list(ownerId: string) {
    const docs = await this.model.find({ ownerId }).sort({ createdAt: 1 }).limit(MAX_APP_PASSWORDS * 2).lean<AppPasswordDoc[]>();
    return docs.map(present);
  }

  async revoke(ownerId: string, id: string) {
    this.verified.delete(id);
    return (await this.model.deleteOne({ _id: id, ownerId })).deletedCount === 1;
  }

  async verify(password: string, now: Date) {
    const parts = splitPassword(password);
    if (!parts) return null;
    const doc = await this.model.findById(parts.id).lean<AppPasswordDoc | null>();
    if (!doc) {
      this.verified.delete(parts.id);
      return null;
    }
    const digest = sha256(password);
    const known = this.verified.get(parts.id);
    if (!(known && known.digest === digest && known.until > now.getTime())) {
      if (!(await secretMatches(parts.secret, doc.hash))) return null;
      if (this.verified.size > 10_000) this.verified.clear();
      this.verified.set(parts.id, { digest, until: now.getTime() + VERIFIED_TTL_MS });
    }
    if (!doc.lastUsedAt || now.getTime() - Date.parse(doc.lastUsedAt) >= LAST_USED_EVERY_MS) {
      await this.model.updateOne({ _id: doc._id }, { lastUsedAt: now.toISOString() });
    }
    return doc.ownerId;
  }
}
