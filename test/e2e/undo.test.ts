/**
 * Trash and undo on the real stack: a delete goes to the trash and is
 * restored; any edit, completion, move or reorder is undone by a revert to
 * the version before it, which is itself a version (audited as a revert) that
 * can be undone; where an undo cannot apply it answers 409 and changes nothing.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { MAX_KEPT_VERSIONS, type Task } from "../../src/domain/index.js";
import { apiAs, eventually } from "../support/stack.js";
import { join } from "../support/sharing.js";

describe("trash and undo (/trash, restore, revert)", function () {
  this.timeout(120_000);

  it("a deleted task waits in the trash and comes back as it was", async () => {
    const me = await apiAs(`undo-${randomUUID()}`);
    const a = (await me.call("POST", "/tasks", { title: "first", tags: ["x"], dueAt: "2030-01-01T09:00:00Z", reminders: [{ before: "PT15M" }] })).body as Task;
    const b = (await me.call("POST", "/tasks", { title: "second" })).body as Task;
    expect((await me.call("GET", "/trash")).body).to.deep.equal({ items: [], nextCursor: null });

    expect((await me.call("DELETE", `/tasks/${a.id}`)).status).to.equal(204);
    expect((await me.call("DELETE", `/tasks/${b.id}`)).status).to.equal(204);
    expect((await me.call("GET", `/tasks/${a.id}`)).status).to.equal(404);
    // Newest deletion first, paged like GET /tasks.
    const first = await me.call("GET", "/trash?limit=1");
    expect(first.status).to.equal(200);
    expect((first.body.items as Task[]).map((t) => t.id)).to.deep.equal([b.id]);
    const second = await me.call("GET", `/trash?limit=1&cursor=${first.body.nextCursor}`);
    expect((second.body.items as Task[]).map((t) => t.id)).to.deep.equal([a.id]);
    expect(second.body.nextCursor).to.equal(null);
    // Nobody else's trash shows it, and nobody else may restore it.
    const other = await apiAs(`undo-other-${randomUUID()}`);
    expect((await other.call("GET", "/trash")).body.items).to.deep.equal([]);
    expect((await other.call("POST", `/tasks/${a.id}/restore`)).status).to.equal(404);

    const restored = await me.call("POST", `/tasks/${a.id}/restore`);
    expect(restored.status).to.equal(200);
    expect(restored.headers.get("etag")).to.equal(`"${a.version + 2}"`);
    const { version: _v, updatedAt: _u, ...was } = a;
    expect(restored.body).to.deep.include(was);
    expect((await me.call("GET", `/tasks/${a.id}`)).body).to.include({ title: "first", version: a.version + 2 });
    expect(((await me.call("GET", "/tasks")).body.items as Task[]).map((t) => t.id)).to.deep.equal([a.id]);
    expect(((await me.call("GET", "/trash")).body.items as Task[]).map((t) => t.id)).to.deep.equal([b.id]);
    // Not in the trash any more: 409, nothing changed.
    const again = await me.call("POST", `/tasks/${a.id}/restore`);
    expect(again.status).to.equal(409);
    expect(again.headers.get("content-type")).to.match(/application\/problem\+json/);
    expect((await me.call("GET", `/tasks/${a.id}`)).body.version).to.equal(a.version + 2);
    // The audit has both: deleted, then restored.
    const history = await eventually(() => me.call("GET", `/tasks/${a.id}/history`), (r) => (r.body.items ?? []).length >= 3, 30_000, "the restore audited");
    expect((history.body.items as { type: string }[]).map((e) => e.type).slice(-2)).to.deep.equal(["tickler.task.deleted.v1", "tickler.task.restored.v1"]);
  });

  it("undoes an edit, a completion, a move and a reorder by reverting to the version before; a revert is undone the same way", async () => {
    const me = await apiAs(`undo-${randomUUID()}`);
    const home = (await me.call("POST", "/lists", { name: "Home" })).body.id as string;
    const t = (await me.call("POST", "/tasks", { title: "Paint", priority: "low" })).body as Task;

    const edited = await me.call("PATCH", `/tasks/${t.id}`, { title: "Paint the fence", priority: "high" });
    const undoEdit = await me.call("POST", `/tasks/${t.id}/revert`, { version: t.version });
    expect(undoEdit.status).to.equal(200);
    expect(undoEdit.body).to.include({ title: "Paint", priority: "low", version: edited.body.version + 1 });
    expect(undoEdit.headers.get("etag")).to.equal(`"${edited.body.version + 1}"`);
    // Redo: the undo is a version too.
    const redo = await me.call("POST", `/tasks/${t.id}/revert`, { version: edited.body.version });
    expect(redo.body).to.include({ title: "Paint the fence", priority: "high" });

    const before = redo.body as Task;
    const completed = await me.call("POST", `/tasks/${t.id}/complete`);
    expect(completed.body.task.status).to.equal("completed");
    const undoComplete = await me.call("POST", `/tasks/${t.id}/revert`, { version: before.version });
    expect(undoComplete.body).to.include({ status: "open", completedAt: null });

    const beforeMove = undoComplete.body as Task;
    const moved = await me.call("PATCH", `/tasks/${t.id}`, { listId: home, position: "zz" });
    expect(moved.body.listId).to.equal(home);
    const undoMove = await me.call("POST", `/tasks/${t.id}/revert`, { version: beforeMove.version });
    expect(undoMove.body).to.include({ listId: beforeMove.listId, position: beforeMove.position });
    expect(((await me.call("GET", `/tasks?list=${home}`)).body.items as Task[])).to.deep.equal([]);

    // Sent twice (a double click): the second changes nothing.
    const twice = await me.call("POST", `/tasks/${t.id}/revert`, { version: beforeMove.version });
    expect(twice.status).to.equal(200);
    expect(twice.body.version).to.equal(undoMove.body.version);

    const history = await eventually(() => me.call("GET", `/tasks/${t.id}/history`), (r) => (r.body.items ?? []).length >= twice.body.version, 30_000, "every version audited");
    const types = (history.body.items as { type: string }[]).map((e) => e.type);
    expect(types.filter((type) => type === "tickler.task.reverted.v1")).to.have.length(4);
  });

  it("refuses what cannot apply (409) and bad input (400 naming version), changing nothing", async () => {
    const me = await apiAs(`undo-${randomUUID()}`);
    const t = (await me.call("POST", "/tasks", { title: "v1" })).body as Task;
    let last = t;
    for (let i = 2; i <= MAX_KEPT_VERSIONS + 3; i++) last = (await me.call("PATCH", `/tasks/${t.id}`, { title: `v${i}` })).body as Task;

    for (const body of [{}, { version: 0 }, { version: "1" }, { version: 1.5 }, { version: 1, extra: true }, { version: last.version + 1 }]) {
      const bad = await me.call("POST", `/tasks/${t.id}/revert`, body);
      expect(bad.status, JSON.stringify(body)).to.equal(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path), JSON.stringify(body)).to.include(Object.keys(body)[1] ?? "version");
    }
    const gone = await me.call("POST", `/tasks/${t.id}/revert`, { version: 1 });
    expect(gone.status).to.equal(409);
    expect(gone.body.type).to.match(/cannot_undo$/);
    expect(gone.body.errors[0].path).to.equal("version");
    expect((await me.call("GET", `/tasks/${t.id}`)).body).to.include({ title: last.title, version: last.version });
    // A task the caller cannot see: 404, whoever asks.
    const other = await apiAs(`undo-other-${randomUUID()}`);
    expect((await other.call("POST", `/tasks/${t.id}/revert`, { version: last.version - 1 })).status).to.equal(404);
    expect((await me.call("POST", `/tasks/${randomUUID()}/revert`, { version: 1 })).status).to.equal(404);
    // A deleted task is restored, not reverted.
    await me.call("DELETE", `/tasks/${t.id}`);
    expect((await me.call("POST", `/tasks/${t.id}/revert`, { version: last.version })).status).to.equal(404);
  });

  it("an undo into a list that was deleted, or whose access was lost, answers 409 and changes nothing", async () => {
    const ada = await apiAs(`undo-ada-${randomUUID()}`);
    const bob = await apiAs(`undo-bob-${randomUUID()}`);
    // Move out of a list, delete the list, undo the move.
    const temp = (await ada.call("POST", "/lists", { name: "Temp" })).body.id as string;
    const t = (await ada.call("POST", "/tasks", { title: "wanderer", listId: temp })).body as Task;
    const moved = (await ada.call("PATCH", `/tasks/${t.id}`, { listId: (await ada.call("GET", "/lists")).body.items[0].id })).body as Task;
    expect((await ada.call("DELETE", `/lists/${temp}`)).status).to.equal(204);
    const noList = await ada.call("POST", `/tasks/${t.id}/revert`, { version: t.version });
    expect(noList.status).to.equal(409);
    expect(noList.body.type).to.match(/cannot_undo$/);
    expect((await ada.call("GET", `/tasks/${t.id}`)).body).to.include({ listId: moved.listId, version: moved.version });

    // A trashed task whose list was deleted meanwhile (a list of trashed tasks only may go).
    const temp2 = (await ada.call("POST", "/lists", { name: "Temp2" })).body.id as string;
    const u = (await ada.call("POST", "/tasks", { title: "orphan", listId: temp2 })).body as Task;
    await ada.call("DELETE", `/tasks/${u.id}`);
    expect((await ada.call("DELETE", `/lists/${temp2}`)).status).to.equal(204);
    const orphan = await ada.call("POST", `/tasks/${u.id}/restore`);
    expect(orphan.status).to.equal(409);
    expect(orphan.body.type).to.match(/cannot_undo$/);

    // A shared list: bob (editor) deletes ada's task and restores it; once removed, he cannot.
    const shared = (await ada.call("POST", "/lists", { name: "Shared" })).body.id as string;
    await join(ada, shared, bob, "editor");
    const s = (await ada.call("POST", "/tasks", { title: "shared", listId: shared })).body as Task;
    expect((await bob.call("DELETE", `/tasks/${s.id}`)).status).to.equal(204);
    expect((await bob.call("POST", `/tasks/${s.id}/restore`)).status).to.equal(200);
    const edited = (await bob.call("PATCH", `/tasks/${s.id}`, { title: "bob's title" })).body as Task;
    expect((await ada.call("DELETE", `/lists/${shared}/members/${encodeURIComponent(bob.user)}`)).status).to.equal(204);
    expect((await bob.call("POST", `/tasks/${s.id}/revert`, { version: edited.version - 1 })).status).to.equal(404);
    await ada.call("DELETE", `/tasks/${s.id}`);
    expect((await bob.call("POST", `/tasks/${s.id}/restore`)).status).to.equal(404);
    expect((await ada.call("POST", `/tasks/${s.id}/restore`)).body).to.include({ title: "bob's title" });
  });
});
