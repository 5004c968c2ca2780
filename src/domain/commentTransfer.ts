/**
 * Comments in Tickler's export file and back (docs/comments.md#export-and-import).
 * Pure: which tasks' comments an export carries under its cap, and the
 * comment an import makes from one of the file's. An imported comment is the
 * importer's (they are who wrote it here); what the file says about its
 * origin is kept in `importedFrom`, never as its author.
 */
import type { Comment, ImportedFrom } from "./comments.js";

/** Comments one export carries at most (and one import takes): about four per task at the task cap, well within an import's 5 MiB. */
export const MAX_EXPORT_COMMENTS = 20_000;

/** A comment as the export file carries it (its task is the one it is under). */
export type FileComment = Pick<Comment, "id" | "authorId" | "text" | "createdAt" | "editedAt"> & { importedFrom?: ImportedFrom };

export const fileComment = ({ id, authorId, text, createdAt, editedAt, importedFrom }: Comment): FileComment =>
  ({ id, authorId, text, createdAt, editedAt, ...(importedFrom ? { importedFrom } : {}) });

/**
 * Of the comments read for `taskIds` (ordered by task id, then oldest
 * first; at most `room` + 1 asked for), the tasks whose comments are all
 * there. Past `room`, the task the cut falls in and every later one are left
 * out whole (`full`): a task either has all its comments or none.
 */
export function carriedComments(taskIds: readonly string[], rows: readonly Comment[], room: number): { carried: Map<string, Comment[]>; full: boolean } {
  const full = rows.length > room;
  const cutAt = full ? rows[room]!.taskId : null;
  const carried = new Map<string, Comment[]>();
  for (const id of taskIds) if (cutAt === null || id < cutAt) carried.set(id, []);
  for (const row of rows) carried.get(row.taskId)?.push(row);
  return { carried, full };
}

/**
 * The comment an import makes on task `taskId` from the file's `index`-th
 * comment of that task: written by the importer, created now (plus `index`
 * milliseconds, so the file's order is the comments' order), not edited
 * here; the file's author and times go to `importedFrom`.
 */
export function importedComment(source: Pick<FileComment, "authorId" | "text" | "createdAt" | "editedAt">, to: { id: string; taskId: string; importerId: string }, index: number, now: Date): Comment {
  return {
    id: to.id,
    taskId: to.taskId,
    authorId: to.importerId,
    text: source.text,
    createdAt: new Date(now.getTime() + index).toISOString(),
    editedAt: null,
    importedFrom: { authorId: source.authorId, createdAt: source.createdAt, editedAt: source.editedAt ?? null },
  };
}
