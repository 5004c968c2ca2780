/**
 * A search of one's own tasks through the keyed words (src/infra/taskQuery.ts
 * searchOf, docs/adr/0029-search-by-month.md): read through the owner's
 * words, or newest first month by month and then the rest, it gives the page
 * the plain search gives, for any owners, words, months, clock and cursor.
 * The store is modelled by a matcher of the operators the planned queries
 * use; the real store runs them in test/integration/queryPlans.test.ts.
 */
import { expect } from "chai";
import fc from "fast-check";
import { monthAfter, monthBefore, parseSearch, scopedWordsOf } from "../../src/domain/search.js";
import { cursorAfter, planList, SEARCH_MONTHS, searchScopeOf, SORT_SPECS, type Filter, type ListRequest, type SortKeys } from "../../src/infra/taskQuery.js";

type Doc = SortKeys & { ownerId: string; deleted: boolean; status: "open" | "completed"; searchWords: string[]; searchByOwner: string[]; searchByMonth: string[] };

function compare(a: unknown, b: unknown): number {
  return a === b ? 0 : (a as never) < (b as never) ? -1 : 1;
}

function holds(value: unknown, cond: unknown): boolean {
  if (cond === null || typeof cond !== "object") return Array.isArray(value) ? value.includes(cond) : value === cond;
  return Object.entries(cond).every(([op, bound]) => {
    if (op === "$in") return (bound as unknown[]).includes(value);
    if (op === "$elemMatch") return Array.isArray(value) && value.some((v) => holds(v, bound));
    const c = compare(value, bound);
    return op === "$lt" ? c < 0 : op === "$lte" ? c <= 0 : op === "$gt" ? c > 0 : op === "$gte" ? c >= 0 : false;
  });
}

function matches(doc: Doc, filter: Filter): boolean {
  return Object.entries(filter).every(([key, cond]) => {
    if (key === "$or") return (cond as Filter[]).some((f) => matches(doc, f));
    if (key === "$and") return (cond as Filter[]).every((f) => matches(doc, f));
    return holds(doc[key as keyof Doc], cond);
  });
}

const NEWEST_FIRST = SORT_SPECS["-createdAt"];

function find(docs: Doc[], filter: Filter, limit: number): Doc[] {
  const found = docs.filter((d) => matches(d, filter));
  found.sort((a, b) => {
    for (const [field, dir] of NEWEST_FIRST) {
      const c = compare(a[field], b[field]);
      if (c !== 0) return c * dir;
    }
    return 0;
  });
  return found.slice(0, limit);
}

const NOW = new Date("2026-03-15T12:00:00Z");
const WORDS = ["al", "alpha", "alps", "be", "beta", "ca", "z9"];
// Instants from ten months before NOW to two after (a clock ahead), month ends included.
const INSTANT = fc.integer({ min: -300, max: 60 }).chain((d) => fc.constantFrom(0, 1, 86_399_999).map((ms) => new Date(Date.UTC(2026, 2, 15 + d) - (ms === 0 ? 0 : ms)).toISOString()));
const DOC: fc.Arbitrary<Doc> = fc.record({
  ownerId: fc.constantFrom("a", "b"),
  deleted: fc.boolean(),
  status: fc.constantFrom("open" as const, "completed" as const),
  words: fc.uniqueArray(fc.constantFrom(...WORDS), { maxLength: 3 }),
  createdAt: INSTANT,
  _id: fc.uuid(),
}).map(({ words, ...d }) => {
  const sorted = [...words].sort();
  const keyed = scopedWordsOf(searchScopeOf(d.ownerId), sorted, d.createdAt);
  return { ...d, titleKey: "", priorityRank: 0, hasDue: false, dueKey: "", position: "a0", searchWords: sorted, searchByOwner: keyed.byOwner, searchByMonth: keyed.byMonth };
});

/** A route's range (the first part of a planned search, routeFirst). */
function routeOf(filter: Filter): string {
  const route = ((filter.$and as Filter[])[0]!.$and as Filter[])[0]!;
  const [field, cond] = Object.entries(route)[0]!;
  const { $gte } = (cond as { $elemMatch: { $gte: string } }).$elemMatch;
  return `${field} ${$gte}`;
}

