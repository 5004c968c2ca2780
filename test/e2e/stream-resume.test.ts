/** Resuming the live stream with Last-Event-ID: missed frames replayed, or `resync` when they can no longer be. */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { apiAs, eventually, stack } from "../support/stack.js";

/** Opens the stream and collects `event`/`id` pairs until closed. */
async function collect(token: string, lastEventId?: string) {
  const controller = new AbortController();
  const res = await fetch(`${stack().apiUrl}/api/v1/stream`, {
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
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          if (event) frames.push({ event, id: /^id: (.*)$/m.exec(block)?.[1] ?? "" });
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return { frames, close: async () => (controller.abort(), await pump) };
}

describe("live stream resume (Last-Event-ID)", function () {
  this.timeout(60_000);

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
});
