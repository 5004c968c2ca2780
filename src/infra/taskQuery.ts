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
import { createHash } from "node:crypto";
import { monthAfter, monthBefore, monthOf, monthsAfterRange, monthWordRange, ownerWordRange, prefixEnd, type SearchQuery } from "../domain/search.js";

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
  /**
   * Every condition is on the index the sort walks (scope, status, cursor), so
   * a known page end bounds the walk too (windowOf); a condition on any other
   * field makes the local store read the whole scope whatever the bounds.
   */
  windowed?: true;
  /**
   * A search of the caller's own tasks through their words keyed by owner
   * (docs/adr/0029-search-by-month.md), once every stored document has them:
   * `filter` is the planned one with that range first, which the local store
   * reads alone; newest first, `byMonth` is read instead: each piece, then
   * the rest, while the page is short (complete filters, in order).
   */
  search?: { filter: Filter; byMonth?: PageWindow };
  /** A windowed page newest first with no known end, read a month at a time (monthWindowOf). */
  firstRead?: PageWindow;
}

/**
 * The read model's search indexes (readModel.ts): the caller's tasks that
 * hold a word (keyed by owner), or one month's of them, are one range; one
 * list's search is planned by the store from its list.
 */
export const OWNER_SEARCH_INDEX: Record<string, 1> = { searchByOwner: 1 };
export const MONTH_SEARCH_INDEX: Record<string, 1> = { searchByMonth: 1 };
export const LIST_SEARCH_INDEX: Record<string, 1> = { listId: 1, deleted: 1, searchWords: 1 };
/** The months a search or a page newest first reads one at a time before it reads the rest in one walk. */
export const SEARCH_MONTHS = 3;

/** An owner's search scope in the keyed words: 72 bits of their id's SHA-256, no space; a collision only costs reads (every query also asks for the owner). */
export function searchScopeOf(ownerId: string): string {
  return createHash("sha256").update(ownerId).digest("base64url").slice(0, 12);
}

/**
 * A condition the local store reads by itself: the first part of a
 * conjunction that is itself a conjunction. The store routes a plain
 * conjunction by one index whose leading fields it names exactly, else by
 * one field alone, the first it can; a part with an operator makes it try
 * the parts in order instead (docs/adr/0029-search-by-month.md).
 */
export function routeFirst(route: Filter): Filter {
  return { $and: [route] };
}

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
  // One condition on the due key however many bounds ask for it: the local
  // store bounds its walk by a field's condition only when there is one
  // (docs/adr/0027-page-windows.md).
  const due = dueRange(req, now);
  if (due) and.push({ hasDue: true, dueKey: due });
  if (req.overdue && req.status !== "open") and.push({ status: "open" });
  if (req.after) and.push(afterCursor(spec, req.after.values));
  // No hint anywhere: the local store reads the whole collection for one (docs/adr/0029-search-by-month.md).
  const windowed = windowable(req) ? (true as const) : undefined;
  const firstRead = windowed && req.sort === "-createdAt" ? monthWindowOf(req.after, now) : undefined;
  const ownTasks = req.listId === undefined && req.assignedTo === undefined && !req.inLists;
  // The owner's tasks with a tag: read through the tag's range of `{ ownerId, deleted, tags }`, not all the owner's tasks (routeFirst).
  if (ownTasks && !req.q && req.tags?.length) and.unshift(routeFirst({ ownerId: req.ownerId, deleted: false, tags: req.tags[0] }));
  const ownSearch = req.q && ownTasks;
  const search = ownSearch ? searchOf(req.ownerId, req.q!.prefixes[0]!, and, req.sort === "-createdAt" ? req.after ?? null : undefined, now) : undefined;
  return { filter: { $and: and }, sort: spec, limit: req.limit, ...(windowed ? { windowed } : {}), ...(search ? { search } : {}), ...(firstRead ? { firstRead } : {}) };
}

/**
 * A search of the owner's tasks through their keyed words, `prefix` its
 * longest word, `conditions` the planned query's. Newest first (`after` not
 * undefined: the cursor or null), the stretches of time it reads, newest
 * first: what was created after this month (a clock ahead; empty as a rule,
 * and not asked after a cursor, which bounds it already), then each of
 * SEARCH_MONTHS months through its range of `prefix` among that month's
 * words; `rest` is all that was created before them. Together they are every
 * task, each in one piece, and a piece's tasks are all newer than the
 * next's, so pages read in this order are the plain query's.
 */
