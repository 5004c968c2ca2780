/**
 * `node --import tsx scripts/bench/listPlans.ts <mongodb-uri> [store pid]`: what an
 * unfiltered `GET /tasks` (no `list=`) costs the store, with and without the
 * membership condition that lists brought (`listId $in [the caller's lists]`),
 * and what the membership lookup itself costs, at 100,000 stored tasks of
 * which the caller holds 5,000 (the read bench's data). Prints the index keys
 * and documents the store examined (EXPLAIN: the same on a busy machine as on
 * a quiet one), the median and p95 of 200 runs one at a time and, given the
 * store's pid (third argument), the store's CPU time per query, the figure
 * load does not blur. Seeds a database of its own and drops it.
 */
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { inboxIdOf } from "../../src/infra/ids.js";
import { connectMongo, trustOperators } from "../../src/infra/mongo.js";
import { ListsView } from "../../src/infra/listsView.js";
import { ReadModel, READ_MODEL_COLLECTION } from "../../src/infra/readModel.js";
import { planList, type SortName } from "../../src/infra/taskQuery.js";
import { taskOf } from "./read.js";

const uri = process.argv[2];
if (!uri) {
  process.stderr.write("usage: node --import tsx scripts/bench/listPlans.ts <mongodb-uri of a running store>\n");
  process.exit(2);
}
const OTHERS = 95;
const PER_OTHER = 1000;
const CALLER = "list-caller";
const CALLER_TASKS = 5000;
const RUNS = 200;
/** The store's process (optional third argument): its CPU time per query is the figure a busy machine does not blur. */
const storePid = process.argv[3];

function storeCpuMs(): number {
  if (!storePid) return NaN;
  const fields = fs.readFileSync(`/proc/${storePid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
}

const target = new URL(uri);
target.pathname = `/tickler_listplans_${Date.now()}`;
const conn = await connectMongo(target.toString());

function percentiles(times: number[]): [string, string] {
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
  return [p(0.5), p(0.95)];
}

async function timed(run: () => Promise<unknown>): Promise<[string, string, string]> {
  for (let r = 0; r < 3; r++) await run();
  const times: number[] = [];
  const cpuBefore = storeCpuMs();
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  const cpu = ((storeCpuMs() - cpuBefore) / RUNS).toFixed(2);
  return [...percentiles(times), cpu];
}

try {
  const readModel = new ReadModel(conn);
  const listsView = new ListsView(conn);
  await Promise.all(Object.values(conn.models).map((m) => m.init()));
  const now = Date.now();
  const started = performance.now();
  const owners: [string, number][] = [...Array.from({ length: OTHERS }, (_, i) => [`list-other-${i}`, PER_OTHER] as [string, number]), [CALLER, CALLER_TASKS]];
  for (const [owner, count] of owners) {
    for (let from = 0; from < count; from += 1000) {
      await readModel.insertSnapshots(Array.from({ length: Math.min(1000, count - from) }, (_, k) => ({ task: taskOf(owner, from + k, now), deleted: false })));
    }
  }
  // The caller's Inbox and three lists of their own, as GET /lists would hold them.
  for (let i = 0; i < 4; i++) {
    const at = new Date(now).toISOString();
    const id = i === 0 ? inboxIdOf(CALLER) : `list-${i}`;
    await listsView.apply({ id, ownerId: CALLER, name: i === 0 ? "Inbox" : `List ${i}`, colour: null, archived: false, position: `a${i}`, inbox: i === 0, members: [], createdAt: at, updatedAt: at, version: 1 }, false);
  }
  process.stdout.write(`seeded ${OTHERS * PER_OTHER + CALLER_TASKS} tasks (${CALLER_TASKS} the caller's) in ${((performance.now() - started) / 1000).toFixed(1)} s\n\n`);

  const memberOf = [...new Set([inboxIdOf(CALLER), ...(await listsView.idsOf(CALLER))])];
  const [lookup50, lookup95, lookupCpu] = await timed(() => listsView.idsOf(CALLER));
  process.stdout.write(`membership lookup (lists_view.idsOf, ${memberOf.length} lists): p50 ${lookup50} ms, p95 ${lookup95} ms, store CPU ${lookupCpu} ms per lookup\n\n`);

  const collection = conn.db!.collection(READ_MODEL_COLLECTION);
  const rows = ["| sort | status | plan | index walked | keys examined | documents examined | p50 ms | p95 ms | store CPU ms/query |", "|---|---|---|---|---:|---:|---:|---:|---:|"];
  const sorts: SortName[] = ["-createdAt", "dueAt", "priority", "title"];
  for (const sort of sorts) {
    for (const status of ["open", "all"] as const) {
      const variants: [string, string[] | undefined][] = [
        ["no membership condition (before lists)", undefined],
        ["listId $in memberships (now)", memberOf],
        ["listId $in memberships, sort's index hinted", memberOf],
      ];
      let explainedIndex: string | undefined;
      for (const [name, lists] of variants) {
        const planned = planList({ ownerId: CALLER, status, sort, limit: 50 }, new Date());
        // The condition GET /tasks sent up to this change (null: a task from before lists).
        const membership = lists ? [{ listId: { $in: [...lists, null] } }] : [];
        const filter = trustOperators({ $and: [...(planned.filter.$and as object[]), ...membership] }) as Record<string, unknown>;
        const sortSpec = Object.fromEntries(planned.sort);
        const hint = name.includes("hinted") ? (explainedIndex ?? undefined) : undefined;
        const find = () => collection.find(filter as never, { sort: sortSpec, limit: 51, ...(hint ? { hint } : {}) });
        const explained = (await find().explain("executionStats")) as {
          queryPlanner?: { winningPlan?: unknown };
          executionStats: { totalKeysExamined: number; totalDocsExamined: number };
        };
        const index: string = JSON.stringify(explained.queryPlanner?.winningPlan ?? {}).match(/"indexName":"([^"]+)"/)?.[1] ?? "(none: scan or sort)";
        const [p50, p95, cpu] = await timed(() => find().toArray());
        if (lists === undefined) explainedIndex = index;
        rows.push(`| ${sort} | ${status} | ${name} | ${index} | ${explained.executionStats.totalKeysExamined} | ${explained.executionStats.totalDocsExamined} | ${p50} | ${p95} | ${cpu} |`);
      }
    }
  }
  process.stdout.write(`${rows.join("\n")}\n`);
} finally {
  await conn.dropDatabase();
  await conn.close();
}
