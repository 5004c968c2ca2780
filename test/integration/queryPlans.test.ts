/**
 * Every query the service's stores make, as the store itself plans it: the
 * stores' own methods run against a seeded database of this test's own, each
 * query they send is captured (mongoose's debug hook) and explained by the
 * real read store. No query may scan a collection, and every declared index
 * must be used by at least one of them (an index nothing uses only costs
 * writes). The table of plans is printed.
 */
import { ListDepartures } from "../../src/infra/listDepartures.js";
import { randomUUID } from "node:crypto";
import { parseSearch } from "../../src/domain/search.js";
import { expect } from "chai";
import mongoose, { type Connection } from "mongoose";
import { positionAt, type Priority, type Task } from "../../src/domain/index.js";
import { inboxIdOf } from "../../src/infra/ids.js";
import { AuditLog } from "../../src/audit/store.js";
import { connectMongo } from "../../src/infra/mongo.js";
import { ReadModel } from "../../src/infra/readModel.js";
import { ListsView } from "../../src/infra/listsView.js";
import { planList, SORTS, type Filter, type ListRequest } from "../../src/infra/taskQuery.js";
import { planTrash } from "../../src/infra/trashQuery.js";
import { NotificationStore } from "../../src/notifications/store.js";
import { stack } from "../support/stack.js";

interface Captured {
  /** What the service was doing when it sent the query. */
  label: string;
  collection: string;
  method: string;
  args: unknown[];
}

const EXPLAINED = new Set(["find", "findOne", "aggregate", "updateOne", "findOneAndUpdate", "deleteOne", "countDocuments"]);

/** The explain command for a captured driver call. */
function explainCommand({ collection, method, args }: Captured): Record<string, unknown> {
  const [a, b, c] = args as [Record<string, unknown>, Record<string, unknown> | undefined, Record<string, unknown> | undefined];
  switch (method) {
    case "find":
    case "findOne": {
      const opts = (b ?? {}) as { sort?: unknown; limit?: number; projection?: unknown; hint?: unknown };
      return { find: collection, filter: a, sort: opts.sort, limit: method === "findOne" ? 1 : opts.limit, projection: opts.projection, hint: opts.hint };
    }
    case "aggregate":
      return { aggregate: collection, pipeline: a, cursor: {} };
    case "countDocuments":
      return { aggregate: collection, pipeline: [{ $match: a }, { $group: { _id: 1, n: { $sum: 1 } } }], cursor: {} };
    case "updateOne":
      return { update: collection, updates: [{ q: a, u: b, upsert: Boolean(c?.upsert), multi: false }] };
    case "findOneAndUpdate":
      return { findAndModify: collection, query: a, update: b, new: true };
    case "deleteOne":
      return { delete: collection, deletes: [{ q: a, limit: 1 }] };
    default:
      throw new Error(`no explain for ${method}`);
  }
}

/** Stage names and index names of the winning plan (rejected plans are skipped). */
function planOf(explain: unknown): { stages: string[]; indexes: string[] } {
  const stages: string[] = [];
  const indexes: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "rejectedPlans" || key === "allPlansExecution") continue;
      if (key === "stage" && typeof value === "string") stages.push(value);
      else if (key === "indexName" && typeof value === "string") indexes.push(value);
      else walk(value);
    }
  };
  walk(explain);
  return { stages, indexes };
}

function task(ownerId: string, i: number): Task {
  const now = Date.now();
  const at = (days: number) => new Date(now + days * 86_400_000).toISOString();
  return {
    id: randomUUID(), ownerId, listId: inboxIdOf(ownerId), position: positionAt(at(-i)), parentId: null, assigneeId: null, title: `task ${i} ${["alpha", "bravo", "charlie"][i % 3]}`, description: "some notes",
    status: i % 4 === 0 ? "completed" : "open", priority: (["none", "low", "medium", "high"] as Priority[])[i % 4]!,
    tags: [`t${i % 5}`, `t${(i + 2) % 5}`], dueAt: i % 3 === 0 ? null : at((i % 20) - 10), timeZone: "UTC",
    reminders: [], recurrence: null, seriesId: null, snoozedUntil: null, completedAt: null,
    createdAt: at(-i), updatedAt: at(-i), version: 1,
  };
}

