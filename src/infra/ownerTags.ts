/**
 * Each owner's tags with their counts (`GET /tags`), kept per api process and
 * checked on every read against the owner's stamp in the read store
 * (docs/adr/0028-tag-stamps.md). Counting is an aggregation over all of the
 * owner's live tasks (84 ms of store time at 5,000); the stamp is one point
 * read. A write that changes an owner's live tags sets a new stamp after the
 * task's document is stored, so a count made before that write is never
 * answered after it, on any replica. The stamp document also lists the last
 * few stamps with the tags each write touched, so a process whose counts are
 * a few stamps old recounts only those tags, each through the owner's tags
 * index (docs/adr/0033-recount-touched-tags.md).
 */
import { randomUUID } from "node:crypto";
import { Schema, type Connection, type Model } from "mongoose";

export interface TagCount {
  tag: string;
  count: number;
}

/**
 * A stamp, the stamp it replaced, and the tags whose counts the write that
 * set it changed (null: not known, count them all).
 */
export interface StampEntry {
  stamp: string;
  /** The owner's stamp just before, read in the same atomic update: a write that did not list itself breaks the chain. */
  after: string;
  tags: string[] | null;
}

interface Stamp {
  /** The owner's id. */
  _id: string;
  /** Random, so a stamp never comes back (a dropped collection starts again from none). */
  stamp: string;
  /** The last RECENT_STAMPS stamps set by writes that list them, oldest first (none on a document from before ADR 0033). */
  recent?: StampEntry[];
}

const schema = new Schema<Stamp>(
  {
    _id: String,
    stamp: { type: String, required: true },
    recent: { type: [{ _id: false, stamp: String, after: String, tags: { type: [String], default: undefined } }], default: undefined },
  },
  { collection: "owner_tag_stamps", versionKey: false },
);

/** Stamps listed per owner: counts older than that are made again in full. */
export const RECENT_STAMPS = 16;
/** Tags recounted one by one at most; past it, one count of them all costs less. */
export const RECOUNT_TAGS_MAX = 8;

/** Tag counts kept in all, over every owner (about 60 bytes each: a few MB per api process). */
export const OWNER_TAGS_MAX_ENTRIES = 100_000;
/** The stamp of an owner who has none yet. */
const NONE = "none";

/** The tags a task's document counts for: none once it is in the trash. */
export function liveTags(doc: { tags?: readonly string[]; deleted?: boolean } | null): string[] {
  return doc === null || doc.deleted === true ? [] : [...new Set(doc.tags ?? [])].sort();
}

/** The tags whose counts a write from `before` (null: a new document) to `after` changes, sorted; none if it changes no count. */
export function liveTagsTouched(before: { tags?: readonly string[]; deleted?: boolean } | null, after: { tags?: readonly string[]; deleted?: boolean }): string[] {
  const a = new Set(liveTags(before));
  const b = new Set(liveTags(after));
  return [...[...a].filter((t) => !b.has(t)), ...[...b].filter((t) => !a.has(t))].sort();
}

/** Whether a write from `before` (null: a new document) to `after` changes what its owner's tags count. */
export function liveTagsDiffer(before: { tags?: readonly string[]; deleted?: boolean } | null, after: { tags?: readonly string[]; deleted?: boolean }): boolean {
  return liveTagsTouched(before, after).length > 0;
}

/**
 * The tags to count again for counts made under `keptStamp`, the owner's
 * stamp now being `stamp` and the list `recent`: those touched by the
 * writes listed from the one that replaced the kept stamp to the one that
 * set the current stamp, each having replaced the one before it. Null when
 * they must all be counted: no such unbroken run of entries (the kept stamp
 * has left the list, or a write did not list itself: a replica of the
 * version before, during a rolling update), a write did not say what it
 * touched, or too many were touched.
 */
