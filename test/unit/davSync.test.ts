/**
 * A collection's version (getctag, sync token) covers the list's own last
 * change: sharing, a role, a member leaving or the list's properties
 * (src/domain/davSync.ts).
 */
import { expect } from "chai";
import fc from "fast-check";
import { collectionState, ctagOf, listChangedSince } from "../../src/domain/davSync.js";

describe("a calendar collection's version", () => {
  it("is its contents' newest change or the list's own, whichever is later", () => {
    const list = "2027-01-01T00:00:10.000Z";
    expect(collectionState({ latest: Date.parse("2027-01-01T00:00:05.000Z"), count: 3 }, list)).to.deep.equal({ latest: Date.parse(list), count: 3 });
    expect(collectionState({ latest: Date.parse("2027-01-01T00:00:20.000Z"), count: 3 }, list).latest).to.equal(Date.parse("2027-01-01T00:00:20.000Z"));
    expect(collectionState({ latest: 0, count: 0 }, "not a date")).to.deep.equal({ latest: 0, count: 0 });
  });

  it("has a ctag that moves when the list changes, with no task changed", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2e12 }), fc.integer({ min: 1, max: 1e9 }), fc.nat(5000), (tasks, later, count) => {
      const before = ctagOf(collectionState({ latest: tasks, count }, new Date(tasks).toISOString()));
      const after = ctagOf(collectionState({ latest: tasks, count }, new Date(tasks + later).toISOString()));
      expect(after).not.to.equal(before);
    }));
  });

  it("tells a sync to report every task again when the list changed at or after the token (less the overlap)", () => {
    const at = "2027-01-01T00:00:10.000Z";
    expect(listChangedSince(at, Date.parse(at))).to.equal(true);
    expect(listChangedSince(at, Date.parse(at) - 1)).to.equal(true);
    expect(listChangedSince(at, Date.parse(at) + 1)).to.equal(false);
  });
});
