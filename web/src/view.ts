/** The list view (search, filters, sort) as URL query parameters, so it survives reload and can be shared. */
import type { Priority } from "./types.js";

export const SORTS = [
  { value: "-createdAt", label: "Newest first" },
  { value: "createdAt", label: "Oldest first" },
  { value: "dueAt", label: "Due soonest" },
  { value: "-dueAt", label: "Due latest" },
  { value: "-priority", label: "Priority high → none" },
  { value: "priority", label: "Priority none → high" },
  { value: "title", label: "Title A → Z" },
  { value: "position", label: "Manual order" },
] as const;

/** A list opens in its manual order; position needs a list (the API refuses it otherwise). */
export const defaultSort = (mode: Mode) => (mode === "list" ? "position" : DEFAULT_VIEW.sort);

export type Status = "open" | "completed" | "all";

/** Which page of the app: Today, Upcoming (14 days), all tasks (with the filters), the tasks assigned to the user, or one list. */
export type Mode = "today" | "upcoming" | "all" | "assigned" | "list";
export const UPCOMING_DAYS = 14;

export interface View {
  mode: Mode;
  /** The list's id in mode "list". */
  list: string;
  q: string;
  status: Status;
  priority: Priority[];
  tags: string[];
  dueAfter: string;
  dueBefore: string;
  overdue: boolean;
  sort: string;
}

export const DEFAULT_VIEW: View = { mode: "today", list: "", q: "", status: "open", priority: [], tags: [], dueAfter: "", dueBefore: "", overdue: false, sort: "-createdAt" };
const PRIORITIES: Priority[] = ["high", "medium", "low", "none"];

export function viewFromUrl(search: string): View {
  const p = new URLSearchParams(search);
  const status = p.get("status");
  const sort = p.get("sort");
  const list = p.get("list") ?? "";
  const named = p.get("view");
  // An address with filters but no view (the app before views existed, or a shared link) is the all-tasks view.
  const mode: Mode = list ? "list" : named === "upcoming" || named === "all" || named === "assigned" ? named : named === null && [...p.keys()].length > 0 ? "all" : "today";
  return {
    mode,
    list,
    q: p.get("q") ?? "",
    status: status === "completed" || status === "all" ? status : "open",
    priority: (p.get("priority") ?? "").split(",").filter((x): x is Priority => (PRIORITIES as string[]).includes(x)),
    tags: p.getAll("tag").filter(Boolean),
    dueAfter: p.get("dueAfter") ?? "",
    dueBefore: p.get("dueBefore") ?? "",
    overdue: p.get("overdue") === "true",
    sort: SORTS.some((s) => s.value === sort) && (sort !== "position" || mode === "list") ? sort! : defaultSort(mode),
  };
}

/** The query string for both the address bar and GET /tasks (dates are YYYY-MM-DD in the URL, instants for the API). */
export function viewToParams(view: View, forApi: boolean): URLSearchParams {
  const p = new URLSearchParams();
  if (forApi) return apiParams(view, p);
  if (view.mode === "list") p.set("list", view.list);
  else if (view.mode !== "today") p.set("view", view.mode);
  return filterParams(view, p, false);
}

/** Today is everything open due before tomorrow; Upcoming the next 14 days; a list in its manual order unless sorted otherwise. */
function apiParams(view: View, p: URLSearchParams): URLSearchParams {
  if (view.mode === "today" || view.mode === "upcoming") {
    p.set("status", "open");
    p.set("sort", "dueAt");
    if (view.mode === "upcoming") p.set("dueAfter", dayStart(0).toISOString());
    p.set("dueBefore", dayStart(view.mode === "today" ? 1 : UPCOMING_DAYS).toISOString());
    return p;
  }
  if (view.mode === "assigned") p.set("assignee", "me");
  if (view.mode === "list") {
    p.set("list", view.list);
    filterParams(view, p, true);
    if (!p.has("sort")) p.set("sort", "position");
    return p;
  }
  return filterParams(view, p, true);
}

/** Local midnight `days` days from today. */
export function dayStart(days: number, now = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
}

function filterParams(view: View, p: URLSearchParams, forApi: boolean): URLSearchParams {
  if (view.q.trim()) p.set("q", view.q.trim());
  if (view.status !== "open") p.set("status", view.status);
  if (view.priority.length) p.set("priority", view.priority.join(","));
  for (const tag of view.tags) p.append("tag", tag);
  if (view.dueAfter) p.set("dueAfter", forApi ? localDayStart(view.dueAfter) : view.dueAfter);
  if (view.dueBefore) p.set("dueBefore", forApi ? localDayStart(view.dueBefore) : view.dueBefore);
  if (view.overdue) p.set("overdue", "true");
  if (view.sort !== defaultSort(view.mode)) p.set("sort", view.sort);
  return p;
}

/** Midnight at the start of a YYYY-MM-DD day in the browser's zone, as an instant. */
function localDayStart(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
}
