/**
 * Finishes a task's outbox after its write has been answered: a commit asks
 * here for the re-plan it deferred and for a publish it could not do, and
 * this calls the actor's `retryOutbox` (through daprd, so whichever replica
 * hosts it now) at once, then with a growing pause while the scheduler keeps
 * failing, until the actor answers that nothing is pending (a publish that
 * fails again arms the outbox reminder instead). The journal mark stays until
 * then, so a task this process forgets (a restart, a full queue) is the
 * sweeper's. See docs/adr/0009-reminders-after-the-answer.md and
 * docs/adr/0032-answer-without-arming.md.
 */
import type { Logger } from "../infra/logger.js";

export interface OutboxRetrierOptions {
  /** Pause before the second attempt; doubled each attempt up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Tasks waiting at most; more are left to the sweeper (their mark stays). */
  maxPending: number;
}

interface Pending {
  attempt: number;
  /** Asked for again while an attempt was in flight (or the attempt failed): go once more. */
  again: boolean;
  timer: NodeJS.Timeout | null;
}

export class OutboxRetrier {
  private readonly pending = new Map<string, Pending>();
  private stopped = false;

  constructor(
    /** Calls the actor's `retryOutbox`; answers whether a re-plan is still pending. */
    private readonly retryOutbox: (taskId: string) => Promise<boolean>,
    private readonly opts: OutboxRetrierOptions,
    private readonly log: Logger,
    private readonly counted?: (outcome: "done" | "retried" | "dropped") => void,
  ) {}

  /** The actor has a re-plan to do: call it soon (once, however often this is asked before the call). */
  schedule(taskId: string): void {
    if (this.stopped) return;
    const entry = this.pending.get(taskId);
    if (entry) {
      entry.again = true;
      return;
    }
    if (this.pending.size >= this.opts.maxPending) {
      this.counted?.("dropped");
      this.log.warn({ taskId, pending: this.pending.size }, "outbox retry queue full; the outbox sweeper will finish this task's outbox");
      return;
    }
    const fresh: Pending = { attempt: 0, again: false, timer: null };
    this.pending.set(taskId, fresh);
    this.after(taskId, fresh, 0);
  }

  /** Tasks waiting for their outbox to be finished (for the metric and tests). */
  get size(): number {
    return this.pending.size;
  }

  stop(): void {
    this.stopped = true;
    for (const entry of this.pending.values()) if (entry.timer) clearTimeout(entry.timer);
    this.pending.clear();
  }

  private after(taskId: string, entry: Pending, delayMs: number): void {
    entry.timer = setTimeout(() => {
      entry.timer = null;
      void this.attempt(taskId, entry);
    }, delayMs);
    entry.timer.unref();
  }

  private async attempt(taskId: string, entry: Pending): Promise<void> {
    entry.again = false;
    try {
      if (await this.retryOutbox(taskId)) entry.again = true;
    } catch (err) {
      entry.again = true;
      this.log.warn({ taskId, attempt: entry.attempt, err: (err as Error).message }, "outbox retry failed; retrying");
    }
    if (this.stopped || this.pending.get(taskId) !== entry) return;
    if (!entry.again) {
      this.pending.delete(taskId);
      this.counted?.("done");
      return;
    }
    this.counted?.("retried");
    const delay = Math.min(this.opts.maxDelayMs, this.opts.firstDelayMs * 2 ** entry.attempt);
    entry.attempt++;
    this.after(taskId, entry, delay);
  }
}