export function tagsToRecount(recent: readonly StampEntry[] | undefined, keptStamp: string, stamp: string, max = RECOUNT_TAGS_MAX): string[] | null {
  if (keptStamp === stamp) return [];
  // "none" is the only stamp that comes back (a store emptied), so no list is trusted from it.
  if (recent === undefined || keptStamp === NONE || recent.at(-1)?.stamp !== stamp) return null;
  const from = recent.findIndex((e) => e.after === keptStamp);
  if (from < 0) return null;
  const touched = new Set<string>();
  for (let i = from; i < recent.length; i++) {
    const entry = recent[i]!;
    if (i > from && entry.after !== recent[i - 1]!.stamp) return null;
    if (entry.tags === null || entry.tags === undefined) return null;
    for (const tag of entry.tags) touched.add(tag);
    if (touched.size > max) return null;
  }
  return [...touched];
}

/** Counts as the store's aggregation sorts them: most used first, then by tag in byte order (MongoDB's string order). */
export function byUse(a: TagCount, b: TagCount): number {
  return b.count - a.count || Buffer.compare(Buffer.from(a.tag), Buffer.from(b.tag));
}

/** `items` with the counts of the recounted tags put in (a tag no live task carries any more dropped), sorted by use. */
export function patchCounts(items: readonly TagCount[], recounted: ReadonlyMap<string, number>): TagCount[] {
  const kept = items.filter((item) => !recounted.has(item.tag));
  const fresh = [...recounted].filter(([, count]) => count > 0).map(([tag, count]) => ({ tag, count }));
  return [...kept, ...fresh].sort(byUse);
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
    /** How many of the owner's live tasks carry the tag (through an index). */
    private readonly countOne: (ownerId: string, tag: string) => Promise<number>,
    private readonly maxEntries = OWNER_TAGS_MAX_ENTRIES,
  ) {
    this.stamps = (conn.models.OwnerTagStamp as Model<Stamp> | undefined) ?? conn.model<Stamp>("OwnerTagStamp", schema);
  }

  /** The owner's tags: the kept count while the stamp it was made under is still the owner's, else counted again. */
  async of(ownerId: string): Promise<TagCount[]> {
    // The stamp first, then the count: a write stored during the count sets a newer stamp after it.
    const doc = await this.stamps.findById(ownerId).lean<Stamp>();
    const stamp = doc?.stamp ?? NONE;
    const kept = this.kept.get(ownerId);
    if (kept?.stamp === stamp) {
      this.kept.delete(ownerId);
      this.kept.set(ownerId, kept);
      return kept.items;
    }
    const under = this.counting.get(ownerId);
    if (under?.stamp === stamp) return under.counted;
    const recount = kept ? tagsToRecount(doc?.recent, kept.stamp, stamp) : null;
    const counted = kept && recount ? this.recount(ownerId, kept.items, recount) : this.count(ownerId);
    this.counting.set(ownerId, { stamp, counted });
    try {
      const items = await counted;
      this.keep(ownerId, stamp, items);
      return items;
    } finally {
      if (this.counting.get(ownerId)?.counted === counted) this.counting.delete(ownerId);
    }
  }

  /**
   * After a write that changed the owner's live tags was stored, with the
   * tags it touched (null: not known). Idempotent: any new stamp will do.
   */
  async changed(ownerId: string, touched: readonly string[] | null): Promise<void> {
    this.forget(ownerId);
    const stamp = randomUUID();
    const tags = touched === null || touched.length > RECOUNT_TAGS_MAX ? null : [...touched];
    // An update pipeline, so the entry names the stamp it replaces in the same atomic step; values as literals (a tag may start with "$").
    const entry = { stamp: { $literal: stamp }, after: { $ifNull: ["$stamp", NONE] }, tags: { $literal: tags } };
    const recent = { $slice: [{ $concatArrays: [{ $ifNull: ["$recent", []] }, [entry]] }, -RECENT_STAMPS] };
    await this.stamps.collection.updateOne({ _id: ownerId as never }, [{ $set: { recent, stamp: { $literal: stamp } } }], { upsert: true });
  }

  /** Counts made under an older stamp with the touched tags counted again, each on its own (a point range of the tags index). */
  private async recount(ownerId: string, items: readonly TagCount[], tags: readonly string[]): Promise<TagCount[]> {
    const counts = await Promise.all(tags.map(async (tag) => [tag, await this.countOne(ownerId, tag)] as const));
    return patchCounts(items, new Map(counts));
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
