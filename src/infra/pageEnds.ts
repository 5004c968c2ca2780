/**
 * Where each recently read page ended, per query (docs/adr/0027-page-windows.md):
 * the sort keys of the item after the page's last, so the next read of the
 * same page can bound its index walk there. A hint, not a truth: a stale end
 * costs a second query, never a wrong page (taskQuery.ts windowOf). Bounded
 * by count, the least recently used forgotten first.
 */
import type { Cursor } from "./taskQuery.js";

export const PAGE_ENDS_MAX = 10_000;
/** A query longer than this (a search or a long list of lists) is not remembered: its key would cost more than it saves. */
export const PAGE_KEY_MAX_CHARS = 2_000;

export class PageEnds {
  private readonly ends = new Map<string, Cursor["values"]>();

  constructor(private readonly max = PAGE_ENDS_MAX) {}

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
