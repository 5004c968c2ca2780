/** How the REST layer talks to task actors: through daprd, never in-process (placement + turn-based locking). */
import { DomainError, type Task, type TaskCommand } from "../domain/index.js";
import type { Sidecar } from "../infra/sidecar.js";
import { TASK_ACTOR_TYPE, type ActorReply, type TaskView } from "./taskActor.js";

export interface TaskActors {
  handle(taskId: string, command: TaskCommand): Promise<TaskView>;
  read(taskId: string, ownerId: string): Promise<Task>;
}

export function taskActorsVia(sidecar: Sidecar): TaskActors {
  return {
    async handle(taskId, command) {
      const stamped: TaskCommand = { ...command, requestedAt: command.requestedAt ?? new Date().toISOString() };
      return unwrap(await sidecar.invokeActor<ActorReply<TaskView>>(TASK_ACTOR_TYPE, taskId, "handle", [stamped]));
    },
    async read(taskId, ownerId) {
      return unwrap(await sidecar.invokeActor<ActorReply<Task>>(TASK_ACTOR_TYPE, taskId, "read", [ownerId]));
    },
  };
}

function unwrap<T>(reply: ActorReply<T>): T {
  if (!reply.ok) throw new DomainError(reply.error.code, reply.error.message, reply.error.field);
  return reply.value;
}
