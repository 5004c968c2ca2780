/**
 * A write whose actor call got no answer within its deadline, or failed
 * transiently after the request went out (daprd or the actor failing): it
 * may have been committed. The API answers 503 `outcome-unknown` with the
 * task id and the Idempotency-Key (src/http/problem.ts), never "failed":
 * retrying with the same key is safe and tells the outcome.
 */
export class OutcomeUnknown extends Error {
  /** The create's Idempotency-Key (given or assigned), once the route knows it. */
  idempotencyKey?: string;

  constructor(
    readonly taskId: string,
    cause: unknown,
  ) {
    super(`the outcome of the write to task ${taskId} is unknown: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "OutcomeUnknown";
  }
}
