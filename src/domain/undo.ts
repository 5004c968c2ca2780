/**
 * Trash and undo (docs/undo.md): what a revert may bring back, how many past
 * versions a task keeps for it, and how long a deleted task can be restored.
 * Pure: decide.ts applies these; the API checks the lists involved first.
 */
import { DomainError } from "./errors.js";
import { REVERTIBLE_FIELDS, type KeptVersion, type RevertibleField, type Task, type TaskContent, type TaskRecord } from "./task.js";

/**
 * How many past versions a task keeps in its own record for revert (the
 * audit log keeps all of them; docs/adr/0011-undo-from-the-actor.md). Ten
 * covers any run of undos a person makes; the bound keeps every write of the
 * record small (the whole record is saved at each change).
 */
export const MAX_KEPT_VERSIONS = 10;

/** Days a deleted task stays in the trash (restorable) before it is purged. */
export const TRASH_DAYS = 30;
export const TRASH_MS = TRASH_DAYS * 86_400_000;

export function contentOf(task: Task): TaskContent {
  return Object.fromEntries(REVERTIBLE_FIELDS.map((f) => [f, task[f]])) as TaskContent;
}

/** The kept versions once `record`'s current version is superseded: it joins them, the oldest beyond the bound leave. */
export function keptAfter(record: TaskRecord): KeptVersion[] {
  const kept = [...(record.past ?? []), { version: record.task.version, content: contentOf(record.task) }];
  return kept.slice(-MAX_KEPT_VERSIONS);
}

/**
 * The content of version `version` of the task: its current version, or one
 * kept. A version it never had is a bad request (400, `version`); one no
 * longer kept cannot be reverted to (409).
 */
export function contentAt(record: TaskRecord, version: number): TaskContent {
  const { task } = record;
  if (version > task.version || version < 1) {
    throw new DomainError("invalid_task", `the task has versions 1 to ${task.version}`, "version");
  }
  if (version === task.version) return contentOf(task);
  const kept = (record.past ?? []).find((k) => k.version === version);
  if (!kept) {
    throw new DomainError("cannot_undo", `version ${version} is no longer kept (a task keeps its last ${MAX_KEPT_VERSIONS} versions; GET /tasks/{id}/history has them all)`, "version");
  }
  // A version kept before assignees existed had none.
  return { ...kept.content, assigneeId: kept.content.assigneeId ?? null };
}

/** The fields where `content` differs from the task, in REVERTIBLE_FIELDS order. */
export function differingFields(task: Task, content: TaskContent): RevertibleField[] {
  return REVERTIBLE_FIELDS.filter((f) => JSON.stringify(task[f]) !== JSON.stringify(content[f]));
}

/** Whether a task deleted at `deletedAt` is still in the trash at `now` (else it is purged, gone for good). */
export function inTrash(deletedAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(deletedAt) < TRASH_MS;
}