export function searchOf(ownerId: string, prefix: string, conditions: Filter[], after: Cursor | null | undefined, now: Date): NonNullable<PlannedQuery["search"]> {
  const scope = searchScopeOf(ownerId);
  const byOwner = routeFirst({ searchByOwner: { $elemMatch: ownerWordRange(scope, prefix) } });
  const filter = { $and: [byOwner, ...conditions] };
  if (after === undefined) return { filter };
  const months = monthsFrom(after ?? undefined, now);
  const ranges = [...(after ? [] : [monthsAfterRange(scope, months[0]!)]), ...months.map((month) => monthWordRange(scope, month, prefix))];
  const pieces = ranges.map((range) => ({ $and: [routeFirst({ searchByMonth: { $elemMatch: range } }), ...conditions] }));
  // An ISO instant is below "YYYY-MM" exactly when it is in an earlier month.
  return { filter, byMonth: { pieces, rest: { $and: [byOwner, ...conditions, { createdAt: { $lt: months.at(-1)! } }] } } };
}

/** The sorts an index serves in each scope (readModel.ts): the owner's tasks in every order, one list's by hand or by age, one's assigned by age. */
const INDEXED_SORTS = {
  owner: new Set<SortName>(SORTS),
  list: new Set<SortName>(["position", "createdAt", "-createdAt"]),
  assigned: new Set<SortName>(["createdAt", "-createdAt"]),
};

/** dueAfter, dueBefore and overdue as one range (the earlier of dueBefore and now for an upper bound). */
function dueRange(req: ListRequest, now: Date): Filter | undefined {
  const before = [req.dueBefore, req.overdue ? now.toISOString() : undefined].filter((b): b is string => b !== undefined).sort()[0];
  if (!req.dueAfter && !before) return undefined;
  return { ...(req.dueAfter ? { $gte: req.dueAfter } : {}), ...(before ? { $lt: before } : {}) };
}

