/**
 * The one create path, shared by POST /tasks, quick add and import: the
 * actor call, retried as a replay when daprd answers a transient error (so a
 * committed create never turns into an error or a duplicate), then the
 * snapshot applied to the read model for read-your-writes.
 */
import type { TaskActors } from "../../actors/client.js";
import type { TaskView } from "../../actors/taskActor.js";
import type { TaskCommand } from "../../domain/index.js";
import type { ReadModel } from "../../infra/readModel.js";
import { SidecarError } from "../../infra/sidecar.js";

/** A create whose actor call fails transiently is sent again this often in all (a replay if it had committed). */
const CREATE_ATTEMPTS = 3;
const isTransient = (err: unknown) => err instanceof SidecarError && (err.status === null || err.status >= 500);

export interface Created {
  view: TaskView;
  /** The actor answered an earlier create with the same key instead of creating. */
  replayed: boolean;
}

export async function createViaActor(
  actors: TaskActors,
  readModel: Pick<ReadModel, "applyAfterWrite">,
  command: Extract<TaskCommand, { kind: "create" }>,
): Promise<Created> {
  let view: TaskView | undefined;
  let retried = false;
  // Stamped once, before the first attempt: a retry after a stuck call (the
  // first attempt may still be the one that commits) plans the reminders as
  // of the request, not as of the retry (src/domain/commands.ts).
  const stamped = { ...command, requestedAt: command.requestedAt ?? new Date().toISOString() };
  for (let attempt = 1; !view; attempt++) {
    try {
      view = await actors.handle(stamped.taskId, stamped);
    } catch (err) {
      if (attempt >= CREATE_ATTEMPTS || !isTransient(err)) throw err;
      retried = true;
    }
  }
  if (view.changed || retried) await readModel.applyAfterWrite(view.task, view.deleted);
  return { view, replayed: !view.changed && !retried };
}
