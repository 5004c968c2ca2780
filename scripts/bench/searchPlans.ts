/**
 * `node --import tsx scripts/bench/searchPlans.ts <mongodb-uri>`: what a
 * search and a trash page cost the store, at 100,000 stored tasks of which
 * the caller holds 5,000 (the read bench's data, scripts/bench/read.ts), one
 * query at a time, in three plans:
 * - hinted: the filter as planned up to ADR 0029, with its hint (the owner's
 *   words index, the trash index): the local store reads the whole
 *   collection for any hint;
 * - no hint: the same filter, as the store's router reads it (a search:
 *   through the owner's whole range);
 * - routed: as planned now (docs/adr/0029-search-by-month.md): the
 *   condition to read by first; a search newest first month by month.
 * And a newest-first page of the caller's tasks no end is known for (first,
 * and after a cursor): one read before, month by month now.
 * Prints the median and p95 time of RUNS runs and what each found. The
 * store's EXPLAIN is not shown: it gives its planner's choice, not what its
 * router reads. Seeds a database of its own and drops it.
 */
import { performance } from "node:perf_hooks";
import { parseSearch, prefixEnd } from "../../src/domain/search.js";
import { inboxIdOf } from "../../src/infra/ids.js";
import { connectMongo, trustOperators } from "../../src/infra/mongo.js";
import { ReadModel, READ_MODEL_COLLECTION } from "../../src/infra/readModel.js";
import { narrowed, planList, routed, type Cursor, type Filter } from "../../src/infra/taskQuery.js";
import { planTrash, TRASH_INDEX } from "../../src/infra/trashQuery.js";
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
const WORDS_INDEX: Record<string, 1> = { ownerId: 1, deleted: 1, searchWords: 1 };

const target = new URL(uri);
target.pathname = `/tickler_searchplans_${Date.now()}`;
const conn = await connectMongo(target.toString());
try {
  const readModel = new ReadModel(conn);
  await Promise.all(Object.values(conn.models).map((m) => m.init()));
  const collection = conn.db!.collection(READ_MODEL_COLLECTION);
  // The plan up to ADR 0029 walked this index by hint; the store keeps it only for the comparison.
  await collection.createIndex(WORDS_INDEX);
  const now = Date.now();
  const started = performance.now();
  const owners: [string, number][] = [...Array.from({ length: OTHERS }, (_, i) => [`search-other-${i}`, PER_OTHER] as [string, number]), [CALLER, CALLER_TASKS]];
  for (const [owner, count] of owners) {
    for (let from = 0; from < count; from += 1000) {
      // One task in fifty in the trash.
      await readModel.insertSnapshots(Array.from({ length: Math.min(1000, count - from) }, (_, k) => ({ task: taskOf(owner, from + k, now), deleted: (from + k) % 50 === 0 })));
    }
  }
  process.stdout.write(`seeded ${OTHERS * PER_OTHER + CALLER_TASKS} tasks (${CALLER_TASKS} the caller's, 1 in 50 in the trash) in ${((performance.now() - started) / 1000).toFixed(1)} s\n\n`);

  /** Reads `filters` in order until `limit` are found, as ReadModel.list does; the time of the whole read and what it found. */
  const read = async (filters: Filter[], sort: Record<string, 1 | -1>, hint?: Record<string, 1 | -1>): Promise<number> => {
    let found = 0;
    for (const filter of filters) {
      if (found >= 51) break;
      found += (await collection.find(trustOperators(filter) as never, { sort, limit: 51 - found, ...(hint ? { hint } : {}) }).toArray()).length;
    }
    return found;
  };
  const timed = async (what: string, plan: string, run: () => Promise<number>) => {
    const found = await run();
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
    rows.push(`| ${what} | ${plan} | ${Math.min(found, 50)} | ${p(0.5)} | ${p(0.95)} |`);
  };

  const rows = ["| query | plan | found (page of 50) | p50 ms | p95 ms |", "|---|---|---:|---:|---:|"];
  const newest = { createdAt: -1, _id: 1 } as const;
  for (const [what, q] of [
    ["a word in ~20% of the caller's tasks", "bravo"],
    ["two words", "bravo charlie"],
    ["a word in one task (its number)", "4321"],
    ["a word no task holds", "zulu"],
  ] as const) {
    const planned = planList({ ownerId: CALLER, status: "open", sort: "-createdAt", limit: 50, q: parseSearch(q)! }, new Date());
    const longest = parseSearch(q)!.prefixes[0]!;
    // As planned up to ADR 0029: the owner's words index hinted, its longest word's $elemMatch first among the words.
    const before = { $and: [{ ownerId: CALLER, deleted: false }, { status: "open" }, { searchWords: { $elemMatch: { $gte: longest, $lt: prefixEnd(longest) } } }, ...(planned.filter.$and as Filter[]).slice(2)] };
    await timed(`${what} (\`${q}\`)`, "hinted (before)", () => read([before], newest, WORDS_INDEX));
    await timed(`${what} (\`${q}\`)`, "no hint", () => read([planned.filter], newest));
    await timed(`${what} (\`${q}\`)`, "routed: the owner's keyed words", () => read([planned.search!.filter], newest));
    await timed(`${what} (\`${q}\`)`, "routed: newest first, month by month", () => read([...planned.search!.byMonth!.pieces, planned.search!.byMonth!.rest], newest));
  }
  // A newest-first page no end is known for: the first, and one after a cursor half-way down (a page read while scrolling).
  const caller = await collection.find({ ownerId: CALLER, deleted: false, status: "open" } as never, { sort: newest, projection: { createdAt: 1 } }).toArray();
  const middle = caller[Math.floor(caller.length / 2)]!;
  const pages: [string, Cursor | undefined][] = [
    ["`GET /tasks` newest first, first page", undefined],
    ["`GET /tasks` newest first, a page after a cursor half-way down", { sort: "-createdAt", values: [String(middle.createdAt), String(middle._id)] }],
  ];
  for (const [what, after] of pages) {
    const planned = planList({ ownerId: CALLER, status: "open", sort: "-createdAt", limit: 50, ...(after ? { after } : {}) }, new Date());
    await timed(what, "before: one read", () => read([planned.filter], newest));
    await timed(what, "routed: month by month", () => read([...planned.firstRead!.pieces, planned.firstRead!.rest].map((piece) => routed(narrowed(planned.filter, piece))), newest));
  }
  const trash = planTrash({ ownerId: CALLER, memberOf: [inboxIdOf(CALLER)], after: null, limit: 50 }, new Date());
  const trashSort = { updatedAt: -1, _id: 1 } as const;
  const unrouted = { $and: [{ ownerId: CALLER, deleted: true }, ...(trash.filter.$and as Filter[]).slice(1)] };
  await timed("`GET /trash`, first page", "hinted (before)", () => read([unrouted], trashSort, { ...TRASH_INDEX }));
  await timed("`GET /trash`, first page", "no hint", () => read([unrouted], trashSort));
  await timed("`GET /trash`, first page", "routed: the owner's tombstones", () => read([trash.filter], trashSort));
  process.stdout.write(`${rows.join("\n")}\n`);
} finally {
  await conn.dropDatabase();
  await conn.close();
}
