/**
 * Errors the domain can answer with. Codes are stable machine-readable strings:
 * they travel across the actor boundary as values and end up in problem+json.
 */
export type DomainErrorCode =
  | "not_found"
  | "already_exists"
  | "invalid_transition"
  | "version_mismatch"
  | "invalid_task"
  | "idempotency_conflict";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** For invalid_task: the field the rule is about. */
    readonly field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (taskId: string) => new DomainError("not_found", `task ${taskId} does not exist`);
