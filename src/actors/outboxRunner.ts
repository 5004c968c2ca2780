/**
 * Runs the outbox protocol (src/domain/outboxMachine.ts) for one TaskActor
 * activation: executes each action it asks for through the actor's
 * dependencies and feeds the answers back. It holds the activation's state
 * as last committed or loaded, the outbox as far as it was worked off.
 */
import { EMPTY_OUTBOX, pendingCount, reminderChanges, replanNeeded, wantedReminders, type TaskRecord, type Work } from "../domain/index.js";
import { next, NOT_LOADED, type DrainStep, type OutboxAction, type OutboxEvent, type OutboxMachine } from "../domain/outboxMachine.js";
import { EMPTY_STATE, loadTaskState, saveTaskState, type TaskActorState } from "./taskState.js";
import type { TracedDeps } from "./tracedDeps.js";

/** A request is planned as of its receipt, but never more than this before the commit (a stale stamp plans nothing odd). */
const MAX_REQUEST_AGE_MS = 5 * 60_000;

function planningTime(requestedAt: string | undefined, now: Date): Date {
  const at = requestedAt === undefined ? NaN : Date.parse(requestedAt);
  if (!Number.isFinite(at) || at >= now.getTime()) return now;
  return new Date(Math.max(at, now.getTime() - MAX_REQUEST_AGE_MS));
}

export class OutboxRunner {
  /** The activation's state; the actor may change `record` only through `commit`. */
  state: TaskActorState = EMPTY_STATE;
  private machine: OutboxMachine = NOT_LOADED;

  constructor(
    private readonly deps: TracedDeps,
    private readonly taskId: string,
  ) {}

  /** The state for a read: loaded, with no journal lookup for the outbox. */
  async loaded(): Promise<TaskActorState> {
    if (this.machine.outbox === undefined) {
      this.state = await loadTaskState(this.deps.state, this.taskId);
      this.machine = next(this.machine, { kind: "loaded", outbox: this.state.outbox, armed: this.state.armed }).machine;
    }
    return this.state;
  }

  /** The state for a change: loaded, and a loaded outbox with work kept only if still marked or armed. */
  async writable(): Promise<TaskActorState> {
    await this.run({ kind: "ready" });
    return this.state;
  }

  /** Mark, commit the record with more work in its outbox (one transaction), then work the outbox off. */
  async commit(record: TaskRecord, work: Work, requestedAt?: string): Promise<void> {
    // Only the commit's save writes the record; a failure before it resets the activation.
    this.state = { ...this.state, record };
    // With a retry in this process, the answer does not wait for the scheduler (docs/adr/0009-reminders-after-the-answer.md, docs/adr/0032-answer-without-arming.md).
    const deferReplan = this.deps.retryLater !== undefined;
    const at = planningTime(requestedAt, this.deps.now());
    // A re-plan that would register and cancel nothing is not asked for (src/domain/reminderPlan.ts `replanNeeded`).
    const replan = work.replan === true && replanNeeded(record, this.state.registered, at);
    await this.run({ kind: "commit", work: { ...work, replan }, traceparent: this.deps.traceparent(), at, deferReplan });
  }

  /** The in-process retry of what a commit left (a deferred re-plan, a failed publish); answers whether a re-plan is still pending (then it was asked for again). */
  async retryOutbox(): Promise<boolean> {
    await this.run({ kind: "retry-requested" });
    return this.machine.outbox?.replan === true;
  }

  /** The sweeper asks: finish whatever the outbox of a task still marked holds. */
  flush(): Promise<void> {
    return this.run({ kind: "flush-requested" });
  }

  /** The armed outbox reminder fired: retry what the outbox still holds (disarming once it is empty). */
  retry(): Promise<void> {
    return this.run({ kind: "reminder-fired" });
  }

  /** daprd deactivates this activation: save what only this copy knows was worked off (a deferred re-plan's outbox). */
  async deactivating(): Promise<void> {
    if (this.machine.waiting.for !== "nothing") return;
    await this.run({ kind: "deactivating" });
  }

  reset(): void {
    this.state = EMPTY_STATE;
    this.machine = NOT_LOADED;
  }