describe("search by month", () => {
  it("reads, piece by piece and then the rest, the page the plain search reads", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(DOC, { selector: (d) => d._id, maxLength: 60 }),
        fc.constantFrom("a", "al", "alp", "b", "beta", "c", "z", "q", "al be", "a z"),
        fc.constantFrom("open" as const, "completed" as const),
        fc.integer({ min: 1, max: 12 }),
        fc.nat(),
        (docs, q, status, limit, pick) => {
          const request: ListRequest = { ownerId: "a", status, sort: "-createdAt", limit, q: parseSearch(q)! };
          // A first page, or one after any task's sort keys (a cursor a page before ended at).
          const at = docs.length > 0 && pick % 2 === 1 ? docs[pick % docs.length]! : undefined;
          const planned = planList(at ? { ...request, after: cursorAfter("-createdAt", at) } : request, NOW);
          const { filter, byMonth } = planned.search!;
          const expected = find(docs, planned.filter, limit);
          expect(find(docs, filter, limit).map((d) => d._id), "through the owner's words").to.deep.equal(expected.map((d) => d._id));
          const page: Doc[] = [];
          for (const piece of [...byMonth!.pieces, byMonth!.rest]) {
            if (page.length >= limit) break;
            page.push(...find(docs, piece, limit - page.length));
          }
          expect(page.map((d) => d._id), "month by month").to.deep.equal(expected.map((d) => d._id));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("reads first the owner's words, newest first what was created after this month (first page only), then SEARCH_MONTHS months", () => {
    const s = searchScopeOf("a");
    const first = planList({ ownerId: "a", status: "open", sort: "-createdAt", limit: 50, q: parseSearch("Invoice paid")! }, NOW).search!;
    expect(routeOf(first.filter)).to.equal(`searchByOwner ${s} invoice`);
    expect(first.byMonth!.pieces.map(routeOf)).to.deep.equal([`searchByMonth ${s} 2026-04`, `searchByMonth ${s} 2026-03 invoice`, `searchByMonth ${s} 2026-02 invoice`, `searchByMonth ${s} 2026-01 invoice`]);
    expect(first.byMonth!.pieces).to.have.length(SEARCH_MONTHS + 1);
    expect(routeOf(first.byMonth!.rest)).to.equal(`searchByOwner ${s} invoice`);
    expect((first.byMonth!.rest.$and as Filter[]).at(-1)).to.deep.equal({ createdAt: { $lt: "2026-01" } });
    const later = planList({ ownerId: "a", status: "open", sort: "-createdAt", limit: 50, q: parseSearch("inv")!, after: { sort: "-createdAt", values: ["2025-01-09T00:00:00.000Z", "x"] } }, NOW).search!;
    expect(later.byMonth!.pieces.map(routeOf)).to.deep.equal([`searchByMonth ${s} 2025-01 inv`, `searchByMonth ${s} 2024-12 inv`, `searchByMonth ${s} 2024-11 inv`]);
    expect((later.byMonth!.rest.$and as Filter[]).at(-1)).to.deep.equal({ createdAt: { $lt: "2024-11" } });
    // Every piece keeps every condition of the plain query after its route.
    for (const piece of first.byMonth!.pieces) expect((piece.$and as Filter[]).slice(1)).to.deep.equal(planList({ ownerId: "a", status: "open", sort: "-createdAt", limit: 50, q: parseSearch("Invoice paid")! }, NOW).filter.$and);
  });

  it("is planned for the caller's own tasks only, by month only newest first", () => {
    const q = parseSearch("alpha")!;
    const base: ListRequest = { ownerId: "a", status: "open", sort: "-createdAt", limit: 50, q };
    expect(planList({ ...base, sort: "dueAt" }, NOW).search!.byMonth).to.equal(undefined);
    expect(planList({ ...base, sort: "dueAt" }, NOW).search!.filter).to.not.equal(undefined);
    expect(planList({ ...base, listId: "l" }, NOW).search).to.equal(undefined);
    expect(planList({ ...base, assignedTo: "a" }, NOW).search).to.equal(undefined);
    expect(planList({ ...base, inLists: ["l"] }, NOW).search).to.equal(undefined);
    expect(planList({ ...base, q: undefined }, NOW).search).to.equal(undefined);
  });

  it("counts months across years", () => {
    expect(monthBefore("2026-01")).to.equal("2025-12");
    expect(monthBefore("2026-10")).to.equal("2026-09");
    expect(monthAfter("2026-12")).to.equal("2027-01");
    expect(monthAfter("2026-09")).to.equal("2026-10");
    expect(scopedWordsOf("S", ["a", "b"], "2026-07-31T23:59:59.999Z")).to.deep.equal({ byOwner: ["S a", "S b"], byMonth: ["S 2026-07 a", "S 2026-07 b"] });
    expect(searchScopeOf("someone")).to.match(/^[A-Za-z0-9_-]{12}$/);
  });
});
