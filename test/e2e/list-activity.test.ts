/**
 * A list's changes as events on the real stack: the audit service records
 * them with the list's tasks' changes (GET /lists/{id}/activity, newest
 * first, paged, to every member), and the live stream sends `list.changed`
 * to the members, once more to a member removed, then nothing.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Task } from "../../src/domain/index.js";
import { takeFrames } from "../support/sseClient.js";
import { apiAs, eventually, target } from "../support/stack.js";

interface Frame {
  id?: string;
  event?: string;
  data?: any;
}

async function openStream(token: string) {
  const controller = new AbortController();
  const res = await fetch(`${target().apiUrl}/api/v1/stream`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  expect(res.status).to.equal(200);
  const frames: Frame[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const taken = takeFrames(buffer + decoder.decode(value, { stream: true }));
        buffer = taken.rest;
        for (const b of taken.blocks) if (b.event) frames.push({ event: b.event, id: b.id, data: b.data === undefined ? undefined : JSON.parse(b.data) });
      }
    } catch {
      /* aborted */
    }
  })();
  return {
    frames,
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}

describe("list and membership changes as events (audit activity, live stream)", function () {
  this.timeout(120_000);

  it("records the list's and its tasks' changes as activity, newest first and paged, for every member and nobody else", async () => {
    const ada = await apiAs(`activity-ada-${randomUUID()}`);
    const bob = await apiAs(`activity-bob-${randomUUID()}`);
    const eve = await apiAs(`activity-eve-${randomUUID()}`);
    const list = (await ada.call("POST", "/lists", { name: "Trip" })).body.id as string;
    const invited = await ada.call("POST", `/lists/${list}/invitations`, { userId: bob.user, role: "editor" });
    expect((await bob.call("POST", `/me/invitations/${invited.body.id}/accept`)).status).to.equal(200);
    const bobs = (await bob.call("POST", "/tasks", { title: "book flights", listId: list })).body as Task;
    expect((await ada.call("PATCH", `/lists/${list}`, { name: "Trip 2027" })).status).to.equal(200);
    expect((await ada.call("PATCH", `/lists/${list}/members/${encodeURIComponent(bob.user)}`, { role: "viewer" })).status).to.equal(200);
    // Another list's change is not this list's activity.
    await ada.call("POST", "/tasks", { title: "elsewhere" });

    const expected = [
      ["list", "setRole"],
      ["list", "update"],
      ["task", bobs.id],
      ["list", "answer"],
      ["list", "invite"],
      ["list", "create"],
    ];
    const shape = (items: any[]) => items.map((e) => (e.taskId ? ["task", e.taskId] : ["list", e.kind]));
    const all = await eventually(() => bob.call("GET", `/lists/${list}/activity`), (r) => r.status === 200 && r.body.items.length >= expected.length, 30_000, "the list's activity");
    expect(shape(all.body.items)).to.deep.equal(expected);
    const [setRole, , created, answer] = all.body.items;
    expect(setRole).to.include({ actor: ada.user, memberId: bob.user, type: "tickler.list.changed.v1", taskId: null });
    expect(setRole.list.members).to.deep.equal([{ userId: bob.user, role: "viewer" }]);
    expect(created).to.include({ actor: bob.user, type: "tickler.task.created.v1", version: 1, kind: null });
    expect(created.task.title).to.equal("book flights");
    expect(answer).to.include({ actor: bob.user, memberId: bob.user });
    expect(all.body.nextCursor).to.equal(null);

    // Paged: two at a time, each page newest first, together the whole.
    const pages: any[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await ada.call("GET", `/lists/${list}/activity?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).to.equal(200);
      expect(page.body.items.length).to.be.at.most(2);
      pages.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(shape(pages)).to.deep.equal(expected);

    const bad = await ada.call("GET", `/lists/${list}/activity?cursor=nope`);
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].path).to.equal("cursor");
    expect((await ada.call("GET", `/lists/${list}/activity?limit=201`)).status).to.equal(400);
    expect((await eve.call("GET", `/lists/${list}/activity`)).status, "not a member").to.equal(404);
    expect((await ada.call("DELETE", `/lists/${list}/members/${encodeURIComponent(bob.user)}`)).status).to.equal(204);
    expect((await bob.call("GET", `/lists/${list}/activity`)).status, "removed").to.equal(404);
    const removal = await eventually(() => ada.call("GET", `/lists/${list}/activity?limit=1`), (r) => r.body.items[0]?.kind === "removeMember", 30_000, "the removal in the activity");
    expect(removal.body.items[0]).to.include({ actor: ada.user, memberId: bob.user });
  });

  it("streams list.changed to the members, once more to a member removed, then nothing of the list", async () => {
    const ada = await apiAs(`liststream-ada-${randomUUID()}`);
    const bob = await apiAs(`liststream-bob-${randomUUID()}`);
    const list = (await ada.call("POST", "/lists", { name: "Band" })).body.id as string;
    const invited = await ada.call("POST", `/lists/${list}/invitations`, { userId: bob.user, role: "editor" });
    expect((await bob.call("POST", `/me/invitations/${invited.body.id}/accept`)).status).to.equal(200);
    const adaStream = await openStream(ada.token);
    const bobStream = await openStream(bob.token);
    try {
      expect((await ada.call("PATCH", `/lists/${list}`, { name: "Band 2027" })).status).to.equal(200);
      const renamed = (f: Frame[]) => f.find((x) => x.event === "list.changed" && x.data.kind === "update" && x.data.name === "Band 2027");
      await eventually(async () => bobStream.frames, (f) => renamed(f) !== undefined, 30_000, "the rename on bob's stream");
      await eventually(async () => adaStream.frames, (f) => renamed(f) !== undefined, 30_000, "the rename on ada's stream");
      expect(renamed(bobStream.frames)!.id).to.equal(`${list}:l4`);

      expect((await ada.call("DELETE", `/lists/${list}/members/${encodeURIComponent(bob.user)}`)).status).to.equal(204);
      const removed = (f: Frame[]) => f.some((x) => x.event === "list.changed" && x.data.kind === "removeMember" && x.data.memberId === bob.user);
      await eventually(async () => bobStream.frames, removed, 30_000, "bob told of his removal");
      const before = bobStream.frames.length;
      expect((await ada.call("PATCH", `/lists/${list}`, { name: "Band, later" })).status).to.equal(200);
      // One handling of the event sends it to every reader: once ada has it, bob's share was decided.
      await eventually(async () => adaStream.frames, (f) => f.some((x) => x.event === "list.changed" && x.data.name === "Band, later"), 30_000, "the later rename on ada's stream");
      expect(bobStream.frames.slice(before).filter((x) => x.event === "list.changed"), "bob's stream after his removal").to.deep.equal([]);
    } finally {
      await adaStream.close();
      await bobStream.close();
    }
  });
});
