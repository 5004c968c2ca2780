/** Request validation shared by every app's routes: one 400 shape for bad queries and bodies. */
import type { Context } from "koa";
import type { z } from "zod";
import { SERVER_OWNED_FIELDS } from "../domain/index.js";
import { badRequest, type FieldError } from "./problem.js";

/** Fields the server sets on a task (src/domain/task.ts): a body naming one is told so rather than "not a known field". */
export const SERVER_OWNED = SERVER_OWNED_FIELDS;

/** Parse or answer 400 with every problem and its field path. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: [...issue.path, key].join("."),
        message: SERVER_OWNED.includes(key) ? "is set by the server and cannot be written" : "is not a known field",
      }));
    }
    return [{ path: issue.path.join(".") || "(body)", message: issue.message }];
  });
  throw badRequest("the request is not valid", errors);
}

/**
 * Query parameters as strings; a parameter repeated where one is expected is a
 * 400, not an array smuggled into a filter.
 */
export function flatQuery(ctx: Context, repeatable: string[] = []): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(ctx.query)) {
    if (Array.isArray(value) && !repeatable.includes(key)) {
      throw badRequest(`${key} may be given once`, [{ path: key, message: "may be given once" }]);
    }
    if (value !== undefined) out[key] = value;
  }
  return out;
}
