/**
 * Turns a validated list request into a read-model query: filter, sort and a
 * keyset cursor. Pure (plain objects, no driver), so the ordering rules are
 * unit-tested directly.
 *
 * Keyset pagination: a cursor holds the sort values of the last item of a
 * page, and the next page starts strictly after them (ties broken by id).
 * Inserting or deleting tasks between pages therefore neither skips nor
 * repeats any other task.
 */
import type { Priority } from "../domain/index.js";
import { prefixEnd, type SearchQuery } from "../domain/search.js";

/** `position` (a list's manual order) needs a `list` filter. */
export const SORTS = ["dueAt", "-dueAt", "priority", "-priority", "title", "createdAt", "-createdAt", "position"] as const;
export type SortName = (typeof SORTS)[number];

export const PRIORITY_RANK: Record<Priority, number> = { none: 0, low: 1, medium: 2, high: 3 };

/** Read-model fields that exist only to sort by. */
export interface SortKeys {
  titleKey: string;
  priorityRank: number;
  hasDue: boolean;
  dueKey: string;
  createdAt: string;
  position: string;
  _id: string;
}

export function sortKeysOf(task: { id: string; title: string; priority: Priority; dueAt: string | null; createdAt: string; position: string }): SortKeys {
  return {
    titleKey: task.title.toLowerCase(),
    priorityRank: PRIORITY_RANK[task.priority],
    hasDue: task.dueAt !== null,
    dueKey: task.dueAt ?? "",
    createdAt: task.createdAt,
    position: task.position,
    _id: task.id,
  };
}

type Direction = 1 | -1;
type SortField = keyof SortKeys;

/**
 * One reading of `sort` everywhere: a leading `-` means descending, so
 * `-priority` is high → none and `priority` none → high. Every sort ends with
 * `_id` so the order is total. Tasks without a due date come last in both
 * due-date orders. Each ascending order is the exact reverse of its
 * descending one (ties included), so one index serves both, walked forwards
 * or backwards (see the indexes in readModel.ts); only the due-date orders,
 * which keep undated tasks last either way, need an index each.
 */
export const SORT_SPECS: Record<SortName, [SortField, Direction][]> = {
  dueAt: [["hasDue", -1], ["dueKey", 1], ["_id", 1]],
  "-dueAt": [["hasDue", -1], ["dueKey", -1], ["_id", 1]],
  "-priority": [["priorityRank", -1], ["createdAt", -1], ["_id", 1]],
  priority: [["priorityRank", 1], ["createdAt", 1], ["_id", -1]],
  title: [["titleKey", 1], ["_id", 1]],
  createdAt: [["createdAt", 1], ["_id", -1]],
  "-createdAt": [["createdAt", -1], ["_id", 1]],
  position: [["position", 1], ["_id", 1]],
};

export interface ListRequest {
  ownerId: string;
  /**
   * One list's tasks, whoever made them: the caller's access to the list is
   * checked before (src/domain/access.ts), so the owner is not a condition.
   */
  listId?: string;
  /**
   * Without `listId`: every task of these lists whoever made them, and the
   * caller's own tasks stored before lists (the calendar feed and the export:
   * the lists the caller may read now, src/domain/access.ts).
   */
  inLists?: string[];
  /**
   * The tasks assigned to this user (null: to nobody): within `listId`, or
   * without it every task assigned to them whoever made it (the caller's
   * membership of each task's list is checked by the caller, as for their own).
   */
  assignedTo?: string | null;
  /** Parsed by parseSearch (src/domain/search.ts). */
  q?: SearchQuery;
  status: "open" | "completed" | "all";
  priority?: Priority[];
  tags?: string[];
  dueBefore?: string;
  dueAfter?: string;
  overdue?: boolean;
  sort: SortName;
  limit: number;
  after?: Cursor;
}

export interface Cursor {
  sort: SortName;
  values: (string | number | boolean)[];
}

export type Filter = Record<string, unknown>;

export interface PlannedQuery {
  filter: Filter;
  sort: [string, Direction][];
  limit: number;
  /** The index the store must walk (a search: its words' index, which the store's planner would not pick over a sort index). */
  hint?: Record<string, 1 | -1>;
}

