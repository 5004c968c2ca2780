import { expect } from "chai";
import fc from "fast-check";
import { decide, DomainError, MAX_SUBTASK_DEPTH, parentProblem, type TreeNode } from "../../src/domain/index.js";

const node = (id: string, parentId: string | null, listId = "L"): TreeNode => ({ id, listId, parentId });

describe("subtasks (src/domain/subtasks.ts)", () => {
  it("allows a parent in the same list down to the fourth level", () => {
    expect(parentProblem({ listId: "L", chain: [node("a", null)], subtreeHeight: 1 })).to.equal(null);
    expect(parentProblem({ listId: "L", chain: [node("c", "b"), node("b", "a"), node("a", null)], subtreeHeight: 1 })).to.equal(null);
  });

  it("refuses a fifth level, counting the task's own subtasks", () => {
    const deep = [node("d", "c"), node("c", "b"), node("b", "a"), node("a", null)];
    expect(parentProblem({ listId: "L", chain: deep, subtreeHeight: 1 })?.field).to.equal("parentId");
    // A task with one level of subtasks under a level-3 parent: its subtasks would be level 5.
    expect(parentProblem({ taskId: "x", listId: "L", chain: deep.slice(1), subtreeHeight: 2 })?.message).to.match(/deeper than 4/);
    expect(parentProblem({ taskId: "x", listId: "L", chain: deep.slice(2), subtreeHeight: 2 })).to.equal(null);
  });

  it("refuses a cycle, another list and a parent that does not exist, each naming parentId", () => {
    expect(parentProblem({ taskId: "a", listId: "L", chain: [node("b", "a"), node("a", null)], subtreeHeight: 2 })?.message).to.match(/cycle/);
    expect(parentProblem({ taskId: "a", listId: "L", chain: [node("a", null)], subtreeHeight: 1 })?.message).to.match(/cycle/);
    expect(parentProblem({ listId: "M", chain: [node("a", null)], subtreeHeight: 1 })?.message).to.match(/same list/);
    expect(parentProblem({ listId: "L", chain: [null], subtreeHeight: 1 })?.message).to.match(/not a task/);
  });

  it("property: whatever the tree, an accepted parent never makes a cycle or a level past the fourth", () => {
    // A random forest of up to 12 tasks (each parent earlier in the array, so no cycles), then a random re-parenting.
    fc.assert(fc.property(fc.array(fc.nat(), { minLength: 2, maxLength: 12 }), fc.nat(), fc.nat(), (parents, a, b) => {
      const n = parents.length;
      const parentOf = parents.map((p, i) => (i === 0 || p % 3 === 0 ? null : p % i));
      const level = (i: number): number => (parentOf[i] === null ? 1 : 1 + level(parentOf[i]!));
      // Only trees that are valid to begin with.
      if (parentOf.some((_, i) => level(i) > MAX_SUBTASK_DEPTH)) return;
      const task = a % n;
      const parent = b % n;
      const chain: TreeNode[] = [];
      for (let at: number | null = parent; at !== null && chain.length <= MAX_SUBTASK_DEPTH; at = parentOf[at]!) chain.push(node(String(at), parentOf[at] === null ? null : String(parentOf[at])));
      const height = (i: number): number => 1 + Math.max(0, ...parentOf.map((p, j) => (p === i ? height(j) : 0)));
      const accepted = parentProblem({ taskId: String(task), listId: "L", chain, subtreeHeight: height(task) }) === null;
      if (!accepted) return;
      const after = parentOf.map((p, i) => (i === task ? parent : p));
      // No cycle: walking up from every task ends; no level past the fourth.
      for (let i = 0; i < n; i++) {
        let steps = 0;
        for (let at: number | null = i; at !== null; at = after[at]!) {
          steps++;
          expect(steps, "a cycle").to.be.at.most(n);
        }
        expect(steps, "a fifth level").to.be.at.most(MAX_SUBTASK_DEPTH);
      }
    }));
  });

  it("decide keeps parentId on create and PATCH, and refuses a task as its own parent", () => {
    const create = decide(null, { kind: "create", ownerId: "a", taskId: "t", input: { listId: "L", title: "x", parentId: "p" } }, new Date());
    expect(create.record.task.parentId).to.equal("p");
    const top = decide(create.record, { kind: "update", ownerId: "a", patch: { parentId: null } }, new Date());
    expect(top.record.task.parentId).to.equal(null);
    expect(top.events[0]!.changed).to.deep.equal(["parentId"]);
    try {
      decide(create.record, { kind: "update", ownerId: "a", patch: { parentId: "t" } }, new Date());
      expect.fail("accepted");
    } catch (err) {
      expect((err as DomainError).field).to.equal("parentId");
    }
  });
});
