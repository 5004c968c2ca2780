import { expect } from "chai";
import { RecentSpans } from "../support/recentSpans.js";

describe("RecentSpans (the test stack's bounded span store)", () => {
  it("keeps the most recent spans and drops the oldest past its capacity", () => {
    const store = new RecentSpans(8);
    const results: number[] = [];
    for (let i = 0; i < 10; i++) store.export([{ name: `s${i}` } as never], (r) => results.push(r.code));
    expect(results.every((c) => c === 0)).to.equal(true);
    const names = store.finished().map((s) => s.name);
    expect(names.length).to.be.at.most(8);
    expect(names[names.length - 1]).to.equal("s9");
    expect(names).to.not.include("s0");
  });
});
