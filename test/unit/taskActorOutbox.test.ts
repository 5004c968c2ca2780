/**
 * The same delivery guarantees as test/unit/outboxMachine.test.ts, checked
 * on TaskActor itself (in-memory state, journal, broker and scheduler): random
 * changes, broker and scheduler outages, and a crash at any call the actor
 * makes (the activation and the journal clears not yet sent are lost, what
 * was written stays). After the recovery paths (outbox reminder, sweeper, a
 * new activation), every committed event was published, nothing uncommitted
 * was, and a repeat is the same event (id, version, body) that consumers drop.
 * With the in-process retry of deferred re-plans (`retryLater`, lost in a
 * crash), the scheduler also holds every reminder the task wants in the end.
 */
import { expect } from "chai";
import fc from "fast-check";
import { ActorId, CommunicationProtocolEnum, DaprClient } from "@dapr/dapr";
import { defineTaskActor, OUTBOX_REMINDER, type TaskActorDeps } from "../../src/actors/taskActor.js";
import { wantedReminders, type TaskEvent, type TaskRecord } from "../../src/domain/index.js";
import { MemoryWorld } from "../support/memoryActorDeps.js";

const client = new DaprClient({ daprHost: "127.0.0.1", daprPort: "9", communicationProtocol: CommunicationProtocolEnum.HTTP });
const ID = "0f0c6a55-8d0e-4b8e-9a3a-2f5a2b1e7c11";

type Op =
  | { op: "update"; reminder: boolean }
  | { op: "flush" | "fire" | "deactivate" | "crash" | "send-clears" | "retry-later" }
  | { op: "broker" | "scheduler"; up: boolean };

class Crash extends Error {}

class Harness {
  world = new MemoryWorld();
  /** Journal clears batched in the process, not yet sent to Redis. */
  clears: [string, number][] = [];
  calls = 0;
  crashAt: number | undefined;
  committed = new Map<string, TaskEvent>();
  private deps: TaskActorDeps;
  private TaskActor;
  actor;
  private edits = 0;

  constructor(defer = false) {
    this.world.deferReplans = defer;
    const inner = this.world.deps();
    const hook = <A extends unknown[], R>(f: (...args: A) => R) => (...args: A): R => {
      if (this.calls++ === this.crashAt) throw new Crash("process died");
      return f(...args);
    };
    this.deps = {
      ...inner,
      state: {
        get: <T>(id: string, key: string) => hook(() => inner.state.get<T>(id, key))(),
        save: hook(async (id: string, upsert: Record<string, unknown>, remove?: string[]) => {
          await inner.state.save(id, upsert, remove);
          const saved = upsert.record as { outbox: { events: TaskEvent[] } };
          for (const e of saved.outbox.events) this.committed.set(e.eventId, e);
        }),
      },
      journal: {
        ...inner.journal,
        mark: hook(inner.journal.mark),
        marked: hook(inner.journal.marked),
        clear: hook((taskId: string, token: number) => void this.clears.push([taskId, token])),
      },
      publish: hook(async (events: TaskEvent[]) => {
        for (const e of events) expect(this.committed.has(e.eventId), `${e.eventId} published before its commit`).to.equal(true);
        await inner.publish(events);
      }),
      publishReminders: hook(inner.publishReminders),
      registerReminder: hook(inner.registerReminder),
      unregisterReminder: hook(inner.unregisterReminder),
      armOutboxReminder: hook(inner.armOutboxReminder),
      disarmOutboxReminder: hook(inner.disarmOutboxReminder),
      faultPoint: undefined,
    };
    this.TaskActor = defineTaskActor(this.deps);
    this.actor = new this.TaskActor(client, new ActorId(ID));
  }

  sendClears(): void {
    for (const [taskId, token] of this.clears) if (this.world.journal.get(taskId) === token) this.world.journal.delete(taskId);
    this.clears = [];
  }

  crash(): void {
    this.actor = new this.TaskActor(client, new ActorId(ID));
    this.clears = [];
    this.world.retryLater = [];
  }

  /** The retry calls the actor while a re-plan is asked for (src/actors/outboxRetrier.ts). */
  async retryLater(crashAt?: number): Promise<void> {
    if (this.world.retryLater.length === 0) return;
    this.world.retryLater = [];
    await this.call(() => this.actor.retryOutbox(), crashAt);
  }

