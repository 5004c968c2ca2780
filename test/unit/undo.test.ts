import { expect } from "chai";
import fc from "fast-check";
import { contentOf, decide, DomainError, MAX_KEPT_VERSIONS, TRASH_MS, type TaskCommand, type TaskRecord } from "../../src/domain/index.js";
import { decodeTrashCursor, encodeTrashCursor, planTrash } from "../../src/infra/trashQuery.js";

const T0 = new Date("2026-03-01T10:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const create: TaskCommand = { kind: "create", ownerId: "alice", taskId: "t1", input: { listId: "list-1", title: "Write tests", tags: ["a"] } };

function run(record: TaskRecord | null, command: TaskCommand, when: Date) {
  return decide(record, command, when);
}

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error("expected a DomainError");
}

describe("undo (src/domain/undo.ts through decide)", () => {
  it("a revert makes a new version with the old content, audited as reverted, and can itself be reverted", () => {
    let r = run(null, create, at(0)).record;
    r = run(r, { kind: "update", ownerId: "alice", patch: { title: "Renamed", priority: "high" } }, at(1)).record;
    r = run(r, { kind: "complete", ownerId: "alice" }, at(2)).record;
    expect(r.task.version).to.equal(3);
    const reverted = run(r, { kind: "revert", ownerId: "alice", version: 1 }, at(3));
    expect(reverted.record.task).to.include({ title: "Write tests", priority: "none", status: "open", completedAt: null, version: 4 });
    expect(reverted.events[0]).to.include({ kind: "reverted", version: 4 });
    expect(reverted.events[0]!.changed).to.deep.equal(["title", "priority", "status", "completedAt"]);
    // The revert is a version like any other: undo it.
    const back = run(reverted.record, { kind: "revert", ownerId: "alice", version: 3 }, at(4));
    expect(contentOf(back.record.task)).to.deep.equal(contentOf(r.task));
    expect(back.record.task.version).to.equal(5);
  });

  it("reverting to the content the task already has changes nothing (an undo sent twice)", () => {
    let r = run(null, create, at(0)).record;
    r = run(r, { kind: "update", ownerId: "alice", patch: { title: "B" } }, at(1)).record;
    r = run(r, { kind: "revert", ownerId: "alice", version: 1 }, at(2)).record;
    const again = run(r, { kind: "revert", ownerId: "alice", version: 1 }, at(3));
    expect(again.events).to.have.length(0);
    expect(again.record).to.equal(r);
  });

  it(`keeps the last ${MAX_KEPT_VERSIONS} versions: older ones answer cannot_undo, versions never had answer invalid_task naming version`, () => {
    let r = run(null, create, at(0)).record;
    for (let i = 1; i <= MAX_KEPT_VERSIONS + 5; i++) r = run(r, { kind: "update", ownerId: "alice", patch: { title: `v${i + 1}` } }, at(i)).record;
    const current = r.task.version;
    expect(r.past).to.have.length(MAX_KEPT_VERSIONS);
    const oldest = current - MAX_KEPT_VERSIONS;
    expect(run(r, { kind: "revert", ownerId: "alice", version: oldest }, at(100)).record.task.title).to.equal(`v${oldest}`);
    const gone = errorOf(() => run(r, { kind: "revert", ownerId: "alice", version: oldest - 1 }, at(100)));
    expect([gone.code, gone.field]).to.deep.equal(["cannot_undo", "version"]);
    const never = errorOf(() => run(r, { kind: "revert", ownerId: "alice", version: current + 1 }, at(100)));
    expect([never.code, never.field]).to.deep.equal(["invalid_task", "version"]);
  });

  it("reverts a move and a reorder (list and position come back)", () => {
    let r = run(null, create, at(0)).record;
    const before = r.task;
    r = run(r, { kind: "update", ownerId: "alice", patch: { listId: "list-2", position: "zz" } }, at(1)).record;
    r = run(r, { kind: "revert", ownerId: "alice", version: 1 }, at(2)).record;
    expect(r.task).to.include({ listId: before.listId, position: before.position });
  });

  it("only a user who can see the task may revert it; a deleted task cannot be reverted", () => {
    let r = run(null, create, at(0)).record;
    r = run(r, { kind: "update", ownerId: "alice", patch: { title: "B" } }, at(1)).record;
    expect(errorOf(() => run(r, { kind: "revert", ownerId: "mallory", version: 1 }, at(2))).code).to.equal("not_found");
    expect(run(r, { kind: "revert", ownerId: "bob", viaList: "list-1", version: 1 }, at(2)).record.task.title).to.equal("Write tests");
    const deleted = run(r, { kind: "delete", ownerId: "alice" }, at(3)).record;
    expect(errorOf(() => run(deleted, { kind: "revert", ownerId: "alice", version: 1 }, at(4))).code).to.equal("not_found");
  });

  it("restore brings a deleted task back as it was, at a new version; refused once it left the trash", () => {
    let r = run(null, create, at(0)).record;
    r = run(r, { kind: "update", ownerId: "alice", patch: { title: "Kept" } }, at(1)).record;
    const deleted = run(r, { kind: "delete", ownerId: "alice" }, at(2)).record;
    const restored = run(deleted, { kind: "restore", ownerId: "alice" }, at(3));
    expect(restored.record.deletedAt).to.equal(null);
    expect(restored.record.task).to.include({ title: "Kept", version: 4 });
    expect(restored.events[0]).to.include({ kind: "restored", version: 4 });
    // Another user, a live task, a purged one.
    expect(errorOf(() => run(deleted, { kind: "restore", ownerId: "mallory" }, at(3))).code).to.equal("not_found");
    expect(errorOf(() => run(deleted, { kind: "restore", ownerId: "bob", viaList: "list-2" }, at(3))).code).to.equal("not_found");
    expect(run(deleted, { kind: "restore", ownerId: "bob", viaList: "list-1" }, at(3)).record.deletedAt).to.equal(null);
    expect(errorOf(() => run(restored.record, { kind: "restore", ownerId: "alice" }, at(4))).code).to.equal("invalid_transition");
    const late = new Date(Date.parse(deleted.deletedAt!) + TRASH_MS);
    expect(errorOf(() => run(deleted, { kind: "restore", ownerId: "alice" }, late)).code).to.equal("not_found");
    expect(run(deleted, { kind: "restore", ownerId: "alice" }, new Date(late.getTime() - 1)).record.deletedAt).to.equal(null);
  });

  it("property: after any run of edits, reverting to any kept version yields exactly that version's content", () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant("update" as const), patch: fc.record({ title: fc.constantFrom("a", "b", "c"), priority: fc.constantFrom("none", "low", "high" as const) }, { requiredKeys: [] }) }),
      fc.constant({ kind: "complete" as const }),
      fc.constant({ kind: "reopen" as const }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 25 }), fc.nat(), (edits, pick) => {
        let r = run(null, create, at(0)).record;
        const contents = new Map([[1, contentOf(r.task)]]);
        edits.forEach((e, i) => {
          try {
            r = run(r, { ...e, ownerId: "alice" } as TaskCommand, at(i + 1)).record;
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
          }
          contents.set(r.task.version, contentOf(r.task));
        });
        const kept = [...contents.keys()].filter((v) => v >= r.task.version - MAX_KEPT_VERSIONS);
        const version = kept[pick % kept.length]!;
        const reverted = run(r, { kind: "revert", ownerId: "alice", version }, at(100)).record;
        expect(contentOf(reverted.task)).to.deep.equal(contents.get(version));
        expect((reverted.past ?? []).length).to.be.at.most(MAX_KEPT_VERSIONS);
      }),
    );
  });
});

