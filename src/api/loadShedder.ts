/**
 * Sheds load before it queues: when a limit of write requests is in flight
 * in this process while it is serving (not waiting on a stall), or its event
 * loop lags past a limit (off by default), a new write
 * is refused at once (503 `overloaded` with Retry-After) instead of joining
 * a queue that makes every write wait tens of seconds. Reads are never
 * refused here: they are served from the read model. A limit of 0 is off.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import type { Context, Next } from "koa";
import { HttpProblem } from "../http/problem.js";

export interface LoadShedderOptions {
  /** Event-loop delay (the worst in the last window, ms) past which writes are refused; 0: not watched. */
  maxEventLoopLagMs: number;
  /**
   * Write requests in flight in this process (past this check, not yet
   * answered) at which writes are refused while the process is serving:
   * finishing at least half that many writes a second. Fewer finishing means
   * the writes wait on a stalled dependency (actors moving between replicas),
   * which WRITE_TIMEOUT_MS bounds and whose end completes them. 0: no limit.
   */
  maxInFlightWrites: number;
  /** How often the lag is sampled (the window). */
  sampleMs?: number;
}

const RETRY_AFTER_S = 1;
const READ_METHODS = new Set(["GET", "HEAD"]);

export class LoadShedder {
  private readonly histogram: IntervalHistogram | null;
  private timer: NodeJS.Timeout | null = null;
  /** The last complete window's worst event-loop delay, ms (a test may set it). */
  lastWindowLagMs = 0;
  /** Write requests past this check and not yet answered, in this process. */
  inFlight = 0;
  /** Writes answered per second in the last complete window (a test may set it). */
  lastWindowAnsweredPerS = 0;
  private answered = 0;

  constructor(
    private readonly opts: LoadShedderOptions,
    private readonly counted?: (reason: "lag" | "in-flight") => void,
  ) {
    this.histogram = opts.maxEventLoopLagMs > 0 ? monitorEventLoopDelay({ resolution: 10 }) : null;
  }

  start(): void {
    if (this.timer || (this.opts.maxEventLoopLagMs <= 0 && this.opts.maxInFlightWrites <= 0)) return;
    this.histogram?.enable();
    const windowMs = this.opts.sampleMs ?? 500;
    this.timer = setInterval(() => {
      if (this.histogram) {
        // The worst delay of the window: a request arriving then waited that long before being read.
        this.lastWindowLagMs = this.histogram.max / 1e6;
        this.histogram.reset();
      }
      this.lastWindowAnsweredPerS = (this.answered * 1000) / windowMs;
      this.answered = 0;
    }, windowMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.histogram?.disable();
  }

  /** The worst event-loop delay of the last window and the one under way, ms: a sample just taken does not hide a stall. */
  get lagMs(): number {
    return Math.max(this.lastWindowLagMs, this.histogram ? this.histogram.max / 1e6 : 0);
  }

  /** Why a new write would be refused now, or null. */
  overloaded(): "lag" | "in-flight" | null {
    if (this.opts.maxEventLoopLagMs > 0 && this.lagMs > this.opts.maxEventLoopLagMs) return "lag";
    const max = this.opts.maxInFlightWrites;
    if (max > 0 && this.inFlight >= max && this.lastWindowAnsweredPerS >= max / 2) return "in-flight";
    return null;
  }

  /** Koa middleware (after authentication): refuses a write at once when overloaded; reads pass. */
  middleware() {
    return async (ctx: Context, next: Next) => {
      if (READ_METHODS.has(ctx.method)) return next();
      const reason = this.overloaded();
      if (reason) {
        this.counted?.(reason);
        throw new HttpProblem(
          503,
          "overloaded",
          "Service Unavailable",
          `the server is over capacity (${reason === "lag" ? "event-loop lag" : "writes in flight"}); nothing was done: retry after Retry-After`,
          undefined,
          { "Retry-After": String(RETRY_AFTER_S) },
        );
      }
      // Counted from here to the answer: the actor call and everything around it (list access, read-your-writes).
      this.inFlight++;
      try {
        await next();
      } finally {
        this.inFlight--;
        this.answered++;
      }
    };
  }
}
