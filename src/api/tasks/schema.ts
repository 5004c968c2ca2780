/** Request shapes for tasks. Strict: unknown and server-owned fields are rejected, not ignored. */
import { z } from "zod";
import { PRIORITIES } from "../../domain/index.js";
import { badRequest, type FieldError } from "../problem.js";

export const SERVER_OWNED = ["id", "ownerId", "status", "version", "createdAt", "updatedAt", "completedAt", "seriesId"];

const isIanaZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const title = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const description = z.string().max(4000, "must be at most 4000 characters");
const tags = z
  .array(z.string().trim().min(1, "must not be empty").max(40, "must be at most 40 characters"))
  .max(20, "at most 20 tags")
  .transform((list) => [...new Set(list.map((t) => t.toLowerCase()))]);
const instant = z.string().datetime({ offset: true, message: "must be an RFC 3339 instant, e.g. 2026-12-01T09:00:00Z" })
  .transform((s) => new Date(s).toISOString());
const timeZone = z.string().refine(isIanaZone, "must be an IANA time zone such as Europe/Berlin");

export const createTaskSchema = z.strictObject({
  title,
  description: description.optional(),
  priority: z.enum(PRIORITIES).optional(),
  tags: tags.optional(),
  dueAt: instant.nullable().optional(),
  timeZone: timeZone.optional(),
});

export const patchTaskSchema = z
  .strictObject({
    title: title.optional(),
    description: description.optional(),
    priority: z.enum(PRIORITIES).optional(),
    tags: tags.optional(),
    dueAt: instant.nullable().optional(),
    timeZone: timeZone.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, "send at least one field to change");

export const listQuerySchema = z.strictObject({
  status: z.enum(["open", "completed", "all"]).default("open"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(512).optional(),
});

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
