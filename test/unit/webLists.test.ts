/**
 * The web app's pure list helpers (web/src/lists.ts): which lists are marked
 * shared, the live stream's list.changed frame applied to the sidebar, and a
 * list's activity in words.
 */
import { expect } from "chai";
import { describeActivity, isShared, mayEditTasks, withListFrame } from "../../web/src/lists.js";
import type { ActivityEntry, List } from "../../web/src/types.js";

const at = "2026-12-01T09:00:00.000Z";
const list = (id: string, extra: Partial<List> = {}): List => ({
  id, ownerId: "ada", name: id, colour: null, archived: false, position: "5", inbox: false, members: [], createdAt: at, updatedAt: at, version: 1, ...extra,
});
const entry = (extra: Partial<ActivityEntry>): ActivityEntry => ({
  eventId: "e", type: "tickler.list.changed.v1", version: 2, occurredAt: at, recordedAt: at, taskId: null, task: null, changed: [], actor: "ada", kind: null, memberId: null, list: null, comment: null, ...extra,
});

describe("web app: lists in the sidebar and their activity (web/src/lists.ts)", () => {
  it("marks a list shared by its owner once it has one member, and any list someone else owns", () => {
    expect(isShared(list("a"), "ada")).to.equal(false);
    expect(isShared(list("a", { members: [{ userId: "bob", role: "viewer" }] }), "ada")).to.equal(true);
    expect(isShared(list("a"), "bob")).to.equal(true);
  });

  it("applies a newer frame in place, ignores an older or equal one, and keeps the lists' order", () => {
    const lists = [list("inbox", { position: "01", inbox: true }), list("b", { position: "7" })];
    const renamed = withListFrame(lists, { ...list("b", { position: "7", name: "Band", version: 2 }), deleted: false }, "ada");
    expect(renamed.map((l) => [l.id, l.name])).to.deep.equal([["inbox", "inbox"], ["b", "Band"]]);
    expect(withListFrame(renamed, list("b", { version: 2, name: "Stale" }), "ada")).to.equal(renamed);
    const joined = withListFrame(lists, list("c", { ownerId: "bob", position: "3", members: [{ userId: "ada", role: "editor" }] }), "ada");
    expect(joined.map((l) => l.id)).to.deep.equal(["inbox", "c", "b"]);
  });

  it("drops a list that was deleted, archived, or no longer has the user (removed or left)", () => {
    const lists = [list("c", { ownerId: "bob", members: [{ userId: "ada", role: "editor" }] })];
    expect(withListFrame(lists, { ...list("c", { ownerId: "bob", version: 2 }), deleted: false }, "ada")).to.deep.equal([]);
    expect(withListFrame(lists, { ...list("c", { ownerId: "bob", version: 2, members: lists[0]!.members }), deleted: true }, "ada")).to.deep.equal([]);
    expect(withListFrame([list("d")], list("d", { version: 2, archived: true }), "ada")).to.deep.equal([]);
  });

  it("says who did what, for a task's change and for each change of the list", () => {
    expect(describeActivity(entry({ type: "tickler.task.updated.v1", taskId: "t", task: { title: "Milk" }, changed: ["title", "dueAt"] }))).to.equal("ada: “Milk” updated (title, dueAt)");
    expect(describeActivity(entry({ type: "tickler.task.completed.v1", taskId: "t", task: { title: "Milk" }, changed: ["status"] }))).to.equal("ada: “Milk” completed");
    const after = { ownerId: "ada", members: [{ userId: "bob", role: "viewer" }] };
    expect(describeActivity(entry({ kind: "create" }))).to.equal("ada made the list");
    expect(describeActivity(entry({ kind: "invite", memberId: "bob" }))).to.equal("ada invited bob");
    expect(describeActivity(entry({ kind: "answer", actor: "bob", memberId: "bob", list: after }))).to.equal("bob joined as viewer");
    expect(describeActivity(entry({ kind: "answer", actor: "cy", memberId: "cy", list: after }))).to.equal("cy declined an invitation");
    expect(describeActivity(entry({ kind: "setRole", memberId: "bob", list: after }))).to.equal("ada made bob viewer");
    expect(describeActivity(entry({ kind: "setRole", memberId: "bob", list: { ownerId: "bob", members: [{ userId: "ada", role: "editor" }] } }))).to.equal("ada made bob owner");
    expect(describeActivity(entry({ kind: "removeMember", memberId: "bob" }))).to.equal("ada removed bob");
    expect(describeActivity(entry({ kind: "removeMember", actor: "bob", memberId: "bob" }))).to.equal("bob left the list");
    expect(describeActivity(entry({ kind: "withdraw", memberId: "cy" }))).to.equal("ada withdrew the invitation of cy");
  });

  it("says what a comment on one of the list's tasks was, shortened to one line", () => {
    const comment = (text: string) => ({ id: "c", taskId: "t", authorId: "bob", text, createdAt: at, editedAt: null });
    const on = (kind: string, text: string) => entry({ type: "tickler.comment.changed.v1", taskId: "t", kind, actor: "bob", comment: comment(text) });
    expect(describeActivity(on("added", "Tuesday?\nor Wednesday"))).to.equal("bob commented: “Tuesday? or Wednesday”");
    expect(describeActivity(on("edited", "x".repeat(100)))).to.equal(`bob edited a comment: “${"x".repeat(79)}…”`);
    expect(describeActivity(on("deleted", "gone"))).to.equal("bob deleted a comment");
  });
  it("lets the owner and editors change a list's tasks, not commenters or viewers; an unknown list is the API's to refuse", () => {
    const shared = list("s", { members: [{ userId: "bob", role: "editor" }, { userId: "cy", role: "commenter" }, { userId: "vi", role: "viewer" }] as List["members"] });
    expect(mayEditTasks(shared, "ada")).to.equal(true);
    expect(mayEditTasks(shared, "bob")).to.equal(true);
    expect(mayEditTasks(shared, "cy")).to.equal(false);
    expect(mayEditTasks(shared, "vi")).to.equal(false);
    expect(mayEditTasks(shared, "stranger")).to.equal(false);
    expect(mayEditTasks(undefined, "ada")).to.equal(true);
  });
});
