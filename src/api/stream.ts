/**
 * GET /api/v1/stream: Server-Sent Events of the caller's task changes and
 * reminders, fed by this app's subscriptions to `task-updates` and
 * `reminders`. Each event carries its event id (`id:`), so a client can drop
 * the duplicates that at-least-once delivery allows.
 *
 * Every api replica receives every event for its streams: they come through
 * the stream pub/sub, whose consumer group is per replica (see README: live
 * stream).
 *
 * Resume: each replica keeps the last frames per user for a few minutes. A
 * client that reconnects with `Last-Event-ID` gets the frames after that id
 * replayed; if the id is no longer (or never was) in that window, it gets one
 * `resync` event and should reload what it shows.
 */
import { PassThrough } from "node:stream";
import Router from "@koa/router";
import type { Middleware } from "koa";
import type { AuthState } from "./auth.js";

interface Frame {
  id: string;
  text: string;
  at: number;
}

export class LiveStreams {
  private readonly clients = new Map<string, Set<PassThrough>>();
  private readonly recent = new Map<string, Frame[]>();
  private lastPrune = 0;

  constructor(private readonly keep = { frames: 200, ms: 5 * 60_000 }, private readonly now = () => Date.now()) {}

  add(userId: string, stream: PassThrough): () => void {
    let set = this.clients.get(userId);
    if (!set) this.clients.set(userId, (set = new Set()));
    set.add(stream);
    return () => {
      set.delete(stream);
      if (set.size === 0) this.clients.delete(userId);
    };
  }

  send(userId: string, event: string, id: string, data: unknown): void {
    const frame = `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    this.remember(userId, { id, text: frame, at: this.now() });
    for (const stream of this.clients.get(userId) ?? []) stream.write(frame);
  }

  /** Frames after `lastId` in the window, or null when the window does not hold it. */
  since(userId: string, lastId: string): string[] | null {
    const frames = this.recent.get(userId) ?? [];
    const index = frames.findIndex((f) => f.id === lastId);
    return index < 0 ? null : frames.slice(index + 1).map((f) => f.text);
  }

  private remember(userId: string, frame: Frame): void {
    const cutoff = frame.at - this.keep.ms;
    const frames = (this.recent.get(userId) ?? []).filter((f) => f.at >= cutoff);
    frames.push(frame);
    this.recent.set(userId, frames.slice(-this.keep.frames));
    // Users whose newest frame left the window are forgotten (bounded memory),
    // checked at most every few seconds so a send stays cheap.
    if (frame.at - this.lastPrune < 10_000) return;
    this.lastPrune = frame.at;
    for (const [user, list] of this.recent) {
      if ((list[list.length - 1]?.at ?? 0) < cutoff) this.recent.delete(user);
    }
  }

  get connections(): number {
    let n = 0;
    for (const set of this.clients.values()) n += set.size;
    return n;
  }
}

export function streamRoutes(deps: { guard: Middleware[]; streams: LiveStreams; heartbeatMs?: number }): Router {
  const router = new Router({ prefix: "/api/v1/stream" });
  router.use(...deps.guard);
  router.get("/", (ctx) => {
    const stream = new PassThrough();
    const userId = (ctx.state as AuthState).userId;
    const lastId = ctx.get("last-event-id");
    const remove = deps.streams.add(userId, stream);
    // Comments keep proxies from closing an idle stream.
    const heartbeat = setInterval(() => stream.write(": keep-alive\n\n"), deps.heartbeatMs ?? 15_000);
    const close = () => {
      clearInterval(heartbeat);
      remove();
      stream.end();
    };
    ctx.req.on("close", close);
    ctx.req.socket.setTimeout(0);
    ctx.set({ "Cache-Control": "no-cache", Connection: "keep-alive", "X-Accel-Buffering": "no" });
    ctx.type = "text/event-stream";
    ctx.status = 200;
    stream.write(": connected\n\n");
    if (lastId) {
      const missed = deps.streams.since(userId, lastId);
      if (missed === null) stream.write(`event: resync\ndata: {}\n\n`);
      else for (const frame of missed) stream.write(frame);
    }
    ctx.body = stream;
  });
  return router;
}
