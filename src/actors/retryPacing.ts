/**
 * When a safe actor call (a create's replay by its key, a list read, the
 * idempotent ensureInbox) is sent again after a transient failure: while an
 * actor moves between hosts (a rolling update, a scale change) daprd fails
 * calls fast until its placement table is current, which takes longer than
 * three back-to-back attempts. So the attempts are paced, doubling from
 * `firstPauseMs`, and go on while the write's deadline leaves room for one
 * more; without a deadline, three attempts in all. ADR 0016.
 */
export interface RetryPacing {
  /** The pause before the second attempt; each later pause doubles, up to `maxPauseMs`. */
  firstPauseMs: number;
  maxPauseMs: number;
  /** An attempt sent with less time than this left is not worth sending. */
  minAttemptMs: number;
  /** Attempts in all when the call has no deadline. */
  attemptsWithoutDeadline: number;
}

export const DEFAULT_RETRY_PACING: RetryPacing = { firstPauseMs: 50, maxPauseMs: 800, minAttemptMs: 250, attemptsWithoutDeadline: 3 };

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
