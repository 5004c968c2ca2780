/** How the REST layer talks to task and list actors: through daprd, never in-process (placement + turn-based locking). */
import { DomainError, type Invitation, type List, type ListAction, type ListCommand, type Task, type TaskCommand } from "../domain/index.js";
import { OutcomeUnknown } from "../infra/outcomeUnknown.js";
import { SidecarError, type Sidecar } from "../infra/sidecar.js";
import { Unavailable } from "../infra/unavailable.js";
import { attemptWaitMs, DEFAULT_RETRY_PACING, pauseBeforeNextAttempt, type RetryPacing } from "./retryPacing.js";
import { LIST_ACTOR_TYPE, type ListView } from "./listActor.js";
import { TASK_ACTOR_TYPE, type ActorReply, type TaskView } from "./taskActor.js";

export { OutcomeUnknown };

export interface TaskActors {
  /** A write's deadline (WRITE_TIMEOUT_MS): creates retry within it; unset: the sidecar's own wait. */
  readonly writeTimeoutMs?: number;
  /** How a safe call (a create's replay, a read) is paced after a transient failure (ADR 0016). */
  readonly retryPacing?: RetryPacing;
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
  /** The invitations waiting for an answer, newest first, if `userId` may manage the members; throws not_found or forbidden. */
  invitations(listId: string, userId: string): Promise<Invitation[]>;
}

/** A failure after which the actor may or may not have committed. */
const isTransient = (err: unknown) => err instanceof SidecarError && (err.status === null || err.status >= 500);

/** `writeTimeoutMs`: how long a write waits for its actor at most (WRITE_TIMEOUT_MS). */
export function taskActorsVia(sidecar: Sidecar, writeTimeoutMs?: number, retryPacing: RetryPacing = DEFAULT_RETRY_PACING): TaskActors {
  return {
    ...(writeTimeoutMs === undefined ? {} : { writeTimeoutMs }),
    retryPacing,
    async handle(taskId, command, timeoutMs = writeTimeoutMs) {
      const stamped: TaskCommand = { ...command, requestedAt: command.requestedAt ?? new Date().toISOString() };
      try {
        return unwrap(await sidecar.invokeActor<ActorReply<TaskView>>(TASK_ACTOR_TYPE, taskId, "handle", [stamped], timeoutMs));
      } catch (err) {
        if (isTransient(err)) throw new OutcomeUnknown(taskId, err, "task");
        throw err;
      }
    },
    async read(taskId, ownerId, viaList) {
      return unwrap(await safeCall("the task's actor", (wait) => sidecar.invokeActor<ActorReply<Task>>(TASK_ACTOR_TYPE, taskId, "read", viaList === undefined ? [ownerId] : [ownerId, viaList], wait), writeTimeoutMs, retryPacing));
    },
    async readVersion(taskId, ownerId, viaList, version) {
      return unwrap(await safeCall("the task's actor", (wait) => sidecar.invokeActor<ActorReply<Task>>(TASK_ACTOR_TYPE, taskId, "read", [ownerId, viaList ?? null, version], wait), writeTimeoutMs, retryPacing));
    },
  };
}

/**
 * A call that changes nothing (a read) or nothing twice (ensureInbox): a
 * transient failure is sent again, paced, while `timeoutMs` (all attempts
 * together) allows (an actor moving between hosts, ADR 0016), and so is an
 * attempt stuck past `stuckAttemptMs` (its host frozen, ADR 0017); then
 * Unavailable, naming `what` (503 unavailable: nothing done).
 */
async function safeCall<T>(what: string, call: (timeoutMs?: number) => Promise<T>, timeoutMs: number | undefined, pacing: RetryPacing): Promise<T> {
  const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attemptWaitMs(attempt - 1, deadline === undefined ? undefined : deadline - Date.now(), pacing));
    } catch (err) {
      if (!isTransient(err)) throw err;
      const pause = pauseBeforeNextAttempt(attempt, deadline === undefined ? undefined : deadline - Date.now(), pacing);
      if (pause === null) throw new Unavailable(what, err);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/**
 * `authorize`, `audience` and `invitations` (reads) and `ensureInbox` (idempotent) are sent again after a
 * transient failure: while a list actor moves between replicas (a rolling
 * update, a scale change) daprd fails the calls still routed to the old host,
 * and a later attempt reaches the new one. The attempts are paced and go on
 * while the deadline allows (src/actors/retryPacing.ts, ADR 0016); past it
 * the call is Unavailable (nothing done). Other list commands are sent once,
 * within the same deadline: past it, or on a transient failure, their outcome
 * is unknown (503 outcome-unknown naming the list), never a wait of the sidecar's 25 s.
 */
export function listActorsVia(sidecar: Sidecar, options: { pacing?: RetryPacing; timeoutMs?: number } = {}): ListActors {
  const { pacing = DEFAULT_RETRY_PACING, timeoutMs } = options;
  /** `timeoutMs` bounds all attempts together (the api passes WRITE_TIMEOUT_MS: a create waits for its list no longer than for its task). */
  const safe = <T>(call: (timeoutMs?: number) => Promise<T>): Promise<T> => safeCall("the list's actor", call, timeoutMs, pacing);
  return {
    async handle(listId, command) {
      const call = (wait?: number) => sidecar.invokeActor<ActorReply<ListView>>(LIST_ACTOR_TYPE, listId, "handle", [command], wait);
      if (command.kind === "ensureInbox") return unwrap(await safe(call));
      try {
        return unwrap(await call(timeoutMs));
      } catch (err) {
        if (isTransient(err)) throw new OutcomeUnknown(listId, err, "list");
        throw err;
      }
    },
    async authorize(listId, userId, action) {
      return unwrap(await safe((wait) => sidecar.invokeActor<ActorReply<List>>(LIST_ACTOR_TYPE, listId, "authorize", [userId, action], wait)));
    },
    async audience(listId) {
      return safe((wait) => sidecar.invokeActor<string[]>(LIST_ACTOR_TYPE, listId, "audience", [], wait));
    },
    async invitations(listId, userId) {
      return unwrap(await safe((wait) => sidecar.invokeActor<ActorReply<Invitation[]>>(LIST_ACTOR_TYPE, listId, "invitations", [userId], wait)));
    },
  };
}

function unwrap<T>(reply: ActorReply<T>): T {
  if (!reply.ok) throw new DomainError(reply.error.code, reply.error.message, reply.error.field);
  return reply.value;
}
