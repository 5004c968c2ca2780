/** A list's change as an event (src/domain/listEvents.ts) and its published contract (src/events/listEnvelope.ts). */
import { expect } from "chai";
import { decideList, DomainError, listEventOf, type ListCommand, type ListRecord } from "../../src/domain/index.js";
import { listEventDataSchema, listEventEnvelope } from "../../src/events/listEnvelope.js";

const LIST = "0b5c8f5e-8f5a-4c39-9d0e-2a1e7f6b1c11";
const at = new Date("2026-12-05T06:00:00.000Z");

function run(commands: ListCommand[]): { record: ListRecord; events: ReturnType<typeof listEventOf>[] } {
  let record: ListRecord | null = null;
  const events = [];
  for (const command of commands) {
    const next = decideList(record, command, at);
    if (next.changed) events.push(listEventOf(record, next.record, command));
    record = next.record;
  }
  return { record: record!, events };
}

describe("list events", () => {
  const { events } = run([
    { kind: "create", userId: "ada", listId: LIST, input: { name: "Team" }, position: "a" },
    { kind: "invite", userId: "ada", invitationId: "11111111-1111-4111-8111-111111111111", inviteeId: "bob", role: "editor" },
    { kind: "answer", userId: "bob", invitationId: "11111111-1111-4111-8111-111111111111", accept: true },
    { kind: "setRole", userId: "ada", memberId: "bob", role: "viewer" },
    { kind: "removeMember", userId: "ada", memberId: "bob" },
  ]);

  it("makes one event per committed change, with an id per version that never reads as a task event's", () => {
    expect(events.map((e) => [e.kind, e.version, e.eventId])).to.deep.equal([
      ["create", 1, `${LIST}:l1`],
      ["invite", 2, `${LIST}:l2`],
      ["answer", 3, `${LIST}:l3`],
      ["setRole", 4, `${LIST}:l4`],
      ["removeMember", 5, `${LIST}:l5`],
    ]);
  });

  it("names who did it, whom it was about, and who lost access by it", () => {
    expect(events.map((e) => [e.actorId, e.memberId, e.removed])).to.deep.equal([
      ["ada", null, []],
      ["ada", "bob", []],
      ["bob", "bob", []],
      ["ada", "bob", []],
      ["ada", "bob", ["bob"]],
    ]);
    expect(events[2]!.list.members).to.deep.equal([{ userId: "bob", role: "editor" }]);
    expect(events[1]!.invitations.map((i) => i.userId)).to.deep.equal(["bob"]);
  });

  it("publishes what every consumer's schema takes", () => {
    for (const event of events) expect(listEventDataSchema.safeParse(listEventEnvelope(event, "test").data).success, event.kind).to.equal(true);
  });

  it("refuses to remove a non-member of a list without members (404 naming userId), changing nothing (found by test/e2e/sharing-property.test.ts)", () => {
    const { record } = run([{ kind: "create", userId: "ada", listId: LIST, input: { name: "Solo" }, position: "a" }]);
    let failed: unknown;
    try {
      decideList(record, { kind: "removeMember", userId: "ada", memberId: "bob" }, at);
    } catch (err) {
      failed = err;
    }
    expect(failed).to.be.instanceOf(DomainError);
    expect((failed as DomainError).code).to.equal("not_found");
    expect((failed as DomainError).field).to.equal("userId");
  });
});
