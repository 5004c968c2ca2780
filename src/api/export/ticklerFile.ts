/**
 * Tickler's own export file: what GET /export writes and POST /import reads
 * back. Import takes each task's client-writable fields (server-owned ones
 * and the history are ignored) and keys it by its original id, so the same
 * file imported twice creates nothing the second time.
 */
import { z } from "zod";
import type { ImportDraft, ImportProblem } from "../../domain/importTodoist.js";
import {
  fileComment, MAX_COMMENT_LENGTH, MAX_COMMENTS_PER_TASK, MAX_EXPORT_COMMENTS, MAX_LIST_NAME, MAX_LISTS_PER_USER, MAX_MENTIONS_PER_COMMENT, mentionsIn,
  type Comment, type FileComment, type List, type ListInput, type Task, type TaskInput,
} from "../../domain/index.js";
import type { HistoryEntry } from "../../infra/clients/audit.js";
import { presentTask } from "../tasks/presenter.js";
import { blockOfText, createTaskSchema, recurrence, userIdSchema } from "../tasks/schema.js";
import { createListSchema } from "../lists/schema.js";
import { MAX_TASKS_PER_READ } from "./allTasks.js";

export const EXPORT_FORMAT = "tickler.export";

/** A list as the file carries it: what import makes again (its members and owner are the exporter's business, not the file's). */
const exportedList = (l: List) => ({ id: l.id, name: l.name, colour: l.colour, archived: l.archived, position: l.position, inbox: l.inbox });

/** `comments`: the tasks whose comments the export carries (a task past the cap has no `comments` field; src/domain/commentTransfer.ts). */
export function exportFile(tasks: Task[], lists: List[], history: Map<string, HistoryEntry[]>, comments: Map<string, Comment[]>, flags: { truncated: boolean; historyTruncated: boolean; commentsTruncated: boolean }, now: Date) {
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    truncated: flags.truncated,
    historyTruncated: flags.historyTruncated,
    commentsTruncated: flags.commentsTruncated,
    lists: lists.map(exportedList),
    tasks: tasks.map((t) => {
      const carried = comments.get(t.id);
      return { ...presentTask(t), history: history.get(t.id) ?? [], ...(carried ? { comments: carried.map(fileComment) } : {}) };
    }),
  };
}

/**
 * Longest value of each field of a task in the file, in characters (as POST
 * /tasks takes them; docs/api-limits.md). Checked before anything else reads
 * the file: a longer one answers 400 naming tasks.<row>.<field>, nothing imported.
 */
export const IMPORT_FIELD_LIMITS = {
  id: 200, title: 200, description: 4000, priority: 16, tag: 40, dueAt: 64, timeZone: 64, reminder: 64, rule: 500, mode: 16, seriesId: 200, position: 64, listName: MAX_LIST_NAME, colour: 16,
  commentText: MAX_COMMENT_LENGTH, commentAuthor: 200, commentTime: 64,
} as const;

type Check = z.core.$RefinementCtx;

/** Any value, but a string no longer than `max` (its type is checked later, as on POST /tasks). */
const capped = (max: number) => z.unknown().superRefine((value, ctx) => tooLong(value, max, ctx, [])).meta({ maxLength: max });

function tooLong(value: unknown, max: number, ctx: Check, path: (string | number)[]): void {
  if (typeof value === "string" && value.length > max) ctx.addIssue({ code: "custom", message: `must be at most ${max} characters`, path });
}

/** A list (when it is one) of at most `maxItems`, each checked by `each`. */
const cappedList = (maxItems: number, itemSchema: Record<string, unknown>, each: (item: unknown, ctx: Check, i: number) => void) =>
  z.unknown().superRefine((value, ctx) => {
    if (!Array.isArray(value)) return;
    if (value.length > maxItems) ctx.addIssue({ code: "custom", message: `at most ${maxItems} items` });
    else value.forEach((item, i) => each(item, ctx, i));
  }).meta({ maxItems, items: itemSchema });

const L = IMPORT_FIELD_LIMITS;
const MAX_TAGS = 20;
const MAX_REMINDERS = 10;
const tagList = cappedList(MAX_TAGS, { maxLength: L.tag }, (tag, ctx, i) => tooLong(tag, L.tag, ctx, [i]));
const reminderList = cappedList(MAX_REMINDERS, { properties: { before: { maxLength: L.reminder }, at: { maxLength: L.reminder } } }, (reminder, ctx, i) => {
  if (typeof reminder !== "object" || reminder === null) return;
  for (const key of ["before", "at"] as const) tooLong((reminder as Record<string, unknown>)[key], L.reminder, ctx, [i, key]);
});

