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
  /** Made by an import of an export file: what the file said of it (its author is the importer; src/domain/commentTransfer.ts). */
  importedFrom?: ImportedFrom;
}

/** As the file stated them, unverified: who wrote the comment where it was exported from, and when. */
export interface ImportedFrom {
  authorId: string;
  createdAt: string;
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

export const COMMENT_EVENT_KINDS = ["added", "edited", "deleted"] as const;
export type CommentEventKind = (typeof COMMENT_EVENT_KINDS)[number];

/**
 * A committed change of a comment, on the plan's topics like a task's
 * (docs/events.md): audited into its list's activity, streamed to the list's
 * readers, and the notifications app notifies `mentioned`.
 */
export interface CommentEvent {
  /** `<commentId>:c<version>`: one per version of the comment, the same on every re-publish. */
  eventId: string;
  kind: CommentEventKind;
  commentId: string;
  taskId: string;
  /** The task's maker and list when the comment changed: who may read it is decided from them (src/domain/access.ts). */
  ownerId: string;
  listId: string;
  taskTitle: string;
  /** Who made the change (the author, or the list's owner deleting it). */
  actorId: string;
  version: number;
  occurredAt: string;
  comment: Comment;
  /** Users this version mentions for the first time (src/domain/mentions.ts); notified if they may read the task. */
  mentioned: string[];
}

export const commentEventId = (commentId: string, version: number): string => `${commentId}:c${version}`;
