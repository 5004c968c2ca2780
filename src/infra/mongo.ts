import mongoose, { type Connection } from "mongoose";

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
