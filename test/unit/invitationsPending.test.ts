/** A list's invitations still waiting for an answer, in the pure domain: who sees them, in which order, and withdrawing one. */
import { expect } from "chai";
import { decideList, DomainError, listEventOf, pendingInvitations, type ListCommand, type ListRecord } from "../../src/domain/index.js";
import { listEventDataSchema, listEventEnvelope } from "../../src/events/listEnvelope.js";

const T0 = new Date("2026-12-06T08:00:00.000Z");
const later = (ms: number) => new Date(T0.getTime() + ms);
type Invited = "editor" | "commenter" | "viewer";
const invite = (inviteeId: string, role: Invited = "editor", userId = "ada"): ListCommand => ({ kind: "invite", userId, invitationId: `inv-${inviteeId}`, inviteeId, role });
const withdraw = (invitationId: string, userId = "ada"): ListCommand => ({ kind: "withdraw", userId, invitationId });

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error("not refused");
}

/** Ada's list "Team" with bob as an editor and cy, dee invited, each a millisecond after the other. */
function team(): ListRecord {
  let r = decideList(null, { kind: "create", userId: "ada", listId: "l1", input: { name: "Team" }, position: "i" }, T0).record;
  r = decideList(r, invite("bob"), later(1)).record;
  r = decideList(r, { kind: "answer", userId: "bob", invitationId: "inv-bob", accept: true }, later(2)).record;
  r = decideList(r, invite("cy", "viewer"), later(3)).record;
  return decideList(r, invite("dee", "commenter"), later(4)).record;
}

describe("pending invitations: listing them", () => {
  it("answers the owner the invitations waiting, newest first", () => {
    expect(pendingInvitations(team(), "ada").map((i) => [i.userId, i.role])).to.deep.equal([["dee", "commenter"], ["cy", "viewer"]]);
  });

  it("puts the later of two made in the same millisecond first, and keeps an invitation's place when its role is changed", () => {
    let r = decideList(team(), invite("eve"), later(4)).record;
    expect(pendingInvitations(r, "ada").map((i) => i.userId)).to.deep.equal(["eve", "dee", "cy"]);
    r = decideList(r, invite("cy", "editor"), later(9)).record;
    const pending = pendingInvitations(r, "ada");
    expect(pending.map((i) => [i.userId, i.role])).to.deep.equal([["eve", "editor"], ["dee", "commenter"], ["cy", "editor"]]);
    expect(pending[2]!.createdAt, "made when first invited").to.equal(later(3).toISOString());
  });

  it("refuses a member who may not manage members (403 naming listId) and hides them from anyone else (404)", () => {
    const member = refusal(() => pendingInvitations(team(), "bob"));
    expect([member.code, member.field]).to.deep.equal(["forbidden", "listId"]);
    for (const stranger of ["cy", "zed"]) expect(refusal(() => pendingInvitations(team(), stranger)).code, `${stranger}: invited is not a member`).to.equal("not_found");
    const deleted = decideList(team(), { kind: "delete", userId: "ada" }, T0).record;
    expect(refusal(() => pendingInvitations(deleted, "ada")).code).to.equal("not_found");
    expect(refusal(() => pendingInvitations(null, "ada")).code).to.equal("not_found");
  });

  it("follows ownership: after a transfer the new owner sees them and the old one (an editor now) is refused", () => {
    const r = decideList(team(), { kind: "setRole", userId: "ada", memberId: "bob", role: "owner" }, later(5)).record;
    expect(pendingInvitations(r, "bob").map((i) => i.userId)).to.deep.equal(["dee", "cy"]);
    expect(refusal(() => pendingInvitations(r, "ada")).code).to.equal("forbidden");
  });

  it("answers none for a list without invitations (an Inbox among them)", () => {
    const inbox = decideList(null, { kind: "ensureInbox", userId: "ada", listId: "in" }, T0).record;
    expect(pendingInvitations(inbox, "ada")).to.deep.equal([]);
  });
});

describe("pending invitations: withdrawing one", () => {
  it("drops the invitation, bumps the list's version, and the invitee can no longer accept it", () => {
    const before = team();
    const { record, changed } = decideList(before, withdraw("inv-cy"), later(10));
    expect(changed).to.equal(true);
    expect(record.list.version).to.equal(before.list.version + 1);
    expect(record.list.updatedAt).to.equal(later(10).toISOString());
    expect(record.list.members, "members untouched").to.deep.equal(before.list.members);
    expect((record.invitations ?? []).map((i) => i.id)).to.deep.equal(["inv-dee"]);
    const accept = refusal(() => decideList(record, { kind: "answer", userId: "cy", invitationId: "inv-cy", accept: true }, later(11)));
    expect(accept.code).to.equal("not_found");
    // Invited again later: a new invitation, accepted as usual.
    const again = decideList(record, { ...invite("cy", "viewer"), invitationId: "inv-cy-2" } as ListCommand, later(12)).record;
    const joined = decideList(again, { kind: "answer", userId: "cy", invitationId: "inv-cy-2", accept: true }, later(13)).record;
    expect(joined.list.members.map((m) => m.userId)).to.deep.equal(["bob", "cy"]);
  });

  it("refuses, changing nothing: a member who may not manage (403), a stranger or the invitee (404 listId), an unknown or answered invitation (404 invitationId)", () => {
    const before = team();
    const frozen = structuredClone(before);
    const cases: [ListCommand, string, string][] = [
      [withdraw("inv-cy", "bob"), "forbidden", "listId"],
      [withdraw("inv-cy", "zed"), "not_found", "listId"],
      [withdraw("inv-cy", "cy"), "not_found", "listId"],
      [withdraw("inv-nobody"), "not_found", "invitationId"],
      [withdraw("inv-bob"), "not_found", "invitationId"],
    ];
    for (const [command, code, field] of cases) {
      const err = refusal(() => decideList(before, command, later(10)));
      expect([err.code, err.field], JSON.stringify(command)).to.deep.equal([code, field]);
    }
    expect(before, "the record is untouched").to.deep.equal(frozen);
    const deleted = decideList(before, { kind: "delete", userId: "ada" }, T0).record;
    expect(refusal(() => decideList(deleted, withdraw("inv-cy"), later(10))).code).to.equal("not_found");
  });

  it("withdraws once: the same withdrawal again answers not_found", () => {
    const once = decideList(team(), withdraw("inv-dee"), later(10)).record;
    expect(refusal(() => decideList(once, withdraw("inv-dee"), later(11))).field).to.equal("invitationId");
  });

  it("is a list event of kind withdraw about the invitee, which every consumer's schema takes", () => {
    const before = team();
    const { record } = decideList(before, withdraw("inv-cy"), later(10));
    const event = listEventOf(before, record, withdraw("inv-cy"));
    expect(event).to.deep.include({ kind: "withdraw", actorId: "ada", memberId: "cy", version: record.list.version, removed: [] });
    expect(event.invitations.map((i) => i.userId)).to.deep.equal(["dee"]);
    expect(listEventDataSchema.safeParse(listEventEnvelope(event, "test").data).success).to.equal(true);
  });
});
