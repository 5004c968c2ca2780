/**
 * Registers a task's reminders after its write has been answered: a commit
 * whose re-plan it deferred asks for it here, and this calls the actor's
 * `replan` (through daprd, so whichever replica hosts it now) at once, then
 * with a growing pause while the scheduler keeps failing, until the actor
 * answers that nothing is pending. The journal mark stays until then, so a
 * task this process forgets (a restart, a full queue) is the sweeper's.
 * See docs/adr/0009-reminders-after-the-answer.md.
 */
import type { Logger } from "../infra/logger.js";

export interface ReplanRetrierOptions {
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

export class ReplanRetrier {
  private readonly pending = new Map<string, Pending>();
  private stopped = false;

  constructor(
    /** Calls the actor's `replan`; answers whether a re-plan is still pending. */
    private readonly replan: (taskId: string) => Promise<boolean>,
    private readonly opts: ReplanRetrierOptions,
    private readonly log: Logger,
    private readonly counted?: (outcome: "registered" | "retried" | "dropped") => void,
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
      this.log.warn({ taskId, pending: this.pending.size }, "reminder registration queue full; the outbox sweeper will register this task's reminders");
      return;
    }
    const fresh: Pending = { attempt: 0, again: false, timer: null };
    this.pending.set(taskId, fresh);
    this.after(taskId, fresh, 0);
  }

  /** Tasks waiting for their reminders to be registered (for the metric and tests). */
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
      if (await this.replan(taskId)) entry.again = true;
    } catch (err) {
      entry.again = true;
      this.log.warn({ taskId, attempt: entry.attempt, err: (err as Error).message }, "reminder registration failed; retrying");
    }
    if (this.stopped || this.pending.get(taskId) !== entry) return;
    if (!entry.again) {
      this.pending.delete(taskId);
      this.counted?.("registered");
      return;
    }
    this.counted?.("retried");
    const delay = Math.min(this.opts.maxDelayMs, this.opts.firstDelayMs * 2 ** entry.attempt);
    entry.attempt++;
    this.after(taskId, entry, delay);
  }
}
