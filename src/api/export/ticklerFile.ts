/**
 * Tickler's own export file: what GET /export writes and POST /import reads
 * back. Import takes each task's client-writable fields (server-owned ones
 * and the history are ignored) and keys it by its original id, so the same
 * file imported twice creates nothing the second time.
 */
import { z } from "zod";
import type { ImportDraft, ImportProblem } from "../../domain/importTodoist.js";
import type { Task, TaskInput } from "../../domain/index.js";
import type { HistoryEntry } from "../../infra/clients/audit.js";
import { presentTask } from "../tasks/presenter.js";
import { MAX_TASKS_PER_READ } from "./allTasks.js";

export const EXPORT_FORMAT = "tickler.export";

export function exportFile(tasks: Task[], history: Map<string, HistoryEntry[]>, flags: { truncated: boolean; historyTruncated: boolean }, now: Date) {
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    truncated: flags.truncated,
    historyTruncated: flags.historyTruncated,
    tasks: tasks.map((t) => ({ ...presentTask(t), history: history.get(t.id) ?? [] })),
  };
}

/** The file as import reads it: loose, so a file from a newer version with more fields still imports. */
export const importFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { message: `must be "${EXPORT_FORMAT}"` }),
  version: z.literal(1, { message: "must be 1" }),
  tasks: z
    .array(
      z.looseObject({
        id: z.string().min(1).max(200),
        status: z.enum(["open", "completed"]).default("open"),
        title: z.unknown(),
        description: z.unknown().optional(),
        priority: z.unknown().optional(),
        tags: z.unknown().optional(),
        dueAt: z.unknown().optional(),
        timeZone: z.unknown().optional(),
        reminders: z.unknown().optional(),
        recurrence: z.looseObject({ rule: z.unknown(), mode: z.unknown() }).nullable().optional(),
        seriesId: z.string().nullable().optional(),
      }),
    )
    .max(MAX_TASKS_PER_READ, `at most ${MAX_TASKS_PER_READ} tasks per import`),
});
export type ImportFile = z.infer<typeof importFileSchema>;

/**
 * Drafts from an export file. A series is imported with its rule only on its
 * latest open occurrence: the others become plain tasks, or the new series
 * would spawn occurrences that the file also holds. Completed tasks come
 * without a rule for the same reason.
 */
export function ticklerDrafts(file: ImportFile): { drafts: ImportDraft[]; problems: ImportProblem[] } {
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
    } as TaskInput;
    return { row: i, key: `tickler:${t.id}`, input, complete: t.status === "completed" };
  });
  return { drafts, problems: [] };
}
