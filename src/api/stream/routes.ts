/**
 * GET /api/v1/stream: Server-Sent Events of the caller's task changes and
 * reminders, fed by this app's subscriptions to `task-updates` and
 * `reminders`. Each event carries its event id (`id:`), so a client can drop
 * the duplicates that at-least-once delivery allows.
 *
 * Every api replica receives every event for its streams: they come through
 * the stream pub/sub, whose consumer group is per replica (see docs/api.md: live
 * stream).
 *
 * Resume (`Last-Event-ID`): first from this replica's window of each user's
 * recent frames (the fast path: every replica sees every event, so any of them
 * usually holds it); when the window does not hold the id, from the durable
 * history (streamResume.ts); when neither can, one `resync` event. Live frames
 * that arrive while a resume is written wait behind it (StreamClient), so the
 * client sees the replay, then live frames, in order and without a gap.
 *
 * Backpressure: each client holds at most `clientMaxBytes`; past it the client
 * is dropped (see StreamClient) and counted.
 */
import { PassThrough } from "node:stream";
import { newRouter, type Router } from "../../infra/http/router.js";
import type { Middleware } from "koa";
import type { AuthState } from "../auth.js";
import { limitReached } from "../../http/problem.js";
import { StreamClient, type DropReason } from "./client.js";
import { RESYNC_FRAME, sseFrame, taskEventRef } from "./ids.js";
import type { StreamMetrics } from "./metrics.js";
import { alreadySeen, type Replay, type ReplayFrame } from "./resume.js";

interface Frame extends ReplayFrame {
  at: number;
}

export interface StreamLimits {
  /** The per-user window: at most `frames` frames, none older than `ms`. */
  frames: number;
  ms: number;
  /** What one client may hold before it is dropped. */
  clientMaxBytes?: number;
  /** How long a resume waits for a client to take its frames. */
  stallMs?: number;
  /** Open streams per user and per client address in this replica (STREAMS_MAX_PER_USER, STREAMS_MAX_PER_IP); unset: no cap. */
  maxPerUser?: number;
  maxPerIp?: number;
}

const DEFAULT_LIMITS: StreamLimits = { frames: 200, ms: 5 * 60_000, clientMaxBytes: 256 * 1024 };

export class LiveStreams {
  private readonly clients = new Map<string, Set<StreamClient>>();
  private readonly recent = new Map<string, Frame[]>();
  private readonly perIp = new Map<string, number>();
  private lastPrune = 0;

  constructor(
    private readonly limits: StreamLimits = DEFAULT_LIMITS,
    private readonly now = () => Date.now(),
    readonly metrics?: StreamMetrics,
  ) {}

  /** The cap another stream of this user from this address would go over, or null. */
  overCap(userId: string, ip: string): { name: string; max: number } | null {
    const { maxPerUser, maxPerIp } = this.limits;
    if (maxPerUser !== undefined && (this.clients.get(userId)?.size ?? 0) >= maxPerUser) return { name: "STREAMS_MAX_PER_USER", max: maxPerUser };
    if (maxPerIp !== undefined && (this.perIp.get(ip) ?? 0) >= maxPerIp) return { name: "STREAMS_MAX_PER_IP", max: maxPerIp };
    return null;
  }

  /** A new client of the user, holding live frames until its resume is written (`goLive`). */
  connect(userId: string, stream: PassThrough, onDrop: (reason: DropReason) => void, ip = ""): { client: StreamClient; remove: () => void } {
    const client = new StreamClient(stream, this.limits.clientMaxBytes ?? DEFAULT_LIMITS.clientMaxBytes!, (reason) => {
      this.metrics?.dropped(reason);
      onDrop(reason);
    }, this.limits.stallMs);
    let set = this.clients.get(userId);
    if (!set) this.clients.set(userId, (set = new Set()));
    set.add(client);
    this.perIp.set(ip, (this.perIp.get(ip) ?? 0) + 1);
    let removed = false;
    return {
      client,
      remove: () => {
        client.close();
        if (!removed) {
          removed = true;
          const left = (this.perIp.get(ip) ?? 1) - 1;
          if (left > 0) this.perIp.set(ip, left);
          else this.perIp.delete(ip);
        }
        set.delete(client);
        if (set.size === 0 && this.clients.get(userId) === set) this.clients.delete(userId);
      },
    };
  }

  send(userId: string, event: string, id: string, data: unknown): void {
    const frame: Frame = { id, text: sseFrame(event, id, data), at: this.now() };
    this.remember(userId, frame);
    for (const client of this.clients.get(userId) ?? []) client.deliver(frame);
  }

  /** Frames after `lastId` in the window, or null when the window does not hold it. */
  since(userId: string, lastId: string): ReplayFrame[] | null {
    const frames = this.recent.get(userId) ?? [];
    const index = frames.findIndex((f) => f.id === lastId);
    return index < 0 ? null : frames.slice(index + 1);
  }

