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
import { byUse, liveTags, liveTagsDiffer, liveTagsTouched, patchCounts, RECENT_STAMPS, tagsToRecount, type StampEntry, type TagCount } from "../../src/infra/ownerTags.js";
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

describe("tag stamps: counts a few stamps old, made right by recounting only the touched tags", () => {
  it("names the tags a write touches: those it adds or removes from the live count", () => {
    expect(liveTagsTouched({ tags: ["a", "b"], deleted: false }, { tags: ["b", "c"], deleted: false })).to.deep.equal(["a", "c"]);
    expect(liveTagsTouched({ tags: ["a", "b"], deleted: false }, { tags: ["b", "a", "a"], deleted: false })).to.deep.equal([]);
    expect(liveTagsTouched({ tags: ["a", "b"], deleted: false }, { tags: ["a", "b"], deleted: true })).to.deep.equal(["a", "b"]);
    expect(liveTagsTouched(null, { tags: ["x"], deleted: false })).to.deep.equal(["x"]);
  });

  it("recounts the tags of every stamp after the kept one, and all of them when it cannot tell", () => {
    const recent: StampEntry[] = [
      { stamp: "s1", after: "s0", tags: ["a"] },
      { stamp: "s2", after: "s1", tags: ["b", "c"] },
      { stamp: "s3", after: "s2", tags: ["a", "d"] },
    ];
    expect(tagsToRecount(recent, "s1", "s3")?.sort()).to.deep.equal(["a", "b", "c", "d"]);
    expect(tagsToRecount(recent, "s0", "s3")?.sort(), "the stamp the oldest entry replaced").to.deep.equal(["a", "b", "c", "d"]);
    expect(tagsToRecount(recent, "s3", "s3")).to.deep.equal([]);
    expect(tagsToRecount(recent, "s9", "s3"), "the kept stamp no longer listed").to.equal(null);
    expect(tagsToRecount(recent, "none", "s3"), "counts made before the owner had a stamp").to.equal(null);
    expect(tagsToRecount(undefined, "s1", "s3"), "a stamp document from before the list").to.equal(null);
    expect(tagsToRecount(recent, "s1", "s4"), "a stamp set by a version that does not list it").to.equal(null);
    // s3 set by a replica that does not list: s4 replaced it, not s2.
    const broken: StampEntry[] = [...recent.slice(0, 2), { stamp: "s4", after: "s3", tags: ["d"] }];
    expect(tagsToRecount(broken, "s1", "s4"), "an unlisted stamp between two listed ones").to.equal(null);
    expect(tagsToRecount(broken, "s3", "s4"), "counts made under the unlisted stamp").to.deep.equal(["d"]);
    expect(tagsToRecount([...recent, { stamp: "s4", after: "s3", tags: null }], "s1", "s4"), "a write that did not say what it touched").to.equal(null);
    expect(tagsToRecount(recent, "s1", "s3", 3), "more tags than recounting one by one is worth").to.equal(null);
  });

  it("puts recounted tags in, drops those no live task carries, and sorts as the store does", () => {
    const items: TagCount[] = [{ tag: "a", count: 3 }, { tag: "b", count: 2 }, { tag: "c", count: 1 }];
    expect(patchCounts(items, new Map([["b", 0], ["c", 4], ["z", 2]]))).to.deep.equal([{ tag: "c", count: 4 }, { tag: "a", count: 3 }, { tag: "z", count: 2 }]);
    // Byte order, as MongoDB compares strings: "Z" < "a" < "é".
    expect([{ tag: "é", count: 1 }, { tag: "a", count: 1 }, { tag: "Z", count: 1 }].sort(byUse).map((t) => t.tag)).to.deep.equal(["Z", "a", "é"]);
  });

  it("for any history of writes and reads, a read answers what counting every task would", () => {
    const TAGS = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"];
    // `unlisted`: a replica of the version before ADR 0033 stored it, setting the stamp without listing it.
    const write = fc.record({ task: fc.integer({ min: 0, max: 5 }), tags: fc.subarray(TAGS, { maxLength: 4 }), deleted: fc.boolean(), unknown: fc.boolean(), unlisted: fc.boolean() });
    const step = fc.oneof({ arbitrary: write, weight: 3 }, { arbitrary: fc.constant("read" as const), weight: 1 });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.integer({ min: 1, max: 9 }), (steps, max) => {
        const tasks = new Map<number, { tags: string[]; deleted: boolean }>();
        let recent: StampEntry[] = [];
        let current = "none";
        let stamps = 0;
        let kept = null as { stamp: string; items: TagCount[] } | null;
        const countAll = (): TagCount[] => {
          const counts = new Map<string, number>();
          for (const t of tasks.values()) for (const tag of liveTags(t)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
          return [...counts].map(([tag, count]) => ({ tag, count })).sort(byUse);
        };
        const countOne = (tag: string) => [...tasks.values()].filter((t) => liveTags(t).includes(tag)).length;
        for (const s of steps) {
          if (s === "read") {
            const stamp = current;
            if (kept?.stamp !== stamp) {
              const recount = kept ? tagsToRecount(recent, kept.stamp, stamp, max) : null;
              const items: TagCount[] = kept && recount ? patchCounts(kept.items, new Map(recount.map((t) => [t, countOne(t)]))) : countAll();
              kept = { stamp, items };
            }
            expect(kept.items).to.deep.equal(countAll());
            continue;
          }
          const before = tasks.get(s.task) ?? null;
          const after = { tags: s.tags, deleted: s.deleted };
          tasks.set(s.task, after);
          const touched = liveTagsTouched(before, after);
          // A write that changed no count sets no stamp; one applied again after a stop says it cannot tell.
          if (touched.length === 0 && !s.unknown) continue;
          const replaced = current;
          current = `s${++stamps}`;
          if (!s.unlisted) recent = [...recent, { stamp: current, after: replaced, tags: s.unknown || touched.length > max ? null : touched }].slice(-RECENT_STAMPS);
        }
      }),
      { numRuns: 3_000 },
    );
  });
});
