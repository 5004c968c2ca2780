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
  | "idempotency_conflict"
  /** A member of a list whose role does not allow the action. */
  | "forbidden"
  /** A documented cap of a list (members, invitations) that frees only when someone acts. */
  | "limit_reached"
  /** An undo that cannot apply (src/domain/undo.ts): the version is no longer kept, or the list it needs is gone or closed to the caller. */
  | "cannot_undo";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The field the rule is about (invalid_task, and any error a request field caused). */
    readonly field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (taskId: string) => new DomainError("not_found", `task ${taskId} does not exist`);
