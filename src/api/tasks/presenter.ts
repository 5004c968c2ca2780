import type { Task } from "../../domain/index.js";
import { presentTask as presentTaskBody } from "../../events/taskBody.js";
import type { TaskBody } from "../openapi/responses.js";

/** The public shape of a task (src/events/taskBody.ts), checked against the OpenAPI schema's type here. */
export const presentTask: (task: Task) => TaskBody = presentTaskBody;

export const etagOf = (task: Task) => `"${task.version}"`;

/** `If-Match: 3`, `"3"` or `W/"3"` → 3; anything else → NaN (answered 412 by the domain). */
export function versionFromIfMatch(header: string): number | undefined {
  if (header === "") return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  return match ? Number(match[1]) : Number.NaN;
}
