/**
 * The one create path, shared by POST /tasks, quick add and import: the
 * actor call, retried as a replay when daprd answers a transient error (so a
 * committed create never turns into an error or a duplicate;
 * src/api/tasks/replayableWrite.ts), then the snapshot applied to the read
 * model for read-your-writes.
 */
import type { TaskActors } from "../../actors/client.js";
import type { TaskView } from "../../actors/taskActor.js";
import type { TaskCommand } from "../../domain/index.js";
import type { ReadModel } from "../../infra/readModel.js";
import { DEFAULT_RETRY_PACING } from "../../actors/retryPacing.js";
import { writeReplayable } from "./replayableWrite.js";

/** Too little of the deadline left for another attempt to be worth sending. */
export const MIN_ATTEMPT_MS = DEFAULT_RETRY_PACING.minAttemptMs;

export interface Created {
  view: TaskView;
  /** The actor answered an earlier create with the same key instead of creating. */
  replayed: boolean;
}

export async function createViaActor(
  actors: TaskActors,
  readModel: Pick<ReadModel, "applyAfterWrite">,
  command: Extract<TaskCommand, { kind: "create" }>,
  /** The write's deadline (WRITE_TIMEOUT_MS); unset: each attempt waits as long as the actor client lets it. */
  deadlineMs = actors.writeTimeoutMs,
): Promise<Created> {
  const { view, retried } = await writeReplayable(actors, command.taskId, command, deadlineMs);
  if (view.changed || retried) await readModel.applyAfterWrite(view.task, view.deleted);
  return { view, replayed: !view.changed && !retried };
}
