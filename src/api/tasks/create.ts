/**
 * The one create path, shared by POST /tasks, quick add and import: the
 * actor call, retried as a replay when daprd answers a transient error (so a
 * committed create never turns into an error or a duplicate), paced, while
 * the write's deadline allows (src/actors/retryPacing.ts, ADR 0016; an attempt
 * stuck on a frozen host is sent again too, ADR 0017), then the snapshot applied to the read model for
 * read-your-writes. Past the deadline the outcome is unknown (OutcomeUnknown:
 * 503 `outcome-unknown`), never "failed".
 */
import { OutcomeUnknown, type TaskActors } from "../../actors/client.js";
import type { TaskView } from "../../actors/taskActor.js";
import { DomainError, type TaskCommand } from "../../domain/index.js";
import type { ReadModel } from "../../infra/readModel.js";
import { attemptWaitMs, DEFAULT_RETRY_PACING, pauseBeforeNextAttempt } from "../../actors/retryPacing.js";

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
  const deadline = deadlineMs === undefined ? undefined : Date.now() + deadlineMs;
  let view: TaskView | undefined;
  let retried = false;
  let unknown: OutcomeUnknown | undefined;
  // Stamped once, before the first attempt: a retry after a stuck call (the
  // first attempt may still be the one that commits) plans the reminders as
  // of the request, not as of the retry (src/domain/commands.ts).
  const stamped = { ...command, requestedAt: command.requestedAt ?? new Date().toISOString() };
  for (let attempt = 1; !view; attempt++) {
    try {
      // An attempt stuck on a frozen host is given up after stuckAttemptMs and sent again (ADR 0017).
      view = await actors.handle(stamped.taskId, stamped, attemptWaitMs(attempt - 1, deadline === undefined ? undefined : deadline - Date.now(), actors.retryPacing));
    } catch (err) {
      // After an attempt with an unknown outcome only the actor's own answer is definite: anything else leaves it unknown.
      if (unknown && !(err instanceof OutcomeUnknown) && !(err instanceof DomainError)) throw unknown;
      if (!(err instanceof OutcomeUnknown)) throw err;
      // Sent again (a replay if it had committed) after a pause, while the deadline leaves room for an attempt.
      const pause = pauseBeforeNextAttempt(attempt, deadline === undefined ? undefined : deadline - Date.now(), actors.retryPacing);
      if (pause === null) throw err;
      unknown = err;
      retried = true;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
  if (view.changed || retried) await readModel.applyAfterWrite(view.task, view.deleted);
  return { view, replayed: !view.changed && !retried };
}
