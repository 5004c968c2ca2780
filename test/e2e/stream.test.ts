/** The live stream (Server-Sent Events) shows what happens to the user's tasks, and only theirs. */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { apiAs, eventually, target } from "../support/stack.js";
import { takeFrames } from "../support/sseClient.js";

interface Frame {
  id?: string;
  event?: string;
  data?: any;
}

async function openStream(token: string) {
  const controller = new AbortController();
  const res = await fetch(`${target().apiUrl}/api/v1/stream`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
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
    status: res.status,
    contentType: res.headers.get("content-type"),
    frames,
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}

describe("live stream (SSE)", function () {

  it("streams the user's task changes and reminders, and nobody else's", async () => {
    const alice = await apiAs(`stream-${randomUUID()}`);
    const bob = await apiAs(`stream-bob-${randomUUID()}`);
    const aliceStream = await openStream(alice.token);
    const bobStream = await openStream(bob.token);
    try {
      expect(aliceStream.status).to.equal(200);
      expect(aliceStream.contentType).to.match(/text\/event-stream/);
      const { body: task } = await alice.call("POST", "/tasks", { title: "streamed", reminders: [{ at: new Date(Date.now() + 3000).toISOString() }] });
      await alice.call("PATCH", `/tasks/${task.id}`, { title: "streamed, renamed" });
      const created = await eventually(async () => aliceStream.frames, (f) => f.some((x) => x.event === "task.created" && x.data.id === task.id), 20_000, "task.created on the stream");
      expect(created.find((x) => x.event === "task.created")!.id).to.equal(`${task.id}:v1`);
      await eventually(async () => aliceStream.frames, (f) => f.some((x) => x.event === "task.updated" && x.data.title === "streamed, renamed"), 20_000, "task.updated");
      const reminder = await eventually(async () => aliceStream.frames, (f) => f.some((x) => x.event === "reminder.due" && x.data.task.id === task.id), 20_000, "reminder.due");
      expect(reminder.find((x) => x.event === "reminder.due")!.data.remindAt).to.be.a("string");
      expect(bobStream.frames.filter((f) => JSON.stringify(f.data ?? {}).includes(task.id))).to.deep.equal([]);
    } finally {
      await aliceStream.close();
      await bobStream.close();
    }
  });

  it("needs a token", async () => {
    const res = await fetch(`${target().apiUrl}/api/v1/stream`);
    expect(res.status).to.equal(401);
  });
});
