/**
 * The one error path: anything thrown in a route becomes RFC 9457
 * application/problem+json. Known errors keep their status and a stable
 * `type`; anything else is an opaque 500 (details go to the log, not the client).
 */
import type { Context, Next } from "koa";
import { DomainError, type DomainErrorCode } from "../domain/index.js";
import type { Logger } from "../infra/logger.js";
import { OutcomeUnknown } from "../infra/outcomeUnknown.js";
import { Unavailable } from "../infra/unavailable.js";
import { loggablePath } from "./secretPaths.js";

export interface FieldError {
  path: string;
  message: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
    /** A documented cap that was reached: its name and value (answered as `limit`). */
    readonly limit?: { name: string; max: number },
    /** outcome-unknown: the task (or list) and the Idempotency-Key to check or retry with. */
    readonly write?: { taskId?: string; listId?: string; idempotencyKey?: string },
  ) {
    super(detail ?? title);
    this.name = "HttpProblem";
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(400, "validation", "Bad Request", detail, errors);
export const unauthorized = (detail: string) =>
  new HttpProblem(401, "unauthorized", "Unauthorized", detail, undefined, { "WWW-Authenticate": "Bearer" });
/** A method no route of the path declares; `allow` lists those they do. */
export const methodNotAllowed = (allow: string[], ctx: { method: string }) =>
  new HttpProblem(405, "method_not_allowed", "Method Not Allowed", `${ctx.method} is not a method of this path; it takes ${allow.join(", ")}`, undefined, { Allow: allow.join(", ") });
export const notFoundProblem = (detail = "no such resource") => new HttpProblem(404, "not_found", "Not Found", detail);

/**
 * A per-user or per-IP cap (docs/security.md): 409 when the caller must act
 * first (delete a webhook), 429 with Retry-After when it frees by itself (a
 * stream closes, an import ends). The answer names the cap and its value.
 */
export function limitReached(status: 409 | 429, name: string, max: number, detail: string, retryAfterSeconds = 5): HttpProblem {
  const headers: Record<string, string> = status === 429 ? { "Retry-After": String(retryAfterSeconds) } : {};
  return new HttpProblem(status, "limit_reached", status === 409 ? "Conflict" : "Too Many Requests", `${detail} (${name}: at most ${max})`, undefined, headers, { name, max });
}

const DOMAIN_STATUS: Record<DomainErrorCode, { status: number; title: string }> = {
  not_found: { status: 404, title: "Not Found" },
  already_exists: { status: 409, title: "Conflict" },
  invalid_transition: { status: 409, title: "Conflict" },
  version_mismatch: { status: 412, title: "Precondition Failed" },
  invalid_task: { status: 400, title: "Bad Request" },
  idempotency_conflict: { status: 422, title: "Unprocessable Content" },
  forbidden: { status: 403, title: "Forbidden" },
  limit_reached: { status: 409, title: "Conflict" },
  cannot_undo: { status: 409, title: "Conflict" },
};

export function fromDomain(err: { code: DomainErrorCode; message: string; field?: string }): HttpProblem {
  const { status, title } = DOMAIN_STATUS[err.code];
  const errors = err.field ? [{ path: err.field, message: err.message }] : undefined;
  return new HttpProblem(status, err.code === "invalid_task" ? "validation" : err.code, title, err.message, errors);
}

export function problemMiddleware(log: Logger) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw notFoundProblem(`no route for ${ctx.method} ${ctx.path}`);
    } catch (err) {
      const problem = toProblem(err);
      // A shed write is the plan, counted by tickler_writes_shed_total: a log line each would add load just when there is too much.
      if (problem.status >= 500 && problem.code !== "overloaded") log.error({ err, path: loggablePath(ctx.path), method: ctx.method }, "request failed");
      ctx.status = problem.status;
      ctx.set(problem.headers);
      ctx.type = "application/problem+json";
      ctx.body = {
        type: `https://tickler.dev/problems/${problem.code}`,
        title: problem.title,
        status: problem.status,
        ...(problem.detail ? { detail: problem.detail } : {}),
        ...(problem.errors ? { errors: problem.errors } : {}),
        ...(problem.limit ? { limit: problem.limit } : {}),
        ...(problem.write ?? {}),
      };
    }
  };
}

/** Seconds a client waits before retrying a write whose outcome is unknown. */
const OUTCOME_UNKNOWN_RETRY_AFTER_S = 1;

export function toProblem(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) return err;
  if (err instanceof OutcomeUnknown) {
    const detail = err.idempotencyKey !== undefined
      ? "the write got no answer in time: it may or may not have been applied; retrying with the same Idempotency-Key is safe and answers the outcome"
      : `the write got no answer in time: it may or may not have been applied; read the ${err.resource} to find out`;
    const write = err.resource === "list" ? { listId: err.id } : { taskId: err.id, ...(err.idempotencyKey === undefined ? {} : { idempotencyKey: err.idempotencyKey }) };
    return new HttpProblem(503, "outcome-unknown", "Service Unavailable", detail, undefined, { "Retry-After": String(OUTCOME_UNKNOWN_RETRY_AFTER_S) }, undefined, write);
  }
  if (err instanceof Unavailable) {
    return new HttpProblem(503, "unavailable", "Service Unavailable", "a piece this request needs did not answer in time; nothing was done, so sending it again is safe", undefined, { "Retry-After": String(OUTCOME_UNKNOWN_RETRY_AFTER_S) });
  }
  if (err instanceof DomainError) return fromDomain(err);
  return new HttpProblem(500, "internal", "Internal Server Error", "the server could not complete the request");
}
