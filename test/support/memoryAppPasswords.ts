/**
 * App passwords held in memory with the real hashing (src/infra/appPasswords.ts),
 * for unit tests of the routes and of Basic auth; the Mongo store itself runs on the real stack (e2e).
 */
import { randomBytes } from "node:crypto";
import { AppPasswordLimit, hashSecret, MAX_APP_PASSWORDS, secretMatches, splitPassword, type AppPasswordRecord, type AppPasswordStore } from "../../src/infra/appPasswords.js";

export function memoryAppPasswords(): AppPasswordStore & { hashes: Map<string, string> } {
  const records = new Map<string, AppPasswordRecord>();
  const hashes = new Map<string, string>();
  return {
    hashes,
    async create(ownerId, name, now) {
      if ([...records.values()].filter((r) => r.ownerId === ownerId).length >= MAX_APP_PASSWORDS) throw new AppPasswordLimit();
      const id = randomBytes(8).toString("hex");
      const secret = randomBytes(32).toString("base64url");
      const record = { id, ownerId, name, createdAt: now.toISOString(), lastUsedAt: null };
      records.set(id, record);
      hashes.set(id, await hashSecret(secret));
      return { record, password: `tkl_${id}_${secret}` };
    },
    async list(ownerId) {
      return [...records.values()].filter((r) => r.ownerId === ownerId);
    },
    async revoke(ownerId, id) {
      const r = records.get(id);
      if (!r || r.ownerId !== ownerId) return false;
      records.delete(id);
      return true;
    },
    async verify(password, now) {
      const parts = splitPassword(password);
      const record = parts && records.get(parts.id);
      if (!parts || !record || !(await secretMatches(parts.secret, hashes.get(parts.id)!))) return null;
      record.lastUsedAt = now.toISOString();
      return record.ownerId;
    },
  };
}
