/**
 * `node --import tsx scripts/bench/searchPlans.ts <mongodb-uri>`: what a
 * search costs the store, before (a case-insensitive regex over the owner's
 * tasks, walked in sort order: the plan up to b0cfec5) and after (a prefix
 * range of the search index, ADR 0010), at 100,000 stored tasks of which the
 * caller holds 5,000 (the read bench's data, scripts/bench/read.ts). Prints
 * the index keys and documents the store examined (from its EXPLAIN: the
 * same on a busy machine as on a quiet one) and the median and p95 time of
 * 20 runs one at a time. Seeds a database of its own and drops it.
 */
import { performance } from "node:perf_hooks";
import { parseSearch } from "../../src/domain/search.js";
import { connectMongo, trustOperators } from "../../src/infra/mongo.js";
import { ReadModel, READ_MODEL_COLLECTION } from "../../src/infra/readModel.js";
import { escapeRegex, planList } from "../../src/infra/taskQuery.js";
import { taskOf } from "./read.js";

const uri = process.argv[2];
if (!uri) {
  process.stderr.write("usage: node --import tsx scripts/bench/searchPlans.ts <mongodb-uri of a running store>\n");
  process.exit(2);
}
const OTHERS = 95;
const PER_OTHER = 1000;
const CALLER = "search-caller";
const CALLER_TASKS = 5000;
const RUNS = 20;

const target = new URL(uri);
target.pathname = `/tickler_searchplans_${Date.now()}`;
const conn = await connectMongo(target.toString());
try {
  const readModel = new ReadModel(conn);
  await Promise.all(Object.values(conn.models).map((m) => m.init()));
  const now = Date.now();
  const started = performance.now();
  const owners: [string, number][] = [...Array.from({ length: OTHERS }, (_, i) => [`search-other-${i}`, PER_OTHER] as [string, number]), [CALLER, CALLER_TASKS]];
  for (const [owner, count] of owners) {
    for (let from = 0; from < count; from += 1000) {
      await readModel.insertSnapshots(Array.from({ length: Math.min(1000, count - from) }, (_, k) => ({ task: taskOf(owner, from + k, now), deleted: false })));
    }
  }
  process.stdout.write(`seeded ${OTHERS * PER_OTHER + CALLER_TASKS} tasks (${CALLER_TASKS} the caller's) in ${((performance.now() - started) / 1000).toFixed(1)} s\n\n`);

  const collection = conn.db!.collection(READ_MODEL_COLLECTION);
  const sort = { createdAt: -1, _id: 1 } as const;
  const cases: [string, string][] = [
    ["a word in ~20% of the caller's tasks", "bravo"],
    ["a word in one task (its number)", "4321"],
    ["two words", "bravo charlie"],
    ["a word no task holds", "zulu"],
  ];
  const rows = ["| query | plan | keys examined | documents examined | found (page of 50) | p50 ms | p95 ms |", "|---|---|---:|---:|---:|---:|---:|"];
  for (const [what, q] of cases) {
    const pattern = { $regex: escapeRegex(q), $options: "i" };
    const before = { filter: { ownerId: CALLER, deleted: false, status: "open", $or: [{ title: pattern }, { description: pattern }] }, hint: undefined as Record<string, 1> | undefined };
    const planned = planList({ ownerId: CALLER, status: "open", sort: "-createdAt", limit: 50, q: parseSearch(q)! }, new Date());
    const after = { filter: trustOperators(planned.search?.filter ?? planned.filter) as Record<string, unknown>, hint: undefined as Record<string, 1> | undefined };
    for (const [name, plan] of [["before: regex in sort order", before], ["after: search index", after]] as const) {
      const find = () => collection.find(plan.filter as never, { sort, limit: 51, ...(plan.hint ? { hint: plan.hint } : {}) });
      const stats = ((await find().explain("executionStats")) as { executionStats: { totalKeysExamined: number; totalDocsExamined: number; nReturned: number } }).executionStats;
      const times: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const t = performance.now();
        await find().toArray();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
      rows.push(`| ${what} (\`${q}\`) | ${name} | ${stats.totalKeysExamined} | ${stats.totalDocsExamined} | ${Math.min(stats.nReturned, 50)} | ${p(0.5)} | ${p(0.95)} |`);
    }
  }
  process.stdout.write(`${rows.join("\n")}\n`);
} finally {
  await conn.dropDatabase();
  await conn.close();
}
