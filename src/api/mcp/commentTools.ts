/**
 * MCP tools for a task's comments (docs/comments.md). Like every tool they
 * call the REST routes with the caller's token, so who may read, add, edit or
 * delete a comment is the route's decision (src/domain/access.ts).
 */
import { z } from "zod";
import type { McpServer } from "@modelcontextprotocol/server";
import { MAX_MENTIONS_PER_COMMENT } from "../../domain/index.js";
import { commentSchema, commentsSchema } from "../openapi/responses.js";
import { commentInput } from "../comments/routes.js";
import { READ_ONLY, taskId, toolResult } from "./results.js";
import { expectOk, type TicklerRest } from "./rest.js";

type Comment = z.infer<typeof commentSchema>;
const commentId = z.string().min(1).max(100).describe("comment id (a UUID)");
const path = (id: string, comment?: string) => `/api/v1/tasks/${encodeURIComponent(id)}/comments${comment ? `/${encodeURIComponent(comment)}` : ""}`;
const text = commentInput.shape.text.describe(`plain text; @userId (or @[user id]) mentions a member of the task's list, who is notified (at most ${MAX_MENTIONS_PER_COMMENT})`);
const line = (c: Comment) => `- ${c.authorId} at ${c.createdAt}${c.editedAt ? " (edited)" : ""}${c.importedFrom ? ` (imported; the file says ${c.importedFrom.authorId} wrote it)` : ""}: ${c.text.replace(/\s+/g, " ")} (id ${c.id})`;
const WRITE = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false } as const;

export function registerCommentTools(server: McpServer, rest: TicklerRest): void {
  server.registerTool("list-comments", {
    title: "List a task's comments",
    description: "The comments on a task, oldest first (anyone who may read the task).",
    inputSchema: { id: taskId },
    outputSchema: commentsSchema,
    annotations: READ_ONLY,
  }, async ({ id }) => {
    const answer = await expectOk<{ items: Comment[] }>(rest.call("GET", path(id)));
    return toolResult(answer.items.length ? answer.items.map(line).join("\n") : "No comments.", answer);
  });

  server.registerTool("add-comment", {
    title: "Comment on a task",
    description: "Add a comment to a task (owners, editors and commenters of its list; not viewers). Mentioned members are notified.",
    inputSchema: { id: taskId, text },
    outputSchema: { comment: commentSchema },
    annotations: WRITE,
  }, async ({ id, text }) => {
    const comment = await expectOk<Comment>(rest.call("POST", path(id), { body: { text } }));
    return toolResult(`Commented:\n${line(comment)}`, { comment });
  });

  server.registerTool("edit-comment", {
    title: "Edit a comment",
    description: "Change the text of one of your own comments; users it mentions for the first time are notified.",
    inputSchema: { id: taskId, commentId, text },
    outputSchema: { comment: commentSchema },
    annotations: { ...WRITE, idempotentHint: true },
  }, async ({ id, commentId, text }) => {
    const comment = await expectOk<Comment>(rest.call("PATCH", path(id, commentId), { body: { text } }));
    return toolResult(`Edited:\n${line(comment)}`, { comment });
  });

  server.registerTool("delete-comment", {
    title: "Delete a comment",
    description: "Delete one of your own comments (a list's owner may delete any comment on its tasks).",
    inputSchema: { id: taskId, commentId },
    outputSchema: { deleted: z.boolean() },
    annotations: { ...WRITE, destructiveHint: true },
  }, async ({ id, commentId }) => {
    await expectOk(rest.call("DELETE", path(id, commentId)));
    return toolResult(`Deleted comment ${commentId}.`, { deleted: true });
  });
}