const COMMENT_LIMITS = { id: L.id, taskId: L.id, authorId: L.commentAuthor, text: L.commentText, createdAt: L.commentTime, editedAt: L.commentTime } as const;
/** A task's comments: at most as many as a task holds, each field's length capped (its content is checked with the rows, `commentProblems`). */
const commentList = cappedList(MAX_COMMENTS_PER_TASK, { properties: Object.fromEntries(Object.entries(COMMENT_LIMITS).map(([k, max]) => [k, { maxLength: max }])) }, (comment, ctx, i) => {
  if (typeof comment !== "object" || comment === null) return;
  for (const [key, max] of Object.entries(COMMENT_LIMITS)) tooLong((comment as Record<string, unknown>)[key], max, ctx, [i, key]);
});
const commentCount = (tasks: { comments?: unknown }[]) => tasks.reduce((n, t) => n + (Array.isArray(t.comments) ? t.comments.length : 0), 0);

/** A list of the file: its fields checked as POST /lists checks them, later; here only their length. */
const fileList = z.looseObject({
  id: z.string().min(1).max(L.id),
  name: capped(L.listName),
  colour: capped(L.colour).optional(),
  archived: z.unknown().optional(),
  position: capped(L.position).optional(),
  inbox: z.boolean().default(false),
});

/** The file as import reads it: loose, so a file from a newer version with more fields still imports. */
export const importFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { message: `must be "${EXPORT_FORMAT}"` }),
  version: z.literal(1, { message: "must be 1" }),
  tasks: z
    .array(
      z.looseObject({
        id: z.string().min(1).max(L.id),
        status: z.enum(["open", "completed"]).default("open"),
        title: capped(L.title),
        description: capped(L.description).optional(),
        priority: capped(L.priority).optional(),
        tags: tagList.optional(),
        dueAt: capped(L.dueAt).optional(),
        timeZone: capped(L.timeZone).optional(),
        reminders: reminderList.optional(),
        recurrence: z.looseObject({ rule: capped(L.rule), mode: capped(L.mode) }).nullable().optional(),
        seriesId: z.string().max(L.seriesId).nullable().optional(),
        parentId: z.string().max(L.id).nullable().optional(),
        listId: z.string().max(L.id).nullable().optional(),
        position: capped(L.position).optional(),
        comments: commentList.optional(),
      }),
    )
    .max(MAX_TASKS_PER_READ, `at most ${MAX_TASKS_PER_READ} tasks per import`)
    .refine((tasks) => commentCount(tasks) <= MAX_EXPORT_COMMENTS, `at most ${MAX_EXPORT_COMMENTS} comments per import`),
  lists: z.array(fileList).max(MAX_LISTS_PER_USER, `at most ${MAX_LISTS_PER_USER} lists per import`).optional(),
});
export type ImportFile = z.infer<typeof importFileSchema>;

const instant = z.iso.datetime({ offset: true });

/** One comment of the file, as the import checks it (an unknown field, such as an earlier import's `importedFrom`, is ignored). */
const fileCommentSchema = z.looseObject({
  id: z.string().min(1).max(L.id).meta({ description: "its id in the file: the imported comment's id is derived from it, so importing the file again makes none twice" }),
  taskId: z.string().max(L.id).optional().meta({ description: "if sent, the id of the task it is under" }),
  authorId: userIdSchema,
  text: blockOfText(MAX_COMMENT_LENGTH, "as POST /tasks/{id}/comments takes it"),
  createdAt: instant,
  editedAt: instant.nullable().optional(),
});

/**
 * The file as the document states it: each task is checked as POST /tasks
 * checks it (after the caps above), so its fields are POST /tasks's; other
 * fields (server-owned ones, the history, a newer version's) are allowed and
 * ignored.
 */
export const importFileDocument = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  tasks: z.array(z.looseObject({
    id: z.string().min(1).max(L.id),
    status: z.enum(["open", "completed"]).default("open"),
    ...createTaskSchema.shape,
    recurrence: z.looseObject(recurrence.shape).nullable().optional(),
    seriesId: z.string().max(L.seriesId).nullable().optional(),
    listId: z.string().max(L.id).nullable().optional().meta({ description: "the id of one of the file's lists (else the import's target list)" }),
    comments: z.array(fileCommentSchema).max(MAX_COMMENTS_PER_TASK).optional()
      .meta({ description: `the task's comments, oldest first; made again as the importer's, the file's author and times kept in importedFrom (at most ${MAX_EXPORT_COMMENTS} per file)` }),
  })).max(MAX_TASKS_PER_READ),
  lists: z.array(z.looseObject({
    id: z.string().min(1).max(L.id),
    ...createListSchema.shape,
    inbox: z.boolean().default(false).meta({ description: "the exporter's Inbox: its tasks go to the importer's Inbox" }),
  })).max(MAX_LISTS_PER_USER).optional(),
});

