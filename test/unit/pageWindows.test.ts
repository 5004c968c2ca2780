/**
 * Page windows (src/infra/taskQuery.ts windowOf, src/infra/pageEnds.ts;
 * docs/adr/0027-page-windows.md): read through any known end, a page is the
 * same as read without one. The store is modelled by a matcher of the few
 * operators a window uses and the sort's order, so every order and every end
 * (current, stale, or one no task has) is checked in milliseconds; the real
 * store runs the same queries in test/integration/queryPlans.test.ts.
 */
import { expect } from "chai";
import fc from "fast-check";
import { PageEnds } from "../../src/infra/pageEnds.js";
import { cursorAfter, monthWindowOf, narrowed, planList, routed, SEARCH_MONTHS, SORT_SPECS, SORTS, windowOf, type Filter, type ListRequest, type PageWindow, type SortKeys, type SortName } from "../../src/infra/taskQuery.js";

type Doc = SortKeys & { ownerId: string; deleted: boolean; status: "open" | "completed" };
const NOW = new Date("2026-06-01T12:00:00Z");

function compare(a: unknown, b: unknown): number {
  return a === b ? 0 : (a as never) < (b as never) ? -1 : 1;
}

function matches(doc: Doc, filter: Filter): boolean {
  return Object.entries(filter).every(([key, cond]) => {
    if (key === "$or") return (cond as Filter[]).some((f) => matches(doc, f));
    if (key === "$and") return (cond as Filter[]).every((f) => matches(doc, f));
    const value = doc[key as keyof Doc];
    if (cond === null || typeof cond !== "object") return value === cond;
    return Object.entries(cond).every(([op, bound]) => {
      if (op === "$in") return (bound as unknown[]).includes(value);
      const c = compare(value, bound);
      return op === "$lt" ? c < 0 : op === "$lte" ? c <= 0 : op === "$gt" ? c > 0 : op === "$gte" ? c >= 0 : false;
    });
  });
}

function ordered(docs: Doc[], sort: SortName): Doc[] {
  const spec = SORT_SPECS[sort];
  return [...docs].sort((a, b) => {
    for (const [field, dir] of spec) {
      const c = compare(a[field], b[field]);
      if (c !== 0) return c * dir;
    }
    return 0;
  });
}

/** What the store answers: the matching documents in the sort's order, at most `limit`. */
function find(docs: Doc[], filter: Filter, sort: SortName, limit: number): Doc[] {
  return ordered(docs.filter((d) => matches(d, filter)), sort).slice(0, limit);
}

/** ReadModel.windowed's reading, on the model store: the planned query narrowed to each piece, then the rest (each with its route first). */
function readThrough(docs: Doc[], filter: Filter, sort: SortName, end: SortKeys, limit: number): { page: Doc[]; queries: number } {
  return readWindow(docs, filter, sort, windowOf(sort, cursorAfter(sort, end).values), limit);
}

function readWindow(docs: Doc[], filter: Filter, sort: SortName, { pieces, rest }: PageWindow, limit: number): { page: Doc[]; queries: number } {
  const page: Doc[] = [];
  let queries = 0;
  for (const piece of pieces) {
    if (page.length >= limit) break;
    queries++;
    page.push(...find(docs, routed(narrowed(filter, piece)), sort, limit - page.length));
  }
  if (page.length < limit) {
    queries++;
    page.push(...find(docs, routed(narrowed(filter, rest)), sort, limit - page.length));
  }
  return { page, queries };
}

/** The requests a window may serve: any order, open or completed, with or without a due range (due-date orders). */
const REQUEST: fc.Arbitrary<ListRequest> = fc.record({
  sort: fc.constantFrom(...SORTS.filter((s) => s !== "position")),
  status: fc.constantFrom("open" as const, "completed" as const),
  dueAfter: fc.option(ISO_DAY(), { nil: undefined }),
  dueBefore: fc.option(ISO_DAY(), { nil: undefined }),
  overdue: fc.option(fc.constant(true), { nil: undefined }),
}).map((r) => {
  const dueSorted = r.sort === "dueAt" || r.sort === "-dueAt";
  // Overdue asks for open tasks: with completed ones the query holds two status conditions, which no window serves.
  const overdue = r.status === "open" ? r.overdue : undefined;
  return { ownerId: "a", sort: r.sort, status: r.status, limit: 1, ...(dueSorted ? { dueAfter: r.dueAfter, dueBefore: r.dueBefore, overdue } : {}) };
});

