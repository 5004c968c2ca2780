/**
 * The public JSON shape of a task: what the REST API answers, and what the
 * live stream, webhooks and e-mails carry (API.md). It lives below the API
 * because the subscribers and the notification app send it too; the API's
 * OpenAPI schema checks it (src/api/tasks/presenter.ts). The owner is
 * implied by the caller and not echoed.
 */
import type { Task } from "../domain/index.js";
import { describeRule } from "../domain/recurrence.js";

export function presentTask(task: Task) {
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
