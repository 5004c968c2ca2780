import { randomUUID } from "node:crypto";
import { resendRefusedWrite, withIdempotencyKey } from "../../domain/writeRetry.js";

/**
 * The MCP tools are a client of Tickler's public REST API, with the caller's
 * own token: the same validation, ownership (another user's task is 404),
 * idempotency, version checks and rate limits as any other client, whether
 * the tools run inside the api app (POST /mcp calls its own port) or in the
 * stdio process on a person's machine (`npm run mcp`).
 */
export interface RestAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TicklerRest {
  call<T = unknown>(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string> }): Promise<RestAnswer<T>>;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

/** A REST answer that is not 2xx, thrown by the tools as a tool error. */
export class RestProblem extends Error {
  constructor(readonly problem: Problem) {
    const fields = problem.errors?.map((e) => `${e.path}: ${e.message}`).join("; ");
    super(`${problem.status} ${problem.title ?? "error"}${problem.detail ? `: ${problem.detail}` : ""}${fields ? ` (${fields})` : ""}`);
    this.name = "RestProblem";
  }
}

/** `baseUrl` is the server's origin (e.g. http://127.0.0.1:8080); paths start with /api/v1. */
export function restOverFetch(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch): TicklerRest {
  const origin = baseUrl.replace(/(?<!\/)\/+$/, "");
  return {
    async call<T>(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) {
      // A task write's key is fixed before the first attempt, so each resend of it is a replay (ADR 0018).
      let sent = withIdempotencyKey(method, path, options.headers ?? {}, randomUUID);
      for (let attempt = 1; ; attempt++) {
        const res = await fetchImpl(origin + path, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: "application/json",
            ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
            ...sent,
          },
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        let body: unknown = null;
        try {
          body = text ? (JSON.parse(text) as unknown) : null;
        } catch {
          body = { status: res.status, title: "unreadable answer", detail: text.slice(0, 200) };
        }
        // A write refused with nothing done, or unknown and safe to repeat, goes again after Retry-After (a few times).
        const problem = body && typeof body === "object" ? (body as { type?: unknown; idempotencyKey?: unknown }) : null;
        const again = res.ok || method === "GET" ? null : resendRefusedWrite(attempt, { status: res.status, problem, retryAfter: res.headers.get("retry-after"), sentHeaders: sent });
        if (!again) return { status: res.status, headers: res.headers, body: body as T };
        sent = { ...sent, ...again.addHeaders };
        await new Promise((resolve) => setTimeout(resolve, again.afterMs));
      }
    },
  };
}

/** The answer's body when it is 2xx; otherwise a RestProblem. */
export async function expectOk<T>(answer: RestAnswer<unknown> | Promise<RestAnswer<unknown>>): Promise<T> {
  const { status, body } = await answer;
  if (status >= 200 && status < 300) return body as T;
  const problem = (body && typeof body === "object" ? body : {}) as Problem;
  throw new RestProblem({ ...problem, status });
}
