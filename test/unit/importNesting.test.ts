/** Subtasks of an imported file (src/domain/importNesting.ts): links kept, odd ones dropped, depth capped; on generated files too. */
import { expect } from "chai";
import fc from "fast-check";
import { nestImport } from "../../src/domain/importNesting.js";
import { todoistDrafts } from "../../src/domain/importTodoist.js";
import { MAX_SUBTASK_DEPTH } from "../../src/domain/subtasks.js";

describe("nesting an imported file's subtasks", () => {
  it("keeps the file's tree, parents before children by level", () => {
    const n = nestImport([{ key: "c", parentKey: "b" }, { key: "a" }, { key: "b", parentKey: "a" }]);
    expect(n).to.deep.equal({ parentKey: ["b", undefined, "a"], level: [3, 1, 2] });
  });

  it("drops a link to a key the file lacks, to itself, and the link that closes a cycle", () => {
    expect(nestImport([{ key: "a", parentKey: "zz" }, { key: "b", parentKey: "b" }]).parentKey).to.deep.equal([undefined, undefined]);
    const cycle = nestImport([{ key: "a", parentKey: "b" }, { key: "b", parentKey: "a" }, { key: "c", parentKey: "a" }]);
    expect(cycle.level.slice().sort()).to.deep.equal([1, 2, 3]);
    expect(cycle.parentKey.filter((p) => p === undefined)).to.have.length(1);
  });

  it(`puts a draft deeper than ${MAX_SUBTASK_DEPTH} levels beside its parent`, () => {
    const chain = Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, ...(i > 0 ? { parentKey: `k${i - 1}` } : {}) }));
    const n = nestImport(chain);
    expect(n.level).to.deep.equal([1, 2, 3, 4, 4, 4]);
    expect(n.parentKey).to.deep.equal([undefined, "k0", "k1", "k2", "k2", "k2"]);
  });

  it("reads Todoist's INDENT: under the nearest task above at one less, a gap under the task above", () => {
    const rows = [["TYPE", "CONTENT", "INDENT"], ["task", "A", "1"], ["task", "A1", "2"], ["task", "A1a", "3"], ["task", "A2", "2"], ["task", "B", "1"], ["task", "B gap", "3"], ["task", "C", ""]];
    const { drafts } = todoistDrafts(rows, { timeZone: "UTC", now: new Date("2026-12-06T00:00:00Z"), isZone: () => true });
    const titleOf = new Map(drafts.map((d) => [d.key, d.input.title]));
    expect(drafts.map((d) => [d.input.title, d.parentKey === undefined ? null : titleOf.get(d.parentKey)])).to.deep.equal([
      ["A", null], ["A1", "A"], ["A1a", "A1"], ["A2", "A"], ["B", null], ["B gap", "B"], ["C", null],
    ]);
  });

  it("on any file: every kept parent is in the file, one level up, and no level is past the cap", () => {
    const file = fc.array(fc.record({ key: fc.integer({ min: 0, max: 30 }).map(String), parentKey: fc.option(fc.integer({ min: 0, max: 35 }).map(String), { nil: undefined }) }), { maxLength: 60 });
    fc.assert(
      fc.property(file, (drafts) => {
        const n = nestImport(drafts);
        const levelOfKey = new Map<string, number>();
        drafts.forEach((d, i) => levelOfKey.has(d.key) || levelOfKey.set(d.key, n.level[i]!));
        drafts.forEach((_, i) => {
          expect(n.level[i]).to.be.within(1, MAX_SUBTASK_DEPTH);
          const p = n.parentKey[i];
          if (p === undefined) expect(n.level[i]).to.equal(1);
          else expect(levelOfKey.get(p)).to.equal(n.level[i]! - 1);
        });
      }),
    );
  });
});
