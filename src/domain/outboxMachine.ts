/**
 * The outbox delivery protocol of a TaskActor as one pure state machine: the
 * journal mark before a commit, the commit with its outbox, the drain step by
 * step, arming the durable outbox reminder only when a drain fails, the
 * clear, the sweeper's flush and the reminder's retry. A commit may defer its
 * re-plan (the scheduler is needed when a reminder falls due, not when a task
 * is written): its drain skips the re-plan and asks for `retry-later`, an
 * in-process retry that calls the actor again (`retry-requested`) until the
 * registration succeeds; a publish it could not finish goes there too, so
 * the answer never waits to arm the outbox reminder. The journal mark stays
 * until then, so a crash leaves it to the sweeper. `next` answers what to
 * do; the caller does it and feeds each result back as the next event. It
 * specifies what src/actors/taskActor.ts does today (docs/adr/0001-outbox-journal.md);
 * test/unit/outboxMachine.test.ts checks it against crashes at every step.
 */
import { afterDrain, EMPTY_OUTBOX, isDrained, withWork, type DrainProgress, type Outbox, type Work } from "./outbox.js";

/** What a turn asks of the protocol. `ready` only loads (the start of every actor method). */
export type Trigger =
  | { kind: "ready" }
  /** `deferReplan`: answer without the scheduler; the re-plan, and whatever the drain could not do, go to `retry-later`. */
  | { kind: "commit"; work: Work; traceparent?: string; at?: Date; deferReplan?: boolean }
  | { kind: "flush-requested" }
  | { kind: "reminder-fired" }
  /** The in-process retry of a commit's deferred re-plan or unfinished drain. */
  | { kind: "retry-requested" };

export type OutboxEvent =
  | Trigger
  | { kind: "loaded"; outbox: Outbox; armed: boolean }
  | { kind: "mark-read"; token: number | null }
  | { kind: "marked"; token: number }
  | { kind: "step-ok" }
  | { kind: "step-failed" }
  /** daprd deactivates the actor between calls: a graceful end of this activation (it may save first). */
  | { kind: "deactivating" }
  /** The method threw or the actor was deactivated: this activation's copy is gone. */
  | { kind: "reset" };

/** A step of the drain, in the order the outbox is worked off. */
export type DrainStep =
  | { kind: "replan"; replanAt?: string }
  | { kind: "publish"; events: Outbox["events"] }
  | { kind: "publish-due"; due: Outbox["due"] }
  | { kind: "spawn"; spawn: Outbox["spawn"][number] };

export type OutboxAction =
  | { kind: "load" }
  | { kind: "read-mark" }
  | { kind: "journal-add" }
  /** Batched and not awaited: removes the mark only if it still carries `token`. */
  | { kind: "journal-remove"; token: number }
  /** One actor-state transaction of the activation's state with this outbox and flag. */
  | { kind: "save"; outbox: Outbox; armed: boolean }
  /** The loaded outbox was worked off after its commit (no mark, not armed): this activation forgets it. */
  | { kind: "forget"; outbox: Outbox }
  /** The commit is durable (the crash tests' `after-commit` point). */
  | { kind: "committed"; outbox: Outbox }
  | { kind: "step"; step: DrainStep }
  /** The drain ended, finished or not: `left` is what the outbox still holds. */
  | { kind: "drained"; done: DrainProgress; left: Outbox }
  | { kind: "arm" }
  | { kind: "disarm" }
  /** Work is left that the answer did not wait for (a re-plan, a failed publish): retry it in this process, soon; the mark stays. */
  | { kind: "retry-later" };

type Waiting =
  | { for: "nothing" }
  | { for: "load" | "check"; then: Trigger }
  | { for: "flush-mark" | "retry-mark" | "later-mark" }
  | { for: "commit-mark"; then: Extract<Trigger, { kind: "commit" }> }
  | { for: "retry-new-mark" }
  | { for: "step"; token: number; done: DrainProgress; armedAtStart: boolean; step: DrainStep; mode: DrainMode };

/**
 * How a drain ends: `defer` (a commit on the request path) skips the re-plan
 * and leaves whatever is left to the in-process retry; `later` (that retry)
 * retries a re-plan left over in this process instead of saving and arming
 * the outbox reminder, but saves and arms for a publish that failed again;
 * `full` is the sweeper's and the outbox reminder's drain.
 */
type DrainMode = "defer" | "later" | "full";

export interface OutboxMachine {
  /** This activation's copy of the outbox, as far as it was worked off; undefined until loaded. */
  outbox?: Outbox;
  /** The stored flag: the durable outbox reminder is registered. */
  armed: boolean;
  waiting: Waiting;
  /**
   * The outbox was worked off up to a deferred re-plan but not written back
   * (the store still holds the published events): a deactivation saves it,
   * so the next activation does not publish them again.
   */
  unsaved?: boolean;
}