/**
 * Drafts from an export file. A series is imported with its rule only on its
 * latest open occurrence: the others become plain tasks, or the new series
 * would spawn occurrences that the file also holds. Completed tasks come
 * without a rule for the same reason.
 */
/** A list of the file to make again, as the importer's own (its Inbox is the importer's Inbox, not one of these). */
export interface ImportListDraft {
  row: number;
  key: string;
  input: ListInput;
}

export function ticklerDrafts(file: ImportFile): { drafts: ImportDraft[]; problems: ImportProblem[]; lists: ImportListDraft[] } {
  const lists = (file.lists ?? []).flatMap((l, row): ImportListDraft[] => (l.inbox ? [] : [{ row, key: `tickler-list:${l.id}`, input: { name: l.name, colour: l.colour, archived: l.archived, position: l.position } as ListInput }]));
  const madeAgain = new Set(lists.map((l) => l.key));
  const latestOpen = new Map<string, string>();
  for (const t of file.tasks) {
    if (t.status !== "open" || !t.recurrence || !t.seriesId || typeof t.dueAt !== "string") continue;
    const best = latestOpen.get(t.seriesId);
    if (best === undefined || t.dueAt > best) latestOpen.set(t.seriesId, t.dueAt);
  }
  const problems: ImportProblem[] = [];
  const drafts = file.tasks.map((t, i): ImportDraft => {
    const comments = commentsOf(t, i, problems);
    const keepsRule = t.recurrence && t.status === "open" && (!t.seriesId || latestOpen.get(t.seriesId) === t.dueAt);
    const input = {
      title: t.title,
      description: t.description,
      priority: t.priority,
      tags: t.tags,
      dueAt: t.dueAt,
      timeZone: t.timeZone,
      reminders: t.reminders,
      recurrence: keepsRule ? { rule: t.recurrence!.rule, mode: t.recurrence!.mode } : null,
      ...(t.position === undefined ? {} : { position: t.position }),
    } as TaskInput;
    const listKey = t.listId ? `tickler-list:${t.listId}` : undefined;
    // A subtask stays one of the task it was under, when that task is in the file too (src/domain/importNesting.ts).
    return {
      row: i, key: `tickler:${t.id}`, input, complete: t.status === "completed",
      ...(t.parentId ? { parentKey: `tickler:${t.parentId}` } : {}),
      ...(listKey && madeAgain.has(listKey) ? { listKey } : {}),
      ...(comments.length ? { comments } : {}),
    };
  });
  return { drafts, problems, lists };
}

/** A task's comments checked as POST /tasks/{id}/comments checks a text (problems at `comments.<j>.<field>` of row `row`); the checked ones. */
function commentsOf(task: { id: string; comments?: unknown }, row: number, problems: ImportProblem[]): FileComment[] {
  if (task.comments === undefined || task.comments === null) return [];
  if (!Array.isArray(task.comments)) {
    problems.push({ row, column: "comments", message: "must be a list of comments" });
    return [];
  }
  const checked: FileComment[] = [];
  const ids = new Set<string>();
  task.comments.forEach((raw: unknown, j) => {
    const at = (field: string) => `comments.${j}${field ? `.${field}` : ""}`;
    const result = fileCommentSchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push({ row, column: at(issue.path.join(".")), message: issue.message });
      return;
    }
    const c = result.data;
    if (ids.has(c.id)) problems.push({ row, column: at("id"), message: "repeats the id of another comment of this task" });
    else if (c.taskId !== undefined && c.taskId !== task.id) problems.push({ row, column: at("taskId"), message: "names a task other than the one it is under" });
    else if (mentionsIn(c.text).length > MAX_MENTIONS_PER_COMMENT) problems.push({ row, column: at("text"), message: `mentions more than ${MAX_MENTIONS_PER_COMMENT} users` });
    else {
      ids.add(c.id);
      checked.push({ id: c.id, authorId: c.authorId, text: c.text, createdAt: c.createdAt, editedAt: c.editedAt ?? null });
    }
  });
  return checked;
}
