/**
 * When a safe actor call (a create's replay by its key, a list read, the
 * idempotent ensureInbox) is sent again after a transient failure: while an
 * actor moves between hosts (a rolling update, a scale change) daprd fails
 * calls fast until its placement table is current, which takes longer than
 * three back-to-back attempts. So the attempts are paced, doubling from
 * `firstPauseMs`, and go on while the write's deadline leaves room for one
 * more; without a deadline, three attempts in all. ADR 0016.
 *
 * An attempt that has not answered after `stuckAttemptMs` is given up and
 * sent again (ADR 0017): an actor whose host froze stays in daprd's placement
 * table until placement notices, and a call daprd forwarded there meanwhile
 * hangs (daprd does not cancel it when the table changes), while the same
 * call sent again once the table is current reaches the new host.
 */
export interface RetryPacing {
  /** The pause before the second attempt; each later pause doubles, up to `maxPauseMs`. */
  firstPauseMs: number;
  maxPauseMs: number;
  /** An attempt sent with less time than this left is not worth sending. */
  minAttemptMs: number;
  /** Attempts in all when the call has no deadline. */
  attemptsWithoutDeadline: number;
  /** An attempt still unanswered after this long is given up and sent again, while the deadline leaves room for one more; 0: never. */
  stuckAttemptMs: number;
}

export const DEFAULT_RETRY_PACING: RetryPacing = { firstPauseMs: 50, maxPauseMs: 800, minAttemptMs: 250, attemptsWithoutDeadline: 3, stuckAttemptMs: 1500 };

/**
 * How long the next attempt (after `sent` others) may wait for its answer, given `leftMs` of the
 * deadline: `stuckAttemptMs` when what is left after it still holds a pause
 * and another attempt worth sending, else all that is left (the last attempt
 * waits to the deadline). Undefined without a deadline (the sidecar's own wait).
 */
export function attemptWaitMs(sent: number, leftMs: number | undefined, pacing: RetryPacing = DEFAULT_RETRY_PACING): number | undefined {
  if (leftMs === undefined) return undefined;
  const left = Math.max(1, leftMs);
  if (pacing.stuckAttemptMs <= 0) return left;
  const pause = Math.min(pacing.firstPauseMs * 2 ** Math.max(0, sent), pacing.maxPauseMs);
  return left - pacing.stuckAttemptMs - pause >= pacing.minAttemptMs ? pacing.stuckAttemptMs : left;
}

/**
 * `attempts`: how many were sent and failed transiently; `leftMs`: what is
 * left of the deadline now (undefined: none). The pause before the next
 * attempt, or null to give up.
 */
export function pauseBeforeNextAttempt(attempts: number, leftMs: number | undefined, pacing: RetryPacing = DEFAULT_RETRY_PACING): number | null {
  const pause = Math.min(pacing.firstPauseMs * 2 ** Math.max(0, attempts - 1), pacing.maxPauseMs);
  if (leftMs === undefined) return attempts < pacing.attemptsWithoutDeadline ? pause : null;
  return leftMs - pause >= pacing.minAttemptMs ? pause : null;
}
