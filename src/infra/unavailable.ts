/**
 * A request that could not start its change because something it needs
 * first did not answer in time (the list's actor behind a frozen daprd):
 * nothing was done, so sending it again is safe. The API answers 503
 * `unavailable` with Retry-After (src/http/problem.ts), within the write's
 * deadline (WRITE_TIMEOUT_MS) instead of the sidecar's own 25 s wait.
 */
export class Unavailable extends Error {
  constructor(what: string, cause: unknown) {
    super(`${what} did not answer in time; nothing was done: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "Unavailable";
  }
}
