/**
 * Comments on the real stack: members who may comment add them, everyone who
 * may read the task reads them, authors edit and delete their own, the list's
 * owner deletes any; a viewer, a non-member and bad text are refused with
 * nothing changed.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { MAX_COMMENT_LENGTH, type Task } from "../../src/domain/index.js";
import { apiAs } from "../support/stack.js";
import { join } from "../support/sharing.js";

describe("comments (/tasks/{id}/comments)", function () {
  this.timeout(120_000);

  it("lets commenters comment, authors edit and delete, owners delete any; refuses viewers, outsiders and bad text", async () => {
    const ada = await apiAs(`com-ada-${randomUUID()}`);
    const cem = await apiAs(`com-cem-${randomUUID()}`);
    const vic = await apiAs(`com-vic-${randomUUID()}`);
    const out = await apiAs(`com-out-${randomUUID()}`);
    const list = (await ada.call("POST", "/lists", { name: "Team" })).body.id as string;
    await join(ada, list, cem, "commenter");
    await join(ada, list, vic, "viewer");
    const task = (await ada.call("POST", "/tasks", { title: "plan", listId: list })).body as Task;
    const path = `/tasks/${task.id}/comments`;

    const first = await cem.call("POST", path, { text: "  I can do Tuesday\nor Wednesday  " });
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    expect(first.body).to.include({ taskId: task.id, authorId: cem.user, text: "I can do Tuesday\nor Wednesday", editedAt: null });
    expect(first.headers.get("location")).to.equal(`/api/v1${path}/${first.body.id}`);
    const second = (await ada.call("POST", path, { text: "Tuesday it is" })).body;

    // Readers see them, oldest first; a viewer cannot add one, an outsider cannot see the task.
    expect(((await vic.call("GET", path)).body.items as { text: string }[]).map((c) => c.text)).to.deep.equal(["I can do Tuesday\nor Wednesday", "Tuesday it is"]);
    const viewer = await vic.call("POST", path, { text: "me too" });
    expect(viewer.status).to.equal(403);
    expect((await out.call("GET", path)).status).to.equal(404);
    expect((await out.call("POST", path, { text: "hi" })).status).to.equal(404);

    for (const [body, field] of [[{ text: "" }, "text"], [{ text: "x".repeat(MAX_COMMENT_LENGTH + 1) }, "text"], [{ text: "a\u202Eb" }, "text"], [{ text: "ok", html: "<b>" }, ""]] as const) {
      const bad = await cem.call("POST", path, body);
      expect(bad.status, JSON.stringify(body).slice(0, 40)).to.equal(400);
      if (field) expect(bad.body.errors.map((e: { path: string }) => e.path)).to.include(field);
    }

    // Authors edit their own; nobody else's.
    const edited = await cem.call("PATCH", `${path}/${first.body.id}`, { text: "Tuesday works" });
    expect(edited.status).to.equal(200);
    expect(edited.body.text).to.equal("Tuesday works");
    expect(edited.body.editedAt).to.be.a("string");
    expect((await cem.call("PATCH", `${path}/${second.id}`, { text: "hijack" })).status).to.equal(403);
    expect((await ada.call("PATCH", `${path}/${first.body.id}`, { text: "rewritten" })).status).to.equal(403);
    // Deleting: not someone else's (unless the list's owner).
    expect((await cem.call("DELETE", `${path}/${second.id}`)).status).to.equal(403);
    expect((await ada.call("DELETE", `${path}/${first.body.id}`)).status).to.equal(204);
    expect((await ada.call("DELETE", `${path}/${first.body.id}`)).status).to.equal(404);
    expect(((await cem.call("GET", path)).body.items as { id: string; text: string }[]).map((c) => c.text)).to.deep.equal(["Tuesday it is"]);
  });
});
