/**
 * MCP tools for lists (docs/lists.md). Like every tool they call the REST
 * routes with the caller's token, so which lists a caller sees and may change
 * is the routes' decision (src/domain/access.ts); the inputs are the routes'
 * own schemas.
 */
import { z } from "zod";
import type { McpServer } from "@modelcontextprotocol/server";
import { createListSchema, listBodySchema, listsBodySchema, patchListSchema } from "../lists/schema.js";
import { listId } from "../tasks/schema.js";
import { READ_ONLY, toolResult } from "./results.js";
import { expectOk, RestProblem, type TicklerRest } from "./rest.js";

export type ListBody = z.infer<typeof listBodySchema>;
export const listIdInput = listId.describe("list id (a UUID; find-lists)");
export const listPath = (id: string) => `/api/v1/lists/${encodeURIComponent(id)}`;

export function listLine(list: ListBody): string {
  const marks = [list.inbox ? "Inbox" : "", list.archived ? "archived" : "", list.colour ?? "", list.members.length ? `${list.members.length} member(s)` : ""].filter(Boolean);
  return `- ${list.name}${marks.length ? ` [${marks.join(", ")}]` : ""} (id ${list.id}, owner ${list.ownerId}, version ${list.version})`;
}

export function registerListTools(server: McpServer, rest: TicklerRest): void {
  server.registerTool("find-lists", {
    title: "Find lists",
    description: "Your lists (your own, your Inbox, and those shared with you) in their order, with each one's owner, members and version. A list's tasks: find-tasks with list.",
    inputSchema: {},
    outputSchema: listsBodySchema,
    annotations: READ_ONLY,
  }, async () => {
    const answer = await expectOk<{ items: ListBody[] }>(rest.call("GET", "/api/v1/lists"));
    return toolResult(`${answer.items.length} list(s).\n${answer.items.map(listLine).join("\n")}`, answer);
  });

  server.registerTool("create-list", {
    title: "Create a list",
    description: "Make a list you own (the fields of POST /api/v1/lists). Not idempotent: after an unknown outcome, check find-lists before trying again.",
    inputSchema: createListSchema,
    outputSchema: z.object({ list: listBodySchema }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  }, async (fields) => {
    const list = await expectOk<ListBody>(rest.call("POST", "/api/v1/lists", { body: fields }));
    return toolResult(`Created:\n${listLine(list)}`, { list });
  });

  server.registerTool("update-list", {
    title: "Update a list",
    description: "Rename, recolour (#rrggbb, or null), archive (or unarchive) or reorder a list you own. Pass the version you read: if the list changed since, nothing is written and the current list is returned so you can decide again.",
    inputSchema: { id: listIdInput, version: z.number().int().min(1).describe("the version you read (find-lists, create-list)"), changes: patchListSchema },
    outputSchema: { list: listBodySchema },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  }, async ({ id, version, changes }) => {
    try {
      const list = await expectOk<ListBody>(rest.call("PATCH", listPath(id), { body: changes, headers: { "if-match": `"${version}"` } }));
      return toolResult(`Updated:\n${listLine(list)}`, { list });
    } catch (err) {
      if (!(err instanceof RestProblem) || err.problem.status !== 412) throw err;
      const current = await expectOk<ListBody>(rest.call("GET", listPath(id)));
      return toolResult(`Not updated: the list changed since version ${version} (now version ${current.version}). Nothing was overwritten; read it again and decide.\n${listLine(current)}`, { list: current }, true);
    }
  });
}
