/**
 * Comments on a task (docs/comments.md): plain text, bounded; who may edit
 * or delete one. Pure: the API brings the caller's role in the task's list.
 */
import type { Role } from "./access.js";

/** Characters of a comment (code points), after trimming. */
export const MAX_COMMENT_LENGTH = 2000;
/** Comments one task keeps at most: a further one answers 409 until one is deleted. */
export const MAX_COMMENTS_PER_TASK = 200;

export interface Comment {
  id: string;
  taskId: string;
  authorId: string;
  text: string;
  createdAt: string;
  /** null until edited. */
  editedAt: string | null;
}

/** Its author edits a comment; nobody else (list owners included: they delete, they do not rewrite). */
export function mayEditComment(comment: Pick<Comment, "authorId">, userId: string): boolean {
  return comment.authorId === userId;
}

/** Its author deletes a comment, and so does the owner of the task's list (moderation). */
export function mayDeleteComment(comment: Pick<Comment, "authorId">, userId: string, role: Role | null): boolean {
  return comment.authorId === userId || role === "owner";
}