  /** Frames in the window received at or after `at` (epoch ms). */
  receivedSince(userId: string, at: number): ReplayFrame[] {
    return (this.recent.get(userId) ?? []).filter((f) => f.at >= at);
  }

  private remember(userId: string, frame: Frame): void {
    if (this.limits.frames <= 0) return;
    const cutoff = frame.at - this.limits.ms;
    const frames = (this.recent.get(userId) ?? []).filter((f) => f.at >= cutoff);
    frames.push(frame);
    this.recent.set(userId, frames.slice(-this.limits.frames));
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

  get bufferedBytes(): number {
    let n = 0;
    for (const set of this.clients.values()) for (const client of set) n += client.bufferedBytes;
    return n;
  }
}

export interface StreamRouteDeps {
  guard: Middleware[];
  streams: LiveStreams;
  /** The resume from durable history; without it, an id outside the window gets `resync`. */
  history?: (userId: string, lastId: string) => Promise<Replay | null>;
  onError?: (err: unknown) => void;
  heartbeatMs?: number;
}

const BASE = "/api/v1/stream";

export function streamRoutes(deps: StreamRouteDeps): Router {
  const router = newRouter();
  router.use(...deps.guard);
  router.get(BASE, (ctx) => {
    const stream = new PassThrough();
    const userId = (ctx.state as AuthState).userId;
    const lastId = ctx.get("last-event-id");
    // ctx.ip is the client's address (X-Forwarded-For only from TRUSTED_PROXIES: http/proxy.ts).
    const over = deps.streams.overCap(userId, ctx.ip);
    if (over) {
      const whose = over.name === "STREAMS_MAX_PER_USER" ? "for this user" : "from this address";
      throw limitReached(429, over.name, over.max, `too many open live streams ${whose}; close one or retry later`);
    }
    // Registered before anything is read, so no live frame falls between the resume and live.
    const { client, remove } = deps.streams.connect(userId, stream, () => ctx.res.destroy(), ctx.ip);
    // Comments keep proxies from closing an idle stream.
    const heartbeat = setInterval(() => client.write(": keep-alive\n\n"), deps.heartbeatMs ?? 15_000);
    const close = () => {
      clearInterval(heartbeat);
      remove();
      // Destroyed, not ended: a resume waiting for the client to drain stops waiting.
      stream.destroy();
    };
    ctx.req.on("close", close);
    ctx.req.socket.setTimeout(0);
    ctx.set({ "Cache-Control": "no-cache", Connection: "keep-alive", "X-Accel-Buffering": "no" });
    ctx.type = "text/event-stream";
    ctx.status = 200;
    client.write(": connected\n\n");
    // The window is read now, in the same turn as `connect`: live frames from here on are held.
    const fromWindow = lastId ? deps.streams.since(userId, lastId) : [];
    void resume(deps, client, userId, lastId, fromWindow).catch((err: unknown) => {
      deps.onError?.(err);
      client.drop("stalled");
    });
    ctx.body = stream;
  });
  return router;
}

/** Writes what the client missed, then the live frames held meanwhile. */
async function resume(deps: StreamRouteDeps, client: StreamClient, userId: string, lastId: string, fromWindow: ReplayFrame[] | null): Promise<void> {
  if (fromWindow) {
    if (lastId) deps.streams.metrics?.resumed("window");
    for (const frame of fromWindow) if (!(await client.writePaced(frame.text))) return;
    return client.goLive();
  }
  let replay: Replay | null = null;
  try {
    replay = deps.history ? await deps.history(userId, lastId) : null;
  } catch (err) {
    // History unreachable: the client reloads instead (nothing is lost that a reload does not show).
    deps.onError?.(err);
  }
  if (!replay) {
    deps.streams.metrics?.resumed("resync");
    client.write(RESYNC_FRAME);
    return client.goLive();
  }
  deps.streams.metrics?.resumed("history");
  const sent = new Set<string>();
  const newest = new Map<string, number>();
  const seen = alreadySeen(lastId);
  // A frame already sent, one the client certainly has, or an older version of
  // a task than one already sent (it would take the client's view back) is left out.
  const skip = (id: string) => {
    if (sent.has(id) || seen(id)) return true;
    const ref = taskEventRef(id);
    return ref !== null && (newest.get(ref.taskId) ?? 0) >= ref.version;
  };
  // History first; then what this replica received from the replay's start on
  // that the history did not have yet (recorded after it was read); then the
  // live frames held since connecting. Each id once.
  for (const frame of [...replay.frames, ...deps.streams.receivedSince(userId, replay.since)]) {
    if (skip(frame.id)) continue;
    sent.add(frame.id);
    const ref = taskEventRef(frame.id);
    if (ref) newest.set(ref.taskId, ref.version);
    if (!(await client.writePaced(frame.text))) return;
  }
  await client.goLive(skip);
}
