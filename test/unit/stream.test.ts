/** The live stream's pure parts: the resume window, the history replay's order, a client's holding and backpressure, and the route's race between replay and live frames. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import { expect } from "chai";
import Koa from "koa";
import { LiveStreams, streamRoutes } from "../../src/api/stream/routes.js";
import { StreamClient } from "../../src/api/stream/client.js";
import { historyFrames } from "../../src/api/stream/history.js";
import { alreadySeen, orderReplay, replayFromHistory, type HistoryTaskEvent, type RecordedFiring, type Replay, type ResumeSource } from "../../src/api/stream/resume.js";
import { taskEventRef } from "../../src/api/stream/ids.js";

const idOf = (text: string) => /^id: (.*)$/m.exec(text)?.[1];

function entry(taskId: string, version: number, recordedAt: string): HistoryTaskEvent {
  return { eventId: `${taskId}:v${version}`, taskId, type: "tickler.task.updated.v1", version, recordedAt, task: { id: taskId, version, title: "t", tags: [], reminders: [], recurrence: null } };
}

function firing(deliveryId: string, receivedAt: string): RecordedFiring {
  return { deliveryId, receivedAt, remindAt: receivedAt, firedAt: receivedAt, task: { id: deliveryId.split(":")[0] } };
}

/** A history held in arrays, answering as the audit and notification apps do. */
function memorySource(events: HistoryTaskEvent[], firings: RecordedFiring[] = []): ResumeSource & { pages: number } {
  const byPosition = [...events].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.eventId.localeCompare(b.eventId));
  const source = {
    pages: 0,
    taskEvent: async (_owner: string, id: string) => events.find((e) => e.eventId === id) ?? null,
    taskEventsAfter: async (_owner: string, after: { recordedAt: string; id: string }, limit: number) => {
      source.pages++;
      return byPosition.filter((e) => e.recordedAt > after.recordedAt || (e.recordedAt === after.recordedAt && e.eventId > after.id)).slice(0, limit);
    },
    firing: async (_owner: string, id: string) => firings.find((f) => f.deliveryId === id) ?? null,
    firingsSince: async (_owner: string, since: string, limit: number) => firings.filter((f) => f.receivedAt >= since).slice(0, limit),
  };
  return source;
}

describe("live stream: ids", () => {
  it("tells task event ids from delivery ids", () => {
    expect(taskEventRef("abc:v12")).to.deep.equal({ taskId: "abc", version: 12 });
    expect(taskEventRef("abc:r-1700000000000")).to.equal(null);
    expect(taskEventRef("abc:snooze-1700000000000")).to.equal(null);
    expect(taskEventRef("no-such-event")).to.equal(null);
  });

  it("counts the last event and its task's earlier versions as seen, nothing else", () => {
    const seen = alreadySeen("a:v3");
    expect(["a:v3", "a:v2", "a:v1"].map(seen)).to.deep.equal([true, true, true]);
    expect(["a:v4", "b:v1", "a:r-5"].map(seen)).to.deep.equal([false, false, false]);
    expect(["x:r-5", "a:v1"].map(alreadySeen("x:r-5"))).to.deep.equal([true, false]);
  });
});

describe("live stream: resume window", () => {
  it("replays frames after Last-Event-ID, or null when the id is outside the window", () => {
    let now = 0;
    const streams = new LiveStreams({ frames: 3, ms: 1000 }, () => now);
    for (const id of ["a", "b", "c", "d"]) streams.send("u", "task.updated", id, { id });
    expect(streams.since("u", "b")!.map((f) => f.id)).to.deep.equal(["c", "d"]);
    expect(streams.since("u", "d")).to.deep.equal([]);
    expect(streams.since("u", "a")).to.equal(null); // pushed out by the frame limit
    expect(streams.since("someone-else", "b")).to.equal(null);
    now = 5000;
    streams.send("u", "task.updated", "e", {});
    expect(streams.since("u", "d")).to.equal(null); // aged out
    expect(streams.receivedSince("u", 4000).map((f) => f.id)).to.deep.equal(["e"]);
  });

  it("keeps nothing with a window of 0 frames", () => {
    const streams = new LiveStreams({ frames: 0, ms: 1000 });
    streams.send("u", "task.updated", "a", {});
    expect(streams.since("u", "a")).to.equal(null);
    expect(streams.receivedSince("u", 0)).to.deep.equal([]);
  });
});

