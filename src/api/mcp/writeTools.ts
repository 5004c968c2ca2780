/**
 * MCP tools that change tasks. Each goes through the REST API with the
 * caller's token, so an agent gets exactly what a REST client gets: its own
 * tasks only, Idempotency-Key replays, If-Match version checks.
 */
import { z } from "zod";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { createTaskSchema, patchTaskSchema } from "../tasks/schema.js";
import { taskSchema, type TaskBody } from "../openapi/responses.js";
import { batchResult, line, outcomeOf, outcomeSchema, taskId, toolResult } from "./results.js";
import { expectOk, RestProblem, type TicklerRest } from "./rest.js";

const batch = { results: z.array(outcomeSchema) };
const path = (id: string) => `/api/v1/tasks/${encodeURIComponent(id)}`;
const ids = z.array(taskId).min(1).max(50);

export function registerWriteTools(server: McpServer, rest: TicklerRest): void {
  server.registerTool("add-tasks", {
    title: "Add tasks",
    description: "Create one or more tasks (the fields of POST /api/v1/tasks). Give each its own idempotencyKey and reuse it when retrying: a retry then answers the task already created instead of a duplicate.",
    inputSchema: {
      tasks: z.array(createTaskSchema.extend({
        idempotencyKey: z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, "visible ASCII only").describe("unique per task you mean to create; the same key on a retry"),
      })).min(1).max(50),
    },
    outputSchema: batch,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  }, async ({ tasks }) => {
    const outcomes = [];
    for (const { idempotencyKey, ...fields } of tasks) {
      outcomes.push(await outcomeOf(async () => {
        const task = await expectOk<TaskBody>(rest.call("POST", "/api/v1/tasks", { body: fields, headers: { "idempotency-key": idempotencyKey } }));
        return { id: task.id, task };
      }, { idempotencyKey }));
    }
    return batchResult("Added", outcomes);
  });

  server.registerTool("update-task", {
    title: "Update a task",
    description: "Change some fields of a task. Pass the version you read: if the task changed since, nothing is written and the current task is returned so you can decide again.",
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
    description: "Mark tasks completed. For a recurring task completed by completion, the next occurrence is returned as `next`.",
    inputSchema: { ids },
    outputSchema: batch,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  }, async ({ ids }) => {
    const outcomes = [];
    for (const id of ids) {
      outcomes.push(await outcomeOf(async () => {
        const { task, next } = await expectOk<{ task: TaskBody; next: TaskBody | null }>(rest.call("POST", `${path(id)}/complete`));
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
    description: "Delete tasks and cancel their reminders. Their history stays readable (task-history).",
    inputSchema: { ids },
    outputSchema: batch,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  }, async ({ ids }) => {
    const outcomes = [];
    for (const id of ids) outcomes.push(await outcomeOf(async () => (await expectOk(rest.call("DELETE", path(id))), {}), { id }));
    return batchResult("Deleted", outcomes);
  });
}
