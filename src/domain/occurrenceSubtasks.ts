/**
 * A recurring task's subtasks come back with each next occurrence
 * (docs/subtasks.md): the new occurrence gets a fresh, open copy of the
 * previous occurrence's subtasks, in the same tree and order, their dates
 * moved by as much as the parent's due date moved. The previous occurrence
 * keeps its own (done or not), so its history stays as it was. Pure: the
 * api reads the tree and creates the copies (src/api/tasks/occurrenceSubtasks.ts).
 */
import type { Reminder, Task, TaskInput } from "./task.js";

export interface SubtaskCopy {
  /** The subtask copied: its id keys the copy, so a redelivery makes none twice. */
  from: string;
  /** Its maker, who makes the copy. */
  ownerId: string;
  input: TaskInput & { listId: string; parentId: string };
}

const shifted = (instant: string, byMs: number) => new Date(Date.parse(instant) + byMs).toISOString();

/**
 * Copies of `levels` (the previous occurrence's live subtasks by level,
 * children first) under `next`; `copyIdOf` names each copy. A subtask whose
 * parent was not copied (none in the levels) is left out.
 */
export function subtaskCopies(previous: Pick<Task, "id" | "dueAt">, next: Pick<Task, "id" | "dueAt" | "listId">, levels: readonly (readonly Task[])[], copyIdOf: (subtask: Task) => string): SubtaskCopy[] {
  const byMs = previous.dueAt && next.dueAt ? Date.parse(next.dueAt) - Date.parse(previous.dueAt) : 0;
  const parentOf = new Map([[previous.id, next.id]]);
  const copies: SubtaskCopy[] = [];
  for (const level of levels) {
    for (const sub of level) {
      const parentId = sub.parentId === null ? undefined : parentOf.get(sub.parentId);
      if (parentId === undefined) continue;
      parentOf.set(sub.id, copyIdOf(sub));
      const reminders: Reminder[] = sub.reminders.map((r) => ("at" in r ? { at: shifted(r.at, byMs) } : r));
      copies.push({
        from: sub.id,
        ownerId: sub.ownerId,
        input: {
          title: sub.title,
          description: sub.description,
          priority: sub.priority,
          tags: sub.tags,
          dueAt: sub.dueAt === null ? null : shifted(sub.dueAt, byMs),
          timeZone: sub.timeZone,
          reminders,
          // One series is the parent's: a subtask's own rule would spawn copies of its own.
          recurrence: null,
          listId: next.listId,
          position: sub.position,
          parentId,
          assigneeId: sub.assigneeId,
        },
      });
    }
  }
  return copies;
}
