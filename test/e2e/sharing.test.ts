/**
 * Sharing a list on the real stack: invitations and consent, roles (owner,
 * editor, commenter, viewer) deciding what REST allows, ownership transfer,
 * leaving, and revocation: the first request after a removal's 2xx is refused.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Task } from "../../src/domain/index.js";
import { inboxIdOf } from "../../src/infra/ids.js";
import { apiAs } from "../support/stack.js";
import { join } from "../support/sharing.js";

type Api = Awaited<ReturnType<typeof apiAs>>;

describe("sharing lists with roles (invitations, members, revocation)", function () {
  this.timeout(90_000);

  it("adds a member only with their consent, and lets each role do only what it may", async () => {
    const ada = await apiAs(`share-ada-${randomUUID()}`);
    const bob = await apiAs(`share-bob-${randomUUID()}`);
    const list = (await ada.call("POST", "/lists", { name: "Family" })).body.id as string;
    const task = (await ada.call("POST", "/tasks", { title: "buy milk", listId: list })).body as Task;

    const invited = await ada.call("POST", `/lists/${list}/invitations`, { userId: bob.user, role: "viewer" });
    expect(invited.status).to.equal(201);
    expect(invited.body).to.include({ listId: list, userId: bob.user, role: "viewer", invitedBy: ada.user });
    // Invited is not a member: nothing is visible until bob accepts.
    expect((await bob.call("GET", `/lists/${list}`)).status).to.equal(404);
    expect((await bob.call("GET", `/tasks/${task.id}`)).status).to.equal(404);
    const mine = await bob.call("GET", "/me/invitations");
    expect(mine.body.items).to.deep.equal([{ ...invited.body, listName: "Family" }]);
    expect((await ada.call("POST", `/me/invitations/${invited.body.id}/accept`)).status, "only the invitee answers").to.equal(404);
    expect((await bob.call("POST", `/me/invitations/${invited.body.id}/accept`)).status).to.equal(200);
    expect((await bob.call("GET", "/me/invitations")).body.items).to.deep.equal([]);

    // Viewer: reads the list and its tasks, changes nothing.
    expect(((await bob.call("GET", "/lists")).body.items as { id: string }[]).map((l) => l.id)).to.include(list);
    expect(((await bob.call("GET", `/tasks?list=${list}`)).body.items as Task[]).map((t) => t.id)).to.deep.equal([task.id]);
    expect((await bob.call("GET", `/tasks/${task.id}`)).body.title).to.equal("buy milk");
    const edit = await bob.call("PATCH", `/tasks/${task.id}`, { title: "buy beer" });
    expect(edit.status).to.equal(403);
    expect(edit.body.errors[0].path).to.equal("listId");
    expect((await bob.call("POST", `/tasks/${task.id}/complete`)).status).to.equal(403);
    expect((await bob.call("DELETE", `/tasks/${task.id}`)).status).to.equal(403);
    expect((await bob.call("POST", "/tasks", { title: "sneaky", listId: list })).status).to.equal(403);
    expect((await bob.call("PATCH", `/lists/${list}`, { name: "Mine" })).status).to.equal(403);
    expect((await bob.call("POST", `/lists/${list}/invitations`, { userId: "someone", role: "viewer" })).status).to.equal(403);
    expect((await ada.call("GET", `/tasks/${task.id}`)).body).to.include({ title: "buy milk", version: 1, status: "open" });

    // Editor: edits and creates tasks in the list, which every member sees.
    const promoted = await ada.call("PATCH", `/lists/${list}/members/${encodeURIComponent(bob.user)}`, { role: "editor" });
    expect(promoted.body.items).to.deep.equal([{ userId: ada.user, role: "owner" }, { userId: bob.user, role: "editor" }]);
    expect((await bob.call("PATCH", `/tasks/${task.id}`, { title: "buy oat milk" })).body.title).to.equal("buy oat milk");
    const bobs = (await bob.call("POST", "/tasks", { title: "bob's", listId: list })).body as Task;
    expect(((await ada.call("GET", `/tasks?list=${list}&sort=position`)).body.items as Task[]).map((t) => t.title)).to.deep.equal(["buy oat milk", "bob's"]);
    expect((await ada.call("POST", `/tasks/${bobs.id}/complete`)).status).to.equal(200);
    // Still not the list's manager.
    expect((await bob.call("DELETE", `/lists/${list}`)).status).to.equal(403);
  });

  it("revokes at once: the first request after a removal's 2xx is refused, for tasks the member made too", async () => {
    const ada = await apiAs(`share-ada-${randomUUID()}`);
    const bob = await apiAs(`share-bob-${randomUUID()}`);
    const list = (await ada.call("POST", "/lists", { name: "Team" })).body.id as string;
    await join(ada, list, bob, "editor");
    const adas = (await ada.call("POST", "/tasks", { title: "ada's", listId: list })).body as Task;
    const bobs = (await bob.call("POST", "/tasks", { title: "bob's", listId: list })).body as Task;
    expect(((await bob.call("GET", "/tasks")).body.items as Task[]).map((t) => t.id)).to.include(bobs.id);

    expect((await ada.call("DELETE", `/lists/${list}/members/${encodeURIComponent(bob.user)}`)).status).to.equal(204);
    expect((await bob.call("GET", `/tasks?list=${list}`)).status).to.equal(404);
    for (const id of [adas.id, bobs.id]) {
      expect((await bob.call("GET", `/tasks/${id}`)).status, `GET ${id}`).to.equal(404);
      expect((await bob.call("PATCH", `/tasks/${id}`, { title: "after removal" })).status).to.equal(404);
      expect((await bob.call("POST", `/tasks/${id}/complete`)).status).to.equal(404);
      expect((await bob.call("DELETE", `/tasks/${id}`)).status).to.equal(404);
    }
    expect(((await bob.call("GET", "/tasks")).body.items as Task[]).map((t) => t.id)).to.not.include(bobs.id);
    expect(((await bob.call("GET", "/lists")).body.items as { id: string }[]).map((l) => l.id)).to.deep.equal([inboxIdOf(bob.user)]);
    expect((await bob.call("POST", "/tasks", { title: "x", listId: list })).status).to.equal(404);
    // Nothing changed by the refused requests; the tasks stay in the list for its owner.
    const left = (await ada.call("GET", `/tasks?list=${list}&sort=position`)).body.items as Task[];
    expect(left.map((t) => [t.title, t.version])).to.deep.equal([["ada's", 1], ["bob's", 1]]);
  });

  it("transfers ownership, lets a member leave, and refuses bad membership input naming the field", async () => {
    const ada = await apiAs(`share-ada-${randomUUID()}`);
    const bob = await apiAs(`share-bob-${randomUUID()}`);
    const cy = await apiAs(`share-cy-${randomUUID()}`);
    const list = (await ada.call("POST", "/lists", { name: "Club" })).body.id as string;
    await join(ada, list, bob, "editor");
    await join(ada, list, cy, "commenter");

    const cases: [Api, string, string, unknown, number, string][] = [
      [ada, "POST", `/lists/${list}/invitations`, { userId: ada.user, role: "editor" }, 400, "userId"],
      [ada, "POST", `/lists/${list}/invitations`, { userId: bob.user, role: "owner" }, 400, "role"],
      [ada, "POST", `/lists/${list}/invitations`, { userId: "x".repeat(201) }, 400, "userId"],
      [ada, "POST", `/lists/${list}/invitations`, { userId: bob.user, role: "viewer" }, 409, "userId"],
      [ada, "POST", `/lists/${inboxIdOf(ada.user)}/invitations`, { userId: bob.user, role: "viewer" }, 400, "listId"],
      [ada, "PATCH", `/lists/${list}/members/${encodeURIComponent(ada.user)}`, { role: "viewer" }, 400, "role"],
      [ada, "PATCH", `/lists/${list}/members/${encodeURIComponent(bob.user)}`, { role: "boss" }, 400, "role"],
      [ada, "DELETE", `/lists/${list}/members/${encodeURIComponent(ada.user)}`, undefined, 400, "userId"],
      [ada, "DELETE", `/lists/${list}/members/nobody`, undefined, 404, "userId"],
    ];
    for (const [who, method, path, body, status, field] of cases) {
      const res = await who.call(method, path, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`).to.equal(status);
      expect(JSON.stringify(res.body.errors ?? []), `${method} ${path}`).to.include(field);
    }
    const members = [{ userId: ada.user, role: "owner" }, { userId: bob.user, role: "editor" }, { userId: cy.user, role: "commenter" }];
    expect((await cy.call("GET", `/lists/${list}/members`)).body.items).to.deep.equal(members);

    // cy leaves; bob becomes the owner, ada stays as an editor and manages nothing any more.
    expect((await cy.call("DELETE", `/lists/${list}/members/${encodeURIComponent(cy.user)}`)).status).to.equal(204);
    expect((await cy.call("GET", `/lists/${list}`)).status).to.equal(404);
    const transferred = await ada.call("PATCH", `/lists/${list}/members/${encodeURIComponent(bob.user)}`, { role: "owner" });
    expect(transferred.body.items).to.deep.equal([{ userId: bob.user, role: "owner" }, { userId: ada.user, role: "editor" }]);
    expect((await ada.call("PATCH", `/lists/${list}`, { name: "Ada's" })).status).to.equal(403);
    expect((await bob.call("PATCH", `/lists/${list}`, { name: "Bob's" })).body).to.include({ name: "Bob's", ownerId: bob.user });
  });
});
