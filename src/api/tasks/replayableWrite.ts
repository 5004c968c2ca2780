/**
 * A task write whose replay is safe: a create (its key makes its task id) or
 * any other write under an Idempotency-Key (the actor answers a retry with
 * the first outcome, src/domain/appliedWrites.ts, ADR 0018). When daprd
 * answers a transient error the write is sent again, paced, while the write's
 * deadline allows (src/actors/retryPacing.ts, ADR 0016; an attempt stuck on a
 * frozen host too, ADR 0017): an actor moving between hosts, or a call daprd
 * cancelled when the placement table changed under it, becomes a wait, not
 * an error. Past the deadline the outcome is unknown (OutcomeUnknown: 503
 * `outcome-unknown`), never "failed".
 */
import { OutcomeUnknown, type TaskActors } from "../../actors/client.js";
import type { TaskView } from "../../actors/taskActor.js";
import { DomainError, type TaskCommand } from "../../domain/index.js";
import { attemptWaitMs, pauseBeforeNextAttempt } from "../../actors/retryPacing.js";

export interface ReplayableWritten {
  view: TaskView;
  /** Sent more than once: the answer may be a replay of an attempt that committed. */
  retried: boolean;
}

export async function writeReplayable(
  actors: TaskActors,
  taskId: string,
  command: TaskCommand,
  /** The write's deadline (WRITE_TIMEOUT_MS); unset: each attempt waits as long as the actor client lets it. */
  deadlineMs = actors.writeTimeoutMs,
): Promise<ReplayableWritten> {
  const deadline = deadlineMs === undefined ? undefined : Date.now() + deadlineMs;
  let unknown: OutcomeUnknown | undefined;
  // Stamped once, before the first attempt: a retry after a stuck call (the
  // first attempt may still be the one that commits) plans the reminders as
  // of the request, not as of the retry (src/domain/commands.ts).
  const stamped = { ...command, requestedAt: command.requestedAt ?? new Date().toISOString() } as TaskCommand;
  for (let attempt = 1; ; attempt++) {
    try {
      const view = await actors.handle(taskId, stamped, attemptWaitMs(attempt - 1, deadline === undefined ? undefined : deadline - Date.now(), actors.retryPacing));
      return { view, retried: attempt > 1 };
    } catch (err) {
      // After an attempt with an unknown outcome only the actor's own answer is definite: anything else leaves it unknown.
      if (unknown && !(err instanceof OutcomeUnknown) && !(err instanceof DomainError)) throw unknown;
      if (!(err instanceof OutcomeUnknown)) throw err;
      // Sent again (a replay if it had committed) after a pause, while the deadline leaves room for an attempt.
      const pause = pauseBeforeNextAttempt(attempt, deadline === undefined ? undefined : deadline - Date.now(), actors.retryPacing);
      if (pause === null) throw err;
      unknown = err;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
