/** Lists in the pure domain: fractional positions, the list's decisions, and the access policy. */
import { expect } from "chai";
import fc from "fast-check";
import { loadTaskState, STATE_KEY } from "../../src/actors/taskState.js";
import { can, decide, decideList, DomainError, EMPTY_OUTBOX, isPositionKey, keyBetween, LIST_ACTIONS, positionAt, type ListCommand, type ListRecord } from "../../src/domain/index.js";
import { inboxIdOf } from "../../src/infra/ids.js";

const T0 = new Date("2026-03-01T10:00:00Z");
const key = fc.stringMatching(/^[0-9a-z]{0,11}[1-9a-z]$/);

describe("fractional positions", () => {
  it("always finds a key strictly between two keys, or before/after one, that is itself a key", () => {
    fc.assert(
      fc.property(key, key, (a, b) => {
        fc.pre(a !== b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        for (const [before, after] of [[lo, hi], [null, lo], [hi, null]] as const) {
          const k = keyBetween(before, after);
          expect(isPositionKey(k), `${k} is a key`).to.equal(true);
          if (before !== null) expect(k > before, `${k} > ${before}`).to.equal(true);
          if (after !== null) expect(k < after, `${k} < ${after}`).to.equal(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("reorders by rewriting one key: 200 inserts at the same spot stay ordered and short", () => {
    const keys = [keyBetween(null, null)];
    let low: string | null = null;
    for (let i = 0; i < 200; i++) {
      const k = keyBetween(low, keys[0]!);
      keys.unshift(k);
      low = i % 2 === 0 ? null : low;
    }
    expect([...keys].sort()).to.deep.equal(keys);
    expect(new Set(keys).size).to.equal(keys.length);
    expect(Math.max(...keys.map((k) => k.length))).to.be.at.most(64);
  });

  it("refuses bounds that are not keys or not in order", () => {
    expect(() => keyBetween("b", "a")).to.throw(RangeError);
    expect(() => keyBetween("a0", null)).to.throw(RangeError);
    expect(() => keyBetween("A", null)).to.throw(RangeError);
    expect(isPositionKey("x".repeat(65))).to.equal(false);
  });

  it("places new tasks in creation order", () => {
    const a = positionAt("2026-01-01T00:00:00.000Z");
    const b = positionAt("2026-01-01T00:00:00.001Z");
    expect(isPositionKey(a)).to.equal(true);
    expect(a < b).to.equal(true);
    expect(a < keyBetween(a, b) && keyBetween(a, b) < b).to.equal(true);
  });
});

const create = (userId = "ada"): ListCommand => ({ kind: "create", userId, listId: "l1", input: { name: "Home" }, position: "i" });

function made(): ListRecord {
  return decideList(null, create(), T0).record;
}

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error("not refused");
}

describe("decideList", () => {
  it("makes a list at version 1, owned by its maker", () => {
    const { record, changed } = decideList(null, create(), T0);
    expect(changed).to.equal(true);
    expect(record.list).to.deep.include({ id: "l1", ownerId: "ada", name: "Home", colour: null, archived: false, position: "i", inbox: false, version: 1 });
  });

  it("makes an Inbox once, and answers it unchanged after", () => {
    const inbox = decideList(null, { kind: "ensureInbox", userId: "ada", listId: "in" }, T0);
    expect(inbox.record.list).to.deep.include({ name: "Inbox", inbox: true });
    // First among the user's lists, whenever it was made.
    expect(inbox.record.list.position < positionAt(new Date().toISOString())).to.equal(true);
    const again = decideList(inbox.record, { kind: "ensureInbox", userId: "ada", listId: "in" }, T0);
    expect(again.changed).to.equal(false);
    expect(again.record).to.equal(inbox.record);
  });

  it("changes only the fields sent, bumping the version; the same values change nothing", () => {
    const next = decideList(made(), { kind: "update", userId: "ada", patch: { name: "House", colour: "#112233" } }, T0);
    expect(next.record.list).to.deep.include({ name: "House", colour: "#112233", version: 2 });
    expect(decideList(next.record, { kind: "update", userId: "ada", patch: { name: "House" } }, T0).changed).to.equal(false);
    expect(refusal(() => decideList(next.record, { kind: "update", userId: "ada", patch: { name: "x" }, expectedVersion: 1 }, T0)).code).to.equal("version_mismatch");
  });

  it("hides a list from a non-member (404) and refuses a deleted one", () => {
    expect(refusal(() => decideList(made(), { kind: "update", userId: "bob", patch: { name: "x" } }, T0)).code).to.equal("not_found");
    const deleted = decideList(made(), { kind: "delete", userId: "ada" }, T0).record;
    expect(deleted.deletedAt).to.equal(T0.toISOString());
    expect(deleted.list.version).to.equal(2);
    expect(refusal(() => decideList(deleted, { kind: "update", userId: "ada", patch: { name: "x" } }, T0)).code).to.equal("not_found");
    expect(refusal(() => decideList(deleted, create(), T0)).code).to.equal("already_exists");
  });

  it("never deletes or archives an Inbox, naming the field", () => {
    const inbox = decideList(null, { kind: "ensureInbox", userId: "ada", listId: "in" }, T0).record;
    const del = refusal(() => decideList(inbox, { kind: "delete", userId: "ada" }, T0));
    expect(del.code).to.equal("invalid_transition");
    const archive = refusal(() => decideList(inbox, { kind: "update", userId: "ada", patch: { archived: true } }, T0));
    expect([archive.code, archive.field]).to.deep.equal(["invalid_task", "archived"]);
  });
});

describe("access policy", () => {
  it("allows the owner everything and hides the list from anyone else", () => {
    for (const action of LIST_ACTIONS) {
      expect(can({ ownerId: "ada", members: [] }, "ada", action)).to.equal("allowed");
      expect(can({ ownerId: "ada", members: [] }, "bob", action)).to.equal("hidden");
    }
  });
});

describe("a task stored before lists", () => {
  it("is in its owner's Inbox, in creation order, when its actor loads it", async () => {
    const task = decide(null, { kind: "create", ownerId: "ada", taskId: "t1", input: { listId: "x", title: "old" } }, T0).record.task;
    const { listId: _l, position: _p, ...old } = task;
    const record = { task: old, deletedAt: null };
    const stored = { v: 2, record, outbox: EMPTY_OUTBOX, registered: {}, armed: false };
    const store = { get: async <T>(_id: string, key: string) => (key === STATE_KEY ? stored : undefined) as T, save: async () => undefined };
    const state = await loadTaskState(store, "t1");
    expect(state.record!.task).to.deep.equal({ ...task, listId: inboxIdOf("ada"), position: positionAt(task.createdAt) });
  });
});

describe("sharing: the policy", () => {
  const ROLE_RANK = { owner: 0, editor: 1, commenter: 2, viewer: 3 } as const;
  const list = (members: { userId: string; role: "editor" | "commenter" | "viewer" }[]) => ({ ownerId: "o", members });

  it("gives each role a superset of the next one's rights, hides the list from non-members, refuses members without the right", () => {
    const member = fc.constantFrom("editor", "commenter", "viewer") as fc.Arbitrary<"editor" | "commenter" | "viewer">;
    fc.assert(
      fc.property(member, member, fc.constantFrom(...LIST_ACTIONS), (a, b, action) => {
        const acl = list([{ userId: "a", role: a }, { userId: "b", role: b }]);
        const va = can(acl, "a", action);
        const vb = can(acl, "b", action);
        expect(va).to.not.equal("hidden");
        if (ROLE_RANK[a] <= ROLE_RANK[b] && vb === "allowed") expect(va).to.equal("allowed");
        expect(can(acl, "o", action)).to.equal("allowed");
        expect(can(acl, "stranger", action)).to.equal("hidden");
      }),
    );
  });

  it("lets editors work on tasks, commenters comment, viewers read; only the owner manages the list", () => {
    const acl = list([{ userId: "e", role: "editor" }, { userId: "c", role: "commenter" }, { userId: "v", role: "viewer" }]);
    const allowed = (user: string) => LIST_ACTIONS.filter((a) => can(acl, user, a) === "allowed");
    expect(allowed("e")).to.deep.equal(["read", "comment", "editTasks"]);
    expect(allowed("c")).to.deep.equal(["read", "comment"]);
    expect(allowed("v")).to.deep.equal(["read"]);
    expect(allowed("o")).to.deep.equal([...LIST_ACTIONS]);
  });
});

describe("sharing: invitations and members", () => {
  const invite = (inviteeId: string, role: "editor" | "commenter" | "viewer" = "editor", userId = "ada"): ListCommand => ({ kind: "invite", userId, invitationId: `inv-${inviteeId}`, inviteeId, role });
  const step = (record: ListRecord, command: ListCommand) => decideList(record, command, T0).record;

  it("adds nobody without consent: invited, then a member only on accept; a decline adds nobody", () => {
    let r = step(made(), invite("bob"));
    expect(r.list.members).to.deep.equal([]);
    expect(r.invitations).to.have.length(1);
    expect(can(r.list, "bob", "read")).to.equal("hidden");
    r = step(r, { kind: "answer", userId: "bob", invitationId: "inv-bob", accept: true });
    expect(r.list.members).to.deep.equal([{ userId: "bob", role: "editor" }]);
    expect(r.invitations).to.deep.equal([]);
    r = step(r, invite("cy", "viewer"));
    r = step(r, { kind: "answer", userId: "cy", invitationId: "inv-cy", accept: false });
    expect(can(r.list, "cy", "read")).to.equal("hidden");
    // Someone else cannot answer another's invitation.
    const again = step(r, invite("dee"));
    expect(refusal(() => decideList(again, { kind: "answer", userId: "bob", invitationId: "inv-dee", accept: true }, T0)).code).to.equal("not_found");
  });

  it("refuses an invitation to oneself, to a member, from a non-owner, and to an Inbox, naming the field", () => {
    const self = refusal(() => decideList(made(), invite("ada"), T0));
    expect([self.code, self.field]).to.deep.equal(["invalid_task", "userId"]);
    const r = step(step(made(), invite("bob")), { kind: "answer", userId: "bob", invitationId: "inv-bob", accept: true });
    expect(refusal(() => decideList(r, invite("bob"), T0)).code).to.equal("already_exists");
    expect(refusal(() => decideList(r, invite("cy", "viewer", "bob"), T0)).code).to.equal("forbidden");
    expect(refusal(() => decideList(r, invite("cy", "viewer", "stranger"), T0)).code).to.equal("not_found");
    const inbox = decideList(null, { kind: "ensureInbox", userId: "ada", listId: "in" }, T0).record;
    expect(refusal(() => decideList(inbox, invite("bob"), T0)).field).to.equal("listId");
  });

  it("never leaves a list without an owner; transfers ownership; lets a member leave and the owner remove one", () => {
    let r = step(step(made(), invite("bob")), { kind: "answer", userId: "bob", invitationId: "inv-bob", accept: true });
    const demote = refusal(() => decideList(r, { kind: "setRole", userId: "ada", memberId: "ada", role: "editor" }, T0));
    expect([demote.code, demote.field]).to.deep.equal(["invalid_task", "role"]);
    const leaveOwner = refusal(() => decideList(r, { kind: "removeMember", userId: "ada", memberId: "ada" }, T0));
    expect(leaveOwner.field).to.equal("userId");
    r = step(r, { kind: "setRole", userId: "ada", memberId: "bob", role: "owner" });
    expect(r.list.ownerId).to.equal("bob");
    expect(r.list.members).to.deep.equal([{ userId: "ada", role: "editor" }]);
    expect(refusal(() => decideList(r, { kind: "setRole", userId: "ada", memberId: "ada", role: "owner" }, T0)).code).to.equal("forbidden");
    r = step(r, { kind: "removeMember", userId: "ada", memberId: "ada" });
    expect(can(r.list, "ada", "read")).to.equal("hidden");
    r = step(step(r, invite("cy", "viewer", "bob")), { kind: "answer", userId: "cy", invitationId: "inv-cy", accept: true });
    r = step(r, { kind: "removeMember", userId: "bob", memberId: "cy" });
    expect(r.list.members).to.deep.equal([]);
  });

  it("keeps exactly one owner through any sequence of membership changes (model check)", () => {
    const users = ["ada", "bob", "cy", "dee"];
    const roles = ["owner", "editor", "commenter", "viewer"] as const;
    const command = fc.oneof(
      fc.record({ kind: fc.constant("invite" as const), userId: fc.constantFrom(...users), invitationId: fc.constant("x"), inviteeId: fc.constantFrom(...users), role: fc.constantFrom("editor", "commenter", "viewer") as fc.Arbitrary<"editor" | "commenter" | "viewer"> }),
      fc.record({ kind: fc.constant("answer" as const), userId: fc.constantFrom(...users), invitationId: fc.constant("x"), accept: fc.boolean() }),
      fc.record({ kind: fc.constant("setRole" as const), userId: fc.constantFrom(...users), memberId: fc.constantFrom(...users), role: fc.constantFrom(...roles) }),
      fc.record({ kind: fc.constant("removeMember" as const), userId: fc.constantFrom(...users), memberId: fc.constantFrom(...users) }),
      fc.record({ kind: fc.constant("withdraw" as const), userId: fc.constantFrom(...users), invitationId: fc.constant("x") }),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        let r = made();
        for (const c of commands) {
          const before = r;
          try {
            r = decideList(r, c, T0).record;
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
            expect(r, "a refused change changes nothing").to.equal(before);
          }
          const ids = [r.list.ownerId, ...r.list.members.map((m) => m.userId)];
          expect(new Set(ids).size, "each user once").to.equal(ids.length);
          expect(r.list.members.every((m) => m.role !== "owner"), "one owner").to.equal(true);
          // Invitations only to non-members, one per invitee.
          for (const i of r.invitations ?? []) expect(ids).to.not.include(i.userId);
        }
      }),
      { numRuns: 300 },
    );
  });
});
