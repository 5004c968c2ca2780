/**
 * Tasks stored before search had an index get their search keys from the
 * api's background backfill, on the real read store: a search then finds
 * them, and a later start skips the scan (its marker).
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

function task(ownerId: string, i: number): Task {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
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
    // As an older api stored them: no searchWords, no searchText.
    const old = tasks.map((t) => {
      const { searchWords: _w, searchText: _s, ...doc } = documentOf(t, false);
      return doc;
    });
    await mongo.db!.collection(READ_MODEL_COLLECTION).insertMany(old as never[]);
    const search = async (q: string) => (await readModel.list(planList({ ownerId: owner, status: "open", sort: "-createdAt", limit: 100, q: parseSearch(q)! }, new Date()), "-createdAt")).items;
    expect(await search("rechnung"), "before the backfill").to.have.length(0);

    const worker = searchBackfill(mongo, readModel, createLogger("silent"));
    worker.start!();
    await eventually(() => mongo.db!.collection("migrations").findOne({ _id: "read-model-search-keys-v1" as never }), (m) => m !== null, 60_000, "the backfill's marker");
    await worker.stop();

    expect(await mongo.db!.collection(READ_MODEL_COLLECTION).countDocuments({ searchWords: { $exists: false } }), "documents left without keys").to.equal(0);
    const marker = await mongo.db!.collection("migrations").findOne({ _id: "read-model-search-keys-v1" as never });
    expect(marker?.documents).to.equal(tasks.length);
    expect(await search("RECHNUNG mull")).to.have.length(100);
    expect((await search("invoice buro")).length).to.equal(100);
    expect(await search('"für müller" quarterly')).to.have.length(100);

    // A later start finds the marker and changes nothing, even if a document lacked keys again.
    await mongo.db!.collection(READ_MODEL_COLLECTION).updateOne({ _id: tasks[0]!.id as never }, { $unset: { searchWords: "" } });
    const again = searchBackfill(mongo, readModel, createLogger("silent"));
    again.start!();
    await again.stop();
    expect(await mongo.db!.collection(READ_MODEL_COLLECTION).countDocuments({ searchWords: { $exists: false } })).to.equal(1);
  });
});
