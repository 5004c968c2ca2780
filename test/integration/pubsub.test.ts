/**
 * Events through real Kafka and Dapr pub/sub: what the api app publishes
 * reaches the audit app and the projection, and redelivery is applied once.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Connection } from "mongoose";
import { decide, type TaskEvent, type TaskRecord } from "../../src/domain/index.js";
import { AuditLog } from "../../src/audit/store.js";
import { connectMongo } from "../../src/infra/mongo.js";
import { taskEventPublisher } from "../../src/infra/publisher.js";
import { ReadModel } from "../../src/infra/readModel.js";
import { openDeadLetters } from "../support/deadLetters.js";
import { quiescent } from "../support/quiescence.js";
import { eventually, sidecarOf, stack } from "../support/stack.js";

describe("task events through Kafka (Dapr pub/sub)", function () {
  let mongo: Connection;
  let readModel: ReadModel;
  let audit: AuditLog;
  let publish: (event: TaskEvent) => Promise<void>;
  let publishAll: (events: TaskEvent[]) => Promise<void>;

  before(async () => {
    mongo = await connectMongo(stack().mongoUri);
    readModel = new ReadModel(mongo);
    audit = new AuditLog(mongo);
    // The api app's own publisher, through the api app's sidecar.
    publishAll = taskEventPublisher({ sidecar: sidecarOf("api"), pubsub: "pubsub", source: "tickler/integration-test", timeoutMs: 5000 });
    publish = (event) => publishAll([event]);
  });
  after(async () => {
    await mongo.close();
  });

  function history(owner: string): { records: TaskRecord[]; events: TaskEvent[] } {
    const taskId = randomUUID();
    const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 9, m));
    const steps = [
      decide(null, { kind: "create", ownerId: owner, taskId, input: { listId: "list-1", title: "first" } }, t(0)),
    ];
    steps.push(decide(steps[0]!.record, { kind: "update", ownerId: owner, patch: { title: "second" } }, t(1)));
    steps.push(decide(steps[1]!.record, { kind: "complete", ownerId: owner }, t(2)));
    return { records: steps.map((s) => s.record), events: steps.flatMap((s) => s.events) };
  }

  it("delivers a published event to the audit log and to the read model", async () => {
    const { events } = history("pubsub-a");
    const created = events[0]!;
    await publish(created);
    const entries = await eventually(() => audit.forTask(created.taskId), (e) => e.length === 1, 20_000, "the audit entry");
    expect(entries[0]).to.include({ _id: created.eventId, type: "tickler.task.created.v1", version: 1 });
    const view = await eventually(() => readModel.get(created.taskId), (v) => v !== null, 20_000, "the projection");
    expect(view).to.include({ id: created.taskId, title: "first", version: 1, deleted: false });
  });

  it("applies redelivered and out-of-order events once", async () => {
    const { events } = history("pubsub-b");
    const [created, updated, completed] = events as [TaskEvent, TaskEvent, TaskEvent];
    // Newest first, then everything again: a broker redelivering and reordering.
    for (const event of [completed, updated, created, completed, updated, created]) await publish(event);
    const entries = await eventually(() => audit.forTask(created.taskId), (e) => e.length >= 3, 20_000, "three audit entries");
    // Any duplicate still in flight arrives before the stack is quiet: then count.
    await quiescent("the task's audit entries");
    const final = await audit.forTask(created.taskId);
    expect(final.map((e) => e._id)).to.deep.equal([created.eventId, updated.eventId, completed.eventId]);
    expect(entries.length).to.equal(3);
    const view = await readModel.get(created.taskId);
    expect(view).to.include({ title: "second", status: "completed", version: 3 });
  });

  it("delivers several events of one task published in one bulk call, in their order", async () => {
    const { events } = history("pubsub-bulk");
    await publishAll(events);
    const entries = await eventually(() => audit.forTask(events[0]!.taskId), (e) => e.length === 3, 20_000, "three audit entries");
    expect(entries.map((e) => e._id)).to.deep.equal(events.map((e) => e.eventId));
    const view = await eventually(() => readModel.get(events[0]!.taskId), (v) => v?.version === 3, 20_000, "the projection at version 3");
    expect(view).to.include({ title: "second", status: "completed" });
  });

  it("dead-letters an event that fails its schema without blocking the events behind it", async () => {
    const bad = { specversion: "1.0", id: randomUUID(), source: "test", type: "tickler.task.created.v1", datacontenttype: "application/json", data: { type: "tickler.task.created.v1", taskId: 42 } };
    await sidecarOf("api").publish("pubsub", "task-events", bad, "poison");
    // And an event behind it is still delivered.
    const { events } = history("pubsub-c");
    await publish(events[0]!);
    await eventually(() => audit.forTask(events[0]!.taskId), (e) => e.length === 1, 20_000, "the event behind the poison one");
    // The poison event itself is in the dead-letter topic (recorded in Redis by the api app).
    const letters = await openDeadLetters();
    try {
      await eventually(() => letters.isPending("task-events-dlq", bad.id), Boolean, 20_000, "the poison event in task-events-dlq");
      const letter = (await letters.store.pending("task-events-dlq", new Date(), 1000)).find((l) => l.eventId === bad.id);
      expect(letter).to.include({ topic: "task-events-dlq", eventId: bad.id, type: "tickler.task.created.v1" });
    } finally {
      await letters.close();
    }
  });
});
