/**
 * Each owner's tags with their counts (`GET /tags`), kept per api process and
 * checked on every read against the owner's stamp in the read store
 * (docs/adr/0028-tag-stamps.md). Counting is an aggregation over all of the
 * owner's live tasks (84 ms of store time at 5,000); the stamp is one point
 * read. A write that changes an owner's live tags sets a new stamp after the
 * task's document is stored, so a count made before that write is never
 * answered after it, on any replica.
 */
import { randomUUID } from "node:crypto";
import { Schema, type Connection, type Model } from "mongoose";

export interface TagCount {
  tag: string;
  count: number;
}

interface Stamp {
  /** The owner's id. */
  _id: string;
  /** Random, so a stamp never comes back (a dropped collection starts again from none). */
  stamp: string;
}

const schema = new Schema<Stamp>({ _id: String, stamp: { type: String, required: true } }, { collection: "owner_tag_stamps", versionKey: false });

/** Tag counts kept in all, over every owner (about 60 bytes each: a few MB per api process). */
export const OWNER_TAGS_MAX_ENTRIES = 100_000;
/** The stamp of an owner who has none yet. */
const NONE = "none";

/** The tags a task's document counts for: none once it is in the trash. */
export function liveTags(doc: { tags?: readonly string[]; deleted?: boolean } | null): string[] {
  return doc === null || doc.deleted === true ? [] : [...new Set(doc.tags ?? [])].sort();
}

/** Whether a write from `before` (null: a new document) to `after` changes what its owner's tags count. */
export function liveTagsDiffer(before: { tags?: readonly string[]; deleted?: boolean } | null, after: { tags?: readonly string[]; deleted?: boolean }): boolean {
  const a = liveTags(before);
  const b = liveTags(after);
  return a.length !== b.length || a.some((tag, i) => tag !== b[i]);
}

export class OwnerTags {
  private readonly stamps: Model<Stamp>;
  /** Most recently used last (Map keeps insertion order). */
  private readonly kept = new Map<string, { stamp: string; items: TagCount[] }>();
  private entries = 0;
  /** Counts under way, per owner and the stamp they were asked under: readers of the same owner at once share one. */
  private readonly counting = new Map<string, { stamp: string; counted: Promise<TagCount[]> }>();

  constructor(
    conn: Connection,
    /** Counts the owner's tags in the store, most used first. */
    private readonly count: (ownerId: string) => Promise<TagCount[]>,
    private readonly maxEntries = OWNER_TAGS_MAX_ENTRIES,
  ) {
    this.stamps = (conn.models.OwnerTagStamp as Model<Stamp> | undefined) ?? conn.model<Stamp>("OwnerTagStamp", schema);
  }

  /** The owner's tags: the kept count while the stamp it was made under is still the owner's, else counted again. */
  async of(ownerId: string): Promise<TagCount[]> {
    // The stamp first, then the count: a write stored during the count sets a newer stamp after it.
    const stamp = (await this.stamps.findById(ownerId).lean<Stamp>())?.stamp ?? NONE;
    const kept = this.kept.get(ownerId);
    if (kept?.stamp === stamp) {
      this.kept.delete(ownerId);
      this.kept.set(ownerId, kept);
      return kept.items;
    }
    const under = this.counting.get(ownerId);
    if (under?.stamp === stamp) return under.counted;
    const counted = this.count(ownerId);
    this.counting.set(ownerId, { stamp, counted });
    try {
      const items = await counted;
      this.keep(ownerId, stamp, items);
      return items;
    } finally {
      if (this.counting.get(ownerId)?.counted === counted) this.counting.delete(ownerId);
    }
  }

  /** After a write that changed the owner's live tags was stored (idempotent: any new stamp will do). */
  async changed(ownerId: string): Promise<void> {
    this.forget(ownerId);
    await this.stamps.updateOne({ _id: ownerId }, { $set: { stamp: randomUUID() } }, { upsert: true });
  }

  private keep(ownerId: string, stamp: string, items: TagCount[]): void {
    this.forget(ownerId);
    // One owner with more tags than the whole budget is counted each time.
    if (items.length > this.maxEntries) return;
    this.kept.set(ownerId, { stamp, items });
    this.entries += items.length;
    for (const [oldest, entry] of this.kept) {
      if (this.entries <= this.maxEntries) break;
      this.kept.delete(oldest);
      this.entries -= entry.items.length;
    }
  }

  private forget(ownerId: string): void {
    const kept = this.kept.get(ownerId);
    if (!kept) return;
    this.kept.delete(ownerId);
    this.entries -= kept.items.length;
  }
}
