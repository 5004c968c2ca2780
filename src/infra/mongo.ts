import mongoose, { type Connection, type Model } from "mongoose";
import { KeyedLock } from "./keyedLock.js";

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

const guardedWrites = new KeyedLock();

/**
 * Store `doc` under `id` unless an equal or newer `version` is stored; true if
 * it was stored. Writers of one document in this process take turns (see
 * KeyedLock: FerretDB's conditional updates are not atomic). Written as read-then-compare-and-set on `_id` (rather than
 * one upsert filtered by `version < v`) because every step then looks a
 * document up by `_id` only, which FerretDB pushes down to its storage
 * instead of scanning the whole collection. Safe under concurrent writers.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function saveIfNewer(model: Model<any>, id: string, doc: { version: number } & Record<string, unknown>): Promise<boolean> {
  return guardedWrites.run(`${model.collection.collectionName}/${id}`, () => compareAndSet(model, id, doc));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function compareAndSet(model: Model<any>, id: string, doc: { version: number } & Record<string, unknown>): Promise<boolean> {
  for (;;) {
    const stored = await model.findById(id, { version: 1 }).lean<{ version: number }>();
    if (stored && stored.version >= doc.version) return false;
    try {
      if (!stored) {
        await model.create({ ...doc, _id: id });
        return true;
      }
      const res = await model.updateOne({ _id: id, version: stored.version }, { $set: doc });
      if (res.modifiedCount === 1) return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    // Lost a race with a concurrent writer of this document: look again.
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
