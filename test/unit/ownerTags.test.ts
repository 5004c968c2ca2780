/**
 * When an owner's tag stamp must be set (src/infra/ownerTags.ts): a stored
 * write that changes the owner's live tags (liveTagsDiffer), and an event
 * applied again whose change may have (changesLiveTags). Checked against the
 * domain itself: any sequence of commands a task can take, each event's
 * change of live tags is caught by both.
 */
import { expect } from "chai";
import fc from "fast-check";
import { decide, type TaskCommand, type TaskRecord } from "../../src/domain/index.js";
import { DomainError } from "../../src/domain/errors.js";
import { liveTags, liveTagsDiffer } from "../../src/infra/ownerTags.js";
import { changesLiveTags } from "../../src/subscribers/projection.js";

const TAGS = ["home", "work", "urgent"];
const tagSet = fc.subarray(TAGS);
const command: fc.Arbitrary<TaskCommand> = fc.oneof(
  tagSet.map((tags) => ({ kind: "update" as const, ownerId: "alice", patch: { tags } })),
  fc.constantFrom("title a", "title b").map((title) => ({ kind: "update" as const, ownerId: "alice", patch: { title } })),
  fc.constant({ kind: "update" as const, ownerId: "alice", patch: { listId: "list-2" } }),
  fc.constantFrom("complete", "reopen", "delete", "restore").map((kind) => ({ kind, ownerId: "alice" }) as TaskCommand),
  fc.integer({ min: 1, max: 12 }).map((version) => ({ kind: "revert" as const, ownerId: "alice", version })),
  fc.constant({ kind: "snooze" as const, ownerId: "alice", until: "2026-03-02T09:00:00Z" }),
);

/** The read model's document fields for a record. */
const docOf = (record: TaskRecord | null) => (record === null ? null : { tags: record.task.tags, deleted: record.deletedAt !== null });

describe("tag stamps: which writes change an owner's tag counts", () => {
  it("counts a task's tags while it is out of the trash, each once", () => {
    expect(liveTags({ tags: ["b", "a", "b"], deleted: false })).to.deep.equal(["a", "b"]);
    expect(liveTags({ tags: ["a"], deleted: true })).to.deep.equal([]);
    expect(liveTags(null)).to.deep.equal([]);
  });

  it("tells a change of live tags from none: order and repeats do not count, a new or trashed task does", () => {
    expect(liveTagsDiffer({ tags: ["a", "b"], deleted: false }, { tags: ["b", "a"], deleted: false })).to.equal(false);
    expect(liveTagsDiffer({ tags: ["a"], deleted: false }, { tags: [], deleted: false })).to.equal(true);
    expect(liveTagsDiffer(null, { tags: [], deleted: false })).to.equal(false);
    expect(liveTagsDiffer(null, { tags: ["a"], deleted: false })).to.equal(true);
    expect(liveTagsDiffer({ tags: ["a"], deleted: false }, { tags: ["a"], deleted: true })).to.equal(true);
    expect(liveTagsDiffer({ tags: [], deleted: false }, { tags: [], deleted: true })).to.equal(false);
  });

  it("for any sequence of commands, every event that changes the live tags is one changesLiveTags names", () => {
    fc.assert(
      fc.property(tagSet, fc.array(command, { maxLength: 12 }), (initial, commands) => {
        const T0 = new Date("2026-03-01T10:00:00Z");
        const created = decide(null, { kind: "create", ownerId: "alice", taskId: "t1", input: { listId: "list-1", title: "t", tags: initial } }, T0);
        const steps: { before: TaskRecord | null; decision: ReturnType<typeof decide> }[] = [{ before: null, decision: created }];
        let record: TaskRecord = created.record;
        commands.forEach((c, i) => {
          try {
            const decision = decide(record, c, new Date(T0.getTime() + (i + 1) * 60_000));
            steps.push({ before: record, decision });
            record = decision.record;
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
          }
        });
        for (const { before, decision } of steps) {
          for (const event of decision.events) {
            if (liveTagsDiffer(docOf(before), docOf(decision.record)!)) expect(changesLiveTags(event), `${event.kind} ${event.changed.join(",")}`).to.equal(true);
          }
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
