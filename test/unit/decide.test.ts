import { expect } from "chai";
import { decide, type TaskCommand, type TaskRecord } from "../../src/domain/index.js";
import { codeOf } from "../support/domainErrors.js";

const T0 = new Date("2026-03-01T10:00:00Z");
const T1 = new Date("2026-03-01T11:00:00Z");
const create: TaskCommand = { kind: "create", ownerId: "alice", taskId: "t1", input: { listId: "list-1", title: "Write tests", tags: ["a"] } };

function created(): TaskRecord {
  return decide(null, create, T0).record;
}


describe("decide (task transitions)", () => {
  it("creates an open task at version 1 with one created event", () => {
    const { record, events } = decide(null, create, T0);
    expect(record.task).to.include({ id: "t1", ownerId: "alice", title: "Write tests", status: "open", priority: "none", version: 1, timeZone: "UTC" });
    expect(record.task.createdAt).to.equal(T0.toISOString());
    expect(record.deletedAt).to.equal(null);
    expect(events).to.have.length(1);
    expect(events[0]).to.include({ kind: "created", eventId: "t1:v1", taskId: "t1", ownerId: "alice", version: 1 });
  });

  it("names the list a move left in the event (movedFrom), and only for a move", () => {
    const moved = decide(created(), { kind: "update", ownerId: "alice", patch: { listId: "list-2" } }, T1);
    expect(moved.events[0]).to.include({ kind: "updated", movedFrom: "list-1" });
    expect(moved.record.task.listId).to.equal("list-2");
    const retitled = decide(created(), { kind: "update", ownerId: "alice", patch: { title: "Other", listId: "list-1" } }, T1);
    expect(retitled.events[0]).to.not.have.property("movedFrom");
  });

  it("refuses to create a task that exists", () => {
    expect(codeOf(() => decide(created(), create, T1))).to.equal("already_exists");
  });

  it("updates only changed fields, bumps the version and names the fields", () => {
    const { record, events } = decide(created(), { kind: "update", ownerId: "alice", patch: { title: "Write more tests", tags: ["a"] } }, T1);
    expect(record.task).to.include({ title: "Write more tests", version: 2, updatedAt: T1.toISOString() });
    expect(events[0]).to.include({ kind: "updated", eventId: "t1:v2", version: 2 });
    expect(events[0]!.changed).to.deep.equal(["title"]);
  });

  it("answers an update that changes nothing without a new version or event", () => {
    const before = created();
    const { record, events } = decide(before, { kind: "update", ownerId: "alice", patch: { title: "Write tests" } }, T1);
    expect(record).to.deep.equal(before);
    expect(events).to.deep.equal([]);
  });

  it("rejects an update against a stale version", () => {
    expect(codeOf(() => decide(created(), { kind: "update", ownerId: "alice", patch: { title: "x" }, expectedVersion: 7 }, T1))).to.equal("version_mismatch");
  });

  it("completes an open task and reopens a completed one", () => {
    const done = decide(created(), { kind: "complete", ownerId: "alice" }, T1);
    expect(done.record.task).to.include({ status: "completed", completedAt: T1.toISOString(), version: 2 });
    expect(done.events[0]!.kind).to.equal("completed");
    const reopened = decide(done.record, { kind: "reopen", ownerId: "alice" }, T1);
    expect(reopened.record.task).to.include({ status: "open", completedAt: null, version: 3 });
    expect(reopened.events[0]!.kind).to.equal("reopened");
  });

  it("rejects completing a completed task and reopening an open one", () => {
    const done = decide(created(), { kind: "complete", ownerId: "alice" }, T1).record;
    expect(codeOf(() => decide(done, { kind: "complete", ownerId: "alice" }, T1))).to.equal("invalid_transition");
    expect(codeOf(() => decide(created(), { kind: "reopen", ownerId: "alice" }, T1))).to.equal("invalid_transition");
  });

  it("deletes into a tombstone whose version keeps counting", () => {
    const { record, events } = decide(created(), { kind: "delete", ownerId: "alice" }, T1);
    expect(record.deletedAt).to.equal(T1.toISOString());
    expect(record.task.version).to.equal(2);
    expect(events[0]).to.include({ kind: "deleted", version: 2 });
  });

  it("treats a deleted task as missing for every command", () => {
    const gone = decide(created(), { kind: "delete", ownerId: "alice" }, T1).record;
    for (const kind of ["complete", "reopen", "delete"] as const) {
      expect(codeOf(() => decide(gone, { kind, ownerId: "alice" }, T1))).to.equal("not_found");
    }
    expect(codeOf(() => decide(gone, { kind: "update", ownerId: "alice", patch: { title: "x" } }, T1))).to.equal("not_found");
  });

  it("hides a task from every other user as not found", () => {
    const task = created();
    for (const kind of ["complete", "reopen", "delete"] as const) {
      expect(codeOf(() => decide(task, { kind, ownerId: "mallory" }, T1))).to.equal("not_found");
    }
    expect(codeOf(() => decide(task, { kind: "update", ownerId: "mallory", patch: { title: "x" } }, T1))).to.equal("not_found");
    expect(codeOf(() => decide(null, { kind: "complete", ownerId: "alice" }, T1))).to.equal("not_found");
  });
});
