/**
 * GET /api/v1/export (JSON with history, or CSV of tasks) and POST
 * /api/v1/import (Tickler's export JSON, or Todoist's CSV export).
 *
 * Import is all or nothing at validation time: every row is checked like a
 * POST /tasks body first, and any problem answers 400 with row numbers and
 * creates nothing. Then each task goes through the ordinary create path (its
 * actor, hence audited), under a task id derived from a key of its source,
 * like an Idempotency-Key: importing the same file again creates nothing.
 */
import { newRouter, type Router } from "../../infra/http/router.js";
import type { Context, Middleware } from "koa";
import getRawBody from "raw-body";
import { z } from "zod";
import type { TaskActors } from "../../actors/client.js";
import { csvRecord, CsvError, csvRecords } from "../../domain/csv.js";
import { isTodoistHeader, todoistReader, TODOIST_MAX_CELL, TODOIST_MAX_COLUMNS, type ImportDraft } from "../../domain/importTodoist.js";
import { crossFieldProblem, DomainError, type Task } from "../../domain/index.js";
import type { ReadModel } from "../../infra/readModel.js";
import type { HistoryEntry } from "../../infra/clients/audit.js";
import type { AuthState } from "../auth.js";
import { cooperative } from "../cooperative.js";
import type { HistoryPosition } from "../history/cursor.js";
import { badRequest, HttpProblem, limitReached, type FieldError } from "../../http/problem.js";
import { createViaActor } from "../tasks/create.js";
import { checkParent } from "../tasks/subtasks.js";
import { nestImport } from "../../domain/importNesting.js";
import { MAX_SUBTASK_DEPTH } from "../../domain/subtasks.js";
import type { Lists } from "../lists/lists.js";
import { requestHash, taskIdForKey } from "../tasks/idempotency.js";
import { createTaskSchema, lineOfText, listId } from "../tasks/schema.js";
import { createListSchema } from "../lists/schema.js";
import type { ListActors } from "../../actors/client.js";
import type { ListsView } from "../../infra/listsView.js";
import { MAX_LIST_NAME, MAX_LISTS_PER_USER, positionAt, type List, type ListInput } from "../../domain/index.js";
import { allTasksOf, MAX_TASKS_PER_READ } from "./allTasks.js";
import { exportFile, importFileSchema, ticklerDrafts, type ImportListDraft } from "./ticklerFile.js";
import { flatQuery, parseOr400 } from "../../http/validate.js";
import type { CommentOutbox } from "../comments/outbox.js";
import { commentsOf, importComments, noComments, type CommentTally, type ExportComments } from "./comments.js";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** History entries per export (about ten per task at the task cap). */
const MAX_HISTORY = 50_000;
const HISTORY_PAGE = 200;
/** Creates in flight per import: enough to overlap actor round trips, few enough to leave room for other users. */
const IMPORT_CONCURRENCY = 8;
const MAX_REPORTED_PROBLEMS = 100;

export const exportQuerySchema = z.strictObject({ format: z.enum(["json", "csv"]).default("json") });

/** Where the imported tasks go (docs/api.md#import-and-export): one list of the caller's, or a list made with that name; else the file's lists and the Inbox. */
export const importQuerySchema = z.strictObject({
  list: listId.optional().meta({ description: "put every task in this list (the caller must be able to add tasks there)" }),
  listName: lineOfText(MAX_LIST_NAME).optional().meta({ description: "put every task in a new list of this name (a Todoist CSV is one project: its name); the same name again finds the list the first import made (x-rules)" }),
});

export interface ExportRoutesDeps {
  guard: Middleware[];
  actors: TaskActors;
  /** Imported tasks go to the caller's Inbox unless the file or the request names lists (docs/lists.md). */
  lists: Pick<Lists, "inbox" | "authorize">;
  /** Lists an import makes again (through their actors, then shown in the view); the caller's lists for an export. */
  listActors: Pick<ListActors, "handle">;
  listsView: Pick<ListsView, "apply" | "of" | "countOwned">;
  readModel: Pick<ReadModel, "list" | "applyAfterWrite" | "get" | "children">;
  /** The lists the user may read now (src/domain/access.ts, surface `export`): their tasks, whoever made them, are exported. */
  readable(userId: string): Promise<string[]>;
  /** The owner's audit feed, oldest first, including the newest entries. */
  history(ownerId: string, after: HistoryPosition | null, limit: number): Promise<HistoryEntry[]>;
  /** The zone a Todoist date without TIMEZONE is read in (the user's preference). */
  timeZoneOf(ownerId: string): Promise<string>;
  /** The exported tasks' comments; an import's comments are made here and published through the outbox (ADR 0015). */
  comments: ExportComments;
  commentOutbox: Pick<CommentOutbox, "flush">;
  /** Imports one user may have running at once in this replica (IMPORTS_MAX_RUNNING_PER_USER); unset: 1. */
  maxRunningImports?: number;
  now?: () => Date;
}

const isZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export function exportRoutes(deps: ExportRoutesDeps): Router {
  const router = newRouter({ prefix: "/api/v1" });
  router.use(["/export", "/import"], ...deps.guard);
  const now = deps.now ?? (() => new Date());
  const userId = (ctx: Context) => (ctx.state as AuthState).userId;

  router.get("/export", async (ctx) => {
    const { format } = parseOr400(exportQuerySchema, flatQuery(ctx));
    const ownerId = userId(ctx);
    const { tasks, truncated } = await allTasksOf(deps.readModel, ownerId, { status: "all", sort: "createdAt", inLists: await deps.readable(ownerId) }, now());
    const day = now().toISOString().slice(0, 10);
    if (format === "csv") {
      ctx.type = "text/csv; charset=utf-8";
      ctx.set("Content-Disposition", `attachment; filename="tickler-${day}.csv"`);
      ctx.body = tasksCsv(tasks);
      return;
    }
    const { byTask, historyTruncated } = await historyOf(deps, ownerId, new Set(tasks.map((t) => t.id)));
    const { carried, commentsTruncated } = await commentsOf(deps.comments, tasks.map((t) => t.id));
    ctx.set("Content-Disposition", `attachment; filename="tickler-${day}.json"`);
    ctx.body = exportFile(tasks, await deps.listsView.of(ownerId), byTask, carried, { truncated, historyTruncated, commentsTruncated }, now());
  });

  const running = new Map<string, number>();
  const maxRunning = deps.maxRunningImports ?? 1;
  router.post("/import", async (ctx) => {
    const ownerId = userId(ctx);
    // Checked before the body is read: a second import waits its turn instead of holding another 5 MiB and another set of actor calls.
    if ((running.get(ownerId) ?? 0) >= maxRunning) {
      throw limitReached(429, "IMPORTS_MAX_RUNNING_PER_USER", maxRunning, "an import of this user is still running; retry when it has finished");
    }
    running.set(ownerId, (running.get(ownerId) ?? 0) + 1);
    try {
      await runImport(ctx, ownerId);
    } finally {
      const left = (running.get(ownerId) ?? 1) - 1;
      if (left > 0) running.set(ownerId, left);
      else running.delete(ownerId);
    }
  });

  async function runImport(ctx: Context, ownerId: string) {
    // One pause shared by reading and checking: thousands of rows give other requests a turn every few milliseconds.
    const pause = cooperative();
    const target = parseOr400(importQuerySchema, flatQuery(ctx));
    if (target.list !== undefined && target.listName !== undefined) throw badRequest("name one list to import into", [{ path: "listName", message: "send list or listName, not both" }]);
    const { drafts, problems, source, lists: fileLists } = await readImport(ctx, deps, ownerId, pause);
    // A target named in the request takes every task: the file's own lists are not made.
    const listDrafts: ImportListDraft[] = target.list !== undefined ? [] : target.listName !== undefined ? [{ row: 0, key: `name:${target.listName}`, input: { name: target.listName } }] : fileLists;
    const errors = [
      ...problems.map((p) => fieldError(source, p.row, p.column, p.message)),
      ...(await validate(drafts, source, pause)),
      ...(target.listName === undefined ? validateLists(listDrafts) : []),
    ];
    if (errors.length) throw badRequest(`the ${source === "csv" ? "CSV" : "file"} has ${errors.length} problem(s); nothing was imported`, errors.slice(0, MAX_REPORTED_PROBLEMS));
    const fallback = target.list !== undefined ? (await deps.lists.authorize(target.list, ownerId, "editTasks")).id : (await deps.lists.inbox(ownerId)).id;
    const made = await makeLists(deps, ownerId, listDrafts);
    // A task goes to its own list of the file when the import made it, else to the named list (listName), else the target (list, or the Inbox).
    const byName = target.listName !== undefined ? made.get(`name:${target.listName}`)?.id : undefined;
    const listOf = (draft: ImportDraft) => (draft.listKey !== undefined && listDrafts.length ? made.get(draft.listKey)?.id : undefined) ?? byName ?? fallback;
    const comments = noComments();
    const items = await importAll(deps, ownerId, listOf, drafts, comments);
    const count = (outcome: string) => items.filter((i) => i.outcome === outcome).length;
    ctx.body = { total: items.length, created: count("created"), existing: count("existing"), comments, lists: [...made.values()], items };
  }

  return router;
}

