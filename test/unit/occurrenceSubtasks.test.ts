/** A recurring parent's subtasks under its next occurrence (src/domain/occurrenceSubtasks.ts). */
import { expect } from "chai";
import { decide, type Task } from "../../src/domain/index.js";
import { subtaskCopies } from "../../src/domain/occurrenceSubtasks.js";

const T0 = new Date("2026-03-01T10:00:00Z");
const task = (id: string, over: Partial<Task>): Task => ({
  ...decide(null, { kind: "create", ownerId: "ada", taskId: id, input: { listId: "L", title: id } }, T0).record.task,
  ...over,
});

describe("subtasks of a recurring parent's next occurrence", () => {
  const previous = task("p", { dueAt: "2026-03-02T09:00:00.000Z" });
  const next = task("n", { dueAt: "2026-03-09T09:00:00.000Z", listId: "L2" });
  const week = 7 * 86_400_000;
  const a = task("a", { parentId: "p", status: "completed", dueAt: "2026-03-02T08:00:00.000Z", reminders: [{ at: "2026-03-02T07:00:00.000Z" }, { before: "PT10M" }], recurrence: { rule: "FREQ=DAILY", mode: "schedule" }, assigneeId: "bob" });
  const a1 = task("a1", { parentId: "a", ownerId: "bob" });
  const stray = task("s", { parentId: "elsewhere" });
  const copies = subtaskCopies(previous, next, [[a], [a1, stray]], (sub) => `copy-${sub.id}`);

  it("copies each level under the copy of its parent, open, in the next occurrence's list, made by the same person", () => {
    expect(copies.map((c) => [c.from, c.input.parentId, c.ownerId, c.input.listId])).to.deep.equal([["a", "n", "ada", "L2"], ["a1", "copy-a", "bob", "L2"]]);
    expect(copies[0]!.input).to.not.have.property("status");
    expect(copies[0]!.input.assigneeId).to.equal("bob");
  });

  it("moves dates and fixed reminders as far as the parent's due date moved, keeps relative ones, drops a subtask's own rule", () => {
    const input = copies[0]!.input;
    expect(Date.parse(input.dueAt!) - Date.parse(a.dueAt!)).to.equal(week);
    expect(input.reminders).to.deep.equal([{ at: "2026-03-09T07:00:00.000Z" }, { before: "PT10M" }]);
    expect(input.recurrence).to.equal(null);
    expect(copies[1]!.input.dueAt).to.equal(null);
  });

  it("leaves out a subtask whose parent was not copied", () => {
    expect(copies.map((c) => c.from)).to.not.include("s");
  });

  it("names the occurrence before on the next one's created event, and only there", () => {
    const spawned = decide(null, { kind: "create", ownerId: "ada", taskId: "n2", input: { listId: "L", title: "x" }, spawnedFrom: "p" }, T0);
    expect(spawned.events[0]).to.include({ kind: "created", spawnedFrom: "p" });
    expect(decide(null, { kind: "create", ownerId: "ada", taskId: "n3", input: { listId: "L", title: "x" } }, T0).events[0]).to.not.have.property("spawnedFrom");
  });
});
