/**
 * `node --import tsx scripts/bench/tagCounts.ts <mongodb-uri>`: what the
 * store takes to count an owner's tags, at 100,000 stored tasks of which the
 * caller holds 5,000 (the read bench's data, scripts/bench/read.ts: 30 tags,
 * two per task), one query at a time: the aggregation over all of the
 * owner's live tasks (`GET /tags` counted in full) against one tag counted
 * through the { ownerId, deleted, tags } index, by `countDocuments` (an
 * aggregation) and by the `count` command (docs/adr/0033-recount-touched-tags.md),
 * for the caller and for an owner of 50 tasks. Prints the median and p95 of
 * RUNS runs. Seeds a database of its own and drops it.
 */
import { performance } from "node:perf_hooks";
import { connectMongo } from "../../src/infra/mongo.js";
import { OwnerTags } from "../../src/infra/ownerTags.js";
import { ReadModel, READ_MODEL_COLLECTION } from "../../src/infra/readModel.js";
import { taskOf } from "./read.js";

const uri = process.argv[2];
if (!uri) {
  process.stderr.write("usage: node --import tsx scripts/bench/tagCounts.ts <mongodb-uri of a running store>\n");
  process.exit(2);
}
const RUNS = 20;
const target = new URL(uri);
target.pathname = `/tickler_tagcounts_${Date.now()}`;
const conn = await connectMongo(target.toString());
try {
  const readModel = new ReadModel(conn);
  await Promise.all(Object.values(conn.models).map((m) => m.init()));
  const owners: [string, number][] = [...Array.from({ length: 94 }, (_, i) => [`tags-other-${i}`, 1000] as [string, number]), ["tags-small", 50], ["tags-caller", 5000]];
  const now = Date.now();
  for (const [owner, count] of owners) {
    for (let from = 0; from < count; from += 1000) {
      await readModel.insertSnapshots(Array.from({ length: Math.min(1000, count - from) }, (_, k) => ({ task: taskOf(owner, from + k, now), deleted: (from + k) % 50 === 0 })));
    }
  }
  const db = conn.db!;
  const tasks = db.collection(READ_MODEL_COLLECTION);
  const time = async (label: string, run: () => Promise<unknown>) => {
    const took: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await run();
      took.push(performance.now() - started);
    }
    took.sort((a, b) => a - b);
    process.stdout.write(`| ${label} | ${took[Math.floor(RUNS / 2)]!.toFixed(1)} | ${took[Math.ceil(RUNS * 0.95) - 1]!.toFixed(1)} |\n`);
  };
  process.stdout.write("| query | p50 ms | p95 ms |\n|---|--:|--:|\n");
  for (const [owner, count] of [["tags-caller", 5000], ["tags-small", 50]] as const) {
    const live = { ownerId: owner, deleted: false };
    await time(`${count} tasks: every tag (the aggregation)`, () => tasks.aggregate([{ $match: live }, { $unwind: "$tags" }, { $group: { _id: "$tags", count: { $sum: 1 } } }]).toArray());
    await time(`${count} tasks: one tag, countDocuments`, () => tasks.countDocuments({ ...live, tags: "tag3" }));
    await time(`${count} tasks: one tag, the count command`, () => db.command({ count: READ_MODEL_COLLECTION, query: { ...live, tags: "tag3" } }));
    await time(`${count} tasks: two tags at once, the count command`, () => Promise.all(["tag3", "tag4"].map((tag) => db.command({ count: READ_MODEL_COLLECTION, query: { ...live, tags: tag } }))));
  }
  // The stamp a write sets: as ADR 0028 set it, and with its entry listed (an update pipeline).
  const stamps = db.collection<{ _id: string }>("owner_tag_stamps");
  await time("a stamp set ($set, ADR 0028)", () => stamps.updateOne({ _id: "tags-set" }, { $set: { stamp: String(Math.random()) } }, { upsert: true }));
  const notCounted = () => Promise.reject(new Error("not counted here"));
  const ownerTags = new OwnerTags(conn, notCounted, notCounted);
  await time("a stamp set with its entry (pipeline, ADR 0033)", () => ownerTags.changed("tags-listed", ["tag3", "tag4"]));
} finally {
  await conn.dropDatabase();
  await conn.close();
}
