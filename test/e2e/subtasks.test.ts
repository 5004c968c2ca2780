/**
 * Subtasks on the real stack: parentId down to four levels in one list,
 * cycles, a fifth level and another list refused (400 naming the field,
 * nothing changed); list answers carry parentId; completing a parent leaves
 * its open subtasks alone unless withSubtasks=true; deleting, restoring and
 * moving a parent take its subtasks along.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Task } from "../../src/domain/index.js";
import { apiAs, eventually } from "../support/stack.js";

type Api = Awaited<ReturnType<typeof apiAs>>;

async function made(me: Api, body: Record<string, unknown>): Promise<Task> {
  const res = await me.call("POST", "/tasks", body);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body as Task;
}

function refused(res: { status: number; body: { errors?: { path: string }[] } }, field: string): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(400);
  expect(res.body.errors?.map((e) => e.path)).to.include(field);
}

describe("subtasks (parentId)", function () {
  this.timeout(120_000);

  it("nests down to four levels in the same list and refuses a fifth, a cycle, another list and an unknown parent", async () => {
    const me = await apiAs(`sub-${randomUUID()}`);
    const home = (await me.call("POST", "/lists", { name: "Home" })).body.id as string;
    const l1 = await made(me, { title: "level 1", listId: home });
    expect(l1.parentId).to.equal(null);
    // Without listId, a subtask goes to its parent's list.
    const l2 = await made(me, { title: "level 2", parentId: l1.id });
    expect(l2).to.include({ parentId: l1.id, listId: home });
    const l3 = await made(me, { title: "level 3", parentId: l2.id, listId: home });
    const l4 = await made(me, { title: "level 4", parentId: l3.id });

    refused(await me.call("POST", "/tasks", { title: "level 5", parentId: l4.id }), "parentId");
    refused(await me.call("POST", "/tasks", { title: "other list", parentId: l1.id, listId: (await me.call("GET", "/lists")).body.items[0].id }), "parentId");
    refused(await me.call("POST", "/tasks", { title: "nobody's", parentId: randomUUID() }), "parentId");
    refused(await me.call("POST", "/tasks", { title: "bad id", parentId: "not-a-uuid" }), "parentId");
    // Someone else's task is not a parent one can see.
    const other = await apiAs(`sub-other-${randomUUID()}`);
    refused(await other.call("POST", "/tasks", { title: "sneaky", parentId: l1.id }), "parentId");
    // A cycle: the top under its own descendant, or a task under itself.
    refused(await me.call("PATCH", `/tasks/${l1.id}`, { parentId: l3.id }), "parentId");
    refused(await me.call("PATCH", `/tasks/${l2.id}`, { parentId: l2.id }), "parentId");
    // A subtree of two levels moved under level 3 would reach level 5.
    const lone = await made(me, { title: "lone", listId: home });
    await made(me, { title: "lone's child", parentId: lone.id });
    refused(await me.call("PATCH", `/tasks/${lone.id}`, { parentId: l3.id }), "parentId");
    expect((await me.call("PATCH", `/tasks/${lone.id}`, { parentId: l2.id })).body.parentId).to.equal(l2.id);
    // A subtask does not leave its parent's list alone.
    refused(await me.call("PATCH", `/tasks/${l4.id}`, { listId: (await me.call("GET", "/lists")).body.items[0].id }), "listId");
    // Nothing refused changed anything.
    for (const t of [l1, l2, l4]) expect((await me.call("GET", `/tasks/${t.id}`)).body).to.deep.equal(t);

    // List answers carry parentId, enough to draw the tree.
    const listed = (await me.call("GET", `/tasks?list=${home}&sort=position`)).body.items as Task[];
    expect(Object.fromEntries(listed.map((t) => [t.title, t.parentId]))).to.deep.include({ "level 1": null, "level 2": l1.id, "level 3": l2.id, "level 4": l3.id, lone: l2.id });
    // Back to the top level.
    expect((await me.call("PATCH", `/tasks/${lone.id}`, { parentId: null })).body.parentId).to.equal(null);
  });

  it("brings a recurring parent's subtasks back, open, under its next occurrence, and leaves the done occurrence's as they were", async () => {
    const me = await apiAs(`sub-series-${randomUUID()}`);
    const due = new Date(Date.now() + 2 * 3600_000);
    due.setUTCSeconds(0, 0);
    const parent = await made(me, { title: "Weekly review", dueAt: due.toISOString(), recurrence: { rule: "FREQ=DAILY", mode: "completion" } });
    const inbox = await made(me, { title: "Clear the inbox", parentId: parent.id, dueAt: new Date(due.getTime() - 3600_000).toISOString() });
    const zero = await made(me, { title: "Reach zero", parentId: inbox.id });
    await made(me, { title: "Plan next week", parentId: parent.id });
    for (const id of [zero.id, inbox.id]) expect((await me.call("POST", `/tasks/${id}/complete`)).status).to.equal(200);
    const done = await me.call("POST", `/tasks/${parent.id}/complete`);
    const next = done.body.next as Task;
    const moved = Date.parse(next.dueAt!) - Date.parse(parent.dueAt!);

    const tree = async () => (await me.call("GET", `/tasks?list=${parent.listId}&status=all&sort=position&limit=100`)).body.items as Task[];
    const copies = await eventually(tree, (all) => all.filter((t) => t.parentId === next.id).length === 2 && all.some((t) => t.title === "Reach zero" && t.id !== zero.id), 20_000, "the subtasks under the next occurrence");
    const under = (id: string) => copies.filter((t) => t.parentId === id);
    expect(under(next.id).map((t) => [t.title, t.status])).to.deep.equal([["Clear the inbox", "open"], ["Plan next week", "open"]]);
    const inboxCopy = under(next.id)[0]!;
    expect(Date.parse(inboxCopy.dueAt!) - Date.parse(inbox.dueAt!), "moved as the parent moved").to.equal(moved);
    expect(under(inboxCopy.id).map((t) => [t.title, t.status])).to.deep.equal([["Reach zero", "open"]]);
    // The done occurrence keeps its own, as they were.
    expect(under(parent.id).map((t) => [t.title, t.status])).to.deep.equal([["Clear the inbox", "completed"], ["Plan next week", "open"]]);
    expect(under(inbox.id).map((t) => [t.title, t.status])).to.deep.equal([["Reach zero", "completed"]]);
    expect(copies.filter((t) => t.title === "Plan next week"), "one copy each").to.have.length(2);
  });

  it("completes a parent alone unless withSubtasks=true", async () => {
    const me = await apiAs(`sub-${randomUUID()}`);
    const top = await made(me, { title: "top" });
    const a = await made(me, { title: "a", parentId: top.id });
    const aa = await made(me, { title: "aa", parentId: a.id });
    const done = await made(me, { title: "done already", parentId: top.id });
    await me.call("POST", `/tasks/${done.id}/complete`);

    expect((await me.call("POST", `/tasks/${top.id}/complete?withSubtasks=maybe`)).status).to.equal(400);
    expect((await me.call("GET", `/tasks/${top.id}`)).body.status).to.equal("open");
    expect((await me.call("POST", `/tasks/${top.id}/complete`)).body.task.status).to.equal("completed");
    expect((await me.call("GET", `/tasks/${a.id}`)).body.status).to.equal("open");
    expect((await me.call("GET", `/tasks/${aa.id}`)).body.status).to.equal("open");

    await me.call("POST", `/tasks/${top.id}/reopen`);
    const all = await me.call("POST", `/tasks/${top.id}/complete?withSubtasks=true`);
    expect(all.status).to.equal(200);
    for (const t of [top, a, aa, done]) expect((await me.call("GET", `/tasks/${t.id}`)).body.status, t.title).to.equal("completed");
  });

  it("deleting, restoring and moving a parent take its subtasks along", async () => {
    const me = await apiAs(`sub-${randomUUID()}`);
    const inbox = (await me.call("GET", "/lists")).body.items[0].id as string;
    const away = (await me.call("POST", "/lists", { name: "Away" })).body.id as string;
    const top = await made(me, { title: "top" });
    const a = await made(me, { title: "a", parentId: top.id });
    const aa = await made(me, { title: "aa", parentId: a.id });

    const moved = await me.call("PATCH", `/tasks/${top.id}`, { listId: away });
    expect(moved.body.listId).to.equal(away);
    for (const t of [a, aa]) expect((await me.call("GET", `/tasks/${t.id}`)).body).to.include({ listId: away, parentId: t.parentId });
    expect(((await me.call("GET", `/tasks?list=${away}`)).body.items as Task[]).map((t) => t.title).sort()).to.deep.equal(["a", "aa", "top"]);
    // Undo of the move takes them back too.
    const undone = await me.call("POST", `/tasks/${top.id}/revert`, { version: top.version });
    expect(undone.body.listId).to.equal(inbox);
    for (const t of [a, aa]) expect((await me.call("GET", `/tasks/${t.id}`)).body.listId).to.equal(inbox);

    expect((await me.call("DELETE", `/tasks/${top.id}`)).status).to.equal(204);
    for (const t of [top, a, aa]) expect((await me.call("GET", `/tasks/${t.id}`)).status, t.title).to.equal(404);
    expect(((await me.call("GET", "/trash")).body.items as Task[]).map((t) => t.title).sort()).to.deep.equal(["a", "aa", "top"]);
    expect((await me.call("POST", `/tasks/${top.id}/restore`)).status).to.equal(200);
    for (const t of [top, a, aa]) expect((await me.call("GET", `/tasks/${t.id}`)).body, t.title).to.include({ title: t.title, parentId: t.parentId });
    expect((await me.call("GET", "/trash")).body.items).to.deep.equal([]);
  });
});
