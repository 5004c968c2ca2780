/**
 * Comments in the export and the import (docs/comments.md#export-and-import).
 * Export: the comments of the exported tasks, read a batch of tasks at a
 * time, at most MAX_EXPORT_COMMENTS. Import: each of the file's comments is
 * made again on its task's copy as the importer's (`importedFrom` keeps what
 * the file said), under an id derived from the importer, the task's source
 * and the file's comment id, so importing the file again makes none twice and
 * does not bring back one deleted since (its tombstone stays).
 */
import {
  carriedComments, commentEventId, DomainError, importedComment, MAX_COMMENTS_PER_TASK, MAX_EXPORT_COMMENTS,
  type Comment, type CommentEvent, type FileComment, type Task,
} from "../../domain/index.js";
import { checkCommentPublishable } from "../../events/commentEnvelope.js";
import type { Comments } from "../../infra/comments.js";
import type { CommentOutbox } from "../comments/outbox.js";
import type { Lists } from "../lists/lists.js";
import { taskIdForKey } from "../tasks/idempotency.js";

/** Task ids per read: one indexed `$in` query each. */
const TASKS_PER_READ = 200;

export type ExportComments = Pick<Comments, "forTasks" | "known" | "count" | "addOnce">;

/** The exported tasks' comments (all of a task's or none), and whether the cap cut some off. */
export async function commentsOf(comments: Pick<Comments, "forTasks">, taskIds: string[]): Promise<{ carried: Map<string, Comment[]>; commentsTruncated: boolean }> {
  const carried = new Map<string, Comment[]>();
  let room = MAX_EXPORT_COMMENTS;
  for (let at = 0; at < taskIds.length; at += TASKS_PER_READ) {
    const batch = taskIds.slice(at, at + TASKS_PER_READ);
    const read = carriedComments(batch, await comments.forTasks(batch, room + 1), room);
    for (const [id, list] of read.carried) {
      carried.set(id, list);
      room -= list.length;
    }
    if (read.full) return { carried, commentsTruncated: true };
  }
  return { carried, commentsTruncated: false };
}

export interface CommentTally {
  created: number;
  existing: number;
  /** Not made: the task holds 200 comments already, or the importer may no longer comment there. */
  leftOut: number;
}

export const noComments = (): CommentTally => ({ created: 0, existing: 0, leftOut: 0 });

interface ImportCommentDeps {
  comments: ExportComments;
  commentOutbox: Pick<CommentOutbox, "flush">;
  lists: Pick<Lists, "authorize">;
}

/**
 * Makes the file's comments on `task` (the importer's copy of the draft
 * keyed `sourceKey`), in the file's order. Each is published like a posted
 * comment (activity, live stream) but mentions nobody: its mentions were
 * notified where it was written, if anywhere.
 */
export async function importComments(deps: ImportCommentDeps, importerId: string, task: Task, sourceKey: string, fileComments: FileComment[], tally: CommentTally): Promise<void> {
  // A task found again may have moved since to a list where the importer may not comment: its comments are not made.
  const allowed = await deps.lists.authorize(task.listId, importerId, "comment").then(() => true, (err: unknown) => {
    if (err instanceof DomainError && (err.code === "forbidden" || err.code === "not_found")) return false;
    throw err;
  });
  if (!allowed) {
    tally.leftOut += fileComments.length;
    return;
  }
  let held = await deps.comments.count(task.id);
  const now = new Date();
  for (const [index, source] of fileComments.entries()) {
    const id = taskIdForKey(importerId, `import-comment:${sourceKey}:${source.id}`);
    if (await deps.comments.known(task.id, id)) {
      tally.existing++;
      continue;
    }
    if (held >= MAX_COMMENTS_PER_TASK) {
      tally.leftOut++;
      continue;
    }
    const comment = importedComment(source, { id, taskId: task.id, importerId }, index, now);
    if (!(await deps.comments.addOnce(comment, addedEvent(task, comment, importerId), new Date()))) {
      tally.existing++;
      continue;
    }
    held++;
    tally.created++;
    await deps.commentOutbox.flush(id);
  }
}

function addedEvent(task: Task, comment: Comment, importerId: string): CommentEvent {
  const event: CommentEvent = {
    eventId: commentEventId(comment.id, 1),
    kind: "added",
    commentId: comment.id,
    taskId: task.id,
    ownerId: task.ownerId,
    listId: task.listId,
    taskTitle: task.title,
    actorId: importerId,
    version: 1,
    occurredAt: comment.createdAt,
    comment,
    // Never notified again: an import is no new mention.
    mentioned: [],
  };
  checkCommentPublishable(event);
  return event;
}