  /** Feeds the protocol an event and executes what it asks, answers included, until it asks nothing more. */
  private async run(first: OutboxEvent): Promise<void> {
    try {
      for (let event: OutboxEvent | undefined = first; event; ) {
        const step = next(this.machine, event);
        this.machine = step.machine;
        event = undefined;
        for (const action of step.actions) event = (await this.execute(action)) ?? event;
      }
    } catch (err) {
      this.reset();
      throw err;
    }
  }

  private async execute(action: OutboxAction): Promise<OutboxEvent | undefined> {
    const { deps, taskId } = this;
    switch (action.kind) {
      case "load": {
        this.state = await loadTaskState(deps.state, taskId);
        return { kind: "loaded", outbox: this.state.outbox, armed: this.state.armed };
      }
      case "read-mark":
        return { kind: "mark-read", token: await deps.journal.marked(taskId) };
      case "journal-add":
        return { kind: "marked", token: await deps.journal.mark(taskId) };
      case "journal-remove":
        deps.journal.clear(taskId, action.token);
        return undefined;
      case "forget": {
        // Worked off, re-plan included: the change that re-planned is what a firing links back to.
        const plannedBy = action.outbox.replan ? (action.outbox.traces.replan ?? this.state.plannedBy) : this.state.plannedBy;
        this.state = { ...this.state, outbox: EMPTY_OUTBOX, plannedBy };
        return undefined;
      }
      case "save": {
        const state = { ...this.state, outbox: action.outbox, armed: action.armed };
        await saveTaskState(deps.state, taskId, state);
        this.state = state;
        return undefined;
      }
      case "committed":
        deps.reportOutbox?.(taskId, pendingCount(action.outbox));
        deps.faultPoint?.("after-commit");
        return undefined;
      case "step":
        return this.step(action.step);
      case "drained":
        this.state = { ...this.state, outbox: action.left };
        deps.reportOutbox?.(taskId, pendingCount(action.left));
        return undefined;
      case "arm":
        await deps.armOutboxReminder(taskId);
        return undefined;
      case "disarm":
        await deps.disarmOutboxReminder(taskId);
        return undefined;
      case "retry-later":
        deps.retryLater?.(taskId);
        return undefined;
    }
  }

  /** One step of working the outbox off, in the trace of the request that put it there. */
  private async step(step: DrainStep): Promise<OutboxEvent> {
    const { traces } = this.machine.outbox!;
    try {
      if (step.kind === "replan") {
        const registered = await this.deps.replanFrom(traces.replan, () => this.replan(step.replanAt));
        this.state = { ...this.state, registered, plannedBy: traces.replan ?? this.state.plannedBy };
      } else if (step.kind === "publish") await this.deps.publishFrom(traces[step.events[0]!.eventId], step.events);
      else if (step.kind === "publish-due") await this.deps.publishDueFrom(traces[step.due[0]!.deliveryId], step.due);
      else await this.deps.createOccurrence(...step.spawn);
      return { kind: "step-ok" };
    } catch (err) {
      this.deps.log.error({ err, taskId: this.taskId, step: step.kind }, "outbox work failed; the outbox reminder will retry");
      return { kind: "step-failed" };
    }
  }

  /**
   * Registers the reminders the task wants and cancels the ones it no longer
   * wants; answers what is registered now. Planned as of the change that
   * asked for it (`replanAt`), not this attempt: a re-plan retried after a
   * scheduler outage still registers reminders that fell due meanwhile, at
   * their past instants, so they fire at once rather than never.
   */
  private async replan(replanAt?: string): Promise<TaskActorState["registered"]> {
    const { record, registered } = this.state;
    const now = this.deps.now();
    const asOf = replanAt !== undefined && Date.parse(replanAt) < now.getTime() ? new Date(replanAt) : now;
    const wanted = wantedReminders(record, registered, asOf);
    const changes = reminderChanges(registered, wanted);
    await Promise.all([
      ...changes.cancel.map((name) => this.deps.unregisterReminder(this.taskId, name)),
      ...changes.register.map(([name, remindAt]) => this.deps.registerReminder(this.taskId, name, remindAt)),
    ]);
    return wanted;
  }
}
