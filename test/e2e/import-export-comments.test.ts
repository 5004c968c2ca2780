/**
 * Comments across an export and an import, on the real stack: the export
 * carries each task's comments in order; the import makes them again as the
 * importer's (importedFrom keeps who wrote them), once however often the file
 * is sent, notifying no mention again; a bad comment imports nothing.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { apiAs, eventually } from "../support/stack.js";
import { join, mentionsOf } from "../support/sharing.js";

type Api = Awaited<ReturnType<typeof apiAs>>;

const commentsOf = async (api: Api, taskId: string) => (await api.call("GET", `/tasks/${taskId}/comments`)).body.items as any[];

describe("comments in the export and the import (e2e)", function () {
  it("round-trips comments in order as the importer's, with importedFrom; a second import makes none and brings back none deleted; no mention is notified again", async () => {
    const ada = await apiAs(`xc-ada-${randomUUID()}`);
    const cem = await apiAs(`xc-cem-${randomUUID()}`);
    const bob = await apiAs(`xc-bob-${randomUUID()}`);
    const dan = await apiAs(`xc-dan-${randomUUID()}`);
    const shared = (await ada.call("POST", "/lists", { name: "Garden" })).body.id as string;
    await join(ada, shared, cem, "commenter");
    const fence = (await ada.call("POST", "/tasks", { title: "paint the fence", listId: shared })).body;
    const quiet = (await ada.call("POST", "/tasks", { title: "no comments here" })).body;
    const first = await ada.call("POST", `/tasks/${fence.id}/comments`, { text: "first: white?" });
    expect(first.status).to.equal(201);
    expect((await ada.call("PATCH", `/tasks/${fence.id}/comments/${first.body.id}`, { text: "first: white, two coats" })).status).to.equal(200);
    const second = await cem.call("POST", `/tasks/${fence.id}/comments`, { text: `second, ask @${dan.user}\nabout brushes` });
    expect(second.status).to.equal(201);

    const exported = (await ada.call("GET", "/export")).body;
    expect(exported.commentsTruncated).to.equal(false);
    const fenceOut = exported.tasks.find((t: any) => t.id === fence.id);
    expect(fenceOut.comments.map((c: any) => [c.id, c.authorId, c.text])).to.deep.equal([
      [first.body.id, ada.user, "first: white, two coats"], [second.body.id, cem.user, `second, ask @${dan.user}\nabout brushes`],
    ]);
    expect(fenceOut.comments[0].editedAt).to.be.a("string");
    expect(fenceOut.comments[1]).to.include({ createdAt: second.body.createdAt, editedAt: null });
    expect(exported.tasks.find((t: any) => t.id === quiet.id).comments).to.deep.equal([]);

    // Bob imports into a list he shares with dan: dan may read the copy, so a mention of him would reach him.
    const bobs = (await bob.call("POST", "/lists", { name: "Bob's garden" })).body.id as string;
    await join(bob, bobs, dan, "editor");
    const imported = await bob.call("POST", `/import?list=${bobs}`, exported);
    expect(imported.status, JSON.stringify(imported.body)).to.equal(200);
    expect(imported.body.comments).to.deep.equal({ created: 2, existing: 0, leftOut: 0 });
    const copy = imported.body.items[exported.tasks.findIndex((t: any) => t.id === fence.id)].id as string;
    const made = await commentsOf(bob, copy);
    expect(made.map((c) => c.text), "the file's order").to.deep.equal(fenceOut.comments.map((c: any) => c.text));
    expect(made.every((c) => c.authorId === bob.user && c.editedAt === null), "written here by the importer").to.equal(true);
    expect(made.map((c) => c.importedFrom)).to.deep.equal(fenceOut.comments.map((c: any) => ({ authorId: c.authorId, createdAt: c.createdAt, editedAt: c.editedAt })));
    expect(made.map((c) => c.id)).to.not.include.members([first.body.id, second.body.id]);

    const again = await bob.call("POST", `/import?list=${bobs}`, exported);
    expect(again.body.comments).to.deep.equal({ created: 0, existing: 2, leftOut: 0 });
    expect(await commentsOf(bob, copy)).to.deep.equal(made);
    // One deleted since is not brought back by the same file.
    expect((await bob.call("DELETE", `/tasks/${copy}/comments/${made[0].id}`)).status).to.equal(204);
    const third = await bob.call("POST", `/import?list=${bobs}`, exported);
    expect(third.body.comments).to.deep.equal({ created: 0, existing: 2, leftOut: 0 });
    expect((await commentsOf(bob, copy)).map((c) => c.id)).to.deep.equal([made[1].id]);

    // A comment posted after the import mentions dan; its event follows the imported ones on the task's partition,
    // so once dan is notified of it, the imported mention was handled too: dan has exactly this one.
    const later = await bob.call("POST", `/tasks/${copy}/comments`, { text: `@${dan.user} brushes are in the shed` });
    expect(later.status).to.equal(201);
    await eventually(() => mentionsOf(dan, copy), (m) => m.length >= 1, 30_000, "dan's mention of the later comment");
    expect(await mentionsOf(dan, copy)).to.have.length(1);

    // The importer's export carries importedFrom along; his own comment has none.
    const bobsFile = (await bob.call("GET", "/export")).body;
    const carried = bobsFile.tasks.find((t: any) => t.id === copy).comments;
    expect(carried.map((c: any) => c.importedFrom?.authorId)).to.deep.equal([cem.user, undefined]);
  });

  it("refuses a file with a bad comment (too long, too many, on another task, unreadable) naming it, and imports nothing", async () => {
    const eve = await apiAs(`xc-eve-${randomUUID()}`);
    const c = (id: string, extra: Record<string, unknown> = {}) => ({ id, authorId: "someone", text: `comment ${id}`, createdAt: "2026-12-01T10:00:00.000Z", editedAt: null, ...extra });
    const file = (tasks: unknown[]) => ({ format: "tickler.export", version: 1, tasks });
    const cases: [string, unknown, string][] = [
      ["a text over 2,000 characters", file([{ id: "t1", title: "ok" }, { id: "t2", title: "x", comments: [c("a"), c("b", { text: "x".repeat(2001) })] }]), "tasks.1.comments.1.text"],
      ["201 comments on a task", file([{ id: "t1", title: "x", comments: Array.from({ length: 201 }, (_, i) => c(`c${i}`)) }]), "tasks.0.comments"],
      ["a comment on another task", file([{ id: "t1", title: "x" }, { id: "t2", title: "y", comments: [c("a", { taskId: "t9" })] }]), "tasks.1.comments.0.taskId"],
      ["a comment without an author", file([{ id: "t1", title: "x", comments: [c("a", { authorId: undefined })] }]), "tasks.0.comments.0.authorId"],
    ];
    for (const [label, body, path] of cases) {
      const res = await eve.call("POST", "/import", body);
      expect(res.status, label).to.equal(400);
      expect(res.headers.get("content-type"), label).to.match(/^application\/problem\+json/);
      expect(res.body.errors.map((e: any) => e.path), label).to.deep.equal([path]);
    }
    expect((await eve.call("GET", "/tasks?status=all")).body.items, "nothing imported").to.deep.equal([]);
  });
});