describe("live stream: replay from history", () => {
  const limits = { overlapMs: 1000, maxEvents: 50, pageSize: 2 };

  it("orders by recording time, one task's versions in order even within one millisecond, reminders merged in", () => {
    const t = "2026-01-01T00:00:05.000Z";
    const frames = orderReplay(
      [entry("a", 10, t), entry("a", 9, t), entry("b", 1, "2026-01-01T00:00:04.000Z"), entry("a", 9, t)],
      [firing("a:r-1", "2026-01-01T00:00:04.500Z")],
      "a:v8",
      historyFrames,
    );
    expect(frames.map((f) => f.id)).to.deep.equal(["b:v1", "a:r-1", "a:v9", "a:v10"]);
    expect(frames[0]!.text).to.match(/^id: b:v1\nevent: task\.updated\ndata: \{"id":"b"/);
    expect(frames[1]!.text).to.match(/^id: a:r-1\nevent: reminder\.due\ndata: \{"deliveryId":"a:r-1"/);
  });

  it("replays everything after the last event across pages, re-sending only the overlap's other tasks", async () => {
    const events = [
      entry("a", 1, "2026-01-01T00:00:00.000Z"),
      entry("b", 1, "2026-01-01T00:00:09.500Z"), // in the overlap: possibly missed, so sent
      entry("a", 2, "2026-01-01T00:00:10.000Z"), // the last one the client saw
      entry("a", 3, "2026-01-01T00:00:11.000Z"),
      entry("b", 2, "2026-01-01T00:00:12.000Z"),
      entry("c", 1, "2026-01-01T00:00:13.000Z"),
      entry("a", 4, "2026-01-01T00:00:14.000Z"),
    ];
    const source = memorySource(events, [firing("c:r-1", "2026-01-01T00:00:13.500Z"), firing("a:r-0", "2026-01-01T00:00:01.000Z")]);
    const replay = (await replayFromHistory(source, "u", "a:v2", limits, historyFrames))!;
    expect(replay.frames.map((f) => f.id)).to.deep.equal(["b:v1", "a:v3", "b:v2", "c:v1", "c:r-1", "a:v4"]);
    expect(replay.since).to.equal(Date.parse("2026-01-01T00:00:09.000Z"));
    expect(source.pages).to.be.greaterThan(2);
  });

  it("resumes after a reminder the same way", async () => {
    const source = memorySource([entry("a", 1, "2026-01-01T00:00:00.000Z"), entry("a", 2, "2026-01-01T00:00:20.000Z")], [firing("a:r-1", "2026-01-01T00:00:10.000Z")]);
    const replay = (await replayFromHistory(source, "u", "a:r-1", limits, historyFrames))!;
    expect(replay.frames.map((f) => f.id)).to.deep.equal(["a:v2"]);
  });

  it("gives up (resync) on an id history does not have, or a gap larger than the limit", async () => {
    const many = Array.from({ length: 60 }, (_, i) => entry("a", i + 1, new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString()));
    expect(await replayFromHistory(memorySource(many), "u", "no-such-event", limits, historyFrames)).to.equal(null);
    expect(await replayFromHistory(memorySource(many), "u", "a:v1", limits, historyFrames)).to.equal(null);
    expect(await replayFromHistory(memorySource(many), "u", "a:v20", limits, historyFrames)).to.not.equal(null);
  });
});

describe("live stream: a client's backlog", () => {
  it("holds live frames until its resume is written, then writes those the resume did not carry", async () => {
    const sink = new PassThrough();
    const client = new StreamClient(sink, 1 << 20, () => {});
    client.deliver({ id: "a:v2", text: "A2" });
    client.deliver({ id: "a:v3", text: "A3" });
    expect(sink.read()).to.equal(null);
    await client.writePaced("R");
    await client.goLive((id) => id === "a:v2");
    client.deliver({ id: "a:v4", text: "A4" });
    expect(String(sink.read())).to.equal("RA3A4");
  });

  it("is dropped once it holds more than its bound, and holds nothing after", () => {
    const sink = new PassThrough();
    const drops: string[] = [];
    const client = new StreamClient(sink, 64 * 1024, (reason) => drops.push(reason));
    void client.goLive();
    const frame = "x".repeat(10_000);
    for (let i = 0; i < 30; i++) client.deliver({ id: `a:v${i}`, text: frame });
    expect(drops).to.deep.equal(["slow"]);
    expect(client.bufferedBytes).to.equal(0);
    expect(client.isClosed).to.equal(true);
  });

  it("is dropped when it holds too much while a resume is written", () => {
    const drops: string[] = [];
    const client = new StreamClient(new PassThrough(), 1024, (reason) => drops.push(reason));
    for (let i = 0; i < 3; i++) client.deliver({ id: `a:v${i}`, text: "y".repeat(500) });
    expect(drops).to.deep.equal(["slow"]);
  });

  it("paces a large resume to the reader, and drops a reader that stops", async () => {
    const sink = new PassThrough();
    const drops: string[] = [];
    const client = new StreamClient(sink, 64 * 1024, (reason) => drops.push(reason), 200);
    let read = 0;
    sink.on("data", (chunk: Buffer) => (read += chunk.length));
    for (let i = 0; i < 100; i++) expect(await client.writePaced("z".repeat(10_000))).to.equal(true);
    expect(read).to.equal(1_000_000);
    sink.pause();
    let ok = true;
    for (let i = 0; i < 100 && ok; i++) ok = await client.writePaced("z".repeat(10_000));
    expect(ok).to.equal(false);
    expect(drops).to.deep.equal(["stalled"]);
  });
});

describe("live stream: route", () => {
  /** Serves the stream route for user "u" with the given history; returns the base URL and a closer. */
  async function serve(streams: LiveStreams, history: (user: string, lastId: string) => Promise<Replay | null>) {
    const app = new Koa();
    app.silent = true; // a client hanging up mid-stream is an error to Koa's pipeline, not to us
    const guard: Koa.Middleware = async (ctx, next) => {
      ctx.state.userId = "u";
      await next();
    };
    app.use(streamRoutes({ guard: [guard], streams, history }).routes());
    const server = http.createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/stream`, close: () => server.close() };
  }

  async function read(url: string, lastId: string, until: (ids: string[]) => boolean) {
    const res = await fetch(url, { headers: { "last-event-id": lastId } });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    const ids = () => text.split("\n\n").map(idOf).filter((id): id is string => id !== undefined);
    while (!until(ids())) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    await reader.cancel();
    return { ids: ids(), text };
  }

  it("writes the history replay, then the live frames that came meanwhile, each once and in order", async () => {
    const streams = new LiveStreams({ frames: 2, ms: 60_000 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = await serve(streams, async (_user, lastId) => {
      expect(lastId).to.equal("a:v1");
      await gate;
      const frames = ["a:v2", "a:v3", "b:v1"].map((id) => historyFrames.taskFrame(entry(id.split(":")[0]!, Number(id.split(":v")[1]), "2026-01-01T00:00:00.000Z")));
      return { frames, since: Date.now() - 60_000 };
    });
    try {
      const reading = read(server.url, "a:v1", (ids) => ids.includes("a:v5"));
      await eventuallyTrue(() => streams.connections === 1);
      // Live while the history is read: b:v1 is in both, a:v4 and a:v5 only live.
      streams.send("u", "task.updated", "b:v1", {});
      streams.send("u", "task.updated", "a:v4", {});
      release();
      streams.send("u", "task.updated", "a:v5", {});
      const { ids } = await reading;
      expect(ids).to.deep.equal(["a:v2", "a:v3", "b:v1", "a:v4", "a:v5"]);
    } finally {
      server.close();
    }
  });

  it("answers resync when the history cannot resume, then goes live", async () => {
    const streams = new LiveStreams({ frames: 2, ms: 60_000 });
    const server = await serve(streams, async () => null);
    try {
      const reading = read(server.url, "gone:v1", (ids) => ids.includes("a:v1"));
      await eventuallyTrue(() => streams.connections === 1);
      streams.send("u", "task.updated", "a:v1", {});
      const { text } = await reading;
      expect(text).to.match(/event: resync\ndata: \{\}\n\n[^]*id: a:v1/);
    } finally {
      server.close();
    }
  });
});

async function eventuallyTrue(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
