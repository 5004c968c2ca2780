/**
 * "Assigned to you" on the real stack (docs/lists.md#assignees): a member
 * assigned a task by someone else finds one `assignment` notification in
 * their inbox, whether assigned on create or with PATCH, and not again when
 * the event is delivered twice; assigning oneself tells nobody; nobody the
 * list does not have is ever assigned (400) or told, even by an event that
 * names them; an assignee who turned assignment notices off
 * (`channels.assignments: []`) is told nothing but still gets reminders.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Task, TaskEvent } from "../../src/domain/index.js";
import { taskEventEnvelope } from "../../src/events/envelope.js";
import { apiAs, eventually, sidecarOf } from "../support/stack.js";
import { assignmentsOf, join } from "../support/sharing.js";

type Api = Awaited<ReturnType<typeof apiAs>>;

/** A task's event as its actor published it, for delivering it again: the snapshot is the task as GET answers it, with its maker. */
function eventOf(task: Task, makerId: string, actorId: string, over: Partial<TaskEvent> & { version: number }): TaskEvent {
  return {
    kind: "updated",
    eventId: `${task.id}:v${over.version}`,
    taskId: task.id,
    ownerId: makerId,
    occurredAt: new Date().toISOString(),
    changed: ["assigneeId"],
    actorId,
    ...over,
    task: { ...task, ownerId: makerId, version: over.version, ...over.task },
  };
}