/** The read model's search indexes (readModel.ts): a search walks the range of its most selective word among the caller's tasks, or one list's. */
export const SEARCH_INDEX: Record<string, 1> = { ownerId: 1, deleted: 1, searchWords: 1 };
export const LIST_SEARCH_INDEX: Record<string, 1> = { listId: 1, deleted: 1, searchWords: 1 };

/** User text matched literally: every regex metacharacter is escaped. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

export function planList(req: ListRequest, now: Date): PlannedQuery {
  const spec = SORT_SPECS[req.sort];
  const and: Filter[] = [
    req.listId !== undefined
      ? { listId: req.listId, deleted: false, ...(req.assignedTo === undefined ? {} : { assigneeId: req.assignedTo }) }
      : req.assignedTo
        ? { assigneeId: req.assignedTo, deleted: false }
      : req.inLists
        ? { $or: [{ listId: { $in: req.inLists } }, { ownerId: req.ownerId, listId: null }], deleted: false }
        : { ownerId: req.ownerId, deleted: false },
  ];
  // `all` as both values rather than no condition: the store then merges two
  // index walks that are each in sort order, instead of sorting the owner's tasks.
  and.push({ status: req.status === "all" ? { $in: ["open", "completed"] } : req.status });
  // Each word a range of the multikey index (one element must be in it,
  // hence $elemMatch); the longest word comes first, so it bounds the walk.
  for (const prefix of req.q?.prefixes ?? []) and.push({ searchWords: { $elemMatch: { $gte: prefix, $lt: prefixEnd(prefix) } } });
  for (const phrase of req.q?.phrases ?? []) and.push({ searchText: { $regex: escapeRegex(` ${phrase.join(" ")}`) } });
  if (req.priority?.length) and.push({ priority: { $in: req.priority } });
  if (req.tags?.length) and.push({ tags: { $all: req.tags } });
  if (req.dueAfter) and.push({ hasDue: true, dueKey: { $gte: req.dueAfter } });
  if (req.dueBefore) and.push({ hasDue: true, dueKey: { $lt: req.dueBefore } });
  if (req.overdue) and.push({ status: "open", hasDue: true, dueKey: { $lt: now.toISOString() } });
  if (req.after) and.push(afterCursor(spec, req.after.values));
  // Assigned tasks across lists are few per user: their own index bounds the walk, no hint.
  const hint = !req.q ? undefined : req.listId !== undefined ? LIST_SEARCH_INDEX : req.assignedTo ? undefined : SEARCH_INDEX;
  return { filter: { $and: and }, sort: spec, limit: req.limit, ...(hint ? { hint } : {}) };
}

/** Items strictly after `values` in the order `spec`. */
function afterCursor(spec: [SortField, Direction][], values: unknown[]): Filter {
  const branches: Filter[] = spec.map(([field, dir], i) => {
    const branch: Filter = {};
    for (let j = 0; j < i; j++) branch[spec[j]![0]] = values[j];
    branch[field] = { [dir === 1 ? "$gt" : "$lt"]: values[i] };
    return branch;
  });
  return { $or: branches };
}

export function cursorAfter(sort: SortName, keys: SortKeys): Cursor {
  return { sort, values: SORT_SPECS[sort].map(([field]) => keys[field]) };
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, ...cursor.values])).toString("base64url");
}

/** The cursor, or null if it is not one we issued for this sort. */
export function decodeCursor(raw: string, sort: SortName): Cursor | null {
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(value) || value[0] !== sort) return null;
    const values = value.slice(1) as unknown[];
    const spec = SORT_SPECS[sort];
    if (values.length !== spec.length) return null;
    const typesOk = spec.every(([field], i) => typeof values[i] === SORT_FIELD_TYPES[field]);
    return typesOk ? { sort, values: values as Cursor["values"] } : null;
  } catch {
    return null;
  }
}

const SORT_FIELD_TYPES: Record<SortField, "string" | "number" | "boolean"> = {
  titleKey: "string",
  priorityRank: "number",
  hasDue: "boolean",
  dueKey: "string",
  createdAt: "string",
  position: "string",
  _id: "string",
};
