/**
 * /api/v1/tasks/{id}/comments (docs/comments.md): a task's comments, to
 * whoever may read the task; added by a role that may comment (not a
 * viewer), edited by their author, deleted by their author or the list's
 * owner. Access is asked of the task's list's actor, as for the task. Each
 * change commits its event with it and is published before the answer
 * (./outbox.ts, ADR 0015).
 */
import { randomUUID } from "node:crypto";
import type { Context, Middleware } from "koa";
import { z } from "zod";
import type { TaskActors } from "../../actors/client.js";
import {
  commentEventId, DomainError, MAX_COMMENT_LENGTH, MAX_COMMENTS_PER_TASK, MAX_MENTIONS_PER_COMMENT, mayDeleteComment, mayEditComment, mentionsIn, newlyMentioned, roleOf,
  type Comment, type CommentEvent, type CommentEventKind, type ListAction, type Role,
} from "../../domain/index.js";
import { checkCommentPublishable } from "../../events/commentEnvelope.js";
import { purgeAtOf, type Comments } from "../../infra/comments.js";
import { newRouter, type Router } from "../../infra/http/router.js";
import type { ReadModel } from "../../infra/readModel.js";
import { readJson } from "../../http/body.js";
import { badRequest, HttpProblem, limitReached, notFoundProblem } from "../../http/problem.js";
import { parseOr400 } from "../../http/validate.js";
import type { AuthState } from "../auth.js";
import type { Lists } from "../lists/lists.js";
import { blockOfText } from "../tasks/schema.js";
import type { CommentOutbox } from "./outbox.js";

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
  outbox: Pick<CommentOutbox, "flush">;
}

/** The task a comment is on, as its events name it. */
interface TaskOf {
  role: Role | null;
  ownerId: string;
  listId: string;
  title: string;
}

/** More distinct mentions than a comment may hold: 400 on `text`, nothing changed. */
function checkMentions(text: string): void {
  if (mentionsIn(text).length > MAX_MENTIONS_PER_COMMENT) {
    throw badRequest("the request is not valid", [{ path: "text", message: `mentions more than ${MAX_MENTIONS_PER_COMMENT} users` }]);
  }
}

