/**
 * GET /api/v1/stream: Server-Sent Events of the caller's task changes and
 * reminders, fed by this app's subscriptions to `task-updates` and
 * `reminders`. Each event carries its event id (`id:`), so a client can drop
 * the duplicates that at-least-once delivery allows.
 *
 * Every api replica receives every event for its streams: they come through
 * the stream pub/sub, whose consumer group is per replica (see README: live
 * stream).
 */
import { PassThrough } from "node:stream";
import Router from "@koa/router";
import type { Middleware } from "koa";
import type { AuthState } from "./auth.js";

export class LiveStreams {
  private readonly clients = new Map<string, Set<PassThrough>>();

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
    for (const stream of this.clients.get(userId) ?? []) stream.write(frame);
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
    const remove = deps.streams.add((ctx.state as AuthState).userId, stream);
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
    ctx.body = stream;
  });
  return router;
}
