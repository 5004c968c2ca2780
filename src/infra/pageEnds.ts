/**
 * Where each recently read page ended, per query (docs/adr/0027-page-windows.md):
 * the sort keys of the item after the page's last, so the next read of the
 * same page can bound its index walk there. A hint, not a truth: a stale end
 * costs a second query, never a wrong page (taskQuery.ts windowOf). Bounded
 * by count, the least recently used forgotten first.
 */
import { createHash } from "node:crypto";
import type { Cursor } from "./taskQuery.js";

/** About 200 bytes each (a digest and a few sort keys): at most a few MB per api process. */
export const PAGE_ENDS_MAX = 10_000;

export class PageEnds {
  /** null: the page was the last one (it held the whole rest of its query). */
  private readonly ends = new Map<string, Cursor["values"] | null>();

  constructor(private readonly max = PAGE_ENDS_MAX) {}

  /** A query's key (taskQuery.ts pageKey) as a digest, so a long one costs no more than a short one; two queries sharing one would only share a hint. */
  static digest(key: string): string {
    return createHash("sha256").update(key).digest("base64url");
  }

  /** The end, null if the page was the last one, undefined if not known. */
  get(key: string): Cursor["values"] | null | undefined {
    const end = this.ends.get(key);
    if (end !== undefined) {
      // Most recently used last: Map keeps insertion order.
      this.ends.delete(key);
      this.ends.set(key, end);
    }
    return end;
  }

  /** `end` null: the page was the last one, so a read again is one plain read (its query holds at most a page). */
  remember(key: string, end: Cursor["values"] | null): void {
    this.ends.delete(key);
    this.ends.set(key, end);
    if (this.ends.size > this.max) this.ends.delete(this.ends.keys().next().value!);
  }

  get size(): number {
    return this.ends.size;
  }
}
