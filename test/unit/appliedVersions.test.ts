import { expect } from "chai";
import { AppliedVersions, WritesUnderWay } from "../../src/infra/appliedVersions.js";

describe("AppliedVersions (skipping read-model writes already known to be stored)", () => {
  it("covers a version once it or a newer one was recorded, never an unseen newer one", () => {
    const seen = new AppliedVersions();
    expect(seen.covers("t", 1)).to.equal(false);
    seen.record("t", 3);
    expect([seen.covers("t", 2), seen.covers("t", 3), seen.covers("t", 4)]).to.deep.equal([true, true, false]);
    seen.record("t", 2); // an older apply finishing late does not lower it
    expect(seen.covers("t", 3)).to.equal(true);
  });

  it("forgets the least recently written documents beyond its capacity", () => {
    const seen = new AppliedVersions(2);
    seen.record("a", 1);
    seen.record("b", 1);
    seen.record("a", 2);
    seen.record("c", 1);
    expect([seen.covers("a", 2), seen.covers("b", 1), seen.covers("c", 1)]).to.deep.equal([true, false, true]);
  });
});

describe("WritesUnderWay (one read-model write per snapshot when two feeds bring it at once)", () => {
  const deferred = () => {
    let resolve!: (v: boolean) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<boolean>((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
  };

  it("covers a version no newer than the one under way, until it settles", async () => {
    const writing = new WritesUnderWay();
    const first = deferred();
    const run = writing.run("t", 2, () => first.promise);
    expect(writing.covering("t", 1), "older").to.not.equal(undefined);
    expect(writing.covering("t", 2), "the same").to.not.equal(undefined);
    expect(writing.covering("t", 3), "newer").to.equal(undefined);
    expect(writing.covering("u", 1), "another document").to.equal(undefined);
    let waited = false;
    const wait = writing.covering("t", 2)!.then(() => (waited = true));
    await Promise.resolve();
    expect(waited, "still under way").to.equal(false);
    first.resolve(true);
    expect(await run).to.equal(true);
    await wait;
    expect([waited, writing.size, writing.covering("t", 2)]).to.deep.equal([true, 0, undefined]);
  });

  it("a failed write is its own caller's error: the one waiting for it settles and may write itself", async () => {
    const writing = new WritesUnderWay();
    const first = deferred();
    const run = writing.run("t", 1, () => first.promise);
    const wait = writing.covering("t", 1)!;
    first.reject(new Error("store down"));
    let failed: unknown = null;
    await run.catch((err: unknown) => (failed = err));
    expect((failed as Error).message).to.equal("store down");
    await wait; // resolves, never rejects
    expect(await writing.run("t", 1, async () => true)).to.equal(true);
    expect(writing.size).to.equal(0);
  });

  it("a newer write stays the one to wait for when an older one finishes first", async () => {
    const writing = new WritesUnderWay();
    const older = deferred();
    const newer = deferred();
    const a = writing.run("t", 1, () => older.promise);
    const b = writing.run("t", 2, () => newer.promise);
    older.resolve(true);
    await a;
    expect(writing.covering("t", 2), "version 2 still under way").to.not.equal(undefined);
    newer.resolve(true);
    await b;
    expect(writing.size).to.equal(0);
  });
});
