/**
 * The actor shell on in-memory state, journal, broker and scheduler: how many
 * round trips a change costs, replays, a failed drain and its retry, the
 * crash window between commit and publish, reactivation, reminders that fire
 * for a task changed since, and the next occurrence of a series.
 */
import { expect } from "chai";
import { ActorId, CommunicationProtocolEnum, DaprClient } from "@dapr/dapr";
import { defineTaskActor, OUTBOX_REMINDER } from "../../src/actors/taskActor.js";
import type { TaskCommand } from "../../src/domain/index.js";
import { MemoryWorld } from "../support/memoryActorDeps.js";

const client = new DaprClient({ daprHost: "127.0.0.1", daprPort: "9", communicationProtocol: CommunicationProtocolEnum.HTTP });
const ID = "0f0c6a55-8d0e-4b8e-9a3a-2f5a2b1e7c11";
const create = (input: Record<string, unknown> = {}): TaskCommand => ({ kind: "create", ownerId: "alice", taskId: ID, input: { listId: "list-1", title: "pay rent", ...input } });

function activate(world: MemoryWorld) {
  const TaskActor = defineTaskActor(world.deps());
  return new TaskActor(client, new ActorId(ID));
}

describe("TaskActor (in-memory state, journal, broker and scheduler)", () => {
  it("commits a change in one save, publishes it at once, and clears its journal mark", async () => {
    const world = new MemoryWorld();
    const reply = await activate(world).handle(create());
    expect(reply.ok).to.equal(true);
    expect(world.saves, "one transaction").to.have.length(1);
    expect(world.gets, "one read (a miss) for a new task").to.equal(1);
    expect(world.published.map((e) => e.kind)).to.deep.equal(["created"]);
    expect(world.journal.size).to.equal(0);
    expect(world.reminderCalls, "no reminders, no scheduler call").to.equal(0);
    expect(world.armed.size).to.equal(0);
  });

  it("answers an idempotent replay without saving or publishing again", async () => {
    const world = new MemoryWorld();
    const actor = activate(world);
    const command: TaskCommand = { ...create(), requestHash: "h1" } as TaskCommand;
    await actor.handle(command);
    const again = await actor.handle(command);
    expect(again.ok && again.value.changed).to.equal(false);
    expect(world.saves).to.have.length(1);
    expect(world.published).to.have.length(1);
  });

  it("registers only the reminders that changed", async () => {
    const world = new MemoryWorld();
    const actor = activate(world);
    await actor.handle(create({ dueAt: "2026-06-02T09:00:00Z", reminders: [{ before: "PT1H" }, { before: "PT15M" }] }));
    expect([...world.reminders.values()].sort()).to.deep.equal(["2026-06-02T08:00:00.000Z", "2026-06-02T08:45:00.000Z"]);
    const calls = world.reminderCalls;
    await actor.handle({ kind: "update", ownerId: "alice", patch: { title: "pay the rent" } });
    expect(world.reminderCalls, "a title edit leaves the reminders alone").to.equal(calls);
    await actor.handle({ kind: "update", ownerId: "alice", patch: { reminders: [{ before: "PT1H" }] } });
    expect(world.reminders.size).to.equal(1);
    expect(world.reminders.get(`${ID}/r-${Date.parse("2026-06-02T08:00:00Z")}`)).to.equal("2026-06-02T08:00:00.000Z");
  });

  it("keeps what a failed drain left, arms the outbox reminder, and finishes when it fires", async () => {
    const world = new MemoryWorld();
    const actor = activate(world);
    world.brokerDown = true;
    const reply = await actor.handle(create());
    expect(reply.ok, "the change is committed and answered").to.equal(true);
    expect(world.published).to.have.length(0);
    expect(world.armed.has(ID)).to.equal(true);
    expect(world.saves, "the commit, then what is left").to.have.length(2);
    world.brokerDown = false;
    await actor.onReminder(OUTBOX_REMINDER, null);
    expect(world.published.map((e) => e.kind)).to.deep.equal(["created"]);
    expect(world.armed.has(ID), "disarmed once drained").to.equal(false);
    expect(world.journal.size).to.equal(0);
  });

  it("finishes a change whose process died between commit and publish, when the sweeper asks", async () => {
    const world = new MemoryWorld();
    world.dieAfterCommit = true;
    let died = false;
    await activate(world).handle(create()).catch(() => (died = true));
    expect(died).to.equal(true);
    expect(world.published).to.have.length(0);
    expect([...world.journal.keys()], "the mark stays").to.deep.equal([ID]);
    // Another activation (another process) is asked by the sweeper.
    await activate(world).flush();
    expect(world.published.map((e) => e.kind)).to.deep.equal(["created"]);
    expect(world.journal.size).to.equal(0);
  });

  it("does not publish a drained change again after reactivation", async () => {
    const world = new MemoryWorld();
    await activate(world).handle(create());
    // Idle deactivation: the stored outbox still lists the change, the journal does not.
    await activate(world).handle({ kind: "update", ownerId: "alice", patch: { title: "pay rent today" } });
    expect(world.published.map((e) => e.kind)).to.deep.equal(["created", "updated"]);
  });

  it("ignores a reminder for a task completed since, and publishes one still wanted", async () => {
    const world = new MemoryWorld();
    const actor = activate(world);
    await actor.handle(create({ reminders: [{ at: "2026-06-01T10:00:00Z" }] }));
    const name = `r-${Date.parse("2026-06-01T10:00:00Z")}`;
    world.clock = new Date("2026-06-01T10:00:01Z");
    await actor.onReminder(name, { remindAt: "2026-06-01T10:00:00.000Z" });
    expect(world.publishedDue.map((d) => d.deliveryId)).to.deep.equal([`${ID}:${name}`]);
    await actor.handle({ kind: "update", ownerId: "alice", patch: { reminders: [{ at: "2026-06-01T11:00:00Z" }] } });
    await actor.handle({ kind: "complete", ownerId: "alice" });
    await actor.onReminder(`r-${Date.parse("2026-06-01T11:00:00Z")}`, { remindAt: "2026-06-01T11:00:00.000Z" });
    expect(world.publishedDue, "nothing for the completed task").to.have.length(1);
  });

  it("publishes a firing without a commit, and commits it to the outbox only when the broker refuses", async () => {
    const world = new MemoryWorld();
    const actor = activate(world);
    await actor.handle(create({ reminders: [{ at: "2026-06-01T10:00:00Z" }, { at: "2026-06-01T10:30:00Z" }] }));
    const saves = world.saves.length;
    const journalMarks = world.journal.size;
    world.clock = new Date("2026-06-01T10:00:01Z");
    const first = `r-${Date.parse("2026-06-01T10:00:00Z")}`;
    await actor.onReminder(first, { remindAt: "2026-06-01T10:00:00.000Z" });
    expect(world.publishedDue.map((d) => d.deliveryId)).to.deep.equal([`${ID}:${first}`]);
    expect(world.saves.length, "the scheduler's reminder is the durable copy: no state write").to.equal(saves);
    expect(world.journal.size).to.equal(journalMarks);

    // The broker refuses the next one: the firing must not fail the scheduler's
    // call with nothing kept, so it is committed and the outbox reminder armed.
    world.brokerDown = true;
    world.clock = new Date("2026-06-01T10:30:01Z");
    const second = `r-${Date.parse("2026-06-01T10:30:00Z")}`;
    await actor.onReminder(second, { remindAt: "2026-06-01T10:30:00.000Z" });
    expect(world.saves.length, "committed, then what is left").to.be.greaterThan(saves);
    expect(world.armed.has(ID)).to.equal(true);
    world.brokerDown = false;
    // Another activation (say, after a crash) finishes it from the stored outbox.
    await activate(world).onReminder(OUTBOX_REMINDER, null);
    expect(world.publishedDue.map((d) => d.deliveryId)).to.deep.equal([`${ID}:${first}`, `${ID}:${second}`]);
    expect(world.armed.has(ID)).to.equal(false);
  });

  it("answers a create with reminders while the scheduler is down, and registers them after the answer, retried until it is back", async () => {
    const world = new MemoryWorld();
    world.deferReplans = true;
    const actor = activate(world);
    world.schedulerDown = true;
    const reply = await actor.handle(create({ reminders: [{ at: "2026-06-01T09:10:00Z" }, { at: "2026-06-01T11:00:00Z" }] }));
    expect(reply.ok, "committed and answered").to.equal(true);
    expect(world.published.map((e) => e.kind), "published before any registration").to.deep.equal(["created"]);
    expect([world.reminders.size, world.armed.size, world.retryLater], "nothing asked of the scheduler; a retry asked for").to.deep.equal([0, 0, [ID]]);
    expect(world.journal.has(ID), "the mark stays until the reminders are registered").to.equal(true);
    // The retry while the scheduler is still down: still pending, asked for again, nothing armed.
    expect(await actor.retryOutbox()).to.equal(true);
    expect([world.armed.size, world.retryLater.length]).to.deep.equal([0, 2]);
    // The outage outlasts the first instant; the next retry registers both, the past one at its past instant (it fires at once).
    world.schedulerDown = false;
    world.clock = new Date("2026-06-01T09:20:00Z");
    expect(await actor.retryOutbox(), "nothing pending").to.equal(false);
    expect([...world.reminders.values()].sort()).to.deep.equal(["2026-06-01T09:10:00.000Z", "2026-06-01T11:00:00.000Z"]);
    expect([world.journal.size, world.armed.size, world.published.length], "cleared, never armed, nothing published again").to.deep.equal([0, 0, 1]);
    // It fires late, once, and its lateness is recorded.
    await actor.onReminder("r-1780305000000", { remindAt: "2026-06-01T09:10:00.000Z" });
    expect(world.publishedDue.map((d) => d.remindAt)).to.deep.equal(["2026-06-01T09:10:00.000Z"]);
    expect(world.lateness).to.deep.equal([10 * 60_000]);
  });

  it("answers a create whose publish fails without arming the outbox reminder; the retry publishes it, or arms if the broker is still down", async () => {
    const world = new MemoryWorld();
    world.deferReplans = true;
    const actor = activate(world);
    world.brokerDown = true;
    world.schedulerDown = true;
    const reply = await actor.handle(create());
    expect(reply.ok, "committed and answered, the scheduler not asked").to.equal(true);
    expect([world.published.length, world.armed.size, world.reminderCalls, world.retryLater], "nothing out, nothing armed, a retry asked for").to.deep.equal([0, 0, 0, [ID]]);
    expect(world.journal.has(ID), "the mark stays").to.equal(true);
    // The retry with the broker still down arms the durable reminder (off the request path).
    world.schedulerDown = false;
    expect(await actor.retryOutbox()).to.equal(false);
    expect([world.published.length, world.armed.has(ID)]).to.deep.equal([0, true]);
    world.brokerDown = false;
    await actor.onReminder(OUTBOX_REMINDER, null);
    expect([world.published.map((e) => e.kind), world.armed.size, world.journal.size]).to.deep.equal([["created"], 0, 0]);
  });

  it("a commit's failed publish is published by the in-process retry once the broker is back, never armed", async () => {
    const world = new MemoryWorld();
    world.deferReplans = true;
    const actor = activate(world);
    world.brokerDown = true;
    await actor.handle(create());
    world.brokerDown = false;
    expect(await actor.retryOutbox()).to.equal(false);
    expect([world.published.map((e) => e.kind), world.armed.size, world.journal.size]).to.deep.equal([["created"], 0, 0]);
  });

  it("asks for no re-plan after a change when nothing is registered and nothing is wanted: the mark is cleared at once", async () => {
    const world = new MemoryWorld();
    world.deferReplans = true;
    const actor = activate(world);
    await actor.handle(create());
    await actor.handle({ kind: "update", ownerId: "alice", patch: { title: "pay the rent" } });
    expect([world.retryLater, world.journal.size, world.reminderCalls]).to.deep.equal([[], 0, 0]);
    // A reminder added later is re-planned as before; removing it again cancels it (a re-plan too).
    await actor.handle({ kind: "update", ownerId: "alice", patch: { reminders: [{ at: "2026-06-01T11:00:00Z" }] } });
    expect(world.retryLater).to.deep.equal([ID]);
    expect(await actor.retryOutbox()).to.equal(false);
    expect(world.reminders.size).to.equal(1);
    await actor.handle({ kind: "update", ownerId: "alice", patch: { reminders: [] } });
    expect(world.retryLater).to.deep.equal([ID, ID]);
    expect(await actor.retryOutbox()).to.equal(false);
    expect([world.reminders.size, world.journal.size]).to.deep.equal([0, 0]);
    // Nothing registered any more, nothing wanted: the next edit asks for none.
    await actor.handle({ kind: "update", ownerId: "alice", patch: { title: "rent" } });
    expect(world.retryLater).to.have.length(2);
  });

  it("without an in-process retry (retryLater absent), the commit's drain registers the reminders itself", async () => {
    const world = new MemoryWorld();
    await activate(world).handle(create({ reminders: [{ at: "2026-06-01T11:00:00Z" }] }));
    expect([...world.reminders.values()]).to.deep.equal(["2026-06-01T11:00:00.000Z"]);
    expect(world.journal.size).to.equal(0);
  });

  it("a deactivation before the retry saves the worked-off outbox, so the next activation does not publish again", async () => {
    const world = new MemoryWorld();
    world.deferReplans = true;
    const actor = activate(world);
    await actor.handle(create({ reminders: [{ at: "2026-06-01T11:00:00Z" }] }));
    await actor.onDeactivate();
    expect(await activate(world).retryOutbox()).to.equal(false);
    expect(world.published.map((e) => e.kind), "published once").to.deep.equal(["created"]);
    expect([...world.reminders.values()]).to.deep.equal(["2026-06-01T11:00:00.000Z"]);
    expect(world.journal.size).to.equal(0);
  });

  it("plans a held-up request's reminders as of its receipt: one that came due while it waited fires at once", async () => {
    const world = new MemoryWorld();
    const actor = activate(world);
    world.clock = new Date("2026-06-01T09:00:30Z");
    // Taken at 09:00:00 with a reminder at 09:00:05; the actor only got it 30 s later (a frozen store, say).
    await actor.handle({ ...create({ reminders: [{ at: "2026-06-01T09:00:05Z" }, { at: "2026-06-01T10:00:00Z" }] }), requestedAt: "2026-06-01T09:00:00.000Z" });
    expect([...world.reminders.values()].sort()).to.deep.equal(["2026-06-01T09:00:05.000Z", "2026-06-01T10:00:00.000Z"]);
    // Without a stamp (or with one in the future), as of the commit: the passed one is not fired retroactively.
    const later = new MemoryWorld();
    later.clock = new Date("2026-06-01T09:00:30Z");
    await activate(later).handle(create({ reminders: [{ at: "2026-06-01T09:00:05Z" }, { at: "2026-06-01T10:00:00Z" }] }));
    expect([...later.reminders.values()]).to.deep.equal(["2026-06-01T10:00:00.000Z"]);
  });

  it("creates the next occurrence of a completion-mode series when completed", async () => {
    const world = new MemoryWorld();
    const actor = activate(world);
    await actor.handle(create({ dueAt: "2026-06-01T12:00:00Z", recurrence: { rule: "FREQ=DAILY", mode: "completion" } }));
    const done = await actor.handle({ kind: "complete", ownerId: "alice" });
    expect(done.ok && done.value.nextOccurrenceId).to.be.a("string");
    expect(world.spawned).to.have.length(1);
    expect(world.spawned[0]![0]).to.equal(done.ok ? done.value.nextOccurrenceId : "");
  });

  it("refuses, naming why, an actor stored in the four-key layout it no longer reads, and changes nothing", async () => {
    const world = new MemoryWorld();
    await activate(world).handle(create());
    const stored = world.state.get(`${ID}||record`) as { record: unknown };
    world.state.set(`${ID}||record`, stored.record);
    const saves = world.saves.length;
    const failure = await activate(world)
      .handle({ kind: "update", ownerId: "alice", patch: { title: "changed" } })
      .then(() => null, (err: unknown) => err as Error);
    expect(failure?.message).to.match(/layout of before 2026-11-30.*CHANGELOG/);
    expect(world.saves.length).to.equal(saves);
  });
});
