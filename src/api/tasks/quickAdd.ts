/**
 * POST /tasks/quick: the text becomes the same validated input POST /tasks
 * takes, so everything after this point (idempotency, the actor, the
 * presenter) is the ordinary create.
 */
import { parseQuickAdd, type ParsedSpan } from "../../domain/quickAdd.js";
import type { TaskInput } from "../../domain/index.js";
import { describeRule } from "../../domain/recurrence.js";
import { badRequest } from "../../http/problem.js";
import { createTaskSchema } from "./schema.js";
import { parseOr400 } from "../../http/validate.js";

export interface QuickDraft {
  input: TaskInput;
  parsed: ParsedSpan[];
}

/** `caller` is whom `assignee: "me"` names. */
export function quickAddDraft(body: { text: string; timeZone?: string; assignee?: "me" }, now: Date, caller: string): QuickDraft {
  const { input: read, parsed } = parseQuickAdd(body.text, { timeZone: body.timeZone ?? "UTC", now });
  const input = body.assignee === "me" ? { ...read, assigneeId: caller } : read;
  if (input.title === "") {
    throw badRequest("the text has no title once dates, tags and priority are taken out", [
      { path: "text", message: "needs words for the title besides dates, tags, priority and reminders" },
    ]);
  }
  return { input: parseOr400(createTaskSchema, input), parsed };
}

/** What a dry run answers: the task as it would be created (no server-owned fields), with defaults filled in. */
export function presentDraft(input: TaskInput) {
  return {
    title: input.title,
    description: input.description ?? "",
    priority: input.priority ?? "none",
    tags: input.tags ?? [],
    dueAt: input.dueAt ?? null,
    timeZone: input.timeZone ?? "UTC",
    reminders: input.reminders ?? [],
    recurrence: input.recurrence ? { ...input.recurrence, text: describeRule(input.recurrence.rule) } : null,
    ...(input.assigneeId ? { assigneeId: input.assigneeId } : {}),
  };
}
