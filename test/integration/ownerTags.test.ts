/**
 * An owner's tag counts kept per api process (src/infra/ownerTags.ts,
 * docs/adr/0028-tag-stamps.md), on the real read store: two ReadModels on one
 * database stand for two api replicas. Whatever one stores, the other's next
 * `tags()` answers, for every kind of change, and also when the replica that
 * stored a change stopped before it set the stamp.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Connection } from "mongoose";
import { positionAt, type Task } from "../../src/domain/index.js";
import { inboxIdOf } from "../../src/infra/ids.js";
import { connectMongo, saveIfNewerSeeing } from "../../src/infra/mongo.js";
import { documentOf, ReadModel } from "../../src/infra/readModel.js";
import { stack } from "../support/stack.js";

function task(ownerId: string, i: number, tags: string[]): Task {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
  return {
    id: randomUUID(), ownerId, listId: inboxIdOf(ownerId), position: positionAt(at), parentId: null, assigneeId: null, title: `task ${i}`, description: "", status: "open", priority: "none", tags,
    dueAt: null, timeZone: "UTC", reminders: [], recurrence: null, seriesId: null, snoozedUntil: null, completedAt: null, createdAt: at, updatedAt: at, version: 1,
  };
}

/** The next version of a task with some fields changed. */
const next = (t: Task, change: Partial<Task>): Task => ({ ...t, ...change, version: t.version + 1 });

