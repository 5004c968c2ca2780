/**
 * A page of `GET /tasks` without `list=`: the caller's own tasks, less those
 * in lists they are no longer a member of. That condition is applied here, to
 * the page the store returns, rather than as a `listId $in` in the store's
 * filter, which made every page cost the store about a third more
 * (docs/results/2026-12-05-list-read.md). Dropped tasks are rare (one's own
 * tasks in a list one left), so a page is nearly always one query; when a
 * run of them fills a page, the next ones are read, at most MAX_PAGE_ROUNDS
 * queries, and a page may then come back short with a cursor.
 */
import type { Cursor } from "../../infra/taskQuery.js";

export const MAX_PAGE_ROUNDS = 4;

export interface Page<T> {
  items: T[];
  next: Cursor | null;
}

/** `first` is the store's page (read by the caller beside its membership lookup); `fetch` reads the ones after it. */
export async function keptPage<T>(
  first: Page<T>,
  fetch: (after: Cursor, limit: number) => Promise<Page<T>>,
  keep: (item: T) => boolean,
  limit: number,
): Promise<Page<T>> {
  const items: T[] = [];
  let page = first;
  for (let round = 1; ; round++) {
    items.push(...page.items.filter(keep));
    if (!page.next || items.length >= limit || round >= MAX_PAGE_ROUNDS) return { items, next: page.next };
    page = await fetch(page.next, limit - items.length);
  }
}
