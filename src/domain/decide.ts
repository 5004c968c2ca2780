import type { TaskCommand } from "./commands.js";
import { DomainError, notFound } from "./errors.js";
import { taskEventId, type TaskEvent, type TaskEventKind } from "./events.js";
import { spawnAfterCompletion, type Spawn } from "./series.js";
import { positionAt } from "./position.js";
import { contentAt, differingFields, inTrash, keptAfter } from "./undo.js";
import { IDEMPOTENCY_WINDOW_MS, WRITABLE_TASK_FIELDS, type Task, type TaskPatch, type TaskRecord } from "./task.js";
import { priorWrite, remember, type AppliedWrite } from "./appliedWrites.js";

export interface Decision {
  record: TaskRecord;
  events: TaskEvent[];
  /** The next occurrence of a recurring task to create. */
  spawn?: Spawn | null;
  /** The command's key was applied before with the same request: nothing done, answer with the first status (src/domain/appliedWrites.ts). */
  replayed?: { status: number };
}

const PATCHABLE: readonly (keyof TaskPatch)[] = WRITABLE_TASK_FIELDS;

/**
 * The whole behaviour of a task: given the stored record (or none), a command
 * and the current time, answer the next record and the events it owes.
 * Pure: no I/O, no clock, no randomness.
 */