export const NOT_LOADED: OutboxMachine = { armed: false, waiting: { for: "nothing" } };

export interface Step {
  machine: OutboxMachine;
  /** In order. Only the last one may answer an event (load, read-mark, journal-add, step). */
  actions: OutboxAction[];
}

const NONE: DrainProgress = { replanned: false, events: 0, due: 0, spawned: 0 };

function protocolError(m: OutboxMachine, event: OutboxEvent): never {
  throw new Error(`outbox protocol: ${event.kind} while waiting for ${m.waiting.for}`);
}

export function next(m: OutboxMachine, event: OutboxEvent): Step {
  const w = m.waiting;
  switch (event.kind) {
    case "reset":
      return { machine: NOT_LOADED, actions: [] };
    case "ready":
    case "commit":
    case "flush-requested":
    case "reminder-fired":
    case "retry-requested":
      if (w.for !== "nothing") return protocolError(m, event);
      return whenReady(m, event);
    case "deactivating":
      if (w.for !== "nothing") return protocolError(m, event);
      return m.unsaved && m.outbox ? { machine: NOT_LOADED, actions: [{ kind: "save", outbox: m.outbox, armed: m.armed }] } : { machine: NOT_LOADED, actions: [] };
    case "loaded":
      // Loaded outside a turn's protocol (a plain read): no check of the journal until the next turn.
      if (w.for === "nothing" && m.outbox === undefined) return idle({ outbox: event.outbox, armed: event.armed, waiting: w });
      if (w.for !== "load") return protocolError(m, event);
      return whenReady({ outbox: event.outbox, armed: event.armed, waiting: { for: "nothing" } }, w.then);
    case "mark-read":
      if (w.for === "check") {
        // Loaded work without a mark (and not armed) was worked off after its commit, just not rewritten.
        if (event.token !== null) return start({ ...m, waiting: { for: "nothing" } }, w.then);
        const forgotten = start({ ...m, outbox: EMPTY_OUTBOX, waiting: { for: "nothing" } }, w.then);
        return { machine: forgotten.machine, actions: [{ kind: "forget", outbox: m.outbox! }, ...forgotten.actions] };
      }
      if (w.for === "flush-mark" || w.for === "later-mark") {
        if (event.token === null) return idle(m);
        if (isDrained(m.outbox!)) return { machine: idle(m).machine, actions: [{ kind: "journal-remove", token: event.token }] };
        return drain(m, event.token, m.armed, w.for === "later-mark" ? "later" : "full");
      }
      if (w.for === "retry-mark") {
        if (event.token === null) return { machine: { ...m, waiting: { for: "retry-new-mark" } }, actions: [{ kind: "journal-add" }] };
        return drain({ ...m, armed: true }, event.token, true, "full");
      }
      return protocolError(m, event);
    case "marked":
      if (w.for === "retry-new-mark") return drain({ ...m, armed: true }, event.token, true, "full");
      if (w.for === "commit-mark") {
        const outbox = withWork(m.outbox!, w.then.work, w.then.traceparent, w.then.at);
        const drained = drain({ ...m, outbox, unsaved: false }, event.token, m.armed, w.then.deferReplan ? "defer" : "full");
        return { machine: drained.machine, actions: [{ kind: "save", outbox, armed: m.armed }, { kind: "committed", outbox }, ...drained.actions] };
      }
      return protocolError(m, event);
    case "step-ok":
    case "step-failed": {
      if (w.for !== "step") return protocolError(m, event);
      if (event.kind === "step-failed") return settle(m, w.token, w.done, w.armedAtStart, w.mode);
      const s = w.step;
      const done: DrainProgress =
        s.kind === "replan"
          ? { ...w.done, replanned: true }
          : s.kind === "publish"
            ? { ...w.done, events: s.events.length }
            : s.kind === "publish-due"
              ? { ...w.done, due: s.due.length }
              : { ...w.done, spawned: w.done.spawned + 1 };
      return continueDrain(m, w.token, done, w.armedAtStart, w.mode);
    }
  }
}

const idle = (m: OutboxMachine): Step => ({ machine: { ...m, waiting: { for: "nothing" } }, actions: [] });

/** Every method starts from the state as loaded; a loaded outbox with work counts only if marked or armed. */
function whenReady(m: OutboxMachine, trigger: Trigger): Step {
  if (m.outbox === undefined) return { machine: { ...m, waiting: { for: "load", then: trigger } }, actions: [{ kind: "load" }] };
  if (isDrained(m.outbox) || m.armed) return start(m, trigger);
  return { machine: { ...m, waiting: { for: "check", then: trigger } }, actions: [{ kind: "read-mark" }] };
}

