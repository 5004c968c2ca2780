/** keptPage (src/api/tasks/keptPage.ts): GET /tasks's membership condition applied to the store's pages. */
import { expect } from "chai";
import fc from "fast-check";
import { keptPage, MAX_PAGE_ROUNDS, type Page } from "../../src/api/tasks/keptPage.js";
import type { Cursor } from "../../src/infra/taskQuery.js";

/** A store of `items` in order; a cursor is the index after the last item read. */
function store(items: number[]) {
  let queries = 0;
  const fetch = async (after: Cursor | undefined, limit: number): Promise<Page<number>> => {
    queries++;
    const from = after ? (after.values[0] as number) : 0;
    const page = items.slice(from, from + limit);
    const end = from + page.length;
    return { items: page, next: end < items.length ? { sort: "-createdAt", values: [end] } : null };
  };
  return { fetch, queries: () => queries };
}

async function allPages(items: number[], keep: (n: number) => boolean, limit: number) {
  const s = store(items);
  const pages: number[][] = [];
  let after: Cursor | undefined;
  for (;;) {
    const before = s.queries();
    const page = await keptPage(await s.fetch(after, limit), s.fetch, keep, limit);
    expect(s.queries() - before).to.be.at.most(MAX_PAGE_ROUNDS);
    expect(page.items.length).to.be.at.most(limit);
    pages.push(page.items);
    if (!page.next) return { pages, queries: s.queries() };
    after = page.next;
  }
}

describe("keptPage", () => {
  it("pages through exactly the kept items, in order, none twice, each page at most the limit", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { maxLength: 200 }), fc.integer({ min: 1, max: 25 }), async (kept, limit) => {
        const items = kept.map((_, i) => i);
        const keep = (n: number) => kept[n]!;
        const { pages } = await allPages(items, keep, limit);
        expect(pages.flat()).to.deep.equal(items.filter(keep));
      }),
    );
  });

  it("reads one page per page when nothing is dropped (the usual case)", async () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const { pages, queries } = await allPages(items, () => true, 20);
    expect(pages.map((p) => p.length)).to.deep.equal([20, 20, 20, 20, 20]);
    expect(queries).to.equal(5);
  });

  it("fills a page from the following ones, and answers a short page with a cursor after MAX_PAGE_ROUNDS queries", async () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    // The caller left the list holding items 0..99: the first page needs three more queries.
    const filled = await keptPage(await store(items).fetch(undefined, 50), store(items).fetch, (n) => n >= 100, 50);
    expect(filled.items).to.deep.equal(Array.from({ length: 50 }, (_, i) => 100 + i));
    const sparse = await keptPage(await store(items).fetch(undefined, 50), store(items).fetch, (n) => n >= 900, 50);
    expect(sparse.items).to.deep.equal([]);
    expect(sparse.next).to.not.equal(null);
  });
});
