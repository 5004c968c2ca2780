import type { Task } from "../../domain/index.js";
import { describeRule } from "../../domain/recurrence.js";
import type { TaskBody } from "../openapi/responses.js";

/** The public shape of a task (API.md). The owner is implied by the caller and not echoed. */
export function presentTask(task: Task): TaskBody {
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    status: task.status,
    priority: task.priority,
    tags: task.tags,
    dueAt: task.dueAt,
    timeZone: task.timeZone,
    reminders: task.reminders,
    recurrence: task.recurrence ? { ...task.recurrence, text: describeRule(task.recurrence.rule) } : null,
    seriesId: task.seriesId,
    snoozedUntil: task.snoozedUntil,
    completedAt: task.completedAt,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
    version: task.version,
  };
}

export const etagOf = (task: Task) => `"${task.version}"`;

/** `If-Match: 3`, `"3"` or `W/"3"` → 3; anything else → NaN (answered 412 by the domain). */
export function versionFromIfMatch(header: string): number | undefined {
  if (header === "") return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  return match ? Number(match[1]) : Number.NaN;
}
