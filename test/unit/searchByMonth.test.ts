/**
 * A search newest first read month by month (src/infra/taskQuery.ts
 * searchByMonth, docs/adr/0029-search-by-month.md): the pieces, then the rest,
 * give the page the plain search gives, for any words, months, clock and
 * cursor. The store is modelled by a matcher of the operators the planned
 * queries use; the real store runs them in test/integration/queryPlans.test.ts.
 */
import { expect } from "chai";
import fc from "fast-check";
import { monthAfter, monthBefore, monthWordsOf, parseSearch } from "../../src/domain/search.js";
import { cursorAfter, narrowed, planList, SEARCH_MONTHS, SORT_SPECS, type Filter, type ListRequest, type SortKeys } from "../../src/infra/taskQuery.js";

type Doc = SortKeys & { ownerId: string; deleted: boolean; status: "open" | "completed"; searchWords: string[]; searchByMonth: string[] };

function compare(a: unknown, b: unknown): number {
  return a === b ? 0 : (a as never) < (b as never) ? -1 : 1;
}

function holds(value: unknown, cond: unknown): boolean {
  if (cond === null || typeof cond !== "object") return value === cond;
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
  return { ...d, titleKey: "", priorityRank: 0, hasDue: false, dueKey: "", position: "a0", searchWords: sorted, searchByMonth: monthWordsOf(sorted, d.createdAt) };
});

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
          expect(planned.byMonth, q).to.not.equal(undefined);
          const expected = find(docs, planned.filter, limit);
          const page: Doc[] = [];
          for (const piece of [...planned.byMonth!.pieces, planned.byMonth!.rest]) {
            if (page.length >= limit) break;
            page.push(...find(docs, narrowed(planned.filter, piece), limit - page.length));
          }
          expect(page.map((d) => d._id)).to.deep.equal(expected.map((d) => d._id));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("asks for what was created after this month only on a first page, then SEARCH_MONTHS months, newest first", () => {
    const first = planList({ ownerId: "a", status: "open", sort: "-createdAt", limit: 50, q: parseSearch("Invoice paid")! }, NOW).byMonth!;
    expect(first.pieces).to.deep.equal([
      { searchByMonth: { $elemMatch: { $gte: "2026-04" } } },
      { searchByMonth: { $elemMatch: { $gte: "2026-03 invoice", $lt: "2026-03 invoice\u{10FFFF}" } } },
      { searchByMonth: { $elemMatch: { $gte: "2026-02 invoice", $lt: "2026-02 invoice\u{10FFFF}" } } },
      { searchByMonth: { $elemMatch: { $gte: "2026-01 invoice", $lt: "2026-01 invoice\u{10FFFF}" } } },
    ]);
    expect(first.pieces).to.have.length(SEARCH_MONTHS + 1);
    expect(first.rest).to.deep.equal({ createdAt: { $lt: "2026-01" } });
    const later = planList({ ownerId: "a", status: "open", sort: "-createdAt", limit: 50, q: parseSearch("inv")!, after: { sort: "-createdAt", values: ["2025-01-09T00:00:00.000Z", "x"] } }, NOW).byMonth!;
    expect(later.pieces.map((p) => (p.searchByMonth as { $elemMatch: { $gte: string } }).$elemMatch.$gte)).to.deep.equal(["2025-01 inv", "2024-12 inv", "2024-11 inv"]);
    expect(later.rest).to.deep.equal({ createdAt: { $lt: "2024-11" } });
  });

  it("is planned only for the caller's own tasks newest first", () => {
    const q = parseSearch("alpha")!;
    const base: ListRequest = { ownerId: "a", status: "open", sort: "-createdAt", limit: 50, q };
    expect(planList({ ...base, sort: "dueAt" }, NOW).byMonth).to.equal(undefined);
    expect(planList({ ...base, listId: "l" }, NOW).byMonth).to.equal(undefined);
    expect(planList({ ...base, assignedTo: "a" }, NOW).byMonth).to.equal(undefined);
    expect(planList({ ...base, q: undefined }, NOW).byMonth).to.equal(undefined);
  });

  it("counts months across years", () => {
    expect(monthBefore("2026-01")).to.equal("2025-12");
    expect(monthBefore("2026-10")).to.equal("2026-09");
    expect(monthAfter("2026-12")).to.equal("2027-01");
    expect(monthAfter("2026-09")).to.equal("2026-10");
    expect(monthWordsOf(["a", "b"], "2026-07-31T23:59:59.999Z")).to.deep.equal(["2026-07 a", "2026-07 b"]);
  });
});
