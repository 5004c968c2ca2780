/**
 * Revocation on every surface besides REST (test/e2e/sharing.test.ts): after
 * a member's removal answered 2xx, the live stream, the calendar feed, the
 * export, the history, a reminder email's one-click link and the reminders (webhooks,
 * inbox) no longer reach them for the list's tasks, including the tasks they
 * made there; while a member, the stream, feed and export show them what
 * others do in the list. Each check is the one src/domain/access.ts names
 * for the surface (docs/adr/0012-access-on-every-surface.md).
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { TASK_ACTOR_TYPE } from "../../src/actors/taskActor.js";
import type { Task } from "../../src/domain/index.js";
import { signAction } from "../../src/infra/actionLinks.js";
import { quiescent, reminderSpent } from "../support/quiescence.js";
import { takeFrames } from "../support/sseClient.js";
import { apiAs, eventually, stack, target } from "../support/stack.js";
import { startReceiver, type Receiver } from "../support/webhookReceiver.js";

type Api = Awaited<ReturnType<typeof apiAs>>;

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

async function sharedList(name: string, role = "editor"): Promise<{ ada: Api; bob: Api; list: string }> {
  const ada = await apiAs(`revoke-ada-${randomUUID()}`);
  const bob = await apiAs(`revoke-bob-${randomUUID()}`);
  const list = (await ada.call("POST", "/lists", { name })).body.id as string;
  const invited = await ada.call("POST", `/lists/${list}/invitations`, { userId: bob.user, role });
  expect(invited.status, JSON.stringify(invited.body)).to.equal(201);
  expect((await bob.call("POST", `/me/invitations/${invited.body.id}/accept`)).status).to.equal(200);
  return { ada, bob, list };
}

const remove = async (ada: Api, list: string, bob: Api) => {
  const removed = await ada.call("DELETE", `/lists/${list}/members/${encodeURIComponent(bob.user)}`);
  expect(removed.status, JSON.stringify(removed.body)).to.equal(204);
};

const feedUids = (ics: string) => [...ics.matchAll(/^UID:([0-9a-f-]{36})/gm)].map((m) => m[1]!);

describe("revocation on every surface (stream, calendar feed, export, history, email links, reminders)", function () {
  this.timeout(120_000);

  it("live stream: a member receives what others change in the list; after the removal's 2xx, an open connection receives nothing more of it", async () => {
    const { ada, bob, list } = await sharedList("Stream");
    const adaStream = await openStream(ada.token);
    const bobStream = await openStream(bob.token);
    try {
      const adas = (await ada.call("POST", "/tasks", { title: "ada's", listId: list })).body as Task;
      const bobs = (await bob.call("POST", "/tasks", { title: "bob's", listId: list })).body as Task;
      // Each member receives the other's task as it is made.
      await eventually(async () => bobStream.frames, (f) => f.some((x) => x.event === "task.created" && x.data.id === adas.id), 30_000, "ada's task on bob's stream");
      await eventually(async () => adaStream.frames, (f) => f.some((x) => x.event === "task.created" && x.data.id === bobs.id), 30_000, "bob's task on ada's stream");

      await remove(ada, list, bob);
      const before = bobStream.frames.length;
      // Changes after the 2xx, to ada's task and to the one bob made (ada is the list's owner).
      expect((await ada.call("PATCH", `/tasks/${adas.id}`, { title: "ada's, after" })).status).to.equal(200);
      expect((await ada.call("PATCH", `/tasks/${bobs.id}`, { title: "bob's, after" })).status).to.equal(200);
      // One handling of each event sends it to every recipient: once ada has both, bob's share was decided.
      await eventually(
        async () => adaStream.frames,
        (f) => ["ada's, after", "bob's, after"].every((t) => f.some((x) => x.event === "task.updated" && x.data.title === t)),
        30_000,
        "both changes on ada's stream",
      );
      const after = bobStream.frames.slice(before).filter((x) => x.event?.startsWith("task.") && [adas.id, bobs.id].includes(x.data.id));
      expect(after, "bob's open stream after his removal").to.deep.equal([]);
      // Bob's own Inbox still streams to him (the connection itself is fine).
      const mine = (await bob.call("POST", "/tasks", { title: "bob's inbox" })).body as Task;
      await eventually(async () => bobStream.frames, (f) => f.some((x) => x.event === "task.created" && x.data.id === mine.id), 30_000, "bob's own task");
    } finally {
      await adaStream.close();
      await bobStream.close();
    }
  });

  it("calendar feed: shows a shared list's dated tasks while a member, none of them once removed", async () => {
    const { ada, bob, list } = await sharedList("Feed");
    const adas = (await ada.call("POST", "/tasks", { title: "ada's dated", listId: list, dueAt: "2027-11-02T10:00:00Z" })).body as Task;
    const bobs = (await bob.call("POST", "/tasks", { title: "bob's dated", listId: list, dueAt: "2027-11-03T10:00:00Z" })).body as Task;
    const own = (await bob.call("POST", "/tasks", { title: "bob's own", dueAt: "2027-11-04T10:00:00Z" })).body as Task;
    const url = (await bob.call("POST", "/me/calendar-feed")).body.url as string;
    const read = async () => {
      const res = await fetch(url);
      expect(res.status).to.equal(200);
      return feedUids(await res.text());
    };
    expect(await read()).to.have.members([adas.id, bobs.id, own.id]);
    // The list's owner sees bob's task in her feed too.
    const adaUrl = (await ada.call("POST", "/me/calendar-feed")).body.url as string;
    expect(feedUids(await (await fetch(adaUrl)).text())).to.have.members([adas.id, bobs.id]);

    await remove(ada, list, bob);
    expect(await read(), "bob's feed right after the removal").to.deep.equal([own.id]);
  });

  it("export: carries a shared list's tasks while a member, none of them (nor their history) once the member left", async () => {
    const { ada, bob, list } = await sharedList("Export");
    const adas = (await ada.call("POST", "/tasks", { title: "ada's", listId: list })).body as Task;
    const bobs = (await bob.call("POST", "/tasks", { title: "bob's", listId: list })).body as Task;
    const own = (await bob.call("POST", "/tasks", { title: "bob's own" })).body as Task;
    const whileMember = await bob.call("GET", "/export");
    expect(whileMember.status).to.equal(200);
    expect((whileMember.body.tasks as { id: string }[]).map((t) => t.id)).to.have.members([adas.id, bobs.id, own.id]);

    // Leaving is a removal by oneself.
    const left = await bob.call("DELETE", `/lists/${list}/members/${encodeURIComponent(bob.user)}`);
    expect(left.status).to.equal(204);
    const exported = await bob.call("GET", "/export");
    expect((exported.body.tasks as { id: string }[]).map((t) => t.id)).to.deep.equal([own.id]);
    expect(JSON.stringify(exported.body)).not.to.include(bobs.id);
    const csv = await fetch(`${target().apiUrl}/api/v1/export?format=csv`, { headers: { authorization: `Bearer ${bob.token}` } });
    const text = await csv.text();
    expect(text).to.include(own.id);
    expect(text).not.to.include(bobs.id);
    expect(text).not.to.include(adas.id);
  });

  it("history: a member sees the history of the list's tasks, whoever made them; once removed, none of it, also of a task they made there", async () => {
    const { ada, bob, list } = await sharedList("History");
    const bobs = (await bob.call("POST", "/tasks", { title: "bob's", listId: list })).body as Task;
    const own = (await bob.call("POST", "/tasks", { title: "bob's own" })).body as Task;
    expect((await ada.call("PATCH", `/tasks/${bobs.id}`, { title: "renamed by ada" })).status).to.equal(200);
    const versionsOf = async (api: Api, id: string) => {
      const res = await api.call("GET", `/tasks/${id}/history`);
      return res.status === 200 ? (res.body.items as { version: number }[]).map((e) => e.version) : res.status;
    };
    // The audit service records each change shortly after it (eventually).
    await eventually(() => versionsOf(ada, bobs.id), (v) => JSON.stringify(v) === "[1,2]", 30_000, "ada sees both versions of bob's task");
    await eventually(() => versionsOf(bob, bobs.id), (v) => JSON.stringify(v) === "[1,2]", 30_000, "bob sees both versions of his task");
    const actors = ((await ada.call("GET", `/tasks/${bobs.id}/history`)).body.items as { actor: string }[]).map((e) => e.actor);
    expect(actors, "each entry names who made that change").to.deep.equal([bob.user, ada.user]);
    // The feed holds back its newest seconds (HISTORY_SETTLE_MS): wait until bob's shows his task in the list.
    const feedTasks = async (api: Api) => ((await api.call("GET", "/history?limit=200")).body.items as { taskId: string }[]).map((e) => e.taskId);
    await eventually(() => feedTasks(bob), (ids) => ids.includes(bobs.id) && ids.includes(own.id), 30_000, "bob's feed with both his tasks");

    await remove(ada, list, bob);
    expect(await versionsOf(bob, bobs.id), "the task he made in the list, right after the removal").to.equal(404);
    const feed = await feedTasks(bob);
    expect(feed, "his feed keeps his own task").to.include(own.id);
    expect(feed, "and leaves out the list's").not.to.include(bobs.id);
    expect(await versionsOf(bob, own.id)).to.deep.equal([1]);
    expect(await versionsOf(ada, bobs.id), "the owner still sees it").to.deep.equal([1, 2]);
  });

  it("email links: a removed member's Complete and Snooze links are refused and change nothing", async () => {
    const { ada, bob, list } = await sharedList("Links");
    const bobs = (await bob.call("POST", "/tasks", { title: "bob's", listId: list, dueAt: "2027-11-03T10:00:00Z" })).body as Task;
    const secret = stack().appExtraEnv.ACTION_LINK_SECRET!;
    // The links a reminder email of bob's task carries (the notifications app signs them so).
    const link = (action: "complete" | "snooze") =>
      `${target().apiUrl}/api/v1/actions/${signAction({ action, taskId: bobs.id, ownerId: bob.user, deliveryId: `${bobs.id}:r-${randomUUID()}`, expires: Math.floor(Date.now() / 1000) + 3600 }, secret)}`;
    const snoozeWhileMember = await fetch(link("snooze"), { method: "POST" });
    expect(snoozeWhileMember.status, "a member's link works").to.equal(200);
    const version = ((await ada.call("GET", `/tasks/${bobs.id}`)).body as Task).version;

    await remove(ada, list, bob);
    for (const action of ["complete", "snooze"] as const) {
      const page = await fetch(link(action));
      expect(page.status, `GET ${action}`).to.equal(403);
      expect(await page.text()).to.include("no longer have access").and.not.include("<form");
      const pressed = await fetch(link(action), { method: "POST" });
      expect(pressed.status, `POST ${action}`).to.equal(403);
      expect(await pressed.text()).to.include("Nothing was changed");
    }
    const task = (await ada.call("GET", `/tasks/${bobs.id}`)).body as Task;
    expect(task).to.include({ status: "open", version });
  });

  it("reminders: a removed member's webhooks and inbox get no reminder of a task in the list, their Inbox's still come", async () => {
    const receiver: Receiver = await startReceiver();
    try {
      const { ada, bob, list } = await sharedList("Reminders");
      expect((await bob.call("POST", "/webhooks", { url: receiver.url, secret: "webhook-secret-0123456789" })).status).to.equal(201);
      const at = (ms: number) => new Date(Date.now() + ms).toISOString();
      const shared = (await bob.call("POST", "/tasks", { title: "in the list", listId: list, reminders: [{ at: at(6000) }] })).body as Task;
      const own = (await bob.call("POST", "/tasks", { title: "in my inbox", reminders: [{ at: at(7000) }] })).body as Task;
      const planned = await eventually(
        () => bob.call("GET", "/notifications"),
        (r) => r.body.items.some((n: any) => n.taskId === shared.id && n.state === "scheduled"),
        10_000,
        "the planned reminder",
      );
      const name = String(planned.body.items.find((n: any) => n.taskId === shared.id).deliveryId).slice(shared.id.length + 1);

      await remove(ada, list, bob);
      // The Inbox's reminder arrives (the channel works); the list's fired, and then the stack is quiet.
      await eventually(async () => receiver.received.filter((r) => r.body.task?.id === own.id), (r) => r.length > 0, 30_000, "the Inbox reminder's webhook call");
      await reminderSpent(TASK_ACTOR_TYPE, shared.id, name);
      await quiescent(`the reminders of ${shared.id}`);
      expect(receiver.received.filter((r) => r.body.task?.id === shared.id), "webhook calls for the list's task").to.deep.equal([]);
      const inbox = await bob.call("GET", "/notifications");
      expect(inbox.body.items.filter((n: any) => n.taskId === shared.id && n.state !== "scheduled"), "inbox entries for the list's task").to.deep.equal([]);
    } finally {
      await receiver.close();
    }
  });
});