function ISO_DAY(): fc.Arbitrary<string> {
  return fc.integer({ min: 0, max: 40 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString());
}
// Around NOW (2026-06-01): ten months before to two after (a clock ahead), month ends included.
const CREATED = fc.integer({ min: -300, max: 60 }).chain((d) => fc.constantFrom(0, 1).map((ms) => new Date(NOW.getTime() + d * 86_400_000 - ms).toISOString()));
const ISO = ISO_DAY();
const DOC: fc.Arbitrary<Doc> = fc.record({
  ownerId: fc.constantFrom("a", "b"),
  deleted: fc.boolean(),
  status: fc.constantFrom("open" as const, "completed" as const),
  titleKey: fc.constantFrom("", "a", "b", "ba", "c", "zz"),
  priorityRank: fc.integer({ min: 0, max: 3 }),
  hasDue: fc.boolean(),
  dueKey: ISO,
  createdAt: ISO,
  position: fc.constantFrom("a0", "a1", "b", "b0"),
  _id: fc.uuid(),
}).map((d) => (d.hasDue ? d : { ...d, dueKey: "" }));

describe("page windows", () => {
  it("read through any end, stale or current, give the page a plain read gives", () => {
    fc.assert(
      fc.property(fc.uniqueArray(DOC, { selector: (d) => d._id, maxLength: 60 }), DOC, REQUEST, fc.integer({ min: 1, max: 20 }), fc.nat(), (docs, stray, request, limit, pick) => {
        const planned = planList({ ...request, limit }, NOW);
        expect(planned.windowed, JSON.stringify(request)).to.equal(true);
        const expected = find(docs, planned.filter, request.sort, limit);
        // The end a page read before would remember (an item now there), or one no task has (it was deleted).
        const end = docs.length > 0 && pick % 3 !== 0 ? docs[pick % docs.length]! : stray;
        expect(readThrough(docs, planned.filter, request.sort, end, limit).page.map((d) => d._id)).to.deep.equal(expected.map((d) => d._id));
      }),
      { numRuns: 3000 },
    );
  });

  it("read a month at a time, a newest-first page no end is known for is the page a plain read gives, first or after a cursor", () => {
    fc.assert(
      fc.property(fc.uniqueArray(DOC, { selector: (d) => d._id, maxLength: 60 }), fc.array(CREATED, { minLength: 60, maxLength: 60 }), fc.constantFrom("open" as const, "completed" as const), fc.integer({ min: 1, max: 20 }), fc.nat(), (raw, created, status, limit, pick) => {
        const docs = raw.map((d, i) => ({ ...d, createdAt: created[i]! }));
        const at = docs.length > 0 && pick % 2 === 1 ? docs[pick % docs.length]! : undefined;
        const request: ListRequest = { ownerId: "a", status, sort: "-createdAt", limit, ...(at ? { after: cursorAfter("-createdAt", at) } : {}) };
        const planned = planList(request, NOW);
        expect(planned.firstRead).to.deep.equal(monthWindowOf(request.after, NOW));
        expect(readWindow(docs, planned.filter, "-createdAt", planned.firstRead!, limit).page.map((d) => d._id)).to.deep.equal(find(docs, planned.filter, "-createdAt", limit).map((d) => d._id));
      }),
      { numRuns: 3000 },
    );
    const first = monthWindowOf(undefined, NOW);
    expect(first.pieces).to.deep.equal([{ createdAt: { $gte: "2026-07" } }, { createdAt: { $gte: "2026-06", $lt: "2026-07" } }, { createdAt: { $gte: "2026-05", $lt: "2026-06" } }, { createdAt: { $gte: "2026-04", $lt: "2026-05" } }]);
    expect(first.pieces).to.have.length(SEARCH_MONTHS + 1);
    expect(first.rest).to.deep.equal({ createdAt: { $lt: "2026-04" } });
    expect(planList({ ownerId: "a", status: "open", sort: "dueAt", limit: 5 }, NOW).firstRead).to.equal(undefined);
    expect(planList({ ownerId: "a", status: "all", sort: "-createdAt", limit: 5 }, NOW).firstRead).to.equal(undefined);
  });

  it("puts a window's plain parts first as one (what the local store reads by), the filter whole after them", () => {
    const planned = planList({ ownerId: "a", status: "open", sort: "dueAt", limit: 50, dueBefore: "B", after: { sort: "dueAt", values: [true, "A", "x"] } }, NOW);
    const read = routed(narrowed(planned.filter, { hasDue: true, dueKey: { $lte: "A" } }));
    expect((read.$and as Filter[])[0]).to.deep.equal({ $and: [{ ownerId: "a", deleted: false, status: "open", hasDue: true, dueKey: { $lt: "B", $lte: "A" } }] });
    expect((read.$and as Filter[]).slice(1)).to.deep.equal(narrowed(planned.filter, { hasDue: true, dueKey: { $lte: "A" } }).$and);
  });

  it("joins a piece's range on the due key to the query's own, one condition per field", () => {
    const planned = planList({ ownerId: "a", status: "open", sort: "dueAt", limit: 50, dueBefore: "B" }, NOW);
    expect(narrowed(planned.filter, { hasDue: true, dueKey: { $lte: "A" } })).to.deep.equal({
      $and: [{ ownerId: "a", deleted: false }, { status: "open" }, { hasDue: true, dueKey: { $lt: "B", $lte: "A" } }],
    });
    expect(narrowed(planned.filter, { hasDue: true, dueKey: { $lt: "A" } }).$and).to.deep.include({ hasDue: true, dueKey: { $lt: "A" } });
    // Conditions that do not join (an equality against a range, an operator) are kept apart.
    expect(narrowed(planned.filter, { hasDue: { $gt: false } }).$and).to.have.length(4);
    expect(narrowed(planned.filter, { $or: [{ dueKey: { $gt: "A" } }] }).$and).to.have.length(4);
  });

  it("reads the page in its pieces alone when the end is still where it was", () => {
    fc.assert(
      fc.property(fc.uniqueArray(DOC, { selector: (d) => d._id, minLength: 2, maxLength: 60 }), fc.constantFrom(...SORTS), fc.integer({ min: 1, max: 20 }), (docs, sort, limit) => {
        const all = ordered(docs, sort);
        const end = all[Math.min(limit, all.length - 1)]!;
        const { pieces } = windowOf(sort, cursorAfter(sort, end).values);
        const read = readThrough(docs, {}, sort, end, Math.min(limit, all.length - 1) + 1);
        expect(read.queries).to.be.at.most(pieces.length);
      }),
    );
  });

  it("bounds each piece by plain conditions on the sort's keys, at most one range each, with no $or", () => {
    for (const sort of SORTS) {
      for (const end of [[true, "2026-01-02T00:00:00.000Z", "id"], [false, "", "id"], [3, "2026-01-02T00:00:00.000Z", "id"], [0, "c", "id"], ["t", "id"]]) {
        if (end.length !== SORT_SPECS[sort].length) continue;
        const fields = SORT_SPECS[sort].map(([f]) => f as string);
        for (const piece of windowOf(sort, end as never).pieces) {
          expect(Object.keys(piece).every((k) => fields.includes(k)), JSON.stringify(piece)).to.equal(true);
          expect(Object.values(piece).filter((v) => typeof v === "object").length).to.equal(1);
        }
      }
    }
  });

  it("stops at the first fine-grained key: newest first is one piece, highest priority first two at most", () => {
    expect(windowOf("-createdAt", ["2026-01-02T00:00:00.000Z", "id"])).to.deep.equal({
      pieces: [{ createdAt: { $gte: "2026-01-02T00:00:00.000Z" } }],
      rest: { $or: [{ createdAt: { $lt: "2026-01-02T00:00:00.000Z" } }] },
    });
    expect(windowOf("-priority", [3, "C", "id"]).pieces).to.deep.equal([{ priorityRank: 3, createdAt: { $gte: "C" } }]);
    expect(windowOf("-priority", [1, "C", "id"]).pieces).to.deep.equal([{ priorityRank: { $gt: 1 } }, { priorityRank: 1, createdAt: { $gte: "C" } }]);
    // The undated block shares one key, so the window goes down to the id.
    expect(windowOf("dueAt", [false, "", "id"]).pieces).to.deep.equal([{ hasDue: { $gt: false } }, { hasDue: false, dueKey: "", _id: { $lte: "id" } }]);
  });

  it("is planned only where every condition is on the index the sort walks", () => {
    const base = { ownerId: "a", status: "open" as const, sort: "-createdAt" as const, limit: 10 };
    expect(planList(base, NOW).windowed).to.equal(true);
    expect(planList({ ...base, sort: "title" }, NOW).windowed).to.equal(true);
    expect(planList({ ...base, listId: "L" }, NOW).windowed).to.equal(true);
    expect(planList({ ...base, listId: "L", sort: "position" }, NOW).windowed).to.equal(true);
    expect(planList({ ...base, assignedTo: "a" }, NOW).windowed).to.equal(true);
    expect(planList({ ...base, after: { sort: "-createdAt", values: ["C", "id"] } }, NOW).windowed).to.equal(true);
    expect(planList({ ...base, sort: "dueAt", dueBefore: "B", overdue: true }, NOW).windowed).to.equal(true);
    for (const unbounded of [{ status: "all" as const }, { tags: ["x"] }, { priority: ["high" as const] }, { overdue: true }, { dueBefore: "B" }, { sort: "dueAt" as const, overdue: true, status: "completed" as const }, { listId: "L", sort: "title" as const }, { listId: "L", sort: "dueAt" as const, dueBefore: "B" }, { assignedTo: "a", sort: "dueAt" as const }, { inLists: ["L"] }]) {
      expect(planList({ ...base, ...unbounded }, NOW).windowed, JSON.stringify(unbounded)).to.equal(undefined);
    }
  });
});

describe("PageEnds", () => {
  it("forgets the least recently used end first, and a page that was the last", () => {
    const ends = new PageEnds(2);
    ends.remember("a", ["1"]);
    ends.remember("b", ["2"]);
    expect(ends.get("a")).to.deep.equal(["1"]);
    ends.remember("c", ["3"]);
    expect(ends.get("b")).to.equal(undefined);
    expect(ends.get("a")).to.deep.equal(["1"]);
    // A page that was the last is remembered as such (read again in one plain read).
    ends.remember("a", null);
    expect(ends.get("a")).to.equal(null);
    expect(ends.get("z")).to.equal(undefined);
    expect(ends.size).to.equal(2);
  });
});
