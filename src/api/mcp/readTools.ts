/** MCP tools that only read: search, an overview of what is due, occurrences, history, the inbox. */
import { z } from "zod";
import { DateTime } from "luxon";
import type { McpServer } from "@modelcontextprotocol/server";
import { listQuerySchema } from "../tasks/schema.js";
import { historySchema, notificationsSchema, occurrencesSchema, taskPageSchema, type TaskBody } from "../openapi/responses.js";
import { line, READ_ONLY, taskId, toolResult } from "./results.js";
import { expectOk, type TicklerRest } from "./rest.js";

type Page = { items: TaskBody[]; nextCursor: string | null };

/** The validated list query back as GET /tasks parameters (the REST API validates it again). */
function listParams(query: z.infer<typeof listQuerySchema>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (name === "tag") for (const tag of value as string[]) params.append("tag", tag);
    else params.set(name, Array.isArray(value) ? value.join(",") : String(value));
  }
  return params.toString();
}

const pageText = (page: Page) => `${page.items.length} task(s)${page.nextCursor ? " (more: pass nextCursor as cursor)" : ""}.\n${page.items.map(line).join("\n")}`;

export function registerReadTools(server: McpServer, rest: TicklerRest): void {
  server.registerTool("find-tasks", {
    title: "Find tasks",
    description: "Search and list your tasks, with the query parameters of GET /api/v1/tasks: q, status (open|completed|all), priority (comma list), tag (all must match), list (a list id), assignee (me: assigned to you, in every list), dueBefore, dueAfter, overdue, sort (a leading - is descending; -priority is high first), limit, cursor.",
    inputSchema: listQuerySchema,
    outputSchema: taskPageSchema,
    annotations: READ_ONLY,
  }, async (query) => {
    const page = await expectOk<Page>(rest.call("GET", `/api/v1/tasks?${listParams(query)}`));
    return toolResult(pageText(page), page);
  });

  server.registerTool("overview", {
    title: "Overview",
    description: "What needs attention: open tasks that are overdue, due later today, and due in the next 7 days (days counted in timeZone, default UTC).",
    inputSchema: { timeZone: z.string().optional().describe("IANA zone for 'today', e.g. Europe/Berlin") },
    outputSchema: { overdue: taskPageSchema, dueToday: taskPageSchema, next7Days: taskPageSchema },
    annotations: READ_ONLY,
  }, async ({ timeZone }) => {
    const now = DateTime.now().setZone(timeZone ?? "UTC");
    if (!now.isValid) throw new Error(`timeZone ${timeZone} is not an IANA time zone`);
    const tomorrow = now.startOf("day").plus({ days: 1 });
    const iso = (t: DateTime) => t.toUTC().toISO()!;
    const get = (params: string) => expectOk<Page>(rest.call("GET", `/api/v1/tasks?sort=dueAt&limit=100&${params}`));
    const [overdue, dueToday, next7Days] = await Promise.all([
      get("overdue=true"),
      get(`dueAfter=${encodeURIComponent(iso(now))}&dueBefore=${encodeURIComponent(iso(tomorrow))}`),
      get(`dueAfter=${encodeURIComponent(iso(tomorrow))}&dueBefore=${encodeURIComponent(iso(tomorrow.plus({ days: 7 })))}`),
    ]);
    const text = [["Overdue", overdue], ["Due today", dueToday], ["Next 7 days", next7Days]]
      .map(([label, page]) => `${label as string}: ${pageText(page as Page)}`)
      .join("\n\n");
    return toolResult(text, { overdue, dueToday, next7Days });
  });

  server.registerTool("preview-occurrences", {
    title: "Preview occurrences",
    description: "The next due dates of a recurring task after its current one.",
    inputSchema: { id: taskId, count: z.number().int().min(1).max(100).optional() },
    outputSchema: occurrencesSchema,
    annotations: READ_ONLY,
  }, async ({ id, count }) => {
    const answer = await expectOk<z.infer<typeof occurrencesSchema>>(rest.call("GET", `/api/v1/tasks/${encodeURIComponent(id)}/occurrences?count=${count ?? 5}`));
    return toolResult(answer.items.length ? answer.items.map((o) => `- ${o.dueAt}`).join("\n") : "Not a recurring task: no occurrences.", answer);
  });

  server.registerTool("task-history", {
    title: "Task history",
    description: "The audit trail of one task, oldest first (also after it was deleted).",
    inputSchema: { id: taskId },
    outputSchema: historySchema,
    annotations: READ_ONLY,
  }, async ({ id }) => {
    const answer = await expectOk<z.infer<typeof historySchema>>(rest.call("GET", `/api/v1/tasks/${encodeURIComponent(id)}/history`));
    return toolResult(answer.items.map((e) => `- v${e.version} ${e.type} at ${e.occurredAt}${e.changed.length ? ` (${e.changed.join(", ")})` : ""}`).join("\n"), answer);
  });

  server.registerTool("notifications", {
    title: "Notifications",
    description: "Your reminder inbox: upcoming reminders first, then fired ones, newest first, with delivery state.",
    inputSchema: { limit: z.number().int().min(1).max(100).optional() },
    outputSchema: notificationsSchema,
    annotations: READ_ONLY,
  }, async ({ limit }) => {
    const answer = await expectOk<z.infer<typeof notificationsSchema>>(rest.call("GET", `/api/v1/notifications?limit=${limit ?? 50}`));
    return toolResult(answer.items.map((n) => `- ${n.state}: ${n.title} at ${n.remindAt}`).join("\n") || "No notifications.", answer);
  });
}