/** Another change of the same comment committed between this request's read and its write: nothing of this one was written. */
const concurrentChange = (commentId: string) =>
  new HttpProblem(409, "conflict", "Conflict", `comment ${commentId} changed meanwhile; read it again`, [{ path: "commentId", message: "changed meanwhile" }]);

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
  async function access(ctx: Context, taskId: string, action: ListAction): Promise<TaskOf> {
    const stored = await deps.readModel.get(taskId);
    if (!stored || stored.deleted) {
      // Not in the read store (yet): the task's actor answers its maker alone, or 404.
      const task = await deps.actors.read(taskId, me(ctx));
      return { role: null, ownerId: task.ownerId, listId: task.listId, title: task.title };
    }
    try {
      const list = await deps.lists.authorize(stored.listId, me(ctx), action);
      const task = await deps.actors.read(taskId, me(ctx), stored.listId);
      return { role: roleOf(list, me(ctx)), ownerId: task.ownerId, listId: task.listId, title: task.title };
    } catch (err) {
      if (err instanceof DomainError && err.code === "not_found") throw notFoundProblem(`task ${taskId} does not exist`);
      if (err instanceof DomainError && err.code === "forbidden") throw new DomainError("forbidden", "your role in this list does not allow comments", "text");
      throw err;
    }
  }

  const eventOf = (ctx: Context, task: TaskOf, kind: CommentEventKind, comment: Comment, version: number, mentioned: string[]): CommentEvent => checked({
    eventId: commentEventId(comment.id, version),
    kind,
    commentId: comment.id,
    taskId: comment.taskId,
    ownerId: task.ownerId,
    listId: task.listId,
    taskTitle: task.title,
    actorId: me(ctx),
    version,
    occurredAt: kind === "added" ? comment.createdAt : kind === "edited" ? comment.editedAt! : new Date().toISOString(),
    comment,
    mentioned,
  });
  const checked = (event: CommentEvent) => (checkCommentPublishable(event), event);

  router.get(BASE, async (ctx) => {
    const taskId = idParam(ctx, "id", "task");
    await access(ctx, taskId, "read");
    ctx.body = { items: await deps.comments.forTask(taskId, MAX_COMMENTS_PER_TASK) };
  });

  router.post(BASE, async (ctx) => {
    const taskId = idParam(ctx, "id", "task");
    const { text } = parseOr400(commentInput, await readJson(ctx));
    checkMentions(text);
    const task = await access(ctx, taskId, "comment");
    if ((await deps.comments.count(taskId)) >= MAX_COMMENTS_PER_TASK) {
      throw limitReached(409, "commentsPerTask", MAX_COMMENTS_PER_TASK, "the task has as many comments as it may hold; delete one first");
    }
    const comment: Comment = { id: randomUUID(), taskId, authorId: me(ctx), text, createdAt: new Date().toISOString(), editedAt: null };
    const now = new Date();
    await deps.comments.add(comment, eventOf(ctx, task, "added", comment, 1, newlyMentioned(null, text, comment.authorId)), now);
    await deps.outbox.flush(comment.id);
    // The task trashed meanwhile, its deletion projected before this comment was written: it goes with the task too.
    const after = await deps.readModel.get(taskId);
    if (after?.deleted) await deps.comments.purgeWithTask(taskId, purgeAtOf(after.updatedAt));
    ctx.status = 201;
    ctx.set("Location", `/api/v1/tasks/${taskId}/comments/${comment.id}`);
    ctx.body = comment;
  });

  router.patch(`${BASE}/:commentId`, async (ctx) => {
    const taskId = idParam(ctx, "id", "task");
    const commentId = idParam(ctx, "commentId", "comment");
    const { text } = parseOr400(commentInput, await readJson(ctx));
    checkMentions(text);
    const task = await access(ctx, taskId, "comment");
    const stored = await deps.comments.get(taskId, commentId);
    if (!stored) throw notFoundProblem(`comment ${commentId} does not exist`);
    const { comment } = stored;
    if (!mayEditComment(comment, me(ctx))) throw new HttpProblem(403, "forbidden", "Forbidden", "only its author edits a comment", [{ path: "commentId", message: "is another member's comment" }]);
    const edited: Comment = { ...comment, text, editedAt: new Date().toISOString() };
    // Only those this edit mentions for the first time are notified.
    const event = eventOf(ctx, task, "edited", edited, stored.version + 1, newlyMentioned(comment.text, text, comment.authorId));
    if (!(await deps.comments.change(stored, event, new Date()))) throw concurrentChange(commentId);
    await deps.outbox.flush(commentId);
    ctx.body = edited;
  });

  router.delete(`${BASE}/:commentId`, async (ctx) => {
    const taskId = idParam(ctx, "id", "task");
    const commentId = idParam(ctx, "commentId", "comment");
    // A member who may read may delete their own comment (even after losing the right to comment).
    const task = await access(ctx, taskId, "read");
    const stored = await deps.comments.get(taskId, commentId);
    if (!stored) throw notFoundProblem(`comment ${commentId} does not exist`);
    if (!mayDeleteComment(stored.comment, me(ctx), task.role)) throw new HttpProblem(403, "forbidden", "Forbidden", "only its author or the list's owner deletes a comment", [{ path: "commentId", message: "is another member's comment" }]);
    if (!(await deps.comments.change(stored, eventOf(ctx, task, "deleted", stored.comment, stored.version + 1, []), new Date()))) throw concurrentChange(commentId);
    await deps.outbox.flush(commentId);
    ctx.status = 204;
  });

  return router;
}
