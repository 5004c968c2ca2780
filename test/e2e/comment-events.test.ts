/**
 * Comments as events on the real stack (docs/comments.md): the audit service
 * records them in the list's activity; the live stream sends them to the
 * list's members, not to a member removed; a mention notifies the mentioned
 * member once (not a non-member, not the author, not again on an edit); a
 * trashed task's comments stay while it is in the trash and are purged with it.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { CommentEvent, Task } from "../../src/domain/index.js";
import { connectMongo } from "../../src/infra/mongo.js";
import { takeFrames } from "../support/sseClient.js";
import { commentEventEnvelope } from "../../src/events/commentEnvelope.js";
import { consumerFigures, apiAs, appMetrics, eventually, sidecarOf, stack, target } from "../support/stack.js";
import { join, mentionsOf } from "../support/sharing.js";

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


describe("comments as events (activity, live stream, mentions, purge)", function () {
  this.timeout(180_000);

  it("records comments in the list's activity and streams them to the members, not to a member removed", async () => {
    const ada = await apiAs(`cev-ada-${randomUUID()}`);
    const cem = await apiAs(`cev-cem-${randomUUID()}`);
    const bob = await apiAs(`cev-bob-${randomUUID()}`);
    const list = (await ada.call("POST", "/lists", { name: "Comments" })).body.id as string;
    await join(ada, list, cem, "commenter");
    await join(ada, list, bob, "editor");
    const task = (await ada.call("POST", "/tasks", { title: "plan", listId: list })).body as Task;
    const path = `/tasks/${task.id}/comments`;
    const cemStream = await openStream(cem.token);
    const bobStream = await openStream(bob.token);
    try {
      const first = (await cem.call("POST", path, { text: "Tuesday?" })).body;
      await eventually(async () => bobStream.frames, (f) => f.some((x) => x.event === "comment.added" && x.data.id === first.id), 30_000, "cem's comment on bob's stream");
      const frame = bobStream.frames.find((x) => x.event === "comment.added")!;
      expect(frame.id).to.equal(`${first.id}:c1`);
      expect(frame.data).to.include({ taskId: task.id, authorId: cem.user, text: "Tuesday?", actor: cem.user });

      // Removed: bob's open stream gets nothing of the list's comments after the 2xx; cem, a member, does.
      expect((await ada.call("DELETE", `/lists/${list}/members/${encodeURIComponent(bob.user)}`)).status).to.equal(204);
      const before = bobStream.frames.length;
      const second = (await ada.call("POST", path, { text: "Tuesday it is" })).body;
      expect((await cem.call("PATCH", `${path}/${first.id}`, { text: "Tuesday works" })).status).to.equal(200);
      await eventually(
        async () => cemStream.frames,
        (f) => f.some((x) => x.event === "comment.added" && x.data.id === second.id) && f.some((x) => x.event === "comment.edited" && x.data.text === "Tuesday works"),
        30_000,
        "ada's comment and cem's edit on cem's stream",
      );
      expect(bobStream.frames.slice(before).filter((x) => x.event?.startsWith("comment.")), "bob's stream after his removal").to.deep.equal([]);
      expect((await ada.call("DELETE", `${path}/${first.id}`)).status).to.equal(204);
      await eventually(async () => cemStream.frames, (f) => f.some((x) => x.event === "comment.deleted" && x.data.id === first.id), 30_000, "the deletion on cem's stream");

      // The audit service has each change in the list's activity, newest first, to every member.
      const comments = (items: any[]) => items.filter((e) => e.type === "tickler.comment.changed.v1").map((e) => [e.kind, e.comment.id, e.actor]);
      const activity = await eventually(() => cem.call("GET", `/lists/${list}/activity`), (r) => r.status === 200 && comments(r.body.items).length === 4, 30_000, "four comment entries");
      expect(comments(activity.body.items)).to.deep.equal([
        ["deleted", first.id, ada.user],
        ["edited", first.id, cem.user],
        ["added", second.id, ada.user],
        ["added", first.id, cem.user],
      ]);
      const edited = activity.body.items.find((e: any) => e.kind === "edited");
      expect(edited).to.include({ taskId: task.id, version: 2, eventId: `${first.id}:c2` });
      expect(edited.comment).to.include({ text: "Tuesday works", authorId: cem.user });
      expect((await bob.call("GET", `/lists/${list}/activity`)).status, "removed").to.equal(404);
    } finally {
      await cemStream.close();
      await bobStream.close();
    }
  });

  it("notifies a mentioned member once (not the author, not a non-member, not again when an edit names them again); an edit notifies whom it newly mentions", async () => {
    const ada = await apiAs(`men-ada-${randomUUID()}`);
    const cem = await apiAs(`men-cem-${randomUUID()}`);
    const vic = await apiAs(`men-vic-${randomUUID()}`);
    const out = await apiAs(`men-out-${randomUUID()}`);
    const list = (await ada.call("POST", "/lists", { name: "Mentions" })).body.id as string;
    await join(ada, list, cem, "commenter");
    await join(ada, list, vic, "viewer");
    const task = (await ada.call("POST", "/tasks", { title: "paint the fence", listId: list })).body as Task;
    const path = `/tasks/${task.id}/comments`;

    // The outsider and the author are named first: once cem's notification is there, their fate was decided.
    const said = await ada.call("POST", path, { text: `@${out.user} @${ada.user} can @${cem.user} do it?` });
    expect(said.status, JSON.stringify(said.body)).to.equal(201);
    const [mention] = await eventually(() => mentionsOf(cem, task.id), (m) => m.length === 1, 30_000, "cem's mention");
    expect(mention).to.include({ kind: "mention", title: "paint the fence" });
    expect(await mentionsOf(out, task.id), "a non-member").to.deep.equal([]);
    expect(await mentionsOf(ada, task.id), "the author").to.deep.equal([]);

    // The same event delivered again (as an outbox re-publish would): the notifications app suppresses it, cem is not notified twice.
    const again: CommentEvent = {
      eventId: `${said.body.id}:c1`, kind: "added", commentId: said.body.id, taskId: task.id, ownerId: ada.user, listId: list, taskTitle: task.title,
      actorId: ada.user, version: 1, occurredAt: said.body.createdAt, comment: said.body, mentioned: [out.user, cem.user],
    };
    const before = await appMetrics("notifications");
    await sidecarOf("api").publish("pubsub", "task-updates", commentEventEnvelope(again, "tickler/test"), task.id);
    await eventually(async () => consumerFigures(await appMetrics("notifications"), before, "reminder-plan").duplicates, (n) => n >= 1, 30_000, "the redelivery handled");
    expect(await mentionsOf(cem, task.id), "once, though delivered twice").to.have.length(1);

    // An edit that names cem again and vic (a viewer may read the task) for the first time: vic once, cem still once.
    expect((await ada.call("PATCH", `${path}/${said.body.id}`, { text: `@${cem.user} and @[${vic.user}], please` })).status).to.equal(200);
    await eventually(() => mentionsOf(vic, task.id), (m) => m.length === 1, 30_000, "vic's mention");
    expect(await mentionsOf(cem, task.id)).to.have.length(1);

    // More mentions than a comment may hold: refused, nothing changed.
    const many = Array.from({ length: 11 }, (_, i) => `@user${i}`).join(" ");
    const refused = await ada.call("POST", path, { text: many });
    expect(refused.status).to.equal(400);
    expect(refused.body.errors[0].path).to.equal("text");
    expect((await ada.call("GET", path)).body.items).to.have.length(1);
  });

  it("keeps a trashed task's comments while it is in the trash, and purges them with it", async () => {
    const ada = await apiAs(`purge-ada-${randomUUID()}`);
    const gone = (await ada.call("POST", "/tasks", { title: "to purge" })).body as Task;
    const kept = (await ada.call("POST", "/tasks", { title: "to keep" })).body as Task;
    for (const t of [gone, kept]) for (const text of ["one", "two"]) expect((await ada.call("POST", `/tasks/${t.id}/comments`, { text })).status).to.equal(201);
    const mongo = await connectMongo(stack().mongoUri);
    const comments = mongo.collection<{ _id: string; taskId: string; purgeAt: Date | null; outbox?: unknown[]; outboxAt?: Date | null }>("comments");
    const tasks = mongo.collection<{ _id: string; purgeAt: Date | null }>("tasks_view");
    const purgeAts = async (taskId: string) => (await comments.find({ taskId }).toArray()).map((c) => c.purgeAt?.getTime() ?? null);
    try {
      expect((await ada.call("DELETE", `/tasks/${gone.id}`)).status).to.equal(204);
      const tombstone = await eventually(() => tasks.findOne({ _id: gone.id }), (t) => t?.purgeAt instanceof Date, 30_000, "the task's tombstone");
      const at = tombstone!.purgeAt!.getTime();
      await eventually(() => purgeAts(gone.id), (p) => p.length === 2 && p.every((x) => x === at), 30_000, "the comments purged when the task is");
      expect((await ada.call("GET", `/tasks/${gone.id}/comments`)).status, "in the trash").to.equal(404);

      // Restored: its comments are back, and no longer due to be purged.
      expect((await ada.call("POST", `/tasks/${gone.id}/restore`)).status).to.equal(200);
      await eventually(() => purgeAts(gone.id), (p) => p.length === 2 && p.every((x) => x === null), 30_000, "the purge called off");
      expect(((await ada.call("GET", `/tasks/${gone.id}/comments`)).body.items as { text: string }[]).map((c) => c.text)).to.deep.equal(["one", "two"]);

      // Trashed again and its 30 days over (moved to the past here): the store's expiry takes the task and its comments, nothing else.
      expect((await ada.call("DELETE", `/tasks/${gone.id}`)).status).to.equal(204);
      await eventually(() => purgeAts(gone.id), (p) => p.length === 2 && p.every((x) => x !== null), 30_000, "the comments due to be purged");
      const past = new Date(Date.now() - 1000);
      await tasks.updateOne({ _id: gone.id }, { $set: { purgeAt: past } });
      await comments.updateMany({ taskId: gone.id }, { $set: { purgeAt: past } });
      // The store sweeps expired documents every ttlMonitorSleepSecs (60 by default): once a second for this test.
      await mongo.db!.admin().command({ setParameter: 1, ttlMonitorSleepSecs: 1 });
      await eventually(async () => [await comments.countDocuments({ taskId: gone.id }), await tasks.countDocuments({ _id: gone.id })], ([c, t]) => c === 0 && t === 0, 30_000, "the task and its comments purged");
      expect(await comments.countDocuments({ taskId: kept.id }), "another task's comments").to.equal(2);
      // Each change's events were published before its answer and its outbox cleared.
      expect((await comments.find({ taskId: kept.id }).toArray()).map((c: any) => [c.outbox, c.outboxAt])).to.deep.equal([[[], null], [[], null]]);
      expect((await ada.call("GET", `/tasks/${gone.id}/comments`)).status).to.equal(404);
      const ttl = (await comments.indexes()).find((i) => i.key.purgeAt === 1);
      expect(ttl?.expireAfterSeconds, "TTL index on purgeAt").to.equal(0);
    } finally {
      await mongo.db!.admin().command({ setParameter: 1, ttlMonitorSleepSecs: 60 });
      await mongo.close();
    }
  });

  it("publishes a comment whose process stopped between its write and its publish (the outbox sweep)", async () => {
    const ada = await apiAs(`sweep-ada-${randomUUID()}`);
    const list = (await ada.call("POST", "/lists", { name: "Sweep" })).body.id as string;
    const task = (await ada.call("POST", "/tasks", { title: "left behind", listId: list })).body as Task;
    // What a request that died after its write leaves: the comment with its event in its outbox, a minute old.
    const id = randomUUID();
    const at = new Date(Date.now() - 60_000).toISOString();
    const comment = { id, taskId: task.id, authorId: ada.user, text: "written, never published", createdAt: at, editedAt: null };
    const event = { eventId: `${id}:c1`, kind: "added", commentId: id, taskId: task.id, ownerId: ada.user, listId: list, taskTitle: task.title, actorId: ada.user, version: 1, occurredAt: at, comment, mentioned: [] };
    const mongo = await connectMongo(stack().mongoUri);
    try {
      const { id: _id, ...rest } = comment;
      await mongo.collection<Record<string, unknown> & { _id: string }>("comments").insertOne({ _id: id, ...rest, version: 1, deletedAt: null, outbox: [event], outboxAt: new Date(at), purgeAt: null });
      const activity = await eventually(
        () => ada.call("GET", `/lists/${list}/activity`),
        (r) => r.body.items.some((e: any) => e.eventId === `${id}:c1`),
        60_000,
        "the swept comment in the list's activity",
      );
      expect(activity.body.items.find((e: any) => e.eventId === `${id}:c1`)).to.include({ kind: "added", actor: ada.user, taskId: task.id });
      await eventually(() => mongo.collection("comments").findOne({ _id: id } as any), (d: any) => d?.outboxAt === null, 30_000, "the outbox cleared");
    } finally {
      await mongo.close();
    }
  });
});
