/**
 * Finishes outboxes that a dead process left behind: tasks still marked in
 * the outbox journal long after any command could have finished are asked,
 * through daprd (so whichever replica now hosts them), to work their outbox
 * off. Every api replica sweeps; an actor asked twice does the work once
 * (turns are serial, and the second call finds the mark gone).
 */
import type { OutboxJournal } from "../infra/outboxJournal.js";
import type { Logger } from "../infra/logger.js";

export interface SweeperOptions {
  /** A mark older than this is a leftover (longer than any command's timeout). */
  afterMs: number;
  intervalMs: number;
  batch: number;
}

export class OutboxSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly journal: OutboxJournal,
    private readonly flush: (taskId: string) => Promise<void>,
    private readonly opts: SweeperOptions,
    private readonly log: Logger,
    private readonly counted?: (outcome: "flushed" | "failed") => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweepOnce().then(
        () => undefined,
        () => undefined,
      ).finally(() => (this.running = null));
    }, this.opts.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass over the leftovers; answers how many were flushed. */
  async sweepOnce(): Promise<number> {
    let flushed = 0;
    try {
      const stale = await this.journal.stale(this.opts.afterMs, this.opts.batch);
      for (const taskId of stale) {
        try {
          await this.flush(taskId);
          flushed++;
          this.counted?.("flushed");
        } catch (err) {
          this.counted?.("failed");
          this.log.warn({ taskId, err: (err as Error).message }, "outbox sweep: flush failed; next sweep retries");
        }
      }
      if (stale.length > 0) this.log.warn({ found: stale.length, flushed }, "outbox sweep: finished outboxes left by a stopped process");
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, "outbox sweep failed");
    }
    return flushed;
  }
}
