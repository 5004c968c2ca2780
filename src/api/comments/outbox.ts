/**
 * Publishes comment events from the comments' own outboxes (ADR 0015): right
 * after each change, before its answer, and by a sweep on every api replica
 * for outboxes a stopped process or a failed publish left behind. Publishing
 * may repeat; consumers deduplicate by event id (docs/events.md).
 */
import type { CommentEvent } from "../../domain/index.js";
import type { Comments } from "../../infra/comments.js";
import type { Logger } from "../../infra/logger.js";

export interface CommentOutboxOptions {
  /** An outbox older than this is a leftover (longer than any request's publish). */
  afterMs: number;
  intervalMs: number;
  batch: number;
}

export class CommentOutbox {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly comments: Pick<Comments, "pending" | "drained" | "pendingSince">,
    private readonly publish: (events: CommentEvent[]) => Promise<void>,
    private readonly opts: CommentOutboxOptions,
    private readonly log: Logger,
  ) {}

  /** Publishes what the comment's outbox holds; false (logged) if that failed: the sweep retries. */
  async flush(commentId: string): Promise<boolean> {
    try {
      const pending = await this.comments.pending(commentId);
      if (!pending) return true;
      await this.publish(pending.events);
      await this.comments.drained(commentId, pending.version);
      return true;
    } catch (err) {
      this.log.warn({ commentId, err: (err as Error).message }, "comment events not published yet; the outbox sweep retries");
      return false;
    }
  }

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweepOnce().then(() => undefined, () => undefined).finally(() => (this.running = null));
    }, this.opts.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass over the leftovers; answers how many were published. */
  async sweepOnce(now = new Date()): Promise<number> {
    let done = 0;
    try {
      const stale = await this.comments.pendingSince(new Date(now.getTime() - this.opts.afterMs), this.opts.batch);
      for (const id of stale) if (await this.flush(id)) done++;
      if (stale.length > 0) this.log.warn({ found: stale.length, published: done }, "comment outbox sweep: published events left behind");
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, "comment outbox sweep failed");
    }
    return done;
  }
}
