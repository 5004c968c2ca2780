/**
 * Tickler's own export file: what GET /export writes and POST /import reads
 * back. Import takes each task's client-writable fields (server-owned ones
 * and the history are ignored) and keys it by its original id, so the same
 * file imported twice creates nothing the second time.
 */
import { z } from "zod";
import type { ImportDraft, ImportProblem } from "../../domain/importTodoist.js";
import { MAX_LIST_NAME, MAX_LISTS_PER_USER, type List, type ListInput, type Task, type TaskInput } from "../../domain/index.js";
import type { HistoryEntry } from "../../infra/clients/audit.js";
import { presentTask } from "../tasks/presenter.js";
import { createTaskSchema, recurrence } from "../tasks/schema.js";
import { createListSchema } from "../lists/schema.js";
import { MAX_TASKS_PER_READ } from "./allTasks.js";

export const EXPORT_FORMAT = "tickler.export";

/** A list as the file carries it: what import makes again (its members and owner are the exporter's business, not the file's). */
const exportedList = (l: List) => ({ id: l.id, name: l.name, colour: l.colour, archived: l.archived, position: l.position, inbox: l.inbox });

export function exportFile(tasks: Task[], lists: List[], history: Map<string, HistoryEntry[]>, flags: { truncated: boolean; historyTruncated: boolean }, now: Date) {
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    truncated: flags.truncated,
    historyTruncated: flags.historyTruncated,
    lists: lists.map(exportedList),
    tasks: tasks.map((t) => ({ ...presentTask(t), history: history.get(t.id) ?? [] })),
  };
}

/**
 * Longest value of each field of a task in the file, in characters (as POST
 * /tasks takes them; docs/api-limits.md). Checked before anything else reads
 * the file: a longer one answers 400 naming tasks.<row>.<field>, nothing imported.
 */
export const IMPORT_FIELD_LIMITS = { id: 200, title: 200, description: 4000, priority: 16, tag: 40, dueAt: 64, timeZone: 64, reminder: 64, rule: 500, mode: 16, seriesId: 200, position: 64, listName: MAX_LIST_NAME, colour: 16 } as const;

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
      }),
    )
    .max(MAX_TASKS_PER_READ, `at most ${MAX_TASKS_PER_READ} tasks per import`),
  lists: z.array(fileList).max(MAX_LISTS_PER_USER, `at most ${MAX_LISTS_PER_USER} lists per import`).optional(),
});
export type ImportFile = z.infer<typeof importFileSchema>;

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
  const drafts = file.tasks.map((t, i): ImportDraft => {
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
    };
  });
  return { drafts, problems: [], lists };
}
