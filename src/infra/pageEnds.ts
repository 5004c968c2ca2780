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
  private readonly ends = new Map<string, Cursor["values"]>();

  constructor(private readonly max = PAGE_ENDS_MAX) {}

  /** A query's key (taskQuery.ts pageKey) as a digest, so a long one costs no more than a short one; two queries sharing one would only share a hint. */
  static digest(key: string): string {
    return createHash("sha256").update(key).digest("base64url");
  }

  get(key: string): Cursor["values"] | undefined {
    const end = this.ends.get(key);
    if (end) {
      // Most recently used last: Map keeps insertion order.
      this.ends.delete(key);
      this.ends.set(key, end);
    }
    return end;
  }

  /** `end` undefined: the page was the last one, so there is nothing to bound. */
  remember(key: string, end: Cursor["values"] | undefined): void {
    this.ends.delete(key);
    if (!end) return;
    this.ends.set(key, end);
    if (this.ends.size > this.max) this.ends.delete(this.ends.keys().next().value!);
  }

  get size(): number {
    return this.ends.size;
  }
}
