import type { SeriesPosition, Task, TaskInput, TaskPatch } from "./task.js";
import type { WriteKey } from "./appliedWrites.js";

/** Every command names the user issuing it; the domain enforces ownership. */
interface Base {
  ownerId: string;
  /**
   * When the API took the request (ISO 8601, set by the API, never by a
   * client). The task's reminders are planned as of then: a request held up
   * by a fault (a frozen store, a restarting sidecar) still gets the
   * reminders that were ahead when it was made, fired at once if their
   * instant passed meanwhile, rather than none.
   */
  requestedAt?: string;
  /**
   * The list through which the API checked the caller's access (with that
   * list's actor, src/domain/access.ts): the task is then theirs to act on if
   * it is still in that list, whoever made it. Absent: only its maker may.
   */
  viaList?: string;
  /**
   * The request's Idempotency-Key (src/domain/appliedWrites.ts): a retry of
   * an applied write is answered, not applied again. Not on a create, whose
   * key makes its task id.
   */
  write?: WriteKey;
}

export type TaskCommand =
  /**
   * With an Idempotency-Key the API derives `taskId` from the key, so retries
   * reach this same actor; `requestHash` tells a replay from a reuse. The
   * list is resolved (and the caller's access to it checked) by the API.
   */
  | (Base & {
      kind: "create";
      taskId: string;
      input: TaskInput & Pick<Task, "listId">;
      requestHash?: string;
      series?: SeriesPosition;
      spawnedFrom?: string;
      /**
       * Made by the service on the maker's behalf, not by anyone's request (a
       * recurring task's subtasks copied under its next occurrence, as the
       * occurrence itself, `spawnedFrom`): its event names no actor.
       */
      byService?: true;
    })
  | (Base & { kind: "update"; patch: TaskPatch; expectedVersion?: number })
  | (Base & { kind: "complete" })
  | (Base & { kind: "reopen" })
  | (Base & { kind: "delete" })
  /** Bring a task back from the trash (src/domain/undo.ts). */
  | (Base & { kind: "restore" })
  /** Make a new version whose content is that of `version` (a move back to another list is checked by the API first). */
  | (Base & { kind: "revert"; version: number })
  /**
   * Unassign `assigneeId` if the task is still theirs: sent by the api when
   * they left the task's list (`viaList`), so a task assigned to someone
   * else meanwhile is left alone.
   */
  | (Base & { kind: "unassign"; assigneeId: string })
  /** Move the task's next reminder (not its due date) to `until`. */
  | (Base & { kind: "snooze"; until: string });

export type TaskCommandKind = TaskCommand["kind"];
