/** Renaming, merging and deleting a tag across a user's tasks: each task changed through its actor, audited, idempotent. */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { apiAs, eventually } from "../support/stack.js";

describe("tag management (PATCH/DELETE /tags/{tag})", function () {

  it("renames a tag on every task that carries it, merges into an existing one, and does nothing the second time", async () => {
    const me = await apiAs(`tags-${randomUUID()}`);
    const other = await apiAs(`tags-other-${randomUUID()}`);
    const a = (await me.call("POST", "/tasks", { title: "a", tags: ["Errand", "home"] })).body;
    const b = (await me.call("POST", "/tasks", { title: "b", tags: ["errand", "shop"] })).body;
    const c = (await me.call("POST", "/tasks", { title: "c", tags: ["shop"] })).body;
    await me.call("POST", `/tasks/${b.id}/complete`);
    const theirs = (await other.call("POST", "/tasks", { title: "theirs", tags: ["errand"] })).body;

    const renamed = await me.call("PATCH", "/tags/Errand", { name: "Chores" });
    expect(renamed.status).to.equal(200);
    expect(renamed.body).to.deep.equal({ tag: "chores", renamedFrom: "errand", tasksChanged: 2 });
    const tagsOf = async (id: string) => (await me.call("GET", `/tasks/${id}`)).body.tags;
    expect(await tagsOf(a.id)).to.deep.equal(["chores", "home"]);
    expect(await tagsOf(b.id)).to.deep.equal(["chores", "shop"]);
    expect((await other.call("GET", `/tasks/${theirs.id}`)).body.tags).to.deep.equal(["errand"]);

    // Merge: "shop" into "chores"; b has both and keeps one.
    expect((await me.call("PATCH", "/tags/shop", { name: "chores" })).body.tasksChanged).to.equal(2);
    expect(await tagsOf(b.id)).to.deep.equal(["chores"]);
    expect(await tagsOf(c.id)).to.deep.equal(["chores"]);
    const again = await me.call("PATCH", "/tags/shop", { name: "chores" });
    expect(again.status).to.equal(200);
    expect(again.body.tasksChanged).to.equal(0);
    expect((await me.call("GET", "/tags")).body.items).to.deep.equal([{ tag: "chores", count: 3 }, { tag: "home", count: 1 }]);

    // Each change is an ordinary audited update of the task.
    const history = await eventually(
      async () => {
        const r = await me.call("GET", `/tasks/${c.id}/history`);
        return r.status === 200 ? r.body.items : [];
      },
      (items: any[]) => items.length >= 2,
      15_000,
      "the update in the audit trail",
    );
    expect(history.map((h: any) => [h.type, h.changed])).to.deep.include(["tickler.task.updated.v1", ["tags"]]);
  });

  it("deletes a tag from every task, idempotently, and validates names", async () => {
    const me = await apiAs(`tags-${randomUUID()}`);
    const a = (await me.call("POST", "/tasks", { title: "a", tags: ["old", "keep"] })).body;
    expect((await me.call("DELETE", "/tags/old")).status).to.equal(204);
    expect((await me.call("GET", `/tasks/${a.id}`)).body).to.include({ version: 2 }).and.to.have.deep.property("tags", ["keep"]);
    expect((await me.call("DELETE", "/tags/old")).status).to.equal(204);
    expect((await me.call("GET", `/tasks/${a.id}`)).body.version).to.equal(2);
    const bad = await me.call("PATCH", "/tags/keep", { name: "" });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].path).to.equal("name");
    expect((await me.call("PATCH", "/tags/keep", {})).status).to.equal(400);
    expect((await me.call("PATCH", "/tags/keep", { name: "x" }, { authorization: "" })).status).to.equal(401);
  });
});
