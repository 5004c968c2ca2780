/**
 * Tasks stored before search had an index, or before it had keyed words
 * (docs/adr/0029-search-by-month.md), get their search keys from the api's
 * background backfill, on the real read store: a search then finds them,
 * through the keyed words once every document has them, and a later start
 * skips the scan (its marker).
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Connection } from "mongoose";
import { positionAt, type Task } from "../../src/domain/index.js";
import { inboxIdOf } from "../../src/infra/ids.js";
import { parseSearch } from "../../src/domain/search.js";
import { connectMongo } from "../../src/infra/mongo.js";
import { documentOf, ReadModel, READ_MODEL_COLLECTION } from "../../src/infra/readModel.js";
import { createLogger } from "../../src/infra/logger.js";
import { searchBackfill } from "../../src/infra/searchBackfill.js";
import { planList } from "../../src/infra/taskQuery.js";
import { eventually, stack } from "../support/stack.js";

const MARKER = "read-model-search-keys-v2";

// Created every 4 hours back from now: the newest months hold a page each.
function task(ownerId: string, i: number): Task {
  const at = new Date(Date.now() - i * 4 * 3_600_000).toISOString();
  return {
    id: randomUUID(), ownerId, listId: inboxIdOf(ownerId), position: positionAt(at), parentId: null, assigneeId: null, title: `Rechnung ${i} für Müller`, description: i % 2 ? "quarterly invoice" : "", status: "open", priority: "none", tags: ["büro"],
    dueAt: null, timeZone: "UTC", reminders: [], recurrence: null, seriesId: null, snoozedUntil: null, completedAt: null, createdAt: at, updatedAt: at, version: 1,
  };
}

describe("search keys added to tasks stored before search had an index", function () {
  let mongo: Connection;
  before(async () => {
    const uri = new URL(stack().mongoUri);
    uri.pathname = `/tickler_backfill_${Date.now()}`;
    mongo = await connectMongo(uri.toString());
  });
  after(async () => {
    await mongo.dropDatabase();
    await mongo.close();
  });

  it("gives every old document its keys in batches, then searches find them and a later start skips the scan", async () => {
    const readModel = new ReadModel(mongo);
    await Promise.all(Object.values(mongo.models).map((m) => m.init()));
    const owner = `backfill-${randomUUID()}`;
    const tasks = Array.from({ length: 1203 }, (_, i) => task(owner, i));
    // As older apis stored them: the first 600 with no search keys, the rest with words but no keyed words.
    const old = tasks.map((t, i) => {
      const { searchWords, searchText, searchByOwner: _o, searchByMonth: _m, ...doc } = documentOf(t, false);
      return i < 600 ? doc : { ...doc, searchWords, searchText };
    });
    await mongo.db!.collection(READ_MODEL_COLLECTION).insertMany(old as never[]);
    const filters: string[] = [];
    mongo.set("debug", (_collection: string, method: string, filter: unknown) => {
      if (method === "find") filters.push(JSON.stringify(filter));
    });
    const search = async (q: string) => (await readModel.list(planList({ ownerId: owner, status: "open", sort: "-createdAt", limit: 100, q: parseSearch(q)! }, new Date()), "-createdAt")).items;
    // Those with words are found through them (their whole range) until every document has its words by month.
    expect(await search("rechnung"), "before the backfill").to.have.length(100);
    expect((await search("rechnung")).every((t) => Number(t.title.split(" ")[1]) >= 600), "before the backfill").to.equal(true);
    expect(filters.some((f) => f.includes("searchByOwner") || f.includes("searchByMonth")), "a search through keyed words before the backfill").to.equal(false);

    const worker = searchBackfill(mongo, readModel, createLogger("silent"));
    worker.start!();
    await eventually(() => mongo.db!.collection("migrations").findOne({ _id: MARKER as never }), (m) => m !== null, 60_000, "the backfill's marker");
    await worker.stop();

    expect(await mongo.db!.collection(READ_MODEL_COLLECTION).countDocuments({ searchByMonth: { $exists: false } }), "documents left without keys").to.equal(0);
    const marker = await mongo.db!.collection("migrations").findOne({ _id: MARKER as never });
    expect(marker?.documents).to.equal(tasks.length);
    filters.length = 0;
    // Newest first, read month by month now: the newest 100.
    expect((await search("RECHNUNG mull")).map((t) => t.id)).to.deep.equal(tasks.slice(0, 100).map((t) => t.id));
    expect(filters.some((f) => f.includes("searchByMonth")), "a search by month after the backfill").to.equal(true);
    mongo.set("debug", false);
    expect((await search("invoice buro")).length).to.equal(100);
    expect(await search('"für müller" quarterly')).to.have.length(100);

    // A later start finds the marker and changes nothing, even if a document lacked keys again.
    await mongo.db!.collection(READ_MODEL_COLLECTION).updateOne({ _id: tasks[0]!.id as never }, { $unset: { searchByMonth: "" } });
    const again = searchBackfill(mongo, readModel, createLogger("silent"));
    again.start!();
    await again.stop();
    expect(await mongo.db!.collection(READ_MODEL_COLLECTION).countDocuments({ searchByMonth: { $exists: false } })).to.equal(1);
  });
});
