/** The editor's form state and its conversion to and from the API's task fields. */
import { instantToWall, USER_ZONE, wallToInstant } from "./time.js";
import type { Priority, Reminder, Task } from "./types.js";

export type DraftReminder = { kind: "before"; before: string } | { kind: "at"; at: string };

export interface Draft {
  title: string;
  description: string;
  priority: Priority;
  tags: string;
  due: string;
  timeZone: string;
  reminders: DraftReminder[];
  rule: string;
  mode: "schedule" | "completion";
  /** The member of the task's list it is assigned to; "" for nobody. */
  assignee: string;
}

export function draftOf(task: Task | null): Draft {
  if (!task) return { title: "", description: "", priority: "none", tags: "", due: "", timeZone: USER_ZONE, reminders: [], rule: "", mode: "schedule", assignee: "" };
  return {
    title: task.title,
    description: task.description,
    priority: task.priority,
    tags: task.tags.join(", "),
    due: task.dueAt ? instantToWall(task.dueAt, task.timeZone) : "",
    timeZone: task.timeZone,
    reminders: task.reminders.map((r): DraftReminder => ("before" in r ? { kind: "before", before: r.before } : { kind: "at", at: instantToWall(r.at, task.timeZone) })),
    rule: task.recurrence?.rule ?? "",
    mode: task.recurrence?.mode ?? "schedule",
    assignee: task.assigneeId ?? "",
  };
}

export function bodyOf(d: Draft) {
  return {
    title: d.title,
    description: d.description,
    priority: d.priority,
    tags: d.tags.split(",").map((t) => t.trim()).filter(Boolean),
    dueAt: d.due ? wallToInstant(d.due, d.timeZone) : null,
    timeZone: d.timeZone,
    reminders: d.reminders.flatMap((r): Reminder[] => (r.kind === "before" ? [{ before: r.before }] : r.at ? [{ at: wallToInstant(r.at, d.timeZone) }] : [])),
    recurrence: d.rule.trim() ? { rule: d.rule.trim(), mode: d.mode } : null,
    assigneeId: d.assignee || null,
  };
}
