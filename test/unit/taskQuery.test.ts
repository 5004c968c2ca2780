import { expect } from "chai";
import { parseSearch } from "../../src/domain/search.js";
import { cursorAfter, decodeCursor, encodeCursor, escapeRegex, planList, SORT_SPECS, SORTS, sortKeysOf } from "../../src/infra/taskQuery.js";

const NOW = new Date("2026-06-01T12:00:00Z");

describe("list query planning", () => {
  it("ends every sort with the id so the order is total", () => {
    for (const sort of SORTS) expect(SORT_SPECS[sort].at(-1)?.[0], sort).to.equal("_id");
  });

  it("reads a leading - as descending: -priority is high → none, priority none → high", () => {
    expect(SORT_SPECS["-priority"][0]).to.deep.equal(["priorityRank", -1]);
    expect(SORT_SPECS.priority[0]).to.deep.equal(["priorityRank", 1]);
    expect(SORT_SPECS["-createdAt"][0]).to.deep.equal(["createdAt", -1]);
    expect(SORT_SPECS.createdAt[0]).to.deep.equal(["createdAt", 1]);
  });

  it("makes each ascending order the exact reverse of its descending one, so one index serves both", () => {
    const reversed = (spec: [string, number][]) => spec.map(([f, d]) => [f, -d]);
    expect(SORT_SPECS.priority).to.deep.equal(reversed(SORT_SPECS["-priority"]));
    expect(SORT_SPECS.createdAt).to.deep.equal(reversed(SORT_SPECS["-createdAt"]));
  });

  it("puts tasks without a due date last in both due-date orders", () => {
    expect(SORT_SPECS.dueAt.slice(0, 2)).to.deep.equal([["hasDue", -1], ["dueKey", 1]]);
    expect(SORT_SPECS["-dueAt"].slice(0, 2)).to.deep.equal([["hasDue", -1], ["dueKey", -1]]);
    const keys = ["none", "low", "medium", "high"].map((p) => sortKeysOf({ id: "x", title: "T", priority: p as never, dueAt: null, createdAt: "c", position: "p" }).priorityRank);
    expect(keys).to.deep.equal([0, 1, 2, 3]);
  });

  it("derives sort keys from a task", () => {
    expect(sortKeysOf({ id: "i", title: "MiXeD", priority: "high", dueAt: "2026-01-01T00:00:00.000Z", createdAt: "c", position: "p" })).to.deep.equal({
      titleKey: "mixed", priorityRank: 3, hasDue: true, dueKey: "2026-01-01T00:00:00.000Z", createdAt: "c", position: "p", _id: "i",
    });
    expect(sortKeysOf({ id: "i", title: "t", priority: "none", dueAt: null, createdAt: "c", position: "p" })).to.include({ hasDue: false, dueKey: "" });
  });

  it("always scopes to the owner's live tasks and adds each filter", () => {
    const plan = planList({ ownerId: "alice", status: "open", sort: "-createdAt", limit: 10, q: parseSearch('"a.b c" inv')!, priority: ["high"], tags: ["x", "y"], dueAfter: "A", dueBefore: "B", overdue: true }, NOW);
    expect(plan.filter).to.deep.equal({
      $and: [
        { ownerId: "alice", deleted: false },
        { status: "open" },
        { searchWords: { $elemMatch: { $gte: "inv", $lt: "inv\u{10FFFF}" } } },
        { searchWords: { $elemMatch: { $gte: "a", $lt: "a\u{10FFFF}" } } },
        { searchWords: { $elemMatch: { $gte: "b", $lt: "b\u{10FFFF}" } } },
        { searchWords: { $elemMatch: { $gte: "c", $lt: "c\u{10FFFF}" } } },
        { searchText: { $regex: " a b c" } },
        { priority: { $in: ["high"] } },
        { tags: { $all: ["x", "y"] } },
        // One range however many bounds ask for it: the earlier of dueBefore and now above.
        { hasDue: true, dueKey: { $gte: "A", $lt: NOW.toISOString() } },
      ],
    });
    // Without a search, a tag is what the store reads by: the owner's range of it first (routeFirst, docs/adr/0029-search-by-month.md).
    expect(planList({ ownerId: "alice", status: "open", sort: "dueAt", limit: 10, tags: ["x", "y"] }, NOW).filter).to.deep.equal({
      $and: [{ $and: [{ ownerId: "alice", deleted: false, tags: "x" }] }, { ownerId: "alice", deleted: false }, { status: "open" }, { tags: { $all: ["x", "y"] } }],
    });
    expect(planList({ ownerId: "alice", listId: "l", status: "open", sort: "dueAt", limit: 10, tags: ["x"] }, NOW).filter.$and).to.deep.equal([{ listId: "l", deleted: false }, { status: "open" }, { tags: { $all: ["x"] } }]);
    expect(planList({ ownerId: "a", status: "open", sort: "dueAt", limit: 5, dueBefore: "2026-05-01T00:00:00.000Z", overdue: true }, NOW).filter).to.deep.equal({
      $and: [{ ownerId: "a", deleted: false }, { status: "open" }, { hasDue: true, dueKey: { $lt: "2026-05-01T00:00:00.000Z" } }],
    });
    // Overdue tasks are open ones, whatever status asked for.
    expect(planList({ ownerId: "a", status: "all", sort: "dueAt", limit: 5, overdue: true }, NOW).filter).to.deep.equal({
      $and: [{ ownerId: "a", deleted: false }, { status: { $in: ["open", "completed"] } }, { hasDue: true, dueKey: { $lt: NOW.toISOString() } }, { status: "open" }],
    });
    // `all` names both statuses, so the store can merge two index walks in sort order.
    expect(planList({ ownerId: "a", status: "all", sort: "title", limit: 5 }, NOW).filter).to.deep.equal({
      $and: [{ ownerId: "a", deleted: false }, { status: { $in: ["open", "completed"] } }],
    });
  });

  it("continues strictly after the cursor in the sort's direction", () => {
    const plan = planList({ ownerId: "a", status: "all", sort: "-dueAt", limit: 5, after: { sort: "-dueAt", values: [true, "D", "id9"] } }, NOW);
    expect(plan.filter).to.deep.equal({
      $and: [
        { ownerId: "a", deleted: false },
        { status: { $in: ["open", "completed"] } },
        { $or: [{ hasDue: { $lt: true } }, { hasDue: true, dueKey: { $lt: "D" } }, { hasDue: true, dueKey: "D", _id: { $gt: "id9" } }] },
      ],
    });
  });

  it("escapes every regex metacharacter in search text", () => {
    const nasty = "a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o/p-q";
    const re = new RegExp(escapeRegex(nasty));
    expect(re.test(nasty)).to.equal(true);
    expect(re.test("aXb*c+d?e^f$g{h}i(j)k|l[m]n\\o/p-q")).to.equal(false);
    expect(new RegExp(escapeRegex(".*")).test("anything")).to.equal(false);
  });

  it("round-trips cursors and rejects forged or mismatched ones", () => {
    const cursor = cursorAfter("priority", sortKeysOf({ id: "id1", title: "t", priority: "low", dueAt: null, createdAt: "2026-01-01T00:00:00.000Z", position: "p" }));
    expect(cursor).to.deep.equal({ sort: "priority", values: [1, "2026-01-01T00:00:00.000Z", "id1"] });
    const encoded = encodeCursor(cursor);
    expect(encoded).to.match(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded, "priority")).to.deep.equal(cursor);
    expect(decodeCursor(encoded, "title")).to.equal(null);
    expect(decodeCursor("not base64 json", "priority")).to.equal(null);
    expect(decodeCursor(Buffer.from('["priority",{"$gt":1},"x","y"]').toString("base64url"), "priority")).to.equal(null);
    expect(decodeCursor(Buffer.from('["priority",1,"x"]').toString("base64url"), "priority")).to.equal(null);
  });
});
