/**
 * MCP tools that change tasks. Each goes through the REST API with the
 * caller's token, so an agent gets exactly what a REST client gets: its own
 * tasks only, Idempotency-Key replays, If-Match version checks.
 */
import { z } from "zod";
import type { McpServer } from "@modelcontextprotocol/server";
import { createTaskSchema, patchTaskSchema, revertSchema } from "../tasks/schema.js";
import { MAX_KEPT_VERSIONS } from "../../domain/index.js";
import { taskSchema, type TaskBody } from "../openapi/responses.js";
import { batchResult, line, outcomeOf, outcomeSchema, taskId, toolResult } from "./results.js";
import { expectOk, RestProblem, type TicklerRest } from "./rest.js";

const batch = { results: z.array(outcomeSchema) };
const path = (id: string) => `/api/v1/tasks/${encodeURIComponent(id)}`;
const ids = z.array(taskId).min(1).max(50);
const keyOfProblem = (body: unknown) => {
  const key = body && typeof body === "object" ? (body as { idempotencyKey?: unknown }).idempotencyKey : undefined;
  return typeof key === "string" ? key : undefined;
};

export function registerWriteTools(server: McpServer, rest: TicklerRest): void {
  server.registerTool("add-tasks", {
    title: "Add tasks",
    description: "Create one or more tasks (the fields of POST /api/v1/tasks): listId puts a task in a list (default: your Inbox), parentId makes it a subtask, assigneeId assigns it to a member of its list. "
      + "Safe to retry: each result carries the task's idempotencyKey (yours, or one the server assigned when you gave none); to retry a task whose outcome you do not know, send it again with that idempotencyKey and the task already created is answered instead of a duplicate.",
    inputSchema: {
      tasks: z.array(createTaskSchema.extend({
        idempotencyKey: z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, "visible ASCII only").optional()
          .describe("optional: unique per task you mean to create, the same key on a retry (without it the server assigns one, answered in the result)"),
      })).min(1).max(50),
    },
    outputSchema: batch,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  }, async ({ tasks }) => {
    const outcomes = [];
    for (const { idempotencyKey, ...fields } of tasks) {
      // The key the create ran under, also when the answer is an error (an outcome-unknown problem names it).
      let key = idempotencyKey;
      const outcome = await outcomeOf(async () => {
        const answer = await rest.call("POST", "/api/v1/tasks", { body: fields, headers: key === undefined ? {} : { "idempotency-key": key } });
        key = answer.headers.get("idempotency-key") ?? keyOfProblem(answer.body) ?? key;
        const task = await expectOk<TaskBody>(answer);
        return { id: task.id, task };
      });
      outcomes.push(key === undefined ? outcome : { ...outcome, idempotencyKey: key });
    }
    return batchResult("Added", outcomes);
  });

  server.registerTool("update-task", {
    title: "Update a task",
    description: "Change some fields of a task (the fields of PATCH /api/v1/tasks/{id}): listId moves it to another list, parentId makes it a subtask (null: top level), assigneeId assigns it to a member of its list (null: unassigned). "
      + "Pass the version you read: if the task changed since, nothing is written and the current task is returned so you can decide again.",
    inputSchema: { id: taskId, version: z.number().int().min(1).describe("the version you read (find-tasks, add-tasks)"), changes: patchTaskSchema },
    outputSchema: { task: taskSchema },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  }, async ({ id, version, changes }) => {
    try {
      const task = await expectOk<TaskBody>(rest.call("PATCH", path(id), { body: changes, headers: { "if-match": `"${version}"` } }));
      return toolResult(`Updated:\n${line(task)}`, { task });
    } catch (err) {
      if (!(err instanceof RestProblem) || err.problem.status !== 412) throw err;
      const current = await expectOk<TaskBody>(rest.call("GET", path(id)));
      return toolResult(`Not updated: the task changed since version ${version} (now version ${current.version}). Nothing was overwritten; read it again and decide.\n${line(current)}`, { task: current }, true);
    }
  });

  server.registerTool("complete-tasks", {
    title: "Complete tasks",
    description: "Mark tasks completed. For a recurring task completed by completion, the next occurrence is returned as `next`. Open subtasks stay open unless withSubtasks is true.",
    inputSchema: { ids, withSubtasks: z.boolean().optional().describe("true: complete each task's open subtasks (all levels) too") },
    outputSchema: batch,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  }, async ({ ids, withSubtasks }) => {
    const outcomes = [];
    for (const id of ids) {
      outcomes.push(await outcomeOf(async () => {
        const { task, next } = await expectOk<{ task: TaskBody; next: TaskBody | null }>(rest.call("POST", `${path(id)}/complete${withSubtasks ? "?withSubtasks=true" : ""}`));
        return { task, next };
      }, { id }));
    }
    return batchResult("Completed", outcomes);
  });

  server.registerTool("reopen-task", {
    title: "Reopen a task",
    description: "Reopen a completed task.",
    inputSchema: { id: taskId },
    outputSchema: { task: taskSchema },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  }, async ({ id }) => {
    const task = await expectOk<TaskBody>(rest.call("POST", `${path(id)}/reopen`));
    return toolResult(`Reopened:\n${line(task)}`, { task });
  });

  server.registerTool("snooze-task", {
    title: "Snooze a task's reminder",
    description: "Move the task's next reminder (not its due date): either `for` an ISO 8601 duration from now (PT10M, PT2H, P1D) or `until` an RFC 3339 instant. Give exactly one.",
    inputSchema: { id: taskId, for: z.string().optional(), until: z.string().optional() },
    outputSchema: { task: taskSchema },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  }, async ({ id, for: duration, until }) => {
    const body = { ...(duration !== undefined ? { for: duration } : {}), ...(until !== undefined ? { until } : {}) };
    const task = await expectOk<TaskBody>(rest.call("POST", `${path(id)}/snooze`, { body }));
    return toolResult(`Snoozed until ${task.snoozedUntil}:\n${line(task)}`, { task });
  });

  server.registerTool("delete-tasks", {
    title: "Delete tasks",
    description: "Move tasks to the trash (restore-task brings one back within 30 days) and cancel their reminders. Their history stays readable (task-history).",
    inputSchema: { ids },
    outputSchema: batch,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  }, async ({ ids }) => {
    const outcomes = [];
    for (const id of ids) outcomes.push(await outcomeOf(async () => (await expectOk(rest.call("DELETE", path(id))), {}), { id }));
    return batchResult("Deleted", outcomes);
  });

  server.registerTool("restore-task", {
    title: "Restore a deleted task",
    description: "Bring a task back from the trash (a task stays there 30 days after it is deleted), as it was when deleted.",
    inputSchema: { id: taskId },
    outputSchema: { task: taskSchema },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  }, async ({ id }) => {
    const task = await expectOk<TaskBody>(rest.call("POST", `${path(id)}/restore`));
    return toolResult(`Restored:\n${line(task)}`, { task });
  });

  server.registerTool("revert-task", {
    title: "Undo changes to a task",
    description: `Make a new version of a task equal to an earlier version (undo an edit, completion, move or reorder): pass the version it had before the change. The task's last ${MAX_KEPT_VERSIONS} versions can be reverted to; the revert is itself a version and can be undone.`,
    inputSchema: { id: taskId, version: revertSchema.shape.version.describe("the version whose content the task takes again") },
    outputSchema: { task: taskSchema },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  }, async ({ id, version }) => {
    const task = await expectOk<TaskBody>(rest.call("POST", `${path(id)}/revert`, { body: { version } }));
    return toolResult(`Reverted to the content of version ${version} (now version ${task.version}):\n${line(task)}`, { task });
  });
}
