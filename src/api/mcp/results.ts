/** Shapes shared by the MCP tools: a task summary line, per-item outcomes of batch tools, tool results. */
import { z } from "zod";
import { problemSchema, taskSchema, type TaskBody } from "../openapi/responses.js";
import { RestProblem } from "./rest.js";

export const taskId = z.string().min(1).max(100).describe("task id (a UUID)");

export const outcomeSchema = z.object({
  ok: z.boolean(),
  id: z.string().optional(),
  idempotencyKey: z.string().optional(),
  task: taskSchema.optional(),
  next: taskSchema.nullable().optional().describe("the next occurrence a completion-mode series created"),
  error: problemSchema.partial().extend({ status: z.number() }).optional(),
});
export type Outcome = z.infer<typeof outcomeSchema>;

export const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

export function line(task: TaskBody): string {
  const due = task.dueAt ? ` due ${task.dueAt}` : "";
  const tags = task.tags.length ? ` #${task.tags.join(" #")}` : "";
  return `- ${task.title} [${task.status}, ${task.priority}]${due}${tags} (id ${task.id}, version ${task.version})`;
}

export function toolResult(text: string, structured: Record<string, unknown>, isError = false) {
  return { content: [{ type: "text" as const, text }], structuredContent: structured, ...(isError ? { isError: true } : {}) };
}

/** Runs one item of a batch; a REST problem becomes that item's error instead of failing the others. */
export async function outcomeOf(work: () => Promise<Omit<Outcome, "ok">>, base: Omit<Outcome, "ok"> = {}): Promise<Outcome> {
  try {
    return { ok: true, ...base, ...(await work()) };
  } catch (err) {
    if (!(err instanceof RestProblem)) throw err;
    const { status, title, detail, errors } = err.problem;
    return { ok: false, ...base, error: { status, ...(title ? { title } : {}), ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) } };
  }
}

/** Text and result of a batch: an error result when any item failed, with every outcome listed. */
export function batchResult(verb: string, outcomes: Outcome[]) {
  const failed = outcomes.filter((o) => !o.ok);
  const lines = outcomes.map((o) => (o.ok ? (o.task ? line(o.task) : `- ${o.id}: done`) : `- ${o.id ?? o.idempotencyKey}: failed, ${o.error?.status} ${o.error?.detail ?? o.error?.title ?? ""}`));
  return toolResult(`${verb} ${outcomes.length - failed.length} of ${outcomes.length}.\n${lines.join("\n")}`, { results: outcomes }, failed.length > 0);
}
