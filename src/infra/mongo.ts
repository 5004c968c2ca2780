import mongoose, { type Connection, type Model } from "mongoose";

/**
 * One connection per process. `sanitizeFilter` wraps any `$`-keyed value that
 * reaches a filter in `$eq`, as a second line behind input validation.
 */
export async function connectMongo(uri: string): Promise<Connection> {
  mongoose.set("sanitizeFilter", true);
  mongoose.set("strictQuery", true);
  const conn = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000, autoIndex: true });
  await conn.asPromise();
  return conn;
}

export async function mongoHealthy(conn: Connection): Promise<boolean> {
  try {
    await conn.db?.admin().ping();
    return true;
  } catch {
    return false;
  }
}

/** MongoDB's duplicate-key error: how a version-guarded upsert says "already newer". */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: number }).code === 11000;
}

/**
 * Store `doc` under `id` unless an equal or newer `version` is stored; true if
 * it was stored. One atomic upsert: the filter matches only an older version;
 * when an equal or newer one is stored the filter misses, the upsert tries to
 * insert the same `_id` and the store refuses it (duplicate key), so a stale
 * version can never overwrite a newer one, whichever process writes. The
 * stores we run on (MongoDB, and secantusd-rs locally) apply a filter and its
 * update atomically per document; test/integration/guardedWrites.test.ts races
 * two processes to prove it for the local one (docs/adr/0005-read-store.md).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function saveIfNewer(model: Model<any>, id: string, doc: { version: number } & Record<string, unknown>): Promise<boolean> {
  try {
    const res = await model.updateOne(
      { _id: id, version: mongoose.trusted({ $lt: doc.version }) },
      { $set: doc },
      { upsert: true },
    );
    return res.modifiedCount + res.upsertedCount === 1;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/**
 * saveIfNewer that also answers, when it stored, the `fields` of the document
 * as they were just before (null: there was none), read in the same atomic
 * step, so what the write changed is known exactly (src/infra/ownerTags.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function saveIfNewerSeeing<T>(model: Model<any>, id: string, doc: { version: number } & Record<string, unknown>, fields: Record<string, 1>): Promise<{ stored: false } | { stored: true; before: T | null }> {
  try {
    const before = await model
      .findOneAndUpdate({ _id: id, version: mongoose.trusted({ $lt: doc.version }) }, { $set: doc }, { upsert: true, returnDocument: "before", projection: fields })
      .lean<T>();
    return { stored: true, before };
  } catch (err) {
    if (isDuplicateKey(err)) return { stored: false };
    throw err;
  }
}

/**
 * Mark the operator objects of a filter we built ourselves as trusted, so the
 * global sanitizeFilter (which neutralizes `$` operators reaching a filter
 * from outside) leaves them alone.
 */
export function trustOperators(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(trustOperators);
  // Only plain objects are filter documents; a Date (or ObjectId) is a value.
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const mapped = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trustOperators(v)]));
    return Object.keys(mapped).some((k) => k.startsWith("$")) ? mongoose.trusted(mapped) : mapped;
  }
  return value;
}
