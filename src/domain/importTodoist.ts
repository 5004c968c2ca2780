/**
 * Todoist's CSV export (a project's "Export as CSV": columns TYPE, CONTENT,
 * DESCRIPTION, PRIORITY, INDENT, AUTHOR, RESPONSIBLE, DATE, DATE_LANG,
 * TIMEZONE, ...) as drafts of Tickler creates. Pure: the api validates each
 * draft like a POST /tasks body and creates it through its actor.
 *
 * - `task` rows become tasks; `note` rows (comments) are appended to the
 *   description of the task above; `section` and other rows are skipped.
 * - PRIORITY: Todoist's help says 1 = p1 = highest, 4 = p4 = lowest (its REST
 *   API counts the other way, its CSV does not): 1 → high, 2 → medium,
 *   3 → low, 4 or empty → none.
 * - `@label` words in CONTENT become tags (Todoist's own CSV convention).
 * - DATE is Todoist's date string ("2026-12-01", "tomorrow 9am",
 *   "every monday at 9") read by quick add's English date grammar in
 *   TIMEZONE (else the user's zone); one it cannot read is a row error.
 * - INDENT n > 1 makes the task a subtask of the nearest task above it at
 *   INDENT n − 1 (src/domain/importNesting.ts caps the depth).
 * - Each task's key is its row's content plus how many identical rows came
 *   before it, so importing the same file again finds the same tasks.
 */
import { parseDatePhrase } from "./quickAdd.js";
import type { Priority, TaskInput } from "./task.js";
import type { FileComment } from "./commentTransfer.js";

export interface ImportDraft {
  /** Row in the file (the header is row 1). */
  row: number;
  /** Stable across imports of the same source: the task id is derived from it. */
  key: string;
  input: TaskInput;
  /** Import as completed. */
  complete: boolean;
  /** The key of the draft in the same file this one is a subtask of (src/domain/importNesting.ts decides what is kept). */
  parentKey?: string;
  /** The key of the file's list this task was in (a Tickler file's `lists`); none: the import's target list. */
  listKey?: string;
  /** A Tickler file's comments on the task, checked (src/api/export/ticklerFile.ts), oldest first. */
  comments?: FileComment[];
}

export interface ImportProblem {
  row: number;
  column: string;
  message: string;
}

const REQUIRED = ["TYPE", "CONTENT"] as const;
const PRIORITIES: Record<string, Priority> = { "1": "high", "2": "medium", "3": "low", "4": "none", "": "none" };
const LABEL = /(^|\s)@([^\s@]+)/g;

export function isTodoistHeader(header: readonly string[]): boolean {
  const names = header.map((h) => h.trim().toUpperCase());
  return REQUIRED.every((r) => names.includes(r));
}

/**
 * Longest cell of each column, in characters (docs/api-limits.md). DATE goes
 * to the quick-add parser: it is kept to what a date phrase needs. A longer
 * cell is a problem of its row, and nothing of the file is imported.
 */
export const TODOIST_CELL_LIMITS: Readonly<Record<string, number>> = { CONTENT: 4000, DESCRIPTION: 4000, DATE: 200 };
/** Any other column (TYPE, PRIORITY, TIMEZONE, AUTHOR, DATE_LANG, ...). */
export const TODOIST_OTHER_CELL_LIMIT = 200;
/** The longest any cell may be: what the CSV reader stops at. */
export const TODOIST_MAX_CELL = Math.max(TODOIST_OTHER_CELL_LIMIT, ...Object.values(TODOIST_CELL_LIMITS));
/** Todoist writes 14 columns; room for more in later versions. */
export const TODOIST_MAX_COLUMNS = 64;

export interface TodoistContext {
  timeZone: string;
  now: Date;
  isZone(zone: string): boolean;
}

export function todoistDrafts(rows: readonly string[][], ctx: TodoistContext) {
  const [header = [], ...records] = rows;
  const reader = todoistReader(header, ctx);
  records.forEach((cells, i) => reader.add(cells, i + 2));
  return reader.result();
}

