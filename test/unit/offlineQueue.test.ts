/**
 * The web app's offline queue as pure rules (web/src/offlineQueue.ts):
 * what a queued request is, how the queue shows on the kept tasks, which
 * fields an editor save changes, and which refusals on replay are final.
 */
import { expect } from "chai";
import { alreadyDone, applyQueued, changedFields, fieldsOf, isConflict, isFinalRefusal, kindOf, retagged, retagOf, sameValue, subtreeOf } from "../../web/src/offlineQueue.js";

const NOW = "2026-12-06T08:00:00.000Z";
const task = (id: string, over: object = {}) => ({ id, version: 3, status: "open", completedAt: null, updatedAt: "2026-12-01T00:00:00.000Z", title: id, priority: "none", tags: [] as string[], ...over });

describe("the web app's offline queue (web/src/offlineQueue.ts)", () => {
  it("reads the kind of change from the request (also one queued by an older build)", () => {
    expect(kindOf({ method: "POST", path: "/tasks/quick" })).to.equal("add");
    expect(kindOf({ method: "POST", path: "/tasks" })).to.equal("add");
    expect(kindOf({ method: "POST", path: "/tasks/a1/complete" })).to.equal("complete");
    expect(kindOf({ method: "PATCH", path: "/tasks/a1" })).to.equal("edit");
    expect(kindOf({ method: "DELETE", path: "/tasks/a1" })).to.equal("delete");
    expect(kindOf({ method: "POST", path: "/tasks/a1/reopen" })).to.equal("reopen");
    expect(kindOf({ method: "POST", path: "/tasks/a1/snooze" })).to.equal("snooze");
    expect(kindOf({ method: "POST", path: "/tasks/a1/revert" })).to.equal("other");
  });

  it("shows the queue on the kept tasks in order: edits merged, completions done, deletes gone, one version each", () => {
    const kept = [task("a"), task("b"), task("c")];
    const shown = applyQueued(kept, [
      { method: "PATCH", path: "/tasks/a", taskId: "a", body: { title: "Renamed", tags: ["x"] } },
      { method: "PATCH", path: "/tasks/a", taskId: "a", body: { priority: "high" } },
      { method: "DELETE", path: "/tasks/b", taskId: "b" },
      { method: "POST", path: "/tasks/c/complete", taskId: "c" },
      { method: "PATCH", path: "/tasks/gone", taskId: "gone", body: { title: "not kept" } },
      { method: "POST", path: "/tasks/quick", body: { text: "new" } },
    ], NOW);
    expect(shown.map((t) => t.id)).to.deep.equal(["a", "c"]);
    expect(shown[0]).to.deep.include({ title: "Renamed", tags: ["x"], priority: "high", version: 5, updatedAt: NOW });
    expect(shown[1]).to.deep.include({ status: "completed", completedAt: NOW, version: 4 });
    expect(kept[0]).to.deep.include({ title: "a", version: 3 }, "the kept copy itself is left as the server sent it");
  });

  it("shows a reopen, a snooze and a completion that ends a snooze, one version each", () => {
    const until = "2026-12-06T09:00:00.000Z";
    const kept = [task("done", { status: "completed", completedAt: "2026-12-05T00:00:00.000Z" }), task("later"), task("both")];
    const shown = applyQueued(kept, [
      { method: "POST", path: "/tasks/done/reopen", taskId: "done" },
      { method: "POST", path: "/tasks/later/snooze", taskId: "later", body: { until } },
      { method: "POST", path: "/tasks/both/snooze", taskId: "both", body: { until } },
      { method: "POST", path: "/tasks/both/complete", taskId: "both" },
      { method: "POST", path: "/tasks/later/snooze", taskId: "later", body: { for: "PT1H" } },
    ], NOW);
    expect(shown[0]).to.deep.include({ status: "open", completedAt: null, version: 4, updatedAt: NOW });
    expect(shown[1]).to.deep.include({ snoozedUntil: until, version: 4 }, "a snooze without an instant is not guessed at");
    expect(shown[2]).to.deep.include({ status: "completed", snoozedUntil: null, version: 5 });
  });

  it("names what a refused change would have set, and counts a completion or reopen that finds it so as done", () => {
    expect(fieldsOf({ method: "PATCH", path: "/tasks/a", body: { title: "x" } })).to.deep.equal([["title", "x"]]);
    expect(fieldsOf({ method: "POST", path: "/tasks/a/complete" })).to.deep.equal([["status", "completed"]]);
    expect(fieldsOf({ method: "POST", path: "/tasks/a/reopen" })).to.deep.equal([["status", "open"]]);
    expect(fieldsOf({ method: "POST", path: "/tasks/a/snooze", body: { until: NOW } })).to.deep.equal([["snoozedUntil", NOW]]);
    expect(fieldsOf({ method: "DELETE", path: "/tasks/a" })).to.deep.equal([]);
    expect(alreadyDone({ method: "POST", path: "/tasks/a/complete" }, { status: "completed" })).to.equal(true);
    expect(alreadyDone({ method: "POST", path: "/tasks/a/complete" }, { status: "open" })).to.equal(false);
    expect(alreadyDone({ method: "POST", path: "/tasks/a/reopen" }, { status: "open" })).to.equal(true);
    expect(alreadyDone({ method: "POST", path: "/tasks/a/snooze", body: { until: NOW } }, { status: "open" })).to.equal(false);
  });

  it("a delete takes the task's subtasks at any depth with it, as the server's trash does", () => {
    const kept = [task("p"), task("c", { parentId: "p" }), task("g", { parentId: "c" }), task("other", { parentId: null })];
    expect(applyQueued(kept, [{ method: "DELETE", path: "/tasks/p", taskId: "p" }], NOW).map((t) => t.id)).to.deep.equal(["other"]);
    expect([...subtreeOf(kept, "c")]).to.deep.equal(["c", "g"]);
  });

  it("an edit cannot change a task's id", () => {
    expect(applyQueued([task("a")], [{ method: "PATCH", path: "/tasks/a", taskId: "a", body: { id: "z" } }], NOW)[0]!.id).to.equal("a");
  });

  it("queues only the fields an editor save changes", () => {
    const before = task("a", { dueAt: "2026-12-07T09:00:00.000Z", recurrence: { rule: "FREQ=DAILY", mode: "schedule", text: "every day" }, reminders: [{ before: "PT15M" }] });
    const body = { title: "a", priority: "high", tags: [], dueAt: "2026-12-07T09:00:00Z", recurrence: { rule: "FREQ=DAILY", mode: "schedule" }, reminders: [{ before: "PT15M" }], description: "notes" };
    expect(changedFields(before, body)).to.deep.equal({ priority: "high", description: "notes" });
    expect(changedFields(before, { dueAt: null, recurrence: null, tags: ["x"] })).to.deep.equal({ dueAt: null, recurrence: null, tags: ["x"] });
  });

  it("compares instants as instants, and never two different strings as equal", () => {
    expect(sameValue("2026-12-07T09:00:00Z", "2026-12-07T10:00:00+01:00")).to.equal(true);
    expect(sameValue("2026-12-07T09:00:00Z", "2026-12-07T09:00:01Z")).to.equal(false);
    expect(sameValue("a", "b")).to.equal(false);
    expect(sameValue(["a"], ["a", "b"])).to.equal(false);
    expect(sameValue({ rule: "x" }, null)).to.equal(false);
  });

  it("drops a refusal that no later try can change, keeps one that a later try may send", () => {
    for (const status of [400, 403, 404, 409, 410, 412, 422]) expect(isFinalRefusal(status), String(status)).to.equal(true);
    for (const status of [401, 408, 429, 500, 502, 503]) expect(isFinalRefusal(status), String(status)).to.equal(false);
    expect([412, 404, 409, 410].every(isConflict)).to.equal(true);
    expect(isConflict(400)).to.equal(false);
  });

  it("reads a queued rename or removal of a tag, the name as the server keeps it", () => {
    expect(kindOf({ method: "PATCH", path: "/tags/home%20work" })).to.equal("retag");
    expect(kindOf({ method: "DELETE", path: "/tags/x" })).to.equal("retag");
    expect(kindOf({ method: "GET", path: "/tags" })).to.equal("other");
    expect(retagOf({ method: "PATCH", path: "/tags/home%20work", body: { name: " Office " } })).to.deep.equal({ from: "home work", to: "office" });
    expect(retagOf({ method: "DELETE", path: "/tags/x" })).to.deep.equal({ from: "x", to: null });
    expect(retagOf({ method: "PATCH", path: "/tasks/a", body: { name: "y" } })).to.equal(undefined);
  });

  it("renames, merges and removes a tag as the server does: order kept, no tag twice, a task without it untouched", () => {
    expect(retagged(["a", "b", "c"], "b", "z")).to.deep.equal(["a", "z", "c"]);
    expect(retagged(["a", "b", "c"], "b", "c")).to.deep.equal(["a", "c"]);
    expect(retagged(["a", "b"], "b", null)).to.deep.equal(["a"]);
    const tags = ["a"];
    expect(retagged(tags, "b", "z")).to.equal(tags);
  });

  it("shows a queued tag change on the person's own kept tasks that carry it, one version each, and on no one else's", () => {
    const kept = [{ ...task("mine", { tags: ["home", "x"] }), listId: "inbox" }, { ...task("plain", { tags: ["x"] }), listId: "inbox" }, { ...task("shared", { tags: ["home"] }), listId: "family" }];
    const shown = applyQueued(kept, [{ method: "PATCH", path: "/tags/home", body: { name: "x" } }, { method: "DELETE", path: "/tags/x" }], NOW, (t) => t.listId === "inbox");
    const byId = Object.fromEntries(shown.map((t) => [t.id, t]));
    expect(byId.mine).to.include({ version: 5 });
    expect(byId.mine!.tags).to.deep.equal([]);
    expect(byId.plain).to.include({ version: 4 });
    expect(byId.plain!.tags).to.deep.equal([]);
    expect(byId.shared).to.deep.equal(kept[2]);
  });
});
