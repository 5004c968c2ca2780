import type { TaskInput, TaskPatch } from "./task.js";

/** Every command names the user issuing it; the domain enforces ownership. */
interface Base {
  ownerId: string;
}

export type TaskCommand =
  | (Base & { kind: "create"; taskId: string; input: TaskInput })
  | (Base & { kind: "update"; patch: TaskPatch; expectedVersion?: number })
  | (Base & { kind: "complete" })
  | (Base & { kind: "reopen" })
  | (Base & { kind: "delete" });

export type TaskCommandKind = TaskCommand["kind"];
