/**
 * Lists on the real stack: the Inbox made on first use, lists made, renamed,
 * archived, reordered and deleted through their actors; tasks created into a
 * list, moved by PATCH, reordered by position; bad input refused with the
 * field named and nothing changed; tasks stored before lists moved into their
 * owner's Inbox by the migration.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Connection } from "mongoose";
import { keyBetween, positionAt, type Task } from "../../src/domain/index.js";
import { inboxIdOf } from "../../src/infra/ids.js";
import { connectMongo } from "../../src/infra/mongo.js";
import { documentOf, ReadModel } from "../../src/infra/readModel.js";
import { apiAs, stack } from "../support/stack.js";

describe("lists (/lists, listId, position)", function () {

  it("makes each user's Inbox on first use and puts tasks there by default", async () => {
    const me = await apiAs(`lists-${randomUUID()}`);
    const lists = await me.call("GET", "/lists");
    expect(lists.status).to.equal(200);
    expect(lists.body.items).to.have.length(1);
    const inbox = lists.body.items[0];
    expect(inbox).to.include({ id: inboxIdOf(me.user), name: "Inbox", inbox: true, archived: false, ownerId: me.user, version: 1 });
    // Asked again: the same Inbox, not a second one.
    expect((await me.call("GET", "/lists")).body.items).to.deep.equal([inbox]);

    const task = await me.call("POST", "/tasks", { title: "no list given" });
    expect(task.status).to.equal(201);
    expect(task.body.listId).to.equal(inbox.id);
    expect(task.body.position).to.be.a("string").and.not.equal("");

    // A brand-new user's first task makes their Inbox too.
    const fresh = await apiAs(`lists-fresh-${randomUUID()}`);
    const first = await fresh.call("POST", "/tasks", { title: "first ever" });
    expect(first.body.listId).to.equal(inboxIdOf(fresh.user));
    expect((await fresh.call("GET", `/lists/${inboxIdOf(fresh.user)}`)).body).to.include({ inbox: true, name: "Inbox" });
    expect((await fresh.call("GET", "/lists")).body.items.map((l: { id: string }) => l.id)).to.deep.equal([inboxIdOf(fresh.user)]);
  });

  it("makes, reads, renames, archives and deletes lists; an Inbox is never deleted or archived", async () => {
    const me = await apiAs(`lists-${randomUUID()}`);
    const made = await me.call("POST", "/lists", { name: " Home ", colour: "#1E90FF" });
    expect(made.status).to.equal(201);
    expect(made.headers.get("location")).to.equal(`/api/v1/lists/${made.body.id}`);
    expect(made.headers.get("etag")).to.equal('"1"');
    expect(made.body).to.include({ name: "Home", colour: "#1e90ff", archived: false, inbox: false, ownerId: me.user, version: 1 });
    const id = made.body.id as string;
    expect((await me.call("GET", `/lists/${id}`)).body).to.deep.equal(made.body);

    const renamed = await me.call("PATCH", `/lists/${id}`, { name: "House", archived: true }, { "if-match": '"1"' });
    expect(renamed.status).to.equal(200);
    expect(renamed.body).to.include({ name: "House", archived: true, version: 2 });
    const stale = await me.call("PATCH", `/lists/${id}`, { name: "Stale" }, { "if-match": '"1"' });
    expect(stale.status).to.equal(412);
    const mine = (await me.call("GET", "/lists")).body.items as { id: string; name: string }[];
    expect(mine.map((l) => l.name)).to.deep.equal(["Inbox", "House"]);

    // Reorder the lists: House before the Inbox.
    const inbox = mine[0]!;
    await me.call("PATCH", `/lists/${id}`, { position: keyBetween(null, (await me.call("GET", `/lists/${inbox.id}`)).body.position) });
    expect(((await me.call("GET", "/lists")).body.items as { name: string }[]).map((l) => l.name)).to.deep.equal(["House", "Inbox"]);

    const del = await me.call("DELETE", `/lists/${inbox.id}`);
    expect(del.status).to.equal(409);
    const archive = await me.call("PATCH", `/lists/${inbox.id}`, { archived: true });
    expect(archive.status).to.equal(400);
    expect(archive.body.errors[0].path).to.equal("archived");
    expect((await me.call("GET", `/lists/${inbox.id}`)).body).to.include({ archived: false, version: 1 });

    // A list holding a task is not deleted; empty, it is, and is then gone for good.
    const task = (await me.call("POST", "/tasks", { title: "in house", listId: id })).body;
    const busy = await me.call("DELETE", `/lists/${id}`);
    expect(busy.status).to.equal(409);
    expect(busy.body.type).to.match(/list_not_empty$/);
    expect((await me.call("GET", `/lists/${id}`)).status).to.equal(200);
    expect((await me.call("DELETE", `/tasks/${task.id}`)).status).to.equal(204);
    expect((await me.call("DELETE", `/lists/${id}`)).status).to.equal(204);
    expect((await me.call("GET", `/lists/${id}`)).status).to.equal(404);
    expect((await me.call("PATCH", `/lists/${id}`, { name: "again" })).status).to.equal(404);
    expect(((await me.call("GET", "/lists")).body.items as { id: string }[]).map((l) => l.id)).to.deep.equal([inbox.id]);
  });

  it("creates into a list, moves by PATCH and orders by position without touching the other tasks", async () => {
    const me = await apiAs(`lists-${randomUUID()}`);
    const work = (await me.call("POST", "/lists", { name: "Work" })).body.id as string;
    const make = async (title: string) => (await me.call("POST", "/tasks", { title, listId: work })).body as Task;
    const a = await make("a");
    const b = await make("b");
    const c = await make("c");
    const inInbox = (await me.call("POST", "/tasks", { title: "elsewhere" })).body as Task;
    const order = async () => ((await me.call("GET", `/tasks?list=${work}&sort=position`)).body.items as Task[]).map((t) => t.title);
    expect(await order()).to.deep.equal(["a", "b", "c"]);

    // c between a and b: one task changes, the others keep their version.
    const moved = await me.call("PATCH", `/tasks/${c.id}`, { position: keyBetween(a.position, b.position) });
    expect(moved.status).to.equal(200);
    expect(await order()).to.deep.equal(["a", "c", "b"]);
    expect((await me.call("GET", `/tasks/${a.id}`)).body.version).to.equal(1);
    expect((await me.call("GET", `/tasks/${b.id}`)).body.version).to.equal(1);

    // Move a task to the Inbox: a PATCH of listId.
    const toInbox = await me.call("PATCH", `/tasks/${a.id}`, { listId: inboxIdOf(me.user) });
    expect(toInbox.body.listId).to.equal(inboxIdOf(me.user));
    expect(await order()).to.deep.equal(["c", "b"]);
    const inbox = ((await me.call("GET", `/tasks?list=${inboxIdOf(me.user)}`)).body.items as Task[]).map((t) => t.id).sort();
    expect(inbox).to.deep.equal([a.id, inInbox.id].sort());
    // Other filters and sorts combine with the list.
    expect(((await me.call("GET", `/tasks?list=${work}&sort=title`)).body.items as Task[]).map((t) => t.title)).to.deep.equal(["b", "c"]);
  });

  it("refuses bad input naming the field, and another user's list as if it did not exist, changing nothing", async () => {
    const me = await apiAs(`lists-${randomUUID()}`);
    const other = await apiAs(`lists-other-${randomUUID()}`);
    const theirs = (await other.call("POST", "/lists", { name: "Private" })).body.id as string;
    const task = (await me.call("POST", "/tasks", { title: "stays" })).body as Task;

    const intoTheirs = await me.call("POST", "/tasks", { title: "x", listId: theirs });
    expect(intoTheirs.status).to.equal(404);
    expect(intoTheirs.body.errors[0].path).to.equal("listId");
    const moveIntoTheirs = await me.call("PATCH", `/tasks/${task.id}`, { listId: theirs });
    expect(moveIntoTheirs.status).to.equal(404);
    expect(moveIntoTheirs.body.errors[0].path).to.equal("listId");
    expect((await me.call("GET", `/tasks?list=${theirs}`)).status).to.equal(404);
    expect((await me.call("GET", `/lists/${theirs}`)).status).to.equal(404);
    expect((await me.call("PATCH", `/lists/${theirs}`, { name: "mine now" })).status).to.equal(404);
    expect((await me.call("DELETE", `/lists/${theirs}`)).status).to.equal(404);
    // Someone else's Inbox id is not made into a list for the caller either.
    expect((await me.call("POST", "/tasks", { title: "x", listId: inboxIdOf(other.user) })).status).to.equal(404);

    const cases: [string, string, unknown, string][] = [
      ["POST", "/tasks", { title: "x", listId: "not-a-uuid" }, "listId"],
      ["POST", "/tasks", { title: "x", position: "A0" }, "position"],
      ["PATCH", `/tasks/${task.id}`, { position: "x".repeat(65) }, "position"],
      ["POST", "/lists", { name: "" }, "name"],
      ["POST", "/lists", { name: "x".repeat(101) }, "name"],
      ["POST", "/lists", { name: "ok", colour: "blue" }, "colour"],
      ["POST", "/lists", { name: "ok", inbox: true }, "inbox"],
      ["POST", "/lists", { name: "ok", ownerId: "someone" }, "ownerId"],
      ["GET", "/tasks?sort=position", undefined, "sort"],
      ["GET", "/tasks?list=nope", undefined, "list"],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await me.call(method, path, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).to.equal(400);
      expect(res.headers.get("content-type")).to.match(/application\/problem\+json/);
      expect(JSON.stringify(res.body.errors), `${method} ${path}`).to.include(field);
    }
    expect((await me.call("GET", `/tasks/${task.id}`)).body).to.include({ version: 1, listId: inboxIdOf(me.user) });
    expect(((await me.call("GET", "/lists")).body.items as unknown[]).length).to.equal(1);
    expect((await other.call("GET", `/lists/${theirs}`)).body).to.include({ name: "Private", version: 1 });
  });

  describe("tasks stored before lists", () => {
    let mongo: Connection;
    before(async () => {
      mongo = await connectMongo(new URL(stack().mongoUri).toString());
    });
    after(async () => {
      await mongo.close();
    });

    it("are moved into their owner's Inbox, in creation order, and listed there", async () => {
      const me = await apiAs(`lists-legacy-${randomUUID()}`);
      const readModel = new ReadModel(mongo);
      const legacy = (i: number) => {
        const at = new Date(Date.now() - (10 - i) * 60_000).toISOString();
        const doc = documentOf({
          id: randomUUID(), ownerId: me.user, listId: "x", position: "x", parentId: null, assigneeId: null, title: `old ${i}`, description: "", status: "open", priority: "none", tags: [],
          dueAt: null, timeZone: "UTC", reminders: [], recurrence: null, seriesId: null, snoozedUntil: null, completedAt: null, createdAt: at, updatedAt: at, version: 1,
        }, false);
        // As stored before lists: no list, no position.
        const { listId: _l, position: _p, ...old } = doc;
        return old;
      };
      const docs = [legacy(1), legacy(2)];
      await mongo.collection("tasks_view").insertMany(docs as never[]);
      expect((await me.call("GET", `/tasks?list=${inboxIdOf(me.user)}`)).body.items).to.deep.equal([]);

      expect(await readModel.assignLegacyTasks()).to.be.at.least(2);
      const stored = await mongo.collection("tasks_view").find({ ownerId: me.user }).toArray();
      expect(stored.map((d) => [d.listId, d.position])).to.deep.equal(docs.map((d) => [inboxIdOf(me.user), positionAt(d.createdAt)]));
      const listed = (await me.call("GET", `/tasks?list=${inboxIdOf(me.user)}&sort=position`)).body.items as Task[];
      expect(listed.map((t) => t.title)).to.deep.equal(["old 1", "old 2"]);
      // Run again (another replica, the next start): nothing left to move.
      expect(await readModel.assignLegacyTasks()).to.equal(0);
    });
  });
});
