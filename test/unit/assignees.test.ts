/** Assignees (docs/lists.md#assignees): who may be assigned, who gets the reminders, the unassign command, the query. */
import { expect } from "chai";
import { audienceOf, decide, DomainError, type ListAccess, type TaskRecord } from "../../src/domain/index.js";
import { mayBeAssigned, reminderRecipient } from "../../src/domain/access.js";
import { contentAt } from "../../src/domain/undo.js";
import { inboxIdOf } from "../../src/infra/ids.js";
import { ListAccessChecks } from "../../src/infra/listAccess.js";
import { planList } from "../../src/infra/taskQuery.js";

const LIST = "0b5c8f5e-8f5a-4c39-9d0e-2a1e7f6b1c11";
const T0 = new Date("2026-03-01T10:00:00Z");
const T1 = new Date("2026-03-01T11:00:00Z");
const team: ListAccess = { ownerId: "ada", members: [{ userId: "bob", role: "editor" }, { userId: "cyd", role: "viewer" }] };

function assignedTo(assigneeId: string | null): TaskRecord {
  return decide(null, { kind: "create", ownerId: "ada", taskId: "t1", input: { listId: LIST, title: "Pay", assigneeId } }, T0).record;
}

describe("assignees", () => {
  it("may assign the list's owner or any member, whatever the role, and nobody else", () => {
    expect(["ada", "bob", "cyd"].map((u) => mayBeAssigned(team, u))).to.deep.equal([true, true, true]);
    expect(mayBeAssigned(team, "eve")).to.equal(false);
    expect(mayBeAssigned({ ownerId: "ada", members: [] }, "bob"), "an Inbox: its owner alone").to.equal(false);
  });

  it("creates a task with its assignee, unassigned by default", () => {
    expect(assignedTo("bob").task.assigneeId).to.equal("bob");
    expect(decide(null, { kind: "create", ownerId: "ada", taskId: "t2", input: { listId: LIST, title: "x" } }, T0).record.task.assigneeId).to.equal(null);
  });

  it("changes the assignee with a PATCH, as an updated event naming the field", () => {
    const { record, events } = decide(assignedTo(null), { kind: "update", ownerId: "ada", patch: { assigneeId: "bob" } }, T1);
    expect(record.task).to.include({ assigneeId: "bob", version: 2 });
    expect(events[0]).to.include({ kind: "updated" });
    expect(events[0]!.changed).to.deep.equal(["assigneeId"]);
  });

  it("unassigns a departed member only while the task is still theirs, through the list it is in", () => {
    const unassign = { kind: "unassign", ownerId: "bob", assigneeId: "bob", viaList: LIST } as const;
    const done = decide(assignedTo("bob"), unassign, T1);
    expect(done.record.task).to.include({ assigneeId: null, version: 2 });
    expect(done.events.map((e) => [e.kind, e.changed])).to.deep.equal([["updated", ["assigneeId"]]]);
    const reassigned = decide(assignedTo("cyd"), unassign, T1);
    expect(reassigned.events, "assigned to someone else since").to.deep.equal([]);
    expect(reassigned.record.task.version).to.equal(1);
    const again = decide(done.record, unassign, T1);
    expect(again.events, "a redelivered departure").to.deep.equal([]);
    expect(() => decide(assignedTo("bob"), { ...unassign, viaList: "another-list" }, T1)).to.throw(DomainError).with.property("code", "not_found");
  });

  it("reverts an assignment, and reads a version kept before assignees as unassigned", () => {
    const assigned = decide(assignedTo(null), { kind: "update", ownerId: "ada", patch: { assigneeId: "bob" } }, T1).record;
    expect(decide(assigned, { kind: "revert", ownerId: "ada", version: 1 }, T1).record.task.assigneeId).to.equal(null);
    const legacy: TaskRecord = { ...assigned, past: [{ version: 1, content: { ...assigned.past![0]!.content, assigneeId: undefined as unknown as null } }] };
    expect(contentAt(legacy, 1).assigneeId).to.equal(null);
  });

  it("gives a reminder to the assignee while they may read the list, else to its maker", () => {
    expect(reminderRecipient("ada", "bob", true)).to.equal("bob");
    expect(reminderRecipient("ada", "bob", false)).to.equal("ada");
    expect(reminderRecipient("ada", null, false)).to.equal("ada");
  });

  it("asks the list's actor for the assignee, and answers nobody once maker and assignee have both left", async () => {
    let list: ListAccess = team;
    const access = new ListAccessChecks({
      audience: async () => audienceOf(list),
      authorize: async (_listId, userId) => {
        if (!audienceOf(list).includes(userId)) throw new DomainError("not_found", "no such list", "listId");
        return {};
      },
    });
    expect(await access.reminderRecipient("ada", { listId: LIST, assigneeId: "bob" })).to.equal("bob");
    list = { ownerId: "ada", members: [] };
    expect(await access.reminderRecipient("ada", { listId: LIST, assigneeId: "bob" }), "bob removed").to.equal("ada");
    list = { ownerId: "zed", members: [] };
    expect(await access.reminderRecipient("ada", { listId: LIST, assigneeId: "bob" }), "both gone").to.equal(null);
    expect(await access.reminderRecipient("ada", { listId: inboxIdOf("ada"), assigneeId: "ada" }), "an Inbox").to.equal("ada");
  });

  it("plans assignee=me over every list by the assignee, and within a list as one more condition", () => {
    const mine = planList({ ownerId: "bob", assignedTo: "bob", status: "open", sort: "-createdAt", limit: 50 }, T0);
    expect(JSON.stringify(mine.filter)).to.contain('"assigneeId":"bob"').and.not.contain("ownerId");
    expect(planList({ ownerId: "bob", assignedTo: "bob", q: { prefixes: ["pay"], phrases: [] }, status: "open", sort: "-createdAt", limit: 50 }, T0).search, "no search through the owner's words").to.equal(undefined);
    const unassigned = planList({ ownerId: "bob", listId: LIST, assignedTo: null, status: "open", sort: "position", limit: 50 }, T0);
    expect((unassigned.filter.$and as object[])[0]).to.deep.equal({ listId: LIST, deleted: false, assigneeId: null });
  });
});
