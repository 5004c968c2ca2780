/**
 * Resuming the live stream with Last-Event-ID: missed frames replayed from the
 * replica's window, or from the durable history once the window no longer
 * holds the id (the test stack keeps 4 frames per user, scripts/test.ts), or
 * `resync` when neither can.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { total } from "../../scripts/promScrape.js";
import { apiAs, appMetrics, eventually, target } from "../support/stack.js";
import { takeFrames } from "../support/sseClient.js";

/** Opens the stream and collects `event`/`id` pairs until closed. */
async function collect(token: string, lastEventId?: string) {
  const controller = new AbortController();
  const res = await fetch(`${target().apiUrl}/api/v1/stream`, {
    headers: { authorization: `Bearer ${token}`, ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
    signal: controller.signal,
  });
  const frames: { event: string; id: string }[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const taken = takeFrames(buffer + value);
        buffer = taken.rest;
        for (const b of taken.blocks) if (b.event) frames.push({ event: b.event, id: b.id ?? "" });
      }
    } catch {
      /* aborted */
    }
  })();
  const close = async () => (controller.abort(), await pump);
  opened.push(close);
  return { frames, close };
}

/** Streams a failed test left open would keep mocha from exiting. */
const opened: (() => Promise<void>)[] = [];

describe("live stream resume (Last-Event-ID)", function () {
  afterEach(async () => {
    for (const close of opened.splice(0)) await close();
  });

  it("replays the frames after the last one a client saw, and asks for a resync when it cannot", async () => {
    const me = await apiAs(`resume-${randomUUID()}`);
    const first = await collect(me.token);
    const { body: task } = await me.call("POST", "/tasks", { title: "resume me" });
    await eventually(async () => first.frames, (f) => f.some((x) => x.id === `${task.id}:v1`), 20_000, "the created frame");
    await first.close();

    // Missed by the closed stream; another connection of the same user shows when they went out.
    const watcher = await collect(me.token);
    await me.call("PATCH", `/tasks/${task.id}`, { title: "resume me, v2" });
    await me.call("PATCH", `/tasks/${task.id}`, { title: "resume me, v3" });
    await eventually(async () => watcher.frames, (f) => f.some((x) => x.id === `${task.id}:v3`), 20_000, "v3 on the other connection");
    await watcher.close();

    const resumed = await collect(me.token, `${task.id}:v1`);
    const replayed = await eventually(async () => resumed.frames, (f) => f.some((x) => x.id === `${task.id}:v3`), 10_000, "the replay");
    await resumed.close();
    // At-least-once delivery may repeat a frame; the client deduplicates on the id.
    expect([...new Set(replayed.map((f) => f.id).filter((id) => id.startsWith(task.id)))]).to.deep.equal([`${task.id}:v2`, `${task.id}:v3`]);

    const lost = await collect(me.token, "no-such-event");
    await eventually(async () => lost.frames, (f) => f.some((x) => x.event === "resync"), 10_000, "resync");
    await lost.close();
  });

  it("replays from history every change and reminder missed after the window lost the last id, in order and once, then goes live", async function () {
    const me = await apiAs(`resume-history-${randomUUID()}`);
    const first = await collect(me.token);
    const { body: a } = await me.call("POST", "/tasks", { title: "before the drop" });
    await me.call("PATCH", `/tasks/${a.id}`, { title: "before the drop, v2" });
    await eventually(async () => first.frames, (f) => f.some((x) => x.id === `${a.id}:v2`), 20_000, "the frames before the drop");
    await first.close();
    const lastId = first.frames.filter((f) => f.id !== "").at(-1)!.id;
    expect(lastId).to.equal(`${a.id}:v2`);

    // While disconnected: more changes than the window holds, on three tasks, and a reminder firing.
    const missed: string[] = [];
    const change = async (method: string, path: string, body?: unknown) => {
      const res = await me.call(method, path, body);
      expect(res.status, `${method} ${path}`).to.be.oneOf([200, 201]);
      // POST /complete answers { task, next }, the others the task.
      const task = res.body.task ?? res.body;
      missed.push(`${task.id}:v${task.version}`);
      return task;
    };
    for (let i = 3; i <= 5; i++) await change("PATCH", `/tasks/${a.id}`, { title: `missed, v${i}` });
    const b = await change("POST", "/tasks", { title: "created while away" });
    await change("PATCH", `/tasks/${b.id}`, { priority: "high" });
    const c = await change("POST", "/tasks", { title: "reminds while away", reminders: [{ at: new Date(Date.now() + 2000).toISOString() }] });
    await change("POST", `/tasks/${a.id}/complete`);
    const fired = await eventually(
      async () => (await me.call("GET", "/notifications")).body.items as { taskId: string; firedAt: string | null; deliveryId: string }[],
      (items) => items.some((n) => n.taskId === c.id && n.firedAt !== null),
      30_000,
      "the reminder fired while away",
    );
    const reminderId = fired.find((n) => n.taskId === c.id && n.firedAt !== null)!.deliveryId;
    // The order the history feed recorded them in is the order the replay must keep.
    const recorded = await eventually(
      async () => ((await me.call("GET", "/history?limit=200")).body.items as { eventId: string }[]).map((e) => e.eventId),
      (ids) => missed.every((id) => ids.includes(id)),
      30_000,
      "the missed changes in the history feed",
    );
    const expectedOrder = recorded.filter((id) => missed.includes(id));

    const gap = [...missed];
    const before = total(await appMetrics("api"), "tickler_stream_resumes_total", { outcome: "history" });
    const resumed = await collect(me.token, lastId);
    const expected = [...gap, reminderId];
    await eventually(async () => resumed.frames, (f) => expected.every((id) => f.some((x) => x.id === id)), 30_000, "every missed frame");
    // Live after the replay.
    const live = await change("PATCH", `/tasks/${b.id}`, { title: "after the reconnect" });
    const liveId = `${live.id}:v${live.version}`;
    await eventually(async () => resumed.frames, (f) => f.some((x) => x.id === liveId), 20_000, "the live frame after the replay");
    await resumed.close();

    const ids = resumed.frames.filter((f) => f.id !== "").map((f) => f.id);
    expect(resumed.frames.some((f) => f.event === "resync"), "no resync").to.equal(false);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i), "frames sent twice").to.deep.equal([]);
    expect([...ids].sort(), "exactly the missed frames, then the live one").to.deep.equal([...expected, liveId].sort());
    expect(ids.filter((id) => gap.includes(id)), "task changes in recorded order").to.deep.equal(expectedOrder);
    expect(ids.at(-1)).to.equal(liveId);
    expect(resumed.frames.find((f) => f.id === reminderId)!.event).to.equal("reminder.due");
    expect(total(await appMetrics("api"), "tickler_stream_resumes_total", { outcome: "history" }) - before, "resumed from history").to.equal(1);
  });
});
