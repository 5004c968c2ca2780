/**
 * The outbox protocol (src/domain/outboxMachine.ts) run against a small
 * in-memory model of what is durable (the actor's stored state, the journal,
 * the scheduler's outbox reminder, the broker), over random sequences of
 * changes, failures and crashes at any step. A crash loses the activation and
 * the journal clears not yet sent; what was written stays. After the recovery
 * paths run (the reminder firing, the sweeper, a fresh activation), every
 * committed entry has been worked off, nothing uncommitted was published, and
 * a repeat only ever resends the same event (same id and version), which the
 * consumers drop. A commit may defer its re-plan to the in-process retry
 * (`retry-later`, lost with the process): then the commit's turn never
 * touches the scheduler, not even when a publish fails (what is left goes
 * to the retry too), and the re-plan is still done after the last change
 * that asked for it.
 */
import { expect } from "chai";
import fc from "fast-check";
import { EMPTY_OUTBOX, isDrained, type Outbox, type ReminderDue, type TaskCommand, type TaskEvent, type Work } from "../../src/domain/index.js";
import { next, NOT_LOADED, type OutboxAction, type OutboxEvent, type OutboxMachine, type Trigger } from "../../src/domain/outboxMachine.js";

type Op =
  | { op: "commit"; events: number; due: boolean; replan: boolean; spawn: boolean; defer: boolean }
  | { op: "retry-later" }
  | { op: "touch" }
  | { op: "flush" }
  | { op: "fire" }
  | { op: "deactivate" }
  | { op: "crash" }
  | { op: "send-clears" }
  | { op: "broker" | "scheduler" | "occurrences"; up: boolean };

interface Faults {
  /** Crash before the action with this index in the operation (if it gets that far). */
  crashAt?: number;
  /** A failing publish reached the broker all the same (its acknowledgement was lost). */
  ambiguous: boolean;
}

class World {
  stored: { outbox: Outbox; armed: boolean } | undefined;
  journal: number | null = null;
  tokens = 0;
  /** Journal clears batched in the process, not yet sent. */
  clears: number[] = [];
  reminderArmed = false;
  /** The process's retry of what a commit left (a deferred re-plan, a failed publish) is queued (lost with the process). */
  retryQueued = false;
  /** Scheduler calls made in a commit turn: must stay 0 when the commit defers, whatever failed. */
  schedulerCallsInDeferredCommit = 0;
  brokerUp = true;
  schedulerUp = true;
  occurrencesUp = true;
  machine: OutboxMachine = NOT_LOADED;
  /** Ids ever saved in an outbox: committed work. */
  committed = new Set<string>();
  published: { id: string; version: number }[] = [];
  spawned: string[] = [];
  clock = 0;
  /** The last instant a commit saved a re-plan request, and the last re-plan done. */
  replanAsked = -1;
  replanDone = -1;
  savingCommit = false;
  faulty = false;
  nextEvent = 1;
  nextDue = 1;
  nextSpawn = 1;

  crash(): void {
    this.machine = NOT_LOADED;
    this.clears = [];
    this.retryQueued = false;
  }

  /** Runs one trigger to its end, executing each action; false if it crashed. */
  run(trigger: Trigger | { kind: "deactivating" }, faults: Faults = { ambiguous: false }): boolean {
    let event: OutboxEvent | undefined = trigger;
    let index = 0;
    const deferred = trigger.kind === "commit" && trigger.deferReplan === true;
    while (event) {
      const step = next(this.machine, event);
      this.machine = step.machine;
      event = undefined;
      // A save in the step that commits records new work; a later save re-writes
      // what was loaded (possibly work already done, whose journal clear is still in flight).
      this.savingCommit = step.actions.some((a) => a.kind === "committed");
      for (const action of step.actions) {
        if (faults.crashAt === index++) {
          this.faulty = true;
          this.crash();
          return false;
        }
        if (deferred && (action.kind === "arm" || action.kind === "disarm" || (action.kind === "step" && action.step.kind === "replan"))) this.schedulerCallsInDeferredCommit++;
        const answer = this.execute(action, faults);
        if (answer === "throw") {
          // The method fails: daprd gets an error, the host resets the activation.
          this.machine = next(this.machine, { kind: "reset" }).machine;
          return false;
        }
        if (answer) event = answer;
      }
    }
    return true;
  }