describe("an owner's tag counts, kept per api process and stamped in the read store", function () {
  let mongo: Connection;
  let first: ReadModel;
  let second: ReadModel;
  before(async () => {
    const uri = new URL(stack().mongoUri);
    uri.pathname = `/tickler_owner_tags_${Date.now()}`;
    mongo = await connectMongo(uri.toString());
    // Two replicas: each its own ReadModel (its own kept counts) on the one database.
    first = new ReadModel(mongo);
    second = new ReadModel(mongo);
    await Promise.all(Object.values(mongo.models).map((m) => m.init()));
  });
  after(async () => {
    await mongo.dropDatabase();
    await mongo.close();
  });

  it("answers on one replica every change stored by the other: a create, an added or removed tag, a completion, a deletion and a restore", async () => {
    const owner = `tags-${randomUUID()}`;
    const firstOfA = task(owner, 1, ["home", "urgent"]);
    let a = firstOfA;
    let b = task(owner, 2, ["home"]);
    expect(await first.tags(owner), "an owner with no tasks").to.deep.equal([]);

    await second.apply(a, false);
    await second.apply(b, false);
    expect(await first.tags(owner)).to.deep.equal([{ tag: "home", count: 2 }, { tag: "urgent", count: 1 }]);
    // Asked again with nothing stored between: the kept counts, and no aggregation sent.
    const sent: string[] = [];
    mongo.set("debug", (collection: string, method: string) => sent.push(`${collection}.${method}`));
    try {
      expect(await first.tags(owner)).to.deep.equal([{ tag: "home", count: 2 }, { tag: "urgent", count: 1 }]);
    } finally {
      mongo.set("debug", false);
    }
    expect(sent, "what the second read sent").to.deep.equal(["owner_tag_stamps.findOne"]);

    // Every tag removed: the new document has none, so only the old one says what changed.
    b = next(b, { tags: [] });
    await second.apply(b, false);
    expect(await first.tags(owner), "after b's tags were removed").to.deep.equal([{ tag: "home", count: 1 }, { tag: "urgent", count: 1 }]);

    a = next(a, { tags: ["urgent", "work"] });
    await second.apply(a, false);
    expect(await first.tags(owner), "after a's tags changed").to.deep.equal([{ tag: "urgent", count: 1 }, { tag: "work", count: 1 }]);

    // A completion leaves the counts as they are (and needs no new stamp).
    a = next(a, { status: "completed", completedAt: a.updatedAt });
    await second.apply(a, false);
    expect(await first.tags(owner)).to.deep.equal([{ tag: "urgent", count: 1 }, { tag: "work", count: 1 }]);

    a = next(a, {});
    await second.apply(a, true);
    expect(await first.tags(owner), "after a went to the trash").to.deep.equal([]);
    a = next(a, {});
    await second.apply(a, false);
    expect(await first.tags(owner), "after a was restored").to.deep.equal([{ tag: "urgent", count: 1 }, { tag: "work", count: 1 }]);

    // A stale (older) snapshot changes nothing.
    await second.apply({ ...firstOfA, tags: ["stale"] }, false);
    expect(await first.tags(owner)).to.deep.equal([{ tag: "urgent", count: 1 }, { tag: "work", count: 1 }]);
  });

  it("answers a change whose replica stopped between storing it and setting the stamp, once its event is applied again", async () => {
    const owner = `tags-${randomUUID()}`;
    const a = task(owner, 1, ["garden"]);
    await second.apply(a, false);
    expect(await first.tags(owner)).to.deep.equal([{ tag: "garden", count: 1 }]);

    // What a replica that stopped right after its store write leaves: the document, no new stamp.
    const removed = next(a, { tags: [] });
    const { _id: id, ...doc } = documentOf(removed, false);
    const saved = await saveIfNewerSeeing(mongo.models.TaskView!, id, doc, { tags: 1 });
    expect(saved.stored).to.equal(true);
    expect(await first.tags(owner), "kept counts, as no stamp told otherwise").to.deep.equal([{ tag: "garden", count: 1 }]);

    // The event is delivered again (it was never acknowledged): the store holds its version, and the event says the tags changed.
    expect(await second.apply(removed, false, true)).to.equal(false);
    expect(await first.tags(owner), "after the redelivery").to.deep.equal([]);
  });

  it("after a few changes, counts again only the tags they touched; after many, every tag", async () => {
    const owner = `tags-${randomUUID()}`;
    let a = task(owner, 1, ["home", "urgent"]);
    const b = task(owner, 2, ["home", "work"]);
    await second.apply(a, false);
    await second.apply(b, false);
    expect(await first.tags(owner)).to.deep.equal([{ tag: "home", count: 2 }, { tag: "urgent", count: 1 }, { tag: "work", count: 1 }]);

    /** What a read sent: mongoose's calls, and each `count` command by the tag it counted (the driver's command, watched). */
    const sentDuring = async (read: () => Promise<unknown>): Promise<{ sent: string[]; counted: string[] }> => {
      const sent: string[] = [];
      const counted: string[] = [];
      const db = mongo.db!;
      const command = db.command.bind(db);
      db.command = ((cmd: { count?: string; query?: { tags?: string } }, ...rest: never[]) => {
        if (cmd.count !== undefined) counted.push(String(cmd.query?.tags));
        return command(cmd as never, ...rest);
      }) as typeof db.command;
      mongo.set("debug", (collection: string, method: string) => sent.push(`${collection}.${method}`));
      try {
        await read();
      } finally {
        mongo.set("debug", false);
        db.command = command;
      }
      return { sent, counted: counted.sort() };
    };
    // Two changes of a's tags on the other replica: urgent → garden, then home removed.
    a = next(a, { tags: ["home", "garden"] });
    await second.apply(a, false);
    a = next(a, { tags: ["garden"] });
    await second.apply(a, false);
    let answer: unknown;
    const { sent, counted } = await sentDuring(async () => (answer = await first.tags(owner)));
    expect(answer).to.deep.equal([{ tag: "garden", count: 1 }, { tag: "home", count: 1 }, { tag: "work", count: 1 }]);
    expect(sent.filter((s) => s.endsWith(".aggregate")), "full counts").to.deep.equal([]);
    expect(counted, "one count per touched tag (urgent, garden, home)").to.deep.equal(["garden", "home", "urgent"]);

    // More changes than the stamp document lists: the kept counts are too old to mend, so every tag is counted.
    for (let i = 0; i < 20; i++) {
      a = next(a, { tags: i % 2 === 0 ? ["garden", "x"] : ["garden"] });
      await second.apply(a, false);
    }
    const afterMany = await sentDuring(async () => (answer = await first.tags(owner)));
    expect(answer).to.deep.equal([{ tag: "garden", count: 1 }, { tag: "home", count: 1 }, { tag: "work", count: 1 }]);
    expect(afterMany.sent.filter((s) => s.endsWith(".aggregate")), "full counts").to.have.length(1);
    expect(afterMany.counted, "tags counted one by one").to.deep.equal([]);
  });

  it("counts everything again after a stamp set by a replica of the previous version, which does not list it (a rolling update)", async () => {
    const owner = `tags-${randomUUID()}`;
    let a = task(owner, 1, ["home"]);
    let b = task(owner, 2, ["work"]);
    await second.apply(a, false);
    await second.apply(b, false);
    expect(await first.tags(owner)).to.deep.equal([{ tag: "home", count: 1 }, { tag: "work", count: 1 }]);

    // What the previous version did for a change of a's tags: the document, then a new stamp set, nothing listed.
    a = next(a, { tags: ["garden"] });
    const { _id: id, ...doc } = documentOf(a, false);
    expect((await saveIfNewerSeeing(mongo.models.TaskView!, id, doc, { tags: 1 })).stored).to.equal(true);
    await mongo.collection("owner_tag_stamps").updateOne({ _id: owner as never }, { $set: { stamp: randomUUID() } });
    // Then a listed change of b's tags on this version: the list alone would name work and urgent only.
    b = next(b, { tags: ["urgent"] });
    await second.apply(b, false);
    expect(await first.tags(owner)).to.deep.equal([{ tag: "garden", count: 1 }, { tag: "urgent", count: 1 }]);
  });

  it("keeps counting right for many owners at once, each owner's answer its own", async () => {
    const owners = Array.from({ length: 20 }, () => `tags-${randomUUID()}`);
    await Promise.all(owners.map((owner, i) => Promise.all(Array.from({ length: i + 1 }, (_, k) => second.apply(task(owner, k, [`t${i}`]), false)))));
    const answers = await Promise.all(owners.map((owner) => first.tags(owner)));
    answers.forEach((items, i) => expect(items).to.deep.equal([{ tag: `t${i}`, count: i + 1 }]));
  });

  it("counts once for readers of the same owner at once", async () => {
    const owner = `tags-${randomUUID()}`;
    await second.apply(task(owner, 1, ["one"]), false);
    const sent: string[] = [];
    mongo.set("debug", (collection: string, method: string) => sent.push(`${collection}.${method}`));
    let answers: unknown[];
    try {
      answers = await Promise.all(Array.from({ length: 5 }, () => first.tags(owner)));
    } finally {
      mongo.set("debug", false);
    }
    answers.forEach((items) => expect(items).to.deep.equal([{ tag: "one", count: 1 }]));
    expect(sent.filter((s) => s.endsWith(".aggregate")), "aggregations sent").to.have.length(1);
  });
});