async function readImport(ctx: Context, deps: ExportRoutesDeps, ownerId: string, pause: () => Promise<void>) {
  const csv = ctx.is("text/csv");
  if (!csv && !ctx.is("application/json")) throw new HttpProblem(415, "unsupported_media_type", "Unsupported Media Type", "send application/json (a Tickler export) or text/csv (a Todoist export)");
  let raw: string;
  try {
    raw = await getRawBody(ctx.req, { limit: MAX_IMPORT_BYTES, encoding: "utf8" });
  } catch (err) {
    if ((err as { type?: string }).type === "entity.too.large") throw new HttpProblem(413, "payload_too_large", "Payload Too Large", `imports are limited to ${MAX_IMPORT_BYTES} bytes`);
    throw badRequest("the request body could not be read");
  }
  if (csv) {
    const timeZone = await deps.timeZoneOf(ownerId);
    const notTodoist = () => badRequest("the CSV is not a Todoist export", [{ path: "row 1", message: "needs the columns TYPE and CONTENT" }]);
    let reader: ReturnType<typeof todoistReader> | undefined;
    let row = 0;
    try {
      // Record by record, with a turn for others now and then: 5 MiB is read and checked without holding the replica.
      for (const cells of csvRecords(raw, { maxRows: MAX_TASKS_PER_READ + 1, maxColumns: TODOIST_MAX_COLUMNS, maxCell: TODOIST_MAX_CELL })) {
        row++;
        if (reader) reader.add(cells, row);
        else if (isTodoistHeader(cells)) reader = todoistReader(cells, { timeZone, now: new Date(), isZone });
        else throw notTodoist();
        await pause();
      }
    } catch (err) {
      if (err instanceof CsvError && err.tooMany) throw badRequest(`at most ${MAX_TASKS_PER_READ} rows per import (after the header)`);
      if (err instanceof CsvError) {
        const path = err.at ? `row ${err.row}.${columnName(err.at)}` : `row ${err.row}`;
        throw badRequest(`the CSV cannot be read: ${err.message}; nothing was imported`, [{ path, message: err.message }]);
      }
      throw err;
    }
    if (!reader) throw notTodoist();
    return { ...reader.result(), lists: [] as ImportListDraft[], source: "csv" as const };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw badRequest("the request body is not valid JSON");
  }
  return { ...ticklerDrafts(parseOr400(importFileSchema, json)), source: "json" as const };
}

/** A header cell names its column in errors when it is a plausible name; else its position does. */
function columnName(at: { column: number; header?: readonly string[] }): string {
  const name = at.header?.[at.column - 1]?.trim().toUpperCase() ?? "";
  return name !== "" && name.length <= 40 ? name : `column ${at.column}`;
}

const CSV_COLUMN: Record<string, string> = { title: "CONTENT", tags: "CONTENT", description: "DESCRIPTION", priority: "PRIORITY", dueAt: "DATE", recurrence: "DATE", timeZone: "TIMEZONE" };

function fieldError(source: "csv" | "json", row: number, field: string, message: string): FieldError {
  return source === "csv" ? { path: `row ${row}.${CSV_COLUMN[field.split(".")[0]!] ?? field}`, message } : { path: `tasks.${row}.${field}`, message };
}

/** Each of the file's lists checked as a POST /lists body (`lists.<index>.<field>`); the validated input replaces the draft's. */
function validateLists(drafts: ImportListDraft[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const draft of drafts) {
    const result = createListSchema.safeParse(draft.input);
    if (result.success) draft.input = result.data as ListInput;
    else for (const issue of result.error.issues) errors.push({ path: `lists.${draft.row}.${issue.path.join(".") || "name"}`, message: issue.message });
  }
  return errors;
}