  private execute(action: OutboxAction, faults: Faults): OutboxEvent | undefined | "throw" {
    this.clock++;
    switch (action.kind) {
      case "load":
        return { kind: "loaded", outbox: this.stored?.outbox ?? EMPTY_OUTBOX, armed: this.stored?.armed ?? false };
      case "read-mark":
        return { kind: "mark-read", token: this.journal };
      case "journal-add":
        this.journal = ++this.tokens;
        return { kind: "marked", token: this.journal };
      case "journal-remove":
        this.clears.push(action.token);
        return undefined;
      case "save":
        this.stored = structuredClone({ outbox: action.outbox, armed: action.armed });
        for (const e of action.outbox.events) this.committed.add(e.eventId);
        for (const d of action.outbox.due) this.committed.add(d.deliveryId);
        for (const [id] of action.outbox.spawn) this.committed.add(id);
        if (action.outbox.replan && this.savingCommit) this.replanAsked = this.clock;
        return undefined;
      case "arm":
        if (!this.schedulerUp) return "throw";
        this.reminderArmed = true;
        return undefined;
      case "disarm":
        if (!this.schedulerUp) return "throw";
        this.reminderArmed = false;
        return undefined;
      case "retry-later":
        this.retryQueued = true;
        return undefined;
      case "forget":
      case "committed":
      case "drained":
        return undefined;
      case "step": {
        const s = action.step;
        if (s.kind === "replan") {
          if (!this.schedulerUp) return { kind: "step-failed" };
          this.replanDone = this.clock;
          return { kind: "step-ok" };
        }
        if (s.kind === "spawn") {
          if (!this.occurrencesUp) return { kind: "step-failed" };
          this.publish(s.spawn[0], 0);
          this.spawned.push(s.spawn[0]);
          return { kind: "step-ok" };
        }
        const items = s.kind === "publish" ? s.events.map((e) => ({ id: e.eventId, version: e.version })) : s.due.map((d) => ({ id: d.deliveryId, version: 0 }));
        if (!this.brokerUp) {
          if (faults.ambiguous) for (const item of items) this.publish(item.id, item.version);
          return { kind: "step-failed" };
        }
        for (const item of items) this.publish(item.id, item.version);
        return { kind: "step-ok" };
      }
    }
  }

  private publish(id: string, version: number): void {
    // Nothing leaves the actor that is not committed.
    expect(this.committed.has(id), `${id} published before its commit`).to.equal(true);
    this.published.push({ id, version });
  }

  apply(op: Op, faults: Faults): void {
    switch (op.op) {
      case "commit": {
        const work: Work = { replan: op.replan };
        work.events = Array.from({ length: op.events }, () => {
          const version = this.nextEvent++;
          return { eventId: `e${version}`, version, kind: "updated" } as unknown as TaskEvent;
        });
        if (op.due) work.due = [{ deliveryId: `d${this.nextDue++}` } as unknown as ReminderDue];
        if (op.spawn) work.spawn = [[`s${this.nextSpawn++}`, { kind: "create" } as unknown as TaskCommand]];
        // An actor method starts by loading, then commits.
        if (this.run({ kind: "ready" }, faults)) this.run({ kind: "commit", work, deferReplan: op.defer }, faults);
        return;
      }
      case "touch":
        this.run({ kind: "ready" }, faults);
        return;
      case "retry-later":
        // The retry calls the actor once more while it answers "still pending" (src/actors/outboxRetrier.ts).
        if (this.retryQueued) {
          this.retryQueued = false;
          this.run({ kind: "retry-requested" }, faults);
        }
        return;
      case "flush":
        // The sweeper asks only for tasks still marked.
        if (this.journal !== null) this.run({ kind: "flush-requested" }, faults);
        return;
      case "fire":
        if (this.reminderArmed) this.run({ kind: "reminder-fired" }, faults);
        return;
      case "deactivate":
        // daprd deactivates between turns; the activation may save before it goes.
        this.run({ kind: "deactivating" }, faults);
        this.machine = next(this.machine, { kind: "reset" }).machine;
        return;
      case "crash":
        this.faulty = true;
        this.crash();
        return;
      case "send-clears":
        this.sendClears();
        return;
      default:
        if (!op.up) this.faulty = true;
        this[`${op.op}Up`] = op.up;
    }
  }

  sendClears(): void {
    for (const token of this.clears) if (this.journal === token) this.journal = null;
    this.clears = [];
  }

