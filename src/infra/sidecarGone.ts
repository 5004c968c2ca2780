/**
 * On shutdown the app keeps serving until its daprd is gone, not for a fixed
 * time (ADR 0024): daprd stops its subscriptions before its block-shutdown
 * period even starts, so on a busy node it left the actor placement up to 14 s
 * later than planned, and the actor calls it forwarded meanwhile to an app that
 * had closed failed ("connection refused", creates answered 503).
 */
export interface SidecarGoneOptions {
  /** How often the sidecar is asked. */
  pollMs: number;
  /** Probes in a row that found its port closed, to conclude it is gone. */
  failuresInARow: number;
}

export const SIDECAR_GONE_DEFAULTS: SidecarGoneOptions = { pollMs: 500, failuresInARow: 2 };

/**
 * Resolves when `up` has said no `failuresInARow` times in a row ("gone")
 * or `maxWaitMs` has passed ("waited"); 0 resolves at once.
 */
export async function untilSidecarGone(
  /** false once the sidecar's port is closed (Sidecar.stopped); a slow answer is still up. */
  up: () => Promise<boolean>,
  maxWaitMs: number,
  opts: SidecarGoneOptions = SIDECAR_GONE_DEFAULTS,
  now: () => number = Date.now,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<"gone" | "waited"> {
  const deadline = now() + maxWaitMs;
  let failures = 0;
  while (now() < deadline) {
    failures = (await up()) ? 0 : failures + 1;
    if (failures >= opts.failuresInARow) return "gone";
    const left = deadline - now();
    if (left <= 0) break;
    await sleep(Math.min(opts.pollMs, left));
  }
  return "waited";
}
