/** How the REST layer talks to task and list actors: through daprd, never in-process (placement + turn-based locking). */
import { DomainError, type List, type ListAction, type ListCommand, type Task, type TaskCommand } from "../domain/index.js";
import { OutcomeUnknown } from "../infra/outcomeUnknown.js";
import { SidecarError, type Sidecar } from "../infra/sidecar.js";
import { LIST_ACTOR_TYPE, type ListView } from "./listActor.js";
import { TASK_ACTOR_TYPE, type ActorReply, type TaskView } from "./taskActor.js";

export { OutcomeUnknown };

export interface TaskActors {
  /** A write's deadline (WRITE_TIMEOUT_MS): creates retry within it; unset: the sidecar's own wait. */
  readonly writeTimeoutMs?: number;
  /** `timeoutMs`: this call's wait (a write's deadline, what is left of it); past it, or on a transient failure, throws OutcomeUnknown. */
  handle(taskId: string, command: TaskCommand, timeoutMs?: number): Promise<TaskView>;
  /** `viaList`: the list the caller's access was checked on (see TaskCommand). */
  read(taskId: string, ownerId: string, viaList?: string): Promise<Task>;
  /** The task with the content of its version `version` (not_found, invalid_task or cannot_undo as contentAt answers). */
  readVersion(taskId: string, ownerId: string, viaList: string | undefined, version: number): Promise<Task>;
}

export interface ListActors {
  handle(listId: string, command: ListCommand): Promise<ListView>;
  /** The list if `userId` may do `action`; throws not_found (not a member) or forbidden. */
  authorize(listId: string, userId: string, action: ListAction): Promise<List>;
  /** Who may read the list now (owner and members); none when it does not exist. */
  audience(listId: string): Promise<string[]>;
}

/** A failure after which the actor may or may not have committed. */
const isTransient = (err: unknown) => err instanceof SidecarError && (err.status === null || err.status >= 500);

/** `writeTimeoutMs`: how long a write waits for its actor at most (WRITE_TIMEOUT_MS). */
export function taskActorsVia(sidecar: Sidecar, writeTimeoutMs?: number): TaskActors {
  return {
    ...(writeTimeoutMs === undefined ? {} : { writeTimeoutMs }),
    async handle(taskId, command, timeoutMs = writeTimeoutMs) {
      const stamped: TaskCommand = { ...command, requestedAt: command.requestedAt ?? new Date().toISOString() };
      try {
        return unwrap(await sidecar.invokeActor<ActorReply<TaskView>>(TASK_ACTOR_TYPE, taskId, "handle", [stamped], timeoutMs));
      } catch (err) {
        if (isTransient(err)) throw new OutcomeUnknown(taskId, err);
        throw err;
      }
    },
    async read(taskId, ownerId, viaList) {
      return unwrap(await sidecar.invokeActor<ActorReply<Task>>(TASK_ACTOR_TYPE, taskId, "read", viaList === undefined ? [ownerId] : [ownerId, viaList]));
    },
    async readVersion(taskId, ownerId, viaList, version) {
      return unwrap(await sidecar.invokeActor<ActorReply<Task>>(TASK_ACTOR_TYPE, taskId, "read", [ownerId, viaList ?? null, version]));
    },
  };
}

/** A list call that changes nothing (or nothing twice) is sent this often in all when daprd fails it transiently. */
const SAFE_LIST_CALL_ATTEMPTS = 3;
const SAFE_LIST_CALL_PAUSE_MS = 200;

/**
 * `authorize` and `audience` (reads) and `ensureInbox` (idempotent) are sent again after a
 * transient failure: while a list actor moves between replicas (a rolling
 * update, a scale change) daprd fails the calls still routed to the old host,
 * and the next attempt reaches the new one. Other list commands are sent once.
 */
export function listActorsVia(sidecar: Sidecar, pauseMs = SAFE_LIST_CALL_PAUSE_MS): ListActors {
  async function safe<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        if (attempt >= SAFE_LIST_CALL_ATTEMPTS || !isTransient(err)) throw err;
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }
  }
  return {
    async handle(listId, command) {
      const call = () => sidecar.invokeActor<ActorReply<ListView>>(LIST_ACTOR_TYPE, listId, "handle", [command]);
      return unwrap(command.kind === "ensureInbox" ? await safe(call) : await call());
    },
    async authorize(listId, userId, action) {
      return unwrap(await safe(() => sidecar.invokeActor<ActorReply<List>>(LIST_ACTOR_TYPE, listId, "authorize", [userId, action])));
    },
    async audience(listId) {
      return safe(() => sidecar.invokeActor<string[]>(LIST_ACTOR_TYPE, listId, "audience", []));
    },
  };
}

function unwrap<T>(reply: ActorReply<T>): T {
  if (!reply.ok) throw new DomainError(reply.error.code, reply.error.message, reply.error.field);
  return reply.value;
}