  /** Everything back up; the scheduler fires the reminder while armed, the sweeper flushes what is marked. */
  recover(): void {
    this.brokerUp = this.schedulerUp = this.occurrencesUp = true;
    for (let round = 0; round < 10; round++) {
      this.sendClears();
      if (this.reminderArmed) this.run({ kind: "reminder-fired" });
      else if (this.retryQueued) this.apply({ op: "retry-later" }, { ambiguous: false });
      else if (this.journal !== null) this.run({ kind: "flush-requested" });
      else return;
    }
  }
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant("commit" as const), events: fc.nat(2), due: fc.boolean(), replan: fc.boolean(), spawn: fc.boolean(), defer: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constant({ op: "retry-later" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "touch" as const }) },
  { weight: 2, arbitrary: fc.constant({ op: "flush" as const }) },
  { weight: 2, arbitrary: fc.constant({ op: "fire" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "deactivate" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "crash" as const }) },
  { weight: 3, arbitrary: fc.constant({ op: "send-clears" as const }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom("broker" as const, "scheduler" as const, "occurrences" as const), up: fc.boolean() }) },
);
const faultsArb: fc.Arbitrary<Faults> = fc.record({ crashAt: fc.option(fc.nat(12), { nil: undefined, freq: 4 }), ambiguous: fc.boolean() });

function checkDelivered(world: World): void {
  world.recover();
  expect(world.journal, "no mark left").to.equal(null);
  expect(world.reminderArmed, "the outbox reminder disarmed").to.equal(false);
  expect(world.retryQueued, "nothing left to retry in the process").to.equal(false);
  expect(world.schedulerCallsInDeferredCommit, "a commit that defers its re-plan calls no scheduler").to.equal(0);
  expect(isDrained(world.stored?.outbox ?? EMPTY_OUTBOX) || world.journal === null).to.equal(true);
  const seen = new Map<string, number>();
  for (const p of world.published) {
    // A repeat is the same event again (same id, same version): audit and inbox drop it by id, the read model by version.
    if (seen.has(p.id)) expect(seen.get(p.id), `${p.id} resent with another version`).to.equal(p.version);
    seen.set(p.id, p.version);
  }
  for (const id of world.committed) expect(seen.has(id), `${id} committed but never published`).to.equal(true);
  // First publications keep the task's order.
  const firsts = [...seen.keys()].filter((id) => id.startsWith("e")).map((id) => Number(id.slice(1)));
  expect(firsts).to.deep.equal([...firsts].sort((a, b) => a - b));
  if (world.replanAsked >= 0) expect(world.replanDone, "the last re-plan asked for was done after it").to.be.greaterThan(world.replanAsked);
}