export function decide(current: TaskRecord | null, command: TaskCommand, now: Date): Decision {
  const at = now.toISOString();
  if (command.kind === "create") {
    if (current) return replayCreate(current, command, now);
    const { input } = command;
    // The API resolves the list (the caller's Inbox by default) and checks access before it asks.
    if (!input.listId) throw new DomainError("invalid_task", "a task needs a list", "listId");
    const task: Task = {
      id: command.taskId,
      ownerId: command.ownerId,
      listId: input.listId,
      position: input.position ?? positionAt(at),
      parentId: input.parentId ?? null,
      assigneeId: input.assigneeId ?? null,
      title: input.title,
      description: input.description ?? "",
      status: "open",
      priority: input.priority ?? "none",
      tags: input.tags ?? [],
      dueAt: input.dueAt ?? null,
      timeZone: input.timeZone ?? "UTC",
      reminders: input.reminders ?? [],
      recurrence: input.recurrence ?? null,
      seriesId: command.series?.seriesId ?? (input.recurrence ? command.taskId : null),
      snoozedUntil: null,
      completedAt: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    checkInvariants(task);
    const serviceMade = command.byService === true || command.spawnedFrom !== undefined;
    const decision = emit({ task, deletedAt: null }, "created", Object.keys(task), at, serviceMade ? undefined : command.ownerId, undefined, command.spawnedFrom);
    const series = command.series ?? (input.recurrence ? { seriesId: command.taskId, start: task.dueAt!, index: 1 } : null);
    return { ...decision, record: { ...decision.record, createRequestHash: command.requestHash ?? null, series } };
  }

  const { write } = command;
  if (write === undefined) return decideChange(current, command, now);
  // The key first: a retry of an applied write is answered before anything it would check again (If-Match, the task's status).
  const prior = priorWrite(current?.appliedWrites, command.ownerId, write, now);
  if (prior.kind === "replay") return replay(current!, command, prior.applied);
  const decision = decideChange(current, command, now);
  // Remembered in the record the change commits, so in its transaction; a change of nothing is remembered too.
  const appliedWrites = remember(decision.record.appliedWrites, command.ownerId, write, decision.record.task.version, now);
  return { ...decision, record: { ...decision.record, appliedWrites } };
}

/** A retried write: the task as it is now, if the caller may still see it (a delete's replay has no task to show). */
function replay(current: TaskRecord, command: Exclude<TaskCommand, { kind: "create" }>, applied: AppliedWrite): Decision {
  if (command.kind !== "delete") visibleTask(current, command.ownerId, command.viaList);
  return { record: current, events: [], replayed: { status: applied.status } };
}

function decideChange(current: TaskRecord | null, command: Exclude<TaskCommand, { kind: "create" }>, now: Date): Decision {
  const at = now.toISOString();
  if (command.kind === "restore") return restore(current, command.ownerId, command.viaList, now);
  const task = visibleTask(current, command.ownerId, command.viaList);
  switch (command.kind) {
    case "update": {
      if (command.expectedVersion !== undefined && command.expectedVersion !== task.version) {
        throw new DomainError(
          "version_mismatch",
          `task is at version ${task.version}, not ${command.expectedVersion}`,
        );
      }
      const changed = PATCHABLE.filter(
        (field) => command.patch[field] !== undefined && !sameValue(command.patch[field], task[field]),
      );
      // An update that changes nothing is not an event: answer the task as it is.
      if (changed.length === 0) return { record: current!, events: [] };
      const next: Task = { ...task, ...pick(command.patch, changed) };
      checkInvariants(next);
      const series = seriesAfterEdit(current!, next);
      const record = { ...bump(current!, { ...next, seriesId: series?.seriesId ?? next.seriesId }, at), series };
      return emit(record, "updated", changed, at, command.ownerId, changed.includes("listId") ? task.listId : undefined);
    }
    case "unassign": {
      // Assigned to someone else (or nobody) since: nothing to do, no event.
      if (task.assigneeId !== command.assigneeId) return { record: current!, events: [] };
      return emit(bump(current!, { ...task, assigneeId: null }, at), "updated", ["assigneeId"], at, command.ownerId);
    }
    case "complete": {
      if (task.status === "completed") throw invalid("complete", task);
      const next: Task = { ...task, status: "completed", completedAt: at, snoozedUntil: null };
      const decision = emit(bump(current!, next, at), "completed", ["status", "completedAt"], at, command.ownerId);
      return { ...decision, spawn: spawnAfterCompletion(current!, now) };
    }
    case "reopen": {
      if (task.status === "open") throw invalid("reopen", task);
      const next: Task = { ...task, status: "open", completedAt: null };
      return emit(bump(current!, next, at), "reopened", ["status", "completedAt"], at, command.ownerId);
    }
    case "snooze": {
      if (task.status !== "open") throw invalid("snooze", task);
      if (Date.parse(command.until) <= now.getTime()) {
        throw new DomainError("invalid_task", "a snooze must end in the future", "until");
      }
      const next: Task = { ...task, snoozedUntil: command.until };
      return emit(bump(current!, next, at), "snoozed", ["snoozedUntil"], at, command.ownerId);
    }
    case "delete": {
      const record = bump(current!, { ...task }, at);
      return emit({ ...record, deletedAt: at }, "deleted", [], at, command.ownerId);
    }
    case "revert": {
      const content = contentAt(current!, command.version);
      const changed = differingFields(task, content);
      // Already equal to that version: nothing to make (an undo sent twice).
      if (changed.length === 0) return { record: current!, events: [] };
      const next: Task = { ...task, ...content };
      checkInvariants(next);
      const series = seriesAfterEdit(current!, next);
      const record = { ...bump(current!, { ...next, seriesId: series?.seriesId ?? next.seriesId }, at), series };
      return emit(record, "reverted", changed, at, command.ownerId);
    }
  }
}

/** Out of the trash: the task as it was deleted, at a new version; refused once purged (as if it never existed). */
function restore(current: TaskRecord | null, ownerId: string, viaList: string | undefined, now: Date): Decision {
  const reachable = viaList === undefined ? current?.task.ownerId === ownerId : current?.task.listId === viaList;
  if (!current || !reachable || current.deletedAt === null || !inTrash(current.deletedAt, now)) {
    // A live task is not in the trash: 409, but only to whoever may see it.
    if (current && reachable && current.deletedAt === null) throw new DomainError("invalid_transition", "the task is not in the trash");
    throw notFound(current?.task.id ?? "requested");
  }
  const at = now.toISOString();
  return emit({ ...bump(current, current.task, at), deletedAt: null }, "restored", ["deleted"], at, ownerId);
}

/**
 * The task a user may act on: through the list their access was checked on
 * (`viaList`), if the task is still in it; else only their own. Another
 * user's task and a deleted one do not exist for them.
 */
export function visibleTask(record: TaskRecord | null, ownerId: string, viaList?: string): Task {
  const reachable = viaList === undefined ? record?.task.ownerId === ownerId : record?.task.listId === viaList;
  if (!record || record.deletedAt !== null || !reachable) {
    throw notFound(record?.task.id ?? "requested");
  }
  return record.task;
}

/** A create for an existing task: a replay of the same keyed request answers the task as it is. */
function replayCreate(current: TaskRecord, command: Extract<TaskCommand, { kind: "create" }>, now: Date): Decision {
  if (command.requestHash === undefined) throw new DomainError("already_exists", `task ${command.taskId} already exists`);
  const sameRequest = current.task.ownerId === command.ownerId && current.createRequestHash === command.requestHash;
  if (!sameRequest) throw new DomainError("idempotency_conflict", "this Idempotency-Key was already used with a different request");
  if (current.deletedAt !== null) throw new DomainError("idempotency_conflict", "the task created with this Idempotency-Key has been deleted");
  if (now.getTime() - Date.parse(current.task.createdAt) > IDEMPOTENCY_WINDOW_MS) {
    throw new DomainError("idempotency_conflict", "this Idempotency-Key has expired (24 h); use a new key");
  }
  return { record: current, events: [] };
}

/**
 * A series follows edits of its current occurrence: a new due date or rule
 * restarts the rule from this occurrence; removing the recurrence ends it.
 */
function seriesAfterEdit(before: TaskRecord, task: Task): TaskRecord["series"] {
  if (!task.recurrence) return null;
  const series = before.series ?? { seriesId: task.id, start: task.dueAt!, index: 1 };
  const restarted = task.dueAt !== before.task.dueAt || task.recurrence.rule !== before.task.recurrence?.rule;
  return restarted ? { ...series, start: task.dueAt! } : series;
}

/** Rules that span fields, checked on every create and update. */
function checkInvariants(task: Task): void {
  // The rest of the tree's rules need the other tasks: the API checks them (src/domain/subtasks.ts).
  if (task.parentId === task.id) throw new DomainError("invalid_task", "a task cannot be its own subtask", "parentId");
  const problem = crossFieldProblem(task);
  if (problem) throw new DomainError("invalid_task", problem.message, problem.field);
}

/** The first rule spanning fields that these break, if any (import checks every row with it before creating any). */
export function crossFieldProblem(task: { recurrence?: Task["recurrence"]; dueAt?: Task["dueAt"]; reminders?: Task["reminders"] }): { field: "dueAt"; message: string } | null {
  const dueAt = task.dueAt ?? null;
  if (task.recurrence && dueAt === null) return { field: "dueAt", message: "a recurring task needs a dueAt (the first occurrence)" };
  if (dueAt === null && (task.reminders ?? []).some((r) => "before" in r)) return { field: "dueAt", message: "a reminder relative to the due date needs a dueAt" };
  return null;
}

/** The next version of the task; the one it supersedes joins the versions kept for revert. */
function bump(record: TaskRecord, next: Task, at: string): TaskRecord {
  return { ...record, past: keptAfter(record), task: { ...next, version: record.task.version + 1, updatedAt: at } };
}

function emit(record: TaskRecord, kind: TaskEventKind, changed: string[], at: string, actorId: string | undefined, movedFrom?: string, spawnedFrom?: string): Decision {
  const { task } = record;
  const event: TaskEvent = {
    kind,
    eventId: taskEventId(task.id, task.version),
    taskId: task.id,
    ownerId: task.ownerId,
    version: task.version,
    occurredAt: at,
    changed,
    ...(actorId === undefined ? {} : { actorId }),
    ...(movedFrom === undefined ? {} : { movedFrom }),
    ...(spawnedFrom === undefined ? {} : { spawnedFrom }),
    task,
  };
  return { record, events: [event] };
}

function invalid(action: string, task: Task): DomainError {
  return new DomainError("invalid_transition", `cannot ${action} a task that is ${task.status}`);
}

function pick(patch: TaskPatch, fields: (keyof TaskPatch)[]): Partial<Task> {
  return Object.fromEntries(fields.map((field) => [field, patch[field]])) as Partial<Task>;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