describe("query plans of every store query (the read store's EXPLAIN)", function () {
  let mongo: Connection;
  const captured: Captured[] = [];
  let label = "";
  /** Runs one store operation, labelling the queries it sends. */
  const as = async <T>(what: string, op: () => Promise<T>): Promise<T> => {
    label = what;
    return op();
  };

  before(async () => {
    const uri = new URL(stack().mongoUri);
    uri.pathname = `/tickler_plans_${Date.now()}`;
    mongo = await connectMongo(uri.toString());
  });
  after(async () => {
    await mongo.dropDatabase();
    await mongo.close();
  });

  it("uses an index for each of them, and every index is used", async () => {
    const readModel = new ReadModel(mongo);
    // As once the api's backfill has given every document its keyed words: a search of one's own tasks reads through them.
    readModel.keyedWordsStored();
    const audit = new AuditLog(mongo);
    const store = new NotificationStore(mongo);
    const departures = new ListDepartures(mongo);
    await Promise.all(Object.values(mongo.models).map((m) => m.init()));
    // An index an earlier version declared is dropped at start (else the unused-index check below fails).
    await mongo.db!.collection("tasks_view").createIndex({ ownerId: 1, deleted: 1, status: 1, createdAt: -1, _id: 1 });
    expect(await readModel.dropRetiredIndexes()).to.deep.equal(["ownerId_1_deleted_1_status_1_createdAt_-1__id_1"]);
    expect(await readModel.dropRetiredIndexes()).to.deep.equal([]);
    // A new store has no collection yet: nothing to drop, no error.
    const freshUri = new URL(stack().mongoUri);
    freshUri.pathname = `/tickler_plans_fresh_${Date.now()}`;
    // Neither indexes nor the collection made by mongoose, so the drop meets a store that has none.
    const fresh = await mongoose.createConnection(freshUri.toString(), { autoIndex: false, autoCreate: false }).asPromise();
    try {
      expect(await new ReadModel(fresh).dropRetiredIndexes()).to.deep.equal([]);
    } finally {
      await fresh.dropDatabase();
      await fresh.close();
    }
    // Seed: two owners, so every query must also keep to its owner.
    const owners = ["plan-a", "plan-b"];
    const tasks = owners.flatMap((o) => Array.from({ length: 150 }, (_, i) => task(o, i)));
    for (const t of tasks) {
      await readModel.apply(t, false);
      await audit.append({ eventId: randomUUID(), type: "tickler.task.created.v1", kind: "created", taskId: t.id, ownerId: t.ownerId, version: 1, occurredAt: t.createdAt, changed: [], task: t }, new Date());
    }
    const hookId = randomUUID();
    await store.addWebhook({ _id: hookId, ownerId: "plan-a", url: "http://127.0.0.1:9/hook", secret: "0123456789abcdef", createdAt: new Date().toISOString() });
    const now = new Date().toISOString();
    for (const [i, t] of tasks.slice(0, 40).entries()) {
      await store.record({ _id: `d-${i}`, ownerId: t.ownerId, taskId: t.id, title: t.title, remindAt: now, firedAt: now, receivedAt: now, state: i % 2 ? "fired" : "delivered", payload: {},
        deliveries: i % 2 ? [{ webhookId: hookId, url: "http://127.0.0.1:9/hook", state: "pending", attempts: 0, nextAttemptAt: null, lastError: null, deliveredAt: null }] : [] });
      await store.savePlan({ _id: t.id, ownerId: t.ownerId, title: t.title, version: 1, planned: [{ deliveryId: `d-${i}`, remindAt: now }] });
    }

    mongo.set("debug", (collection: string, method: string, ...args: unknown[]) => captured.push({ label, collection, method, args }));
    // The read model: every sort, with and without each filter, first and later pages.
    const base: ListRequest = { ownerId: "plan-a", status: "open", sort: "-createdAt", limit: 20 };
    const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
    const variants: [string, Partial<ListRequest>][] = [
      ["", {}], [" status=all", { status: "all" }], [" status=completed", { status: "completed" }], [" q", { q: parseSearch("brav")! }], [" q 2 words", { q: parseSearch("task brav")! }], [' q "phrase"', { q: parseSearch('"task 7"')! }],
      [" priority", { priority: ["high", "medium"] }], [" tag", { tags: ["t1"] }], [" 2 tags", { tags: ["t1", "t3"] }],
      [" due range", { dueAfter: day(-5), dueBefore: day(5) }], [" overdue", { overdue: true }],
      [" list", { listId: inboxIdOf("plan-a") }], [" list q", { listId: inboxIdOf("plan-a"), q: parseSearch("brav")! }],
      [" assignee=me", { assignedTo: "plan-a" }], [" list assignee", { listId: inboxIdOf("plan-a"), assignedTo: "plan-a" }],
    ];
    for (const sort of SORTS) {
      for (const [name, v] of variants) {
        // A list's manual order is only asked for with its list (the API refuses it without).
        const req = { ...base, sort, ...v, ...(sort === "position" ? { listId: inboxIdOf("plan-a") } : {}) };
        const first = await as(`list sort=${sort}${name}`, () => readModel.list(planList(req, new Date()), sort));
        if (first.next) await as(`list sort=${sort}${name}, page 2`, () => readModel.list(planList({ ...req, after: first.next! }, new Date()), sort));
        // Read again, a page is read through the end the first read remembered (docs/adr/0027-page-windows.md): the same page.
        const again = await as(`list sort=${sort}${name} again`, () => readModel.list(planList(req, new Date()), sort));
        expect(again.items.map((t) => t.id), `list sort=${sort}${name} read again`).to.deep.equal(first.items.map((t) => t.id));
        expect(again.next, `list sort=${sort}${name} read again`).to.deep.equal(first.next);
      }
    }
    await as("GET /tags", () => readModel.tags("plan-a"));
    await as("GET /trash", () => readModel.trash(planTrash({ ownerId: "plan-a", memberOf: [inboxIdOf("plan-a")], after: null, limit: 20 }, new Date())));
    await as("GET /trash, page 2", () => readModel.trash(planTrash({ ownerId: "plan-a", memberOf: [inboxIdOf("plan-a")], after: { deletedAt: new Date().toISOString(), id: randomUUID() }, limit: 20 }, new Date())));
    await as("list holds tasks", () => readModel.hasTasks(inboxIdOf("plan-a")));
    await as("a departed member's tasks", () => readModel.assignedIn(inboxIdOf("plan-a"), "plan-b", "", 100));
    await as("a task's subtasks", () => readModel.children([tasks[0]!.id, tasks[1]!.id], false, 100));
    await as("tasks from before lists", () => readModel.assignLegacyTasks());
    const lists = new ListsView(mongo);
    await lists.apply({ id: inboxIdOf("plan-a"), ownerId: "plan-a", name: "Inbox", colour: null, archived: false, position: "01", inbox: true, members: [], createdAt: now, updatedAt: now, version: 1 }, false);
    await as("GET /lists", () => lists.of("plan-a"));
    await as("lists owned", () => lists.countOwned("plan-a"));
    await as("lists a user is in", () => lists.idsOf("plan-a"));
    await as("my invitations", () => lists.invitationsOf("plan-b"));
    await as("list of an invitation", () => lists.listOfInvitation(randomUUID()));
    await as("lists view apply", () => lists.apply({ id: inboxIdOf("plan-a"), ownerId: "plan-a", name: "Inbox", colour: null, archived: false, position: "01", inbox: true, members: [], createdAt: now, updatedAt: now, version: 2 }, false));
    await as("read model get", () => readModel.get(tasks[3]!.id));
    await as("projection apply", () => readModel.apply({ ...tasks[3]!, version: 2 }, false));
    await as("task history", () => audit.forTask(tasks[5]!.id));
    const page = await as("user history", () => audit.forOwner("plan-a", null, 20, new Date(Date.now() + 60_000)));
    await as("user history, page 2", () => audit.forOwner("plan-a", { recordedAt: page.at(-1)!.recordedAt, id: page.at(-1)!._id }, 20, new Date(Date.now() + 60_000)));
    await as("stream resume: a history entry", () => audit.entry(page[2]!._id, "plan-a"));
    await as("a list's activity", () => audit.forList(inboxIdOf("plan-a"), null, 20));
    await as("a list's activity, page 2", () => audit.forList(inboxIdOf("plan-a"), { occurredAt: new Date().toISOString(), id: randomUUID() }, 20));
    await as("inbox", () => store.inbox("plan-a", 50));
    await as("stream resume: firings since", () => store.fired("plan-a", now, 50));
    await as("stream resume: one firing", () => store.fired("plan-a", now, 1, "d-1"));
    await as("inbox: scheduled", () => store.scheduled("plan-a"));
    await as("webhooks of a user", () => store.webhooksOf("plan-a"));
    await as("webhook per delivery", () => store.webhook(hookId));
    const due = await as("due-queue", () => store.due(new Date(), 10));
    expect(due.length).to.be.greaterThan(0);
    const claimed = await as("claim", () => store.claim(due[0]!, "plan-test", new Date(), 30_000));
    expect(claimed).to.not.equal(null);
    await as("save deliveries", () => store.saveDeliveries(due[0]!, claimed!.deliveries, "fired", "plan-test", new Date()));
    await as("claim", () => store.claim(due[1]!, "plan-test", new Date(), 30_000));
    await as("release", () => store.release(due[1]!, "plan-test"));
    await as("reminder plan apply", () => store.savePlan({ _id: tasks[0]!.id, ownerId: "plan-a", title: "x", version: 2, planned: [] }));
    await as("remove webhook", () => store.removeWebhook(randomUUID(), "plan-a"));
    await as("projection: a task moved out of a list", () => departures.record(inboxIdOf("plan-a"), tasks[0]!.id, 3, now));
    await as("CalDAV sync: tasks moved out since a token", () => departures.since(inboxIdOf("plan-a"), now, 5_001));
    mongo.set("debug", false);

    const db = mongo.db!;
    const rows: string[] = [];
    const used = new Map<string, Set<string>>();
    const scans: string[] = [];
    const sortedInMemory: string[] = [];
    for (const c of captured.filter((c) => EXPLAINED.has(c.method))) {
      const key = `${c.label}: ${c.collection}.${c.method}`;
      const command = Object.fromEntries(Object.entries(explainCommand(c)).filter(([, v]) => v !== undefined));
      const plan = planOf(await db.command({ explain: command, verbosity: "queryPlanner" }));
      const index = plan.indexes.length > 0 ? [...new Set(plan.indexes)].join(" + ") : plan.stages.includes("IDHACK") || plan.stages.includes("EXPRESS_IXSCAN") ? "_id_" : "—";
      if (plan.stages.includes("COLLSCAN") || index === "—") scans.push(`${key}: ${plan.stages.join(" ← ")}`);
      for (const name of index.split(" + ")) used.set(c.collection, (used.get(c.collection) ?? new Set()).add(name));
      const sorted = plan.stages.includes("SORT") ? "SORT" : plan.stages.includes("SORT_MERGE") ? "MERGE" : "";
      // A plain list (any sort and status, no filter) reads its page in index order.
      if (sorted === "SORT" && /^list sort=\S+( status=\w+)?( members)?(, page 2| again)?$/.test(c.label)) sortedInMemory.push(key);
      rows.push(`${key.padEnd(48)} ${index.padEnd(64)} ${sorted}`);
    }
    process.stdout.write(`      ${rows.length} queries (SORT: sorted in memory after the index scan; MERGE: index walks merged in order):\n${rows.map((r) => `        ${r}`).join("\n")}\n`);
    expect(scans, "queries that scan a collection").to.deep.equal([]);
    expect(sortedInMemory, "plain lists sorted in memory instead of read in index order").to.deep.equal([]);
    // A search of one's own tasks reads its longest word's range of the keyed words, never the owner's whole set.
    // The local store's EXPLAIN gives its planner's choice (above), but it
    // reads a conjunction whose first part is one through that part alone
    // (routeFirst, docs/adr/0029-search-by-month.md): so the check is the query sent.
    // (A manual order is asked for with its list: a list's search.)
    const searches = captured.filter((c) => /^list sort=(?!position)\S+ q/.test(c.label) && c.method === "find");
    expect(searches, "searches").to.have.length.above(0);
    for (const c of searches) {
      const route = (((c.args[0] as Filter).$and as Filter[])[0]!.$and as Filter[] | undefined)?.[0];
      expect(Object.keys(route ?? {}).join(), `${c.label}: its first part`).to.be.oneOf(["searchByOwner", "searchByMonth"]);
    }

    const unused: string[] = [];
    for (const collection of ["tasks_view", "lists_view", "audit_log", "notifications", "reminder_plans", "webhooks", "list_departures"]) {
      for (const index of await db.collection(collection).indexes()) {
        // A TTL index serves the store's expiry sweep, not queries.
        if (index.expireAfterSeconds !== undefined) continue;
        if (index.name !== "_id_" && !used.get(collection)?.has(index.name!)) unused.push(`${collection}.${index.name}`);
      }
    }
    expect(unused, "declared indexes no query uses").to.deep.equal([]);
  });
});