interface MadeList {
  id: string;
  name: string;
  outcome: "created" | "existing";
}

/**
 * The import's lists, made as the caller's own under ids derived from the
 * source (like its tasks'), so importing the same source again finds them.
 * One found deleted, or no longer the caller's, is left out: its tasks go to
 * the import's target. The caller's list cap is checked before any is made.
 */
async function makeLists(deps: ExportRoutesDeps, ownerId: string, drafts: ImportListDraft[]): Promise<Map<string, MadeList>> {
  const made = new Map<string, MadeList>();
  if (drafts.length === 0) return made;
  const owned = await deps.listsView.countOwned(ownerId);
  const ids = drafts.map((d) => taskIdForKey(ownerId, `import-list:${d.key}`));
  const known = new Set((await deps.listsView.of(ownerId)).map((l) => l.id));
  const fresh = ids.filter((id) => !known.has(id)).length;
  if (owned + fresh > MAX_LISTS_PER_USER) {
    throw limitReached(409, "MAX_LISTS_PER_USER", MAX_LISTS_PER_USER, `the import would make ${fresh} list(s) and you own ${owned}: delete some, or import into one list (?list= or ?listName=)`);
  }
  const at = new Date().toISOString();
  for (const [i, draft] of drafts.entries()) {
    const id = ids[i]!;
    let list: List;
    let outcome: MadeList["outcome"] = "created";
    try {
      const view = await deps.listActors.handle(id, { kind: "create", userId: ownerId, listId: id, input: draft.input, position: draft.input.position ?? positionAt(at) });
      await deps.listsView.apply(view.list, view.deleted, view.invitations);
      list = view.list;
    } catch (err) {
      if (!(err instanceof DomainError && err.code === "already_exists")) throw err;
      const existing = await deps.lists.authorize(id, ownerId, "editTasks").catch((e: unknown) => {
        if (e instanceof DomainError && (e.code === "not_found" || e.code === "forbidden")) return null;
        throw e;
      });
      if (!existing) continue;
      list = existing;
      outcome = "existing";
    }
    made.set(draft.key, { id: list.id, name: list.name, outcome });
  }
  return made;
}

/** Each draft checked as a POST /tasks body; the validated input replaces the draft's. */
async function validate(drafts: ImportDraft[], source: "csv" | "json", pause: () => Promise<void>): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const draft of drafts) {
    const result = createTaskSchema.safeParse(draft.input);
    if (result.success) {
      draft.input = result.data;
      // The actor would refuse it after the rows before it were created: refused here, with its row, and nothing imported.
      const problem = crossFieldProblem(draft.input);
      if (problem) errors.push(fieldError(source, draft.row, problem.field, problem.message));
    } else for (const issue of result.error.issues) errors.push(fieldError(source, draft.row, issue.path.join(".") || "title", issue.message));
    await pause();
  }
  return errors;
}

interface ImportedItem {
  row: number;
  id: string;
  outcome: "created" | "existing";
}

/**
 * Level by level (parents before their subtasks, src/domain/importNesting.ts), each level's
 * drafts IMPORT_CONCURRENCY at a time. A subtask goes under its parent's new task when
 * that parent can take it now (checked as POST /tasks checks a parentId: it may have been
 * imported before and since deleted, moved or nested); otherwise it is imported top level.
 */
async function importAll(deps: ExportRoutesDeps, ownerId: string, listOf: (draft: ImportDraft) => string, drafts: ImportDraft[], comments: CommentTally): Promise<ImportedItem[]> {
  const items: ImportedItem[] = new Array(drafts.length);
  const nesting = nestImport(drafts);
  const idOfKey = (key: string) => taskIdForKey(ownerId, `import:${key}`);
  for (let level = 1; level <= MAX_SUBTASK_DEPTH; level++) {
    const todo = drafts.flatMap((_, i) => (nesting.level[i] === level ? [i] : []));
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const i = todo[next++]!;
        const listId = listOf(drafts[i]!);
        const parentKey = nesting.parentKey[i];
        const parentId = parentKey === undefined ? undefined : idOfKey(parentKey);
        const under = parentId !== undefined && (await checkParent(deps.readModel, { listId, parentId }).then(() => true, () => false));
        items[i] = await importOne(deps, ownerId, listId, drafts[i]!, under ? parentId : undefined, comments);
      }
    };
    await Promise.all(Array.from({ length: Math.min(IMPORT_CONCURRENCY, todo.length) }, worker));
  }
  return items;
}