/**
 * The import a record at a time, so that the caller may give others a turn
 * between records (each DATE costs a quick-add parse).
 */
export function todoistReader(header: readonly string[], ctx: TodoistContext) {
  const drafts: ImportDraft[] = [];
  const problems: ImportProblem[] = [];
  const names = header.map((h) => h.trim().toUpperCase());
  const index = new Map(names.map((h, i) => [h, i]));
  for (const name of REQUIRED) if (!index.has(name)) problems.push({ row: 1, column: name, message: "is a required column" });
  names.forEach((name, i) => {
    if (name.length > TODOIST_OTHER_CELL_LIMIT) problems.push({ row: 1, column: `column ${i + 1}`, message: `must be at most ${TODOIST_OTHER_CELL_LIMIT} characters` });
  });
  const usable = problems.length === 0;
  const seen = new Map<string, number>();
  /** The latest task's key at each INDENT (1: top level): a task at INDENT n is a subtask of the one above it at n - 1. */
  const atIndent: string[] = [];

  const add = (cells: readonly string[], row: number) => {
    if (!usable) return;
    // Every cell checked before any is read: an over-long one makes its row a problem and is never parsed.
    let tooLong = false;
    cells.forEach((value, i) => {
      const name = names[i] || `column ${i + 1}`;
      const limit = TODOIST_CELL_LIMITS[name] ?? TODOIST_OTHER_CELL_LIMIT;
      if (value.length > limit) {
        problems.push({ row, column: name, message: `must be at most ${limit} characters` });
        tooLong = true;
      }
    });
    if (tooLong) return;
    const cell = (name: string) => (cells[index.get(name) ?? -1] ?? "").trim();
    const type = cell("TYPE").toLowerCase();
    if (type === "note") {
      const last = drafts[drafts.length - 1];
      if (!last) problems.push({ row, column: "TYPE", message: "a note needs a task above it" });
      else last.input.description = [last.input.description, cell("CONTENT")].filter(Boolean).join("\n\n");
      return;
    }
    if (type !== "task") return;

    const content = cell("CONTENT");
    const tags = [...content.matchAll(LABEL)].map((m) => m[2]!.toLowerCase());
    const title = content.replace(LABEL, "$1").replace(/\s+/g, " ").trim();
    const priority = PRIORITIES[cell("PRIORITY")];
    if (priority === undefined) problems.push({ row, column: "PRIORITY", message: "must be 1 (highest) to 4 (lowest)" });
    const zone = cell("TIMEZONE") || ctx.timeZone;
    if (!ctx.isZone(zone)) problems.push({ row, column: "TIMEZONE", message: "is not an IANA time zone" });
    const input: TaskInput = { title, description: cell("DESCRIPTION"), priority: priority ?? "none", tags: [...new Set(tags)], timeZone: zone };
    const date = cell("DATE");
    if (date && ctx.isZone(zone)) {
      const when = parseDatePhrase(date, { timeZone: zone, now: ctx.now });
      if (!when.dueAt) problems.push({ row, column: "DATE", message: `"${date}" is not a date Tickler can read` });
      else Object.assign(input, { dueAt: when.dueAt, ...(when.recurrence ? { recurrence: when.recurrence } : {}) });
    }
    const source = JSON.stringify([content, cell("DESCRIPTION"), cell("PRIORITY"), date, cell("DATE_LANG"), cell("TIMEZONE")]);
    const n = (seen.get(source) ?? 0) + 1;
    seen.set(source, n);
    const key = `todoist:${source}#${n}`;
    // INDENT 1 (or none, or unreadable) is top level; a gap (1 then 3) hangs under the nearest task above.
    const indent = Math.max(1, Math.min(Number.parseInt(cell("INDENT"), 10) || 1, atIndent.length + 1));
    atIndent.length = indent;
    atIndent[indent - 1] = key;
    const parentKey = indent > 1 ? atIndent[indent - 2] : undefined;
    drafts.push({ row, key, input, complete: false, ...(parentKey ? { parentKey } : {}) });
  };
  return { add, result: () => ({ drafts, problems }) };
}
