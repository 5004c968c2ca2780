/**
 * The public JSON shape of a task: what the REST API answers, and what the
 * live stream, webhooks and e-mails carry (docs/api.md). It lives below the
 * API because the subscribers and the notification app send it too. Derived
 * from the domain's schema (src/domain/task.ts): the owner is implied by the
 * caller and not echoed, and a recurrence is also described in words. The
 * API refines it into its OpenAPI schema (src/api/openapi/responses.ts).
 */
import { z } from "zod";
import { recurrenceSchema, taskSchema, type Task } from "../domain/index.js";
import { describeRule } from "../domain/recurrence.js";

export const taskBodySchema = taskSchema.omit({ ownerId: true }).extend({
  recurrence: recurrenceSchema.extend({ text: z.string().meta({ description: "read-only, in English" }) }).nullable(),
});
export type TaskBody = z.output<typeof taskBodySchema>;

/** The body's fields in the schema's order, which is the order of the JSON sent. */
const BODY_FIELDS = Object.keys(taskBodySchema.shape) as (keyof TaskBody & keyof Task)[];

export function presentTask(task: Task): TaskBody {
  const body = Object.fromEntries(BODY_FIELDS.map((field) => [field, task[field]])) as Omit<TaskBody, "recurrence">;
  return { ...body, recurrence: task.recurrence ? { ...task.recurrence, text: describeRule(task.recurrence.rule) } : null };
}
