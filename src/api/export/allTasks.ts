/**
 * All of one user's tasks from the read model, read page by page (the same
 * keyset paging as GET /tasks, so each page is one indexed query) and capped:
 * the calendar feed and the export read at most `max` tasks per request.
 */
import type { Task } from "../../domain/index.js";
import type { ReadModel } from "../../infra/readModel.js";
import { planList, type Cursor, type SortName } from "../../infra/taskQuery.js";

/** Tasks per calendar feed and per export (docs/api.md). */
export const MAX_TASKS_PER_READ = 5000;
const PAGE = 100;

export interface AllTasks {
  tasks: Task[];
  /** More tasks matched than `max`. */
  truncated: boolean;
}

export async function allTasksOf(
  readModel: Pick<ReadModel, "list">,
  ownerId: string,
  /** `inLists`: every task of these lists (the lists the user may read now), else only the user's own. */
  opts: { status: "open" | "all"; dueOnly?: boolean; sort: SortName; max?: number; inLists?: string[] },
  now = new Date(),
): Promise<AllTasks> {
  const max = opts.max ?? MAX_TASKS_PER_READ;
  const tasks: Task[] = [];
  let after: Cursor | undefined;
  for (;;) {
    const planned = planList(
      { ownerId, ...(opts.inLists ? { inLists: opts.inLists } : {}), status: opts.status, sort: opts.sort, limit: Math.min(PAGE, max + 1 - tasks.length), after, ...(opts.dueOnly ? { dueAfter: "0000-01-01T00:00:00.000Z" } : {}) },
      now,
    );
    const page = await readModel.list(planned, opts.sort);
    tasks.push(...page.items);
    if (tasks.length > max) return { tasks: tasks.slice(0, max), truncated: true };
    if (!page.next) return { tasks, truncated: false };
    after = page.next;
  }
}
