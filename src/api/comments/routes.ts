/**
 * /api/v1/tasks/{id}/comments (docs/comments.md): a task's comments, to
 * whoever may read the task; added by a role that may comment (not a
 * viewer), edited by their author, deleted by their author or the list's
 * owner. Access is asked of the task's list's actor, as for the task.
 */
import { randomUUID } from "node:crypto";
import type { Context, Middleware } from "koa";
import { z } from "zod";
import type { TaskActors } from "../../actors/client.js";
import { DomainError, MAX_COMMENT_LENGTH, MAX_COMMENTS_PER_TASK, mayDeleteComment, mayEditComment, roleOf, type Comment, type ListAction, type Role } from "../../domain/index.js";
import type { Comments } from "../../infra/comments.js";
import { newRouter, type Router } from "../../infra/http/router.js";
import type { ReadModel } from "../../infra/readModel.js";
import { readJson } from "../../http/body.js";
import { HttpProblem, limitReached, notFoundProblem } from "../../http/problem.js";
import { parseOr400 } from "../../http/validate.js";
import type { AuthState } from "../auth.js";
import type { Lists } from "../lists/lists.js";
import { blockOfText } from "../tasks/schema.js";

/** A comment's text: plain text, trimmed, not empty, at most MAX_COMMENT_LENGTH characters (the document states the same, pattern included). */
export const commentInput = z.strictObject({
  text: blockOfText(MAX_COMMENT_LENGTH, "plain text (no markup is rendered); line breaks allowed"),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CommentRoutesDeps {
  guard: Middleware[];
  comments: Comments;
  actors: Pick<TaskActors, "read">;
  lists: Pick<Lists, "authorize">;
  readModel: Pick<ReadModel, "get">;
}

export function commentRoutes(deps: CommentRoutesDeps): Router {
  const router = newRouter();
  router.use(...deps.guard);
  const BASE = "/api/v1/tasks/:id/comments";
  const me = (ctx: Context) => (ctx.state as AuthState).userId;
  const idParam = (ctx: Context, name: string, what: string) => {
    const id = String(ctx.params[name]);
    if (!UUID.test(id)) throw notFoundProblem(`${what} ${id} does not exist`);
    return id.toLowerCase();
  };

  /**
   * The caller's role in the task's list if they may do `action` there (404
   * if they cannot see the task, 403 for a role without the right); null for
   * a task the read store does not hold yet, then only its maker's.
   */
  async function access(ctx: Context, taskId: string, action: ListAction): Promise<Role | null> {
    const stored = await deps.readModel.get(taskId);
    if (!stored || stored.deleted) {
      // Not in the read store (yet): the task's actor answers its maker alone, or 404.
      await deps.actors.read(taskId, me(ctx));
      return null;
    }
    try {
      const list = await deps.lists.authorize(stored.listId, me(ctx), action);
      await deps.actors.read(taskId, me(ctx), stored.listId);
      return roleOf(list, me(ctx));
    } catch (err) {
      if (err instanceof DomainError && err.code === "not_found") throw notFoundProblem(`task ${taskId} does not exist`);
      if (err instanceof DomainError && err.code === "forbidden") throw new DomainError("forbidden", "your role in this list does not allow comments", "text");
      throw err;
    }
  }

  router.get(BASE, async (ctx) => {
    const taskId = idParam(ctx, "id", "task");
    await access(ctx, taskId, "read");
    ctx.body = { items: await deps.comments.forTask(taskId, MAX_COMMENTS_PER_TASK) };
  });

  router.post(BASE, async (ctx) => {
    const taskId = idParam(ctx, "id", "task");
    const { text } = parseOr400(commentInput, await readJson(ctx));
    await access(ctx, taskId, "comment");
    if ((await deps.comments.count(taskId)) >= MAX_COMMENTS_PER_TASK) {
      throw limitReached(409, "commentsPerTask", MAX_COMMENTS_PER_TASK, "the task has as many comments as it may hold; delete one first");
    }
    const comment: Comment = { id: randomUUID(), taskId, authorId: me(ctx), text, createdAt: new Date().toISOString(), editedAt: null };
    await deps.comments.add(comment);
    ctx.status = 201;
    ctx.set("Location", `/api/v1/tasks/${taskId}/comments/${comment.id}`);
    ctx.body = comment;
  });

  router.patch(`${BASE}/:commentId`, async (ctx) => {
    const taskId = idParam(ctx, "id", "task");
    const commentId = idParam(ctx, "commentId", "comment");
    const { text } = parseOr400(commentInput, await readJson(ctx));
    await access(ctx, taskId, "comment");
    const comment = await deps.comments.get(taskId, commentId);
    if (!comment) throw notFoundProblem(`comment ${commentId} does not exist`);
    if (!mayEditComment(comment, me(ctx))) throw new HttpProblem(403, "forbidden", "Forbidden", "only its author edits a comment", [{ path: "commentId", message: "is another member's comment" }]);
    ctx.body = await deps.comments.edit(taskId, commentId, text, new Date().toISOString()) ?? comment;
  });

  router.delete(`${BASE}/:commentId`, async (ctx) => {
    const taskId = idParam(ctx, "id", "task");
    const commentId = idParam(ctx, "commentId", "comment");
    // A member who may read may delete their own comment (even after losing the right to comment).
    const role = await access(ctx, taskId, "read");
    const comment = await deps.comments.get(taskId, commentId);
    if (!comment) throw notFoundProblem(`comment ${commentId} does not exist`);
    if (!mayDeleteComment(comment, me(ctx), role)) throw new HttpProblem(403, "forbidden", "Forbidden", "only its author or the list's owner deletes a comment", [{ path: "commentId", message: "is another member's comment" }]);
    await deps.comments.remove(taskId, commentId);
    ctx.status = 204;
  });

  return router;
}
