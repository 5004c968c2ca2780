/** One MCP server per caller (stateless): the tools act through the REST API with that caller's token. */
import { McpServer } from "@modelcontextprotocol/server";
import { registerReadTools } from "./readTools.js";
import { registerWriteTools } from "./writeTools.js";
import { registerCommentTools } from "./commentTools.js";
import { registerListTools } from "./listTools.js";
import { registerSharingTools } from "./sharingTools.js";
import type { TicklerRest } from "./rest.js";

export const MCP_TOOLS = [
  "add-tasks", "find-tasks", "update-task", "complete-tasks", "reopen-task", "snooze-task",
  "delete-tasks", "preview-occurrences", "task-history", "notifications", "overview",
  "restore-task", "revert-task",
  "list-comments", "add-comment", "edit-comment", "delete-comment",
  "find-lists", "create-list", "update-list",
  "list-members", "invite-to-list", "set-member-role", "remove-member", "my-invitations", "answer-invitation",
  "list-invitations", "withdraw-invitation",
] as const;

export function createMcpServer(rest: TicklerRest): McpServer {
  const server = new McpServer(
    { name: "tickler", version: "1.0.0" },
    {
      // The tool set never changes, so no list_changed is ever sent: a 2026-07-28 subscriptions/listen is acknowledged and ends at once (docs/adr/0019-mcp-protocol-revisions.md).
      capabilities: { tools: { listChanged: false } },
      instructions: "Tickler keeps a person's tasks and reminders. Start with overview or find-tasks (find-lists for lists, shared ones too); use the version a tool returned when updating.",
    },
  );
  registerReadTools(server, rest);
  registerWriteTools(server, rest);
  registerCommentTools(server, rest);
  registerListTools(server, rest);
  registerSharingTools(server, rest);
  return server;
}
