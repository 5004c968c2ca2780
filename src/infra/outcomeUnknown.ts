/**
 * A write whose actor call got no answer within its deadline, or failed
 * transiently after the request went out (daprd or the actor failing): it
 * may have been committed. The API answers 503 `outcome-unknown` with the
 * task (or list) id and, for a create, the Idempotency-Key
 * (src/http/problem.ts), never "failed": retrying with the same key is safe
 * and tells the outcome; a list's change is found by reading the list.
 */
export class OutcomeUnknown extends Error {
  /** The create's Idempotency-Key (given or assigned), once the route knows it. */
  idempotencyKey?: string;

  constructor(
    /** The task's id, or the list's (`resource`). */
    readonly id: string,
    cause: unknown,
    readonly resource: "task" | "list" = "task",
  ) {
    super(`the outcome of the write to ${resource} ${id} is unknown: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "OutcomeUnknown";
  }
}