async function importOne(deps: ExportRoutesDeps, ownerId: string, listId: string, draft: ImportDraft, parentId: string | undefined, comments: CommentTally): Promise<ImportedItem> {
  const id = taskIdForKey(ownerId, `import:${draft.key}`);
  // The hash names the source only: an edited file imported again still finds its tasks instead of conflicting.
  const command = { kind: "create" as const, ownerId, taskId: id, input: { ...draft.input, listId, ...(parentId ? { parentId } : {}) }, requestHash: requestHash({ import: draft.key }) };
  let view;
  try {
    view = (await createViaActor(deps.actors, deps.readModel, command)).view;
  } catch (err) {
    // Imported before, then deleted, or past the 24 h replay window: it exists (or existed); create nothing.
    if (err instanceof DomainError && err.code === "idempotency_conflict") {
      // Past the replay window its comments are still found (or completed); a deleted task's are not made.
      const stored = draft.comments?.length ? await deps.readModel.get(id) : null;
      if (stored && !stored.deleted && stored.ownerId === ownerId) await importComments(deps, ownerId, stored, draft.key, draft.comments!, comments);
      else comments.leftOut += draft.comments?.length ?? 0;
      return { row: draft.row, id, outcome: "existing" };
    }
    throw err;
  }
  // Found again too: an import cut short is completed by sending the file again (ids derived from the source: none twice).
  if (draft.comments?.length) await importComments(deps, ownerId, view.task, draft.key, draft.comments, comments);
  const created = view.changed;
  // Completed in the source: complete the fresh copy (version 1), never a task the user has touched since.
  if (draft.complete && view.task.status === "open" && view.task.version === 1) {
    // Keyed by the source row, so an import sent again (or cut short and resent) completes it once (ADR 0018).
    const write = { key: `import:${draft.key}:complete`, requestHash: requestHash({ import: draft.key, complete: true }), status: 200 };
    const done = await deps.actors.handle(id, { kind: "complete", ownerId, write });
    if (done.changed) await deps.readModel.applyAfterWrite(done.task, done.deleted);
  }
  return { row: draft.row, id, outcome: created ? "created" : "existing" };
}

async function historyOf(deps: ExportRoutesDeps, ownerId: string, ids: Set<string>) {
  const byTask = new Map<string, HistoryEntry[]>();
  let after: HistoryPosition | null = null;
  let read = 0;
  for (;;) {
    const page = await deps.history(ownerId, after, HISTORY_PAGE);
    for (const entry of page) {
      if (!ids.has(entry.taskId)) continue;
      const list = byTask.get(entry.taskId) ?? [];
      list.push(entry);
      byTask.set(entry.taskId, list);
    }
    read += page.length;
    const last = page[page.length - 1];
    if (page.length < HISTORY_PAGE || !last) return { byTask, historyTruncated: false };
    if (read >= MAX_HISTORY) return { byTask, historyTruncated: true };
    after = { recordedAt: last.recordedAt, id: last.eventId };
  }
}

const CSV_HEADER = ["id", "title", "description", "status", "priority", "tags", "dueAt", "timeZone", "reminders", "recurrence", "recurrenceMode", "seriesId", "completedAt", "createdAt", "updatedAt"];

/** Tasks as CSV; the list columns (tags, reminders) hold JSON so that no value is ambiguous. */
function tasksCsv(tasks: Task[]): string {
  const lines = [csvRecord(CSV_HEADER)];
  for (const t of tasks) {
    lines.push(csvRecord([
      t.id, t.title, t.description, t.status, t.priority, JSON.stringify(t.tags), t.dueAt, t.timeZone, JSON.stringify(t.reminders),
      t.recurrence?.rule ?? null, t.recurrence?.mode ?? null, t.seriesId, t.completedAt, t.createdAt, t.updatedAt,
    ]));
  }
  return `${lines.join("\r\n")}\r\n`;
}