describe("outbox protocol (pure state machine, property-based)", () => {
  it("delivers every committed entry after crashes and failures at any step, resending only the same events", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(opArb, faultsArb), { maxLength: 30 }), (ops) => {
        const world = new World();
        for (const [op, faults] of ops) world.apply(op, faults);
        checkDelivered(world);
      }),
      { numRuns: 2000 },
    );
  });

  it("publishes each event exactly once when nothing fails", () => {
    const quiet = opArb.filter((op) => op.op !== "crash" && !("up" in op));
    fc.assert(
      fc.property(fc.array(quiet, { maxLength: 30 }), (ops) => {
        const world = new World();
        for (const op of ops) {
          world.apply(op, { ambiguous: false });
          // Clears are sent within the turn's microtasks: before any other call can come.
          world.sendClears();
        }
        checkDelivered(world);
        expect(world.faulty).to.equal(false);
        expect(world.published.length, "no repeats").to.equal(new Set(world.published.map((p) => p.id)).size);
      }),
      { numRuns: 1000 },
    );
  });

  it("a crash right after the commit leaves the mark, and the sweeper finishes the change on a new activation", () => {
    const world = new World();
    world.apply({ op: "commit", events: 1, due: false, replan: false, spawn: false, defer: false }, { crashAt: 3, ambiguous: false });
    expect(world.published).to.deep.equal([]);
    expect(world.journal).to.not.equal(null);
    world.apply({ op: "flush" }, { ambiguous: false });
    world.sendClears();
    expect(world.published.map((p) => p.id)).to.deep.equal(["e1"]);
    expect(world.journal).to.equal(null);
  });

  it("a failed publish saves what is left, then arms; the firing drains, saves, disarms, then clears", () => {
    const world = new World();
    world.brokerUp = false;
    const actions: string[] = [];
    const trace = (m: OutboxMachine, e: OutboxEvent) => {
      const s = next(m, e);
      actions.push(...s.actions.map((a) => (a.kind === "step" ? `step:${a.step.kind}` : a.kind)));
      return s;
    };
    let m = trace(NOT_LOADED, { kind: "commit", work: { events: [{ eventId: "e1", version: 1 } as unknown as TaskEvent] } }).machine;
    m = trace(m, { kind: "loaded", outbox: EMPTY_OUTBOX, armed: false }).machine;
    m = trace(m, { kind: "marked", token: 7 }).machine;
    m = trace(m, { kind: "step-failed" }).machine;
    expect(actions).to.deep.equal(["load", "journal-add", "save", "committed", "step:publish", "drained", "save", "arm"]);
    expect(m.armed).to.equal(true);
    actions.length = 0;
    m = trace(m, { kind: "reminder-fired" }).machine;
    m = trace(m, { kind: "mark-read", token: 7 }).machine;
    m = trace(m, { kind: "step-ok" }).machine;
    expect(actions).to.deep.equal(["read-mark", "step:publish", "drained", "save", "disarm", "journal-remove"]);
    expect(m.armed).to.equal(false);
  });

  it("a commit that defers its re-plan answers without the scheduler; the retry registers, and retries again while the scheduler is down", () => {
    const world = new World();
    world.schedulerUp = false;
    world.apply({ op: "commit", events: 1, due: false, replan: true, spawn: false, defer: true }, { ambiguous: false });
    expect(world.published.map((p) => p.id), "the event is out before any registration").to.deep.equal(["e1"]);
    expect([world.retryQueued, world.reminderArmed, world.journal !== null], "queued, not armed, still marked").to.deep.equal([true, false, true]);
    world.apply({ op: "retry-later" }, { ambiguous: false });
    expect([world.retryQueued, world.reminderArmed, world.replanDone], "the scheduler still down: queued again").to.deep.equal([true, false, -1]);
    world.schedulerUp = true;
    world.apply({ op: "retry-later" }, { ambiguous: false });
    world.sendClears();
    expect(world.replanDone).to.be.greaterThan(world.replanAsked);
    expect([world.retryQueued, world.journal], "done and cleared").to.deep.equal([false, null]);
  });

  it("a commit whose publish fails answers without arming the outbox reminder; the retry publishes, or arms when the broker is still down", () => {
    const world = new World();
    world.brokerUp = false;
    world.apply({ op: "commit", events: 1, due: false, replan: false, spawn: false, defer: true }, { ambiguous: false });
    expect([world.published.length, world.retryQueued, world.reminderArmed, world.journal !== null], "nothing out, queued, not armed, still marked").to.deep.equal([0, true, false, true]);
    expect(world.schedulerCallsInDeferredCommit).to.equal(0);
    world.apply({ op: "retry-later" }, { ambiguous: false });
    expect([world.published.length, world.retryQueued, world.reminderArmed], "the broker still down: off the request path, the durable reminder takes over").to.deep.equal([0, false, true]);
    world.brokerUp = true;
    world.apply({ op: "fire" }, { ambiguous: false });
    world.sendClears();
    expect([world.published.map((p) => p.id), world.reminderArmed, world.journal]).to.deep.equal([["e1"], false, null]);
  });

  it("a commit whose publish fails, on a broker back by the retry, is published by the retry without the scheduler", () => {
    const world = new World();
    world.brokerUp = false;
    world.schedulerUp = false;
    world.apply({ op: "commit", events: 2, due: true, replan: true, spawn: false, defer: true }, { ambiguous: false });
    world.brokerUp = true;
    world.apply({ op: "retry-later" }, { ambiguous: false });
    expect(world.published.map((p) => p.id), "published by the retry").to.deep.equal(["e1", "e2", "d1"]);
    expect([world.retryQueued, world.reminderArmed], "only the re-plan left: queued again, nothing armed").to.deep.equal([true, false]);
    world.schedulerUp = true;
    world.apply({ op: "retry-later" }, { ambiguous: false });
    world.sendClears();
    expect([world.retryQueued, world.journal, world.published.length]).to.deep.equal([false, null, 3]);
  });

  it("a process that dies with a deferred re-plan queued leaves the mark, and the sweeper's flush re-plans", () => {
    const world = new World();
    world.apply({ op: "commit", events: 0, due: false, replan: true, spawn: false, defer: true }, { ambiguous: false });
    world.apply({ op: "crash" }, { ambiguous: false });
    expect([world.retryQueued, world.journal !== null, world.replanDone]).to.deep.equal([false, true, -1]);
    world.apply({ op: "flush" }, { ambiguous: false });
    world.sendClears();
    expect(world.replanDone).to.be.greaterThan(world.replanAsked);
    expect(world.journal).to.equal(null);
  });
});
