/**
 * The web app keeps a change made in it over a read that has not seen it yet
 * (web/src/shownChange.ts): a reload under way when a box was ticked must not
 * untick it, and a read that has caught up replaces the row.
 */
import { expect } from "chai";
import { shownOverRead } from "../../web/src/shownChange.js";
import type { Task } from "../../web/src/types.js";

const task = (version: number, status: Task["status"] = "open") => ({ id: "t1", version, status }) as Task;

describe("web app: a change shown over a read that has not seen it (web/src/shownChange.ts)", () => {
  it("keeps a ticked box while its request is under way, against a read of the task as it was", () => {
    const guess = { task: task(3, "completed"), pending: true };
    expect(shownOverRead(task(3, "open"), guess)).to.equal(true);
    expect(shownOverRead(task(2, "open"), guess)).to.equal(true);
  });

  it("keeps the answered change against a read one version behind, and takes a read that has caught up or gone past", () => {
    const answered = { task: task(4, "completed"), pending: false };
    expect(shownOverRead(task(3, "open"), answered)).to.equal(true);
    expect(shownOverRead(task(4, "completed"), answered)).to.equal(false);
    expect(shownOverRead(task(5, "open"), answered), "someone reopened it since").to.equal(false);
  });

  it("takes the read once a refused change is put back as it was, and when another change overtook the guess", () => {
    expect(shownOverRead(task(3, "open"), { task: task(3, "open"), pending: false })).to.equal(false);
    expect(shownOverRead(task(4, "open"), { task: task(3, "completed"), pending: true })).to.equal(false);
  });
});