function start(m: OutboxMachine, trigger: Trigger): Step {
  switch (trigger.kind) {
    case "ready":
      return idle(m);
    case "commit":
      // Marked before the commit: a crash after it leaves the mark for the sweeper.
      return { machine: { ...m, waiting: { for: "commit-mark", then: trigger } }, actions: [{ kind: "journal-add" }] };
    case "flush-requested":
      return { machine: { ...m, waiting: { for: "flush-mark" } }, actions: [{ kind: "read-mark" }] };
    case "reminder-fired":
      return { machine: { ...m, waiting: { for: "retry-mark" } }, actions: [{ kind: "read-mark" }] };
    case "retry-requested":
      return { machine: { ...m, waiting: { for: "later-mark" } }, actions: [{ kind: "read-mark" }] };
  }
}

function drain(m: OutboxMachine, token: number, armedAtStart: boolean, mode: DrainMode): Step {
  return continueDrain(m, token, NONE, armedAtStart, mode);
}

/**
 * The next step of the drain in order (re-plan, events, due reminders, each
 * next occurrence), or its end. A commit skips the re-plan; the in-process
 * retry does it last, so a scheduler still away does not hold back a publish
 * the commit could not do.
 */
function continueDrain(m: OutboxMachine, token: number, done: DrainProgress, armedAtStart: boolean, mode: DrainMode): Step {
  const o = m.outbox!;
  const replan: DrainStep | null = o.replan && !done.replanned && mode !== "defer" ? (o.replanAt === undefined ? { kind: "replan" } : { kind: "replan", replanAt: o.replanAt }) : null;
  const outgoing: DrainStep | null =
    o.events.length > done.events
      ? { kind: "publish", events: o.events }
      : o.due.length > done.due
        ? { kind: "publish-due", due: o.due }
        : o.spawn.length > done.spawned
          ? { kind: "spawn", spawn: o.spawn[done.spawned]! }
          : null;
  const step = mode === "full" ? (replan ?? outgoing) : (outgoing ?? replan);
  if (step === null) return settle(m, token, done, armedAtStart, mode);
  return { machine: { ...m, waiting: { for: "step", token, done, armedAtStart, step, mode } }, actions: [{ kind: "step", step }] };
}

/**
 * After the drain: the drained outbox is not written back; an armed reminder
 * is disarmed only after the drained state is saved (a crash in between
 * leaves one more firing, which disarms). What is left is saved before the
 * reminder is armed, and the mark stays until the outbox drains. What a
 * commit's drain leaves (a deferred re-plan, a publish that failed), and a
 * re-plan the in-process retry's drain leaves, is retried in this process
 * (`retry-later`): nothing is saved and nothing touches the scheduler, which
 * the answer does not need (docs/adr/0032-answer-without-arming.md).
 */
function settle(m: OutboxMachine, token: number, done: DrainProgress, armedAtStart: boolean, mode: DrainMode): Step {
  const left = afterDrain(m.outbox!, done);
  const drained: OutboxAction = { kind: "drained", done, left };
  const retryInProcess = mode === "defer" ? !isDrained(left) : mode === "later" && onlyReplanLeft(left);
  if (retryInProcess && !armedAtStart) {
    return { machine: { outbox: left, armed: false, waiting: { for: "nothing" }, unsaved: true }, actions: [drained, { kind: "retry-later" }] };
  }
  if (mode === "defer" && armedAtStart && isDrained(left)) {
    // Drained on the request path with the outbox reminder armed: saved as drained, still armed; its next firing disarms.
    return { machine: { outbox: left, armed: true, waiting: { for: "nothing" } }, actions: [drained, { kind: "save", outbox: left, armed: true }, { kind: "journal-remove", token }] };
  }
  if (isDrained(left)) {
    const actions: OutboxAction[] = armedAtStart
      ? [drained, { kind: "save", outbox: left, armed: false }, { kind: "disarm" }, { kind: "journal-remove", token }]
      : [drained, { kind: "journal-remove", token }];
    return { machine: { outbox: left, armed: false, waiting: { for: "nothing" } }, actions };
  }
  const actions: OutboxAction[] = [drained, { kind: "save", outbox: left, armed: true }];
  if (!armedAtStart) actions.push({ kind: "arm" });
  return { machine: { outbox: left, armed: true, waiting: { for: "nothing" } }, actions };
}

const onlyReplanLeft = (o: Outbox) => o.replan && o.events.length === 0 && o.due.length === 0 && o.spawn.length === 0;
