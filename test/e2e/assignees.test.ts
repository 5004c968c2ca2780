/**
 * Assignees on the real stack (docs/lists.md#assignees): a task of a shared
 * list assigned to a member, who finds it with assignee=me and gets its
 * reminders; refused for anyone the list does not have; unassigned when
 * they leave the list or the task moves to a list without them.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Task } from "../../src/domain/index.js";
import { apiAs, eventually } from "../support/stack.js";
import { join } from "../support/sharing.js";

type Api = Awaited<ReturnType<typeof apiAs>>;

const ids = (r: { body: { items: Task[] } }) => r.body.items.map((t) => t.id);

describe("assignees (a member of a shared list)", function () {
  this.timeout(90_000);
  let ada: Api;
  let bob: Api;
  let cyd: Api;
  let list: string;

  beforeEach(async () => {
    ada = await apiAs(`assign-ada-${randomUUID()}`);
    bob = await apiAs(`assign-bob-${randomUUID()}`);
    cyd = await apiAs(`assign-cyd-${randomUUID()}`);
    list = (await ada.call("POST", "/lists", { name: "Chores" })).body.id as string;
    await join(ada, list, bob, "editor");
  });

  it("assigns a member on create and with PATCH, and refuses anyone the list does not have, changing nothing", async () => {
    const made = await ada.call("POST", "/tasks", { title: "mow the lawn", listId: list, assigneeId: bob.user });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    expect(made.body).to.include({ assigneeId: bob.user, listId: list });
    const other = (await ada.call("POST", "/tasks", { title: "water plants", listId: list })).body as Task;
    expect(other.assigneeId).to.equal(null);

    // Invited but not yet a member, a stranger, and in an Inbox anyone but its owner: 400 naming assigneeId.
    await ada.call("POST", `/lists/${list}/invitations`, { userId: cyd.user, role: "editor" });
    for (const [who, body, path] of [
      ["invited", { assigneeId: cyd.user }, `/tasks/${other.id}`],
      ["stranger", { assigneeId: "nobody-here" }, `/tasks/${other.id}`],
    ] as const) {
      const refused = await ada.call("PATCH", path, body);
      expect(refused.status, who).to.equal(400);
      expect(refused.body.errors[0].path, who).to.equal("assigneeId");
    }
    const inboxRefused = await ada.call("POST", "/tasks", { title: "mine", assigneeId: bob.user });
    expect(inboxRefused.status).to.equal(400);
    expect(inboxRefused.body.errors[0].path).to.equal("assigneeId");
    expect((await ada.call("GET", `/tasks/${other.id}`)).body).to.include({ version: 1, assigneeId: null });
    expect((await ada.call("POST", "/tasks", { title: "self", assigneeId: ada.user })).body.assigneeId, "oneself in one's Inbox").to.equal(ada.user);

    // The editor assigns themselves; null unassigns.
    const taken = await bob.call("PATCH", `/tasks/${other.id}`, { assigneeId: bob.user });
    expect(taken.body).to.include({ assigneeId: bob.user, version: 2 });
    expect((await bob.call("PATCH", `/tasks/${other.id}`, { assigneeId: null })).body).to.include({ assigneeId: null, version: 3 });
  });

  it("lists a member's assigned tasks across lists with assignee=me, and one list's by assignee", async () => {
    const bobsList = (await bob.call("POST", "/lists", { name: "Bob's own" })).body.id as string;
    const fromAda = (await ada.call("POST", "/tasks", { title: "from ada", listId: list, assigneeId: bob.user })).body as Task;
    const own = (await bob.call("POST", "/tasks", { title: "his own", listId: bobsList, assigneeId: bob.user })).body as Task;
    const unassigned = (await ada.call("POST", "/tasks", { title: "nobody's", listId: list })).body as Task;
    const adas = (await ada.call("POST", "/tasks", { title: "ada's", listId: list, assigneeId: ada.user })).body as Task;

    expect(ids(await bob.call("GET", "/tasks?assignee=me"))).to.have.members([fromAda.id, own.id]);
    expect(ids(await ada.call("GET", "/tasks?assignee=me"))).to.deep.equal([adas.id]);
    expect(ids(await ada.call("GET", `/tasks?list=${list}&assignee=${encodeURIComponent(bob.user)}`))).to.deep.equal([fromAda.id]);
    expect(ids(await ada.call("GET", `/tasks?list=${list}&assignee=none`))).to.deep.equal([unassigned.id]);
    const across = await ada.call("GET", `/tasks?assignee=${encodeURIComponent(bob.user)}`);
    expect(across.status).to.equal(400);
    expect(across.body.errors[0].path).to.equal("assignee");
  });

  it("sends the task's reminders to its assignee, not its maker", async () => {
    const remindAt = new Date(Date.now() + 3000).toISOString();
    const task = (await ada.call("POST", "/tasks", { title: "call the plumber", listId: list, assigneeId: bob.user, reminders: [{ at: remindAt }] })).body as Task;
    // Bob is also told he was assigned (kind `assignment`): the reminder is the `reminder` entry.
    const reminderOf = (r: { body: { items: any[] } }) => r.body.items.find((n) => n.taskId === task.id && n.kind === "reminder");
    const delivered = await eventually(() => bob.call("GET", "/notifications"), (r) => reminderOf(r)?.state === "delivered", 30_000, "bob's reminder");
    expect(reminderOf(delivered)).to.include({ title: "call the plumber", remindAt });
    expect((await ada.call("GET", "/notifications")).body.items.filter((n: any) => n.taskId === task.id), "nothing for the maker").to.deep.equal([]);
  });

  it("unassigns whoever leaves the list, and on a move to a list without them", async () => {
    const stays = (await ada.call("POST", "/tasks", { title: "stays", listId: list, assigneeId: bob.user })).body as Task;
    const moves = (await ada.call("POST", "/tasks", { title: "moves", listId: list, assigneeId: bob.user })).body as Task;
    const privateList = (await ada.call("POST", "/lists", { name: "Ada only" })).body.id as string;
    const moved = await ada.call("PATCH", `/tasks/${moves.id}`, { listId: privateList });
    expect(moved.body).to.include({ listId: privateList, assigneeId: null });
    // Back, assigned again in the same request.
    expect((await ada.call("PATCH", `/tasks/${moves.id}`, { listId: list, assigneeId: bob.user })).body).to.include({ listId: list, assigneeId: bob.user });

    expect((await bob.call("DELETE", `/lists/${list}/members/${encodeURIComponent(bob.user)}`)).status, "bob leaves").to.equal(204);
    // At once: bob's assigned view keeps to lists he may read.
    expect(ids(await bob.call("GET", "/tasks?assignee=me"))).to.deep.equal([]);
    for (const id of [stays.id, moves.id]) {
      await eventually(() => ada.call("GET", `/tasks/${id}`), (r) => r.body.assigneeId === null, 20_000, `task ${id} unassigned`);
    }
    // Undo of the assignment cannot bring back someone who left: 409, nothing changed.
    const assignedVersion = (await ada.call("GET", `/tasks/${stays.id}`)).body.version - 1;
    const revert = await ada.call("POST", `/tasks/${stays.id}/revert`, { version: assignedVersion });
    expect(revert.status, JSON.stringify(revert.body)).to.equal(409);
    expect(revert.body.errors[0].path).to.equal("version");
  });
});
