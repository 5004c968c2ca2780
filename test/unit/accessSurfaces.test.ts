/** The access policy's surface decisions (src/domain/access.ts) and the checks' shell (src/infra/listAccess.ts) over a fake list actor. */
import { expect } from "chai";
import { audienceOf, checkOf, DomainError, isPrivateToMaker, LIST_ACTIONS, ownInboxAllows, SURFACE_CHECKS, visibleIn, type ListAccess } from "../../src/domain/index.js";
import { Lists } from "../../src/api/lists/lists.js";
import { inboxIdOf } from "../../src/infra/ids.js";
import { ListAccessChecks } from "../../src/infra/listAccess.js";
import { planList } from "../../src/infra/taskQuery.js";

const LIST = "0b5c8f5e-8f5a-4c39-9d0e-2a1e7f6b1c11";
const shared: ListAccess = { ownerId: "ada", members: [{ userId: "bob", role: "viewer" }] };

function fakeActors(list: ListAccess) {
  const calls: string[] = [];
  return {
    calls,
    actors: {
      audience: async (listId: string) => (calls.push(`audience ${listId}`), listId === LIST ? audienceOf(list) : []),
      authorize: async (listId: string, userId: string) => {
        calls.push(`authorize ${listId} ${userId}`);
        if (listId !== LIST || !audienceOf(list).includes(userId)) throw new DomainError("not_found", "no such list", "listId");
        return {} as never;
      },
    },
  };
}

describe("access on every surface (policy)", () => {
  it("names one check for every surface: the actor where one list is asked, the view for all of a user's lists", () => {
    expect(checkOf("stream")).to.equal("actor");
    expect(checkOf("actionLink")).to.equal("actor");
    expect(checkOf("reminder")).to.equal("actor");
    expect(checkOf("calendarFeed")).to.equal("view");
    expect(checkOf("export")).to.equal("view");
    expect(checkOf("history")).to.equal("view");
    expect(Object.values(SURFACE_CHECKS).every((c) => c === "actor" || c === "view")).to.equal(true);
  });

  it("treats a maker's Inbox and a task from before lists as the maker's alone", () => {
    expect(isPrivateToMaker(inboxIdOf("ada"), inboxIdOf("ada"))).to.equal(true);
    expect(isPrivateToMaker("", inboxIdOf("ada"))).to.equal(true);
    expect(isPrivateToMaker(null, inboxIdOf("ada"))).to.equal(true);
    expect(isPrivateToMaker(LIST, inboxIdOf("ada"))).to.equal(false);
    const readable = new Set([inboxIdOf("bob"), LIST]);
    expect(visibleIn(readable, "bob", "ada", LIST, inboxIdOf("ada")), "a shared list's task made by another member").to.equal(true);
    expect(visibleIn(readable, "bob", "ada", inboxIdOf("ada"), inboxIdOf("ada")), "another's Inbox").to.equal(false);
    expect(visibleIn(new Set([inboxIdOf("bob")]), "bob", "bob", LIST, inboxIdOf("bob")), "their own task in a list they left").to.equal(false);
  });

  it("lets a user work with the tasks of their own Inbox without asking its actor, and nothing else", () => {
    for (const action of ["read", "comment", "editTasks"] as const) expect(ownInboxAllows(inboxIdOf("ada"), inboxIdOf("ada"), action), action).to.equal(true);
    for (const action of LIST_ACTIONS.filter((a) => !["read", "comment", "editTasks"].includes(a))) {
      expect(ownInboxAllows(inboxIdOf("ada"), inboxIdOf("ada"), action), `${action}: the list itself is its actor's to answer`).to.equal(false);
    }
    expect(ownInboxAllows(inboxIdOf("ada"), inboxIdOf("bob"), "read"), "another's Inbox").to.equal(false);
    expect(ownInboxAllows(LIST, inboxIdOf("ada"), "read"), "a shared list").to.equal(false);
  });

  it("checks a task route against the list's actor except in the caller's own Inbox, which a create asks for once per process", async () => {
    const { actors, calls } = fakeActors(shared);
    const made: string[] = [];
    const lists = new Lists(
      { ...actors, handle: async (listId, command) => (made.push(`${command.kind} ${listId}`), { list: { id: listId } as never, invitations: [], changed: false, deleted: false }) },
      { apply: async () => undefined },
    );
    await lists.check(inboxIdOf("ada"), "ada", "editTasks");
    expect(calls, "own Inbox: no actor asked").to.deep.equal([]);
    await lists.check(LIST, "bob", "read");
    expect(calls).to.deep.equal([`authorize ${LIST} bob`]);
    const refused = await lists.check(inboxIdOf("ada"), "bob", "read").catch((err: unknown) => err);
    expect(refused, "another's Inbox goes to its actor, which refuses").to.be.instanceOf(DomainError);
    expect(await lists.forNewTask("ada", undefined)).to.equal(inboxIdOf("ada"));
    expect(await lists.forNewTask("ada", inboxIdOf("ada"))).to.equal(inboxIdOf("ada"));
    expect(made, "the Inbox made (or found) once").to.deep.equal([`ensureInbox ${inboxIdOf("ada")}`]);
  });

  it("sends a shared list's events to every member and an Inbox's to its owner without asking any actor", async () => {
    const { actors, calls } = fakeActors(shared);
    const access = new ListAccessChecks(actors);
    expect(await access.recipients("bob", LIST)).to.deep.equal(["ada", "bob"]);
    expect(await access.recipients("ada", inboxIdOf("ada"))).to.deep.equal(["ada"]);
    expect(await access.recipients("ada", "")).to.deep.equal(["ada"]);
    expect(calls).to.deep.equal([`audience ${LIST}`]);
  });

  it("answers false, not an error, for a user the list refuses, and lets other failures through", async () => {
    const { actors } = fakeActors(shared);
    const access = new ListAccessChecks(actors);
    expect(await access.may("bob", "bob", LIST, "read")).to.equal(true);
    expect(await access.may("cyd", "cyd", LIST, "read")).to.equal(false);
    expect(await access.may("cyd", "ada", inboxIdOf("ada"), "read")).to.equal(false);
    const broken = new ListAccessChecks({ ...actors, authorize: async () => { throw new Error("sidecar down"); } });
    let failed: unknown;
    await broken.may("bob", "bob", LIST, "read").catch((err: unknown) => (failed = err));
    expect(String(failed)).to.match(/sidecar down/);
  });

  it("plans the feed's and export's query over the readable lists, whoever made their tasks", () => {
    const planned = planList({ ownerId: "bob", inLists: [inboxIdOf("bob"), LIST], status: "open", sort: "dueAt", limit: 10 }, new Date());
    expect((planned.filter.$and as unknown[])[0]).to.deep.equal({ $or: [{ listId: { $in: [inboxIdOf("bob"), LIST] } }, { ownerId: "bob", listId: null }], deleted: false });
  });
});