function windowable(req: ListRequest): boolean {
  // A due range is on the due-date orders' index (and overdue's status is the walked one only for open tasks).
  const dueFilter = Boolean(req.dueAfter || req.dueBefore || req.overdue);
  const dueIndexed = !dueFilter || ((req.sort === "dueAt" || req.sort === "-dueAt") && !(req.overdue && req.status !== "open"));
  const onlyIndexed = !req.q && !req.priority?.length && !req.tags?.length && dueIndexed && req.status !== "all" && !req.inLists;
  if (!onlyIndexed) return false;
  const scope = req.listId !== undefined ? (req.assignedTo === undefined ? "list" : null) : req.assignedTo ? "assigned" : req.assignedTo === undefined ? "owner" : null;
  return scope !== null && INDEXED_SORTS[scope].has(req.sort);
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

/**
 * A known page end (the sort keys of the last item a page read before) turns
 * one walk of the scope's whole index range into walks that stop there: the
 * local read store reads every entry of a query's index bounds whatever its
 * limit (docs/adr/0027-page-windows.md), so only bounds that end near the page
 * make a big scope's first page cheap. `pieces`, read in order, hold every
 * item at or before the end, each with plain equality-and-range conditions the
 * store bounds its walk by (an `$or` it does not); `rest` is everything after
 * them, read only when the pieces come back short.
 */
export interface PageWindow {
  pieces: Filter[];
  rest: Filter;
}

export function windowOf(sort: SortName, end: Cursor["values"]): PageWindow {
  const spec = SORT_SPECS[sort];
  const pieces: Filter[] = [];
  for (let i = 0; i < spec.length; i++) {
    const [field, dir] = spec[i]!;
    const value = end[i]!;
    const equal: Filter = {};
    for (let j = 0; j < i; j++) equal[spec[j]![0]] = end[j];
    // A string other than the shared empty key (an undated task's dueKey) is
    // fine-grained: bounding it inclusively holds the end and few ties, so
    // the window ends here; a boolean or a rank bounds only what sorts before
    // it, and its ties are split by the next key.
    const last = i === spec.length - 1 || (typeof value === "string" && value !== "");
    const before = dir === 1 ? (last ? "$lte" : "$lt") : last ? "$gte" : "$gt";
    if (last || !nothingBefore(field, value, dir)) pieces.push({ ...equal, [field]: { [before]: value } });
    if (last) return { pieces, rest: afterCursor(spec.slice(0, i + 1), end.slice(0, i + 1)) };
  }
  throw new Error(`sort ${sort} has no keys`);
}

/** The first value of the keys with a known range, per direction: nothing sorts before it, so that piece is not asked. */
const FIRST_OF: Partial<Record<SortField, { [dir: number]: unknown }>> = {
  hasDue: { [-1]: true, [1]: false },
  priorityRank: { [-1]: PRIORITY_RANK.high, [1]: PRIORITY_RANK.none },
  // An undated task's key: it sorts first among the undated ones' keys (all equal).
  dueKey: { [1]: "" },
};

function nothingBefore(field: SortField, value: unknown, dir: Direction): boolean {
  return FIRST_OF[field]?.[dir] === value;
}

/**
 * The query a window piece (or the rest) reads: the planned one, narrowed.
 * A piece's condition on a field the query already bounds (a due range) is
 * joined to that condition, since the store bounds its walk by one condition
 * per field, not by two.
 */
export function narrowed(filter: Filter, condition: Filter): Filter {
  const parts = [...((filter.$and as Filter[] | undefined) ?? [filter])];
  const at = parts.findIndex((part) => Object.keys(condition).some((field) => field in part));
  const joined = at === -1 ? undefined : joinConditions(parts[at]!, condition);
  if (joined) parts[at] = joined;
  else parts.push(condition);
  return { $and: parts };
}

/**
 * A window's query (narrowed) with its plain parts also merged into a first
 * part of their own (routeFirst): the local store reads that merged part
 * through the sort's index, bounded by the piece, also when a cursor's `$or`
 * keeps it from merging the parts itself (docs/adr/0029-search-by-month.md).
 * A field asked twice keeps its first condition there: a bound, not the
 * filter, which stays whole after it.
 */
export function routed(filter: Filter): Filter {
  const parts = (filter.$and as Filter[] | undefined) ?? [filter];
  const route: Filter = {};
  for (const part of parts) {
    if (Object.keys(part).some((field) => field.startsWith("$"))) continue;
    for (const [field, value] of Object.entries(part)) if (!(field in route)) route[field] = value;
  }
  return { $and: [routeFirst(route), ...parts] };
}

/**
 * A newest-first page no end is known for (its first read, or a page after a
 * cursor), in stretches of time the local store reads one range each: what
 * was created after this month (a clock ahead; only without a cursor), this
 * month, then each of SEARCH_MONTHS - 1 months before, and `rest`, all that
 * is older. The same cover as searchOf's months, on the sort's own key.
 */
export function monthWindowOf(after: Cursor | undefined, now: Date): PageWindow {
  const months = monthsFrom(after, now);
  const later: Filter[] = after ? [] : [{ createdAt: { $gte: monthAfter(months[0]!) } }];
  const pieces = [...later, ...months.map((month) => ({ createdAt: { $gte: month, $lt: monthAfter(month) } }))];
  return { pieces, rest: { createdAt: { $lt: months.at(-1)! } } };
}

/** The SEARCH_MONTHS months read one at a time, newest first: from the cursor's month (newest first, its first key is createdAt), else this one. */
function monthsFrom(after: Cursor | undefined, now: Date): string[] {
  const months = [monthOf(after ? String(after.values[0]) : now.toISOString())];
  while (months.length < SEARCH_MONTHS) months.push(monthBefore(months.at(-1)!));
  return months;
}

const RANGE_OPS = new Set(["$gt", "$gte", "$lt", "$lte"]);

function isRange(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).every((op) => RANGE_OPS.has(op));
}

/** Both conditions in one part, or undefined where a field's two conditions do not join (then both are kept apart). */
function joinConditions(part: Filter, condition: Filter): Filter | undefined {
  const joined: Filter = { ...part };
  for (const [field, value] of Object.entries(condition)) {
    if (field.startsWith("$")) return undefined;
    if (!(field in part)) joined[field] = value;
    else if (part[field] === value) continue;
    else if (isRange(part[field]) && isRange(value)) {
      const both = { ...(part[field] as Record<string, unknown>) };
      for (const [op, bound] of Object.entries(value)) {
        const had = both[op];
        // The same operator twice: the tighter bound alone.
        const tighter = had === undefined || (op.startsWith("$l") ? (bound as string) < (had as string) : (bound as string) > (had as string));
        if (tighter) both[op] = bound;
      }
      joined[field] = both;
    } else return undefined;
  }
  return joined;
}

/** What identifies a page for PageEnds: its query (scope and cursor included) and size. */
export function pageKey(q: PlannedQuery, sort: SortName): string {
  return JSON.stringify([sort, q.limit, q.filter]);
}