describe("assignment notifications (assigned to you)", function () {
  this.timeout(120_000);
  let ada: Api;
  let bob: Api;
  let list: string;

  beforeEach(async () => {
    ada = await apiAs(`asn-ada-${randomUUID()}`);
    bob = await apiAs(`asn-bob-${randomUUID()}`);
    list = (await ada.call("POST", "/lists", { name: "Chores" })).body.id as string;
    await join(ada, list, bob, "editor");
  });

  it("tells the member assigned on create once, even when the event is delivered again; nothing for the one who assigned", async () => {
    const made = await ada.call("POST", "/tasks", { title: "mow the lawn", listId: list, assigneeId: bob.user });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    const task = made.body as Task;
    const [told] = await eventually(() => assignmentsOf(bob, task.id), (n) => n.length === 1, 30_000, "bob told");
    expect(told).to.include({ kind: "assignment", title: "mow the lawn", deliveryId: `assigned:${task.id}:v1`, state: "delivered" });
    expect(await assignmentsOf(ada, task.id), "the one who assigned").to.deep.equal([]);

    // The same event again (as an outbox re-publish would), then a later change of the task: once the later one is
    // handled (same partition, in order), the redelivery was too, and bob still has one notification.
    await sidecarOf("api").publish("pubsub", "task-updates", taskEventEnvelope(eventOf(task, ada.user, ada.user, { kind: "created", version: 1, changed: Object.keys({ ...task, ownerId: "" }) }), "tickler/test"), task.id);
    expect((await ada.call("PATCH", `/tasks/${task.id}`, { assigneeId: null })).status).to.equal(200);
    expect((await ada.call("PATCH", `/tasks/${task.id}`, { assigneeId: bob.user })).status).to.equal(200);
    const both = await eventually(() => assignmentsOf(bob, task.id), (n) => n.length === 2, 30_000, "bob told of the reassignment");
    expect(both.map((n) => n.deliveryId).sort()).to.deep.equal([`assigned:${task.id}:v1`, `assigned:${task.id}:v3`]);
  });

  it("tells nobody who assigns themselves; a PATCH by someone else tells the assignee", async () => {
    const task = (await ada.call("POST", "/tasks", { title: "water plants", listId: list })).body as Task;
    expect((await bob.call("PATCH", `/tasks/${task.id}`, { assigneeId: bob.user })).body).to.include({ assigneeId: bob.user, version: 2 });
    expect((await ada.call("PATCH", `/tasks/${task.id}`, { assigneeId: ada.user })).body).to.include({ assigneeId: ada.user, version: 3 });
    expect((await ada.call("PATCH", `/tasks/${task.id}`, { assigneeId: bob.user })).body).to.include({ assigneeId: bob.user, version: 4 });
    // v4 told bob; v2 and v3 came before it on the task's partition, so their fate was decided by then.
    const told = await eventually(() => assignmentsOf(bob, task.id), (n) => n.length === 1, 30_000, "bob told by ada's PATCH");
    expect(told[0]!.deliveryId).to.equal(`assigned:${task.id}:v4`);
    expect(await assignmentsOf(ada, task.id), "ada assigned herself").to.deep.equal([]);
  });

  it("tells nobody who turned assignment notices off, while their reminders still come; on again, tells them", async () => {
    const off = await bob.call("PUT", "/me/preferences", { channels: { reminders: ["webhook", "inbox"], assignments: [] } });
    expect(off.status, JSON.stringify(off.body)).to.equal(200);
    expect(off.body.channels).to.deep.equal({ reminders: ["webhook", "inbox"], digest: ["inbox"], assignments: [] });
    const remindAt = new Date(Date.now() + 3000).toISOString();
    const task = (await ada.call("POST", "/tasks", { title: "paint the fence", listId: list, assigneeId: bob.user, reminders: [{ at: remindAt }] })).body as Task;
    const reminderOf = (r: { body: { items: { taskId: string | null; kind?: string; state: string }[] } }) => r.body.items.find((n) => n.taskId === task.id && n.kind === "reminder");
    await eventually(() => bob.call("GET", "/notifications"), (r) => reminderOf(r)?.state === "delivered", 30_000, "bob's reminder");

    // Notices on again (left out: where the reminders go), then ada reassigns him: once v3 told bob, v1 (earlier on the
    // task's partition) was handled, and it told him nothing.
    expect((await bob.call("PUT", "/me/preferences", { channels: { reminders: ["webhook", "inbox"] } })).body.channels.assignments).to.deep.equal(["webhook", "inbox"]);
    expect((await ada.call("PATCH", `/tasks/${task.id}`, { assigneeId: null })).status).to.equal(200);
    expect((await ada.call("PATCH", `/tasks/${task.id}`, { assigneeId: bob.user })).status).to.equal(200);
    const told = await eventually(() => assignmentsOf(bob, task.id), (n) => n.length >= 1, 30_000, "bob told of the reassignment");
    expect(told.map((n) => n.deliveryId)).to.deep.equal([`assigned:${task.id}:v3`]);
  });

  it("never assigns nor tells anyone the list does not have", async () => {
    const out = await apiAs(`asn-out-${randomUUID()}`);
    const task = (await ada.call("POST", "/tasks", { title: "fix the gate", listId: list })).body as Task;
    const refused = await ada.call("PATCH", `/tasks/${task.id}`, { assigneeId: out.user });
    expect(refused.status).to.equal(400);
    expect(refused.body.errors[0].path).to.equal("assigneeId");
    expect((await ada.call("GET", `/tasks/${task.id}`)).body).to.include({ version: 1, assigneeId: null });

    // An event naming a user who may not read the task (as if they were removed before it was handled), then one naming bob:
    // once bob is told, the first was handled, and the outsider was told nothing.
    const publish = (e: TaskEvent) => sidecarOf("api").publish("pubsub", "task-updates", taskEventEnvelope(e, "tickler/test"), task.id);
    await publish(eventOf(task, ada.user, ada.user, { version: 90, task: { ...task, ownerId: ada.user, version: 90, assigneeId: out.user } }));
    await publish(eventOf(task, ada.user, ada.user, { version: 91, task: { ...task, ownerId: ada.user, version: 91, assigneeId: bob.user } }));
    await eventually(() => assignmentsOf(bob, task.id), (n) => n.length === 1, 30_000, "bob told by the second event");
    expect(await assignmentsOf(out, task.id), "the outsider").to.deep.equal([]);
  });
});