  async call(method: () => Promise<unknown>, crashAt?: number): Promise<void> {
    this.calls = 0;
    this.crashAt = crashAt;
    try {
      await method();
    } catch (err) {
      // A crash ends the process; any other failure is answered to daprd, and the host resets the activation.
      if (err instanceof Crash) this.crash();
      else await this.actor.resetStateInternal().catch(() => undefined);
    } finally {
      this.crashAt = undefined;
    }
  }

  async apply(op: Op, crashAt: number | undefined): Promise<void> {
    const { world } = this;
    switch (op.op) {
      case "update": {
        const n = ++this.edits;
        const input = { title: `edit ${n}`, ...(op.reminder ? { reminders: [{ at: `2026-06-0${1 + (n % 8)}T10:00:00Z` }] } : {}) };
        const command = world.state.size === 0 ? { kind: "create" as const, ownerId: "alice", taskId: ID, input: { ...input, listId: "list-1" } } : { kind: "update" as const, ownerId: "alice", patch: input };
        return this.call(() => this.actor.handle(command), crashAt);
      }
      case "flush":
        if (world.journal.has(ID)) await this.call(() => this.actor.flush(), crashAt);
        return;
      case "fire":
        if (world.armed.has(ID)) await this.call(() => this.actor.onReminder(OUTBOX_REMINDER, null), crashAt);
        return;
      case "deactivate":
        // daprd deactivates between calls: the activation may save first (a failure there is logged by the host).
        await this.call(() => this.actor.onDeactivate(), crashAt);
        this.actor = new this.TaskActor(client, new ActorId(ID));
        return;
      case "retry-later":
        return this.retryLater(crashAt);
      case "crash":
        return this.crash();
      case "send-clears":
        return this.sendClears();
      case "broker":
        world.brokerDown = !op.up;
        return;
      case "scheduler":
        world.schedulerDown = !op.up;
        return;
    }
  }

  async recover(): Promise<void> {
    this.world.brokerDown = this.world.schedulerDown = false;
    for (let round = 0; round < 10; round++) {
      this.sendClears();
      if (this.world.armed.has(ID)) await this.call(() => this.actor.onReminder(OUTBOX_REMINDER, null));
      else if (this.world.retryLater.length > 0) await this.retryLater();
      else if (this.world.journal.has(ID)) await this.call(() => this.actor.flush());
      else return;
    }
  }
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant("update" as const), reminder: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constantFrom<Op>({ op: "flush" }, { op: "fire" }, { op: "send-clears" }, { op: "retry-later" }) },
  { weight: 1, arbitrary: fc.constantFrom<Op>({ op: "deactivate" }, { op: "crash" }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom("broker" as const, "scheduler" as const), up: fc.boolean() }) },
);

describe("TaskActor delivery under crashes at any call (in-memory, property-based)", () => {
  it("publishes every committed event after recovery, nothing uncommitted, and repeats only the same event", async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(fc.tuple(opArb, fc.option(fc.nat(10), { nil: undefined, freq: 3 })), { maxLength: 20 }), async (defer, ops) => {
        const h = new Harness(defer);
        for (const [op, crashAt] of ops) await h.apply(op, crashAt);
        await h.recover();
        expect(h.world.journal.size, "no mark left").to.equal(0);
        expect(h.world.armed.size, "the outbox reminder disarmed").to.equal(0);
        expect(h.world.retryLater, "no re-plan left to retry").to.deep.equal([]);
        // Nothing lost: the scheduler holds every reminder the task wants (extras left by a crash are ignored when they fire).
        const stored = h.world.state.get(`${ID}||record`) as { record: TaskRecord | null } | undefined;
        const wanted = wantedReminders(stored?.record ?? null, {}, h.world.clock);
        for (const [name, at] of Object.entries(wanted)) expect(h.world.reminders.get(`${ID}/${name}`), `reminder ${name} registered`).to.equal(at);
        const first = new Map<string, TaskEvent>();
        for (const e of h.world.published) {
          if (first.has(e.eventId)) expect(e, `${e.eventId} resent with another body`).to.deep.equal(first.get(e.eventId));
          else first.set(e.eventId, e);
        }
        for (const id of h.committed.keys()) expect(first.has(id), `${id} committed but never published`).to.equal(true);
        const versions = [...first.values()].map((e) => e.version);
        expect(versions, "first publications in version order").to.deep.equal([...versions].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });
});
