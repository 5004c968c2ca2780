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
] as const;

export type Status = "open" | "completed" | "all";

export interface View {
  q: string;
  status: Status;
  priority: Priority[];
  tags: string[];
  dueAfter: string;
  dueBefore: string;
  overdue: boolean;
  sort: string;
}

export const DEFAULT_VIEW: View = { q: "", status: "open", priority: [], tags: [], dueAfter: "", dueBefore: "", overdue: false, sort: "-createdAt" };
const PRIORITIES: Priority[] = ["high", "medium", "low", "none"];

export function viewFromUrl(search: string): View {
  const p = new URLSearchParams(search);
  const status = p.get("status");
  const sort = p.get("sort");
  return {
    q: p.get("q") ?? "",
    status: status === "completed" || status === "all" ? status : "open",
    priority: (p.get("priority") ?? "").split(",").filter((x): x is Priority => (PRIORITIES as string[]).includes(x)),
    tags: p.getAll("tag").filter(Boolean),
    dueAfter: p.get("dueAfter") ?? "",
    dueBefore: p.get("dueBefore") ?? "",
    overdue: p.get("overdue") === "true",
    sort: SORTS.some((s) => s.value === sort) ? sort! : DEFAULT_VIEW.sort,
  };
}

/** The query string for both the address bar and GET /tasks (dates are YYYY-MM-DD in the URL, instants for the API). */
export function viewToParams(view: View, forApi: boolean): URLSearchParams {
  const p = new URLSearchParams();
  if (view.q.trim()) p.set("q", view.q.trim());
  if (view.status !== "open") p.set("status", view.status);
  if (view.priority.length) p.set("priority", view.priority.join(","));
  for (const tag of view.tags) p.append("tag", tag);
  if (view.dueAfter) p.set("dueAfter", forApi ? localDayStart(view.dueAfter) : view.dueAfter);
  if (view.dueBefore) p.set("dueBefore", forApi ? localDayStart(view.dueBefore) : view.dueBefore);
  if (view.overdue) p.set("overdue", "true");
  if (view.sort !== DEFAULT_VIEW.sort) p.set("sort", view.sort);
  return p;
}

/** Midnight at the start of a YYYY-MM-DD day in the browser's zone, as an instant. */
function localDayStart(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
}