describe("the trash query (src/infra/trashQuery.ts)", () => {
  it("keeps to the owner's tombstones still in the trash, in lists they are a member of, newest deletion first", () => {
    const now = new Date("2026-03-01T00:00:00Z");
    const q = planTrash({ ownerId: "alice", memberOf: ["l1"], after: null, limit: 10 }, now);
    // The owner's tombstones first, as a part of its own: what the local store reads by (routeFirst, docs/adr/0029-search-by-month.md).
    expect(q.filter).to.deep.equal({ $and: [{ $and: [{ ownerId: "alice", deleted: true }] }, { purgeAt: { $gt: now } }, { listId: { $in: ["l1", null] } }] });
    expect(q).to.not.have.property("hint");
    expect(q.sort).to.deep.equal([["updatedAt", -1], ["_id", 1]]);
  });

  it("round-trips its cursor and refuses anything else", () => {
    const p = { deletedAt: "2026-03-01T10:00:00.000Z", id: "abc" };
    expect(decodeTrashCursor(encodeTrashCursor(p))).to.deep.equal(p);
    for (const raw of ["", "%%%", Buffer.from('["h","2026-03-01T10:00:00.000Z","abc"]').toString("base64url"), Buffer.from('["t","yesterday","abc"]').toString("base64url")]) {
      expect(decodeTrashCursor(raw)).to.equal(null);
    }
  });
});
