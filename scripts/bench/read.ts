/**
 * `npm run bench -- --read`: the read side as the store fills up. Seeds the
 * read model through its own apply path (ReadModel.apply, the projection's
 * version-guarded upsert) and the audit log through AuditLog.append, because
 * 100,000 creates through REST would take hours here; then measures, at
 * concurrency 8 through the REST API, every sort, filter combinations, `q`,
 * `/tags`, `GET /tasks/{id}` and the projection's apply, first with 1,000
 * tasks in the store and again with 100,000 (100 users; the caller holds 5%:
 * 50, then 5,000). A user with 50 tasks is measured in both phases: their
 * figures should not move with other users' data. A list its owner shares
 * with five members (made and shared through the API) holds 50, then 5,000
 * of the tasks; a member reads its first page, and creates into it beside
 * creates into their own Inbox, interleaved: what the membership check adds
 * to a write.
 */
import { randomUUID } from "node:crypto";
import type { Connection } from "mongoose";
import { SignJWT } from "jose";
import { positionAt, type Priority, type Task } from "../../src/domain/index.js";
import { inboxIdOf } from "../../src/infra/ids.js";
import type { ParsedTaskEvent } from "../../src/events/envelope.js";
import { AuditLog } from "../../src/audit/store.js";
import { rebuildFigures } from "./rebuildBench.js";
import { connectMongo } from "../../src/infra/mongo.js";
import { OwnerTags } from "../../src/infra/ownerTags.js";
import { ReadModel } from "../../src/infra/readModel.js";
import type { StackInfo } from "../stack/stack.js";
import { drive, fmt, line, type DriveResult } from "./measure.js";

const USERS = 100;
/** The shared list: its owner, its five members (the first is the one measured), its tasks at each size. */
const SHARED = { owner: "bench-sharer", members: ["bench-member-0", "bench-member-1", "bench-member-2", "bench-member-3", "bench-member-4"], tasks: [50, 5_000] as const };
const CALLER = "bench-reader";
const SMALL = "bench-small";
const WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango".split(" ");
const TAGS = Array.from({ length: 30 }, (_, i) => `tag${i}`);
const PRIORITIES: Priority[] = ["none", "low", "medium", "high"];
const DAY = 86_400_000;

function pick<T>(items: readonly T[], i: number): T {
  return items[i % items.length]!;
}

/** A task of about 1 KB, varied deterministically by `i`. */
export function taskOf(ownerId: string, i: number, now: number, listId = inboxIdOf(ownerId)): Task {
  const created = new Date(now - ((i * 7919) % 365) * DAY - (i % 86_400) * 1000).toISOString();
  const due = i % 10 < 7 ? new Date(now + (((i * 31) % 120) - 60) * DAY).toISOString() : null;
  const words = Array.from({ length: 4 }, (_, k) => pick(WORDS, i * 3 + k * 7));
  return {
    id: randomUUID(),
    ownerId,
    listId,
    position: positionAt(created),
    parentId: null,
    assigneeId: null,
    title: `${words.join(" ")} ${i}`,
    description: `${words.join(" ")} `.repeat(30).slice(0, 700),
    status: i % 5 === 0 ? "completed" : "open",
    priority: pick(PRIORITIES, i * 13),
    tags: [pick(TAGS, i), pick(TAGS, i * 7 + 3)].filter((t, k, all) => all.indexOf(t) === k),
    dueAt: due,
    timeZone: "Europe/Berlin",
    reminders: due ? [{ before: "PT15M" }] : [],
    recurrence: null,
    seriesId: null,
    snoozedUntil: null,
    completedAt: i % 5 === 0 ? created : null,
    createdAt: created,
    updatedAt: created,
    version: 1,
  };
}

async function seed(conn: Connection, perOwner: Map<string, number>, from: Map<string, number>, listOf: (owner: string) => string | undefined = () => undefined): Promise<{ tasks: number; seconds: number; ids: Map<string, string[]> }> {
  const readModel = new ReadModel(conn);
  const audit = new AuditLog(conn);
  const jobs: [string, number][] = [];
  for (const [owner, count] of perOwner) for (let i = from.get(owner) ?? 0; i < count; i++) jobs.push([owner, i]);
  const ids = new Map<string, string[]>();
  const now = Date.now();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < jobs.length) {
        const [owner, i] = jobs[next++]!;
        const task = taskOf(owner, i, now, listOf(owner));
        await readModel.apply(task, false);
        const created: ParsedTaskEvent = { eventId: randomUUID(), type: "tickler.task.created.v1", kind: "created", taskId: task.id, ownerId: owner, version: 1, occurredAt: task.createdAt, changed: [], task };
        await audit.append(created, new Date());
        if (!ids.has(owner)) ids.set(owner, []);
        ids.get(owner)!.push(task.id);
      }
    }),
  );
  return { tasks: jobs.length, seconds: (performance.now() - started) / 1000, ids };
}

interface Case {
  label: string;
  path: (i: number) => string;
  user: "caller" | "small" | "member";
}

export async function readBench(info: StackInfo, only: string[] | null = null): Promise<void> {
  /** Whether a case is measured (`--read-cases`). */
  const wanted = (label: string) => only === null || only.some((text) => label.toLowerCase().includes(text));
  const token = async (user: string) =>
    new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(user).setIssuedAt().setExpirationTime("2h").sign(new TextEncoder().encode(info.secrets.jwtSecret));
  const auth = { caller: { authorization: `Bearer ${await token(CALLER)}` }, small: { authorization: `Bearer ${await token(SMALL)}` } };
  const writer = { authorization: `Bearer ${await token("bench-writer")}`, "content-type": "application/json" };
  const base = `${info.apiUrl}/api/v1`;
  const conn = await connectMongo(info.mongoUri);
  const results = new Map<string, DriveResult[]>();
  const record = (label: string, r: DriveResult, c: number) => {
    process.stdout.write(line(label, r, c));
    results.set(label, [...(results.get(label) ?? []), r]);
  };
  const createOne = (i: number) => fetch(`${base}/tasks`, { method: "POST", headers: writer, body: JSON.stringify({ title: `write ${i}`, tags: ["bench"] }) });

  process.stdout.write("\n== read bench: empty store\n");
  await drive(30, 1, createOne); // warm-up
  if (wanted("POST /tasks")) record("POST /tasks", await drive(200, 1, createOne), 1);
  // GET /tasks/{id} reads the task's actor, so these are created through the API.
  const callerIds: string[] = [];
  const callerWrite = { ...auth.caller, "content-type": "application/json" };
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`${base}/tasks`, { method: "POST", headers: callerWrite, body: JSON.stringify({ title: `read by id ${i}` }) });
    callerIds.push(((await res.json()) as { id: string }).id);
  }

  // The shared list, made and shared through the API (its membership is the list actor's and the read model's own).
  const as = async (user: string) => ({ authorization: `Bearer ${await token(user)}`, "content-type": "application/json" });
  const call = async (user: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, { method, headers: await as(user), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (!res.ok) throw new Error(`${method} ${path} as ${user}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const sharedList = String((await call(SHARED.owner, "POST", "/lists", { name: "Household" })).id);
  for (const member of SHARED.members) {
    const invitation = await call(SHARED.owner, "POST", `/lists/${sharedList}/invitations`, { userId: member, role: "editor" });
    await call(member, "POST", `/me/invitations/${String(invitation.id)}/accept`);
  }
  const member = { authorization: `Bearer ${await token(SHARED.members[0]!)}` };
  const memberWrite = { ...member, "content-type": "application/json" };

  let seeded = new Map<string, number>();
  for (const [label, total, callerCount, sharedCount] of [["1,000 tasks", 1_000, 50, SHARED.tasks[0]], ["100,000 tasks", 100_000, 5_000, SHARED.tasks[1]]] as const) {
    const target = new Map<string, number>([[CALLER, callerCount], [SMALL, 50], [SHARED.owner, sharedCount]]);
    const others = (total - callerCount - 50 - sharedCount) / (USERS - 3);
    for (let u = 0; u < USERS - 3; u++) target.set(`bench-user-${u}`, Math.round(others));
    const s = await seed(conn, target, seeded, (owner) => (owner === SHARED.owner ? sharedList : undefined));
    seeded = target;
    process.stdout.write(`\n== read bench: ${label} (seeded ${s.tasks} tasks + their audit entries through ReadModel.apply / AuditLog.append in ${s.seconds.toFixed(1)} s, ${(s.tasks / s.seconds).toFixed(0)}/s)\n`);
    // Every owner but the caller, whose tasks the projection-apply case below
    // edits in the live view without audit entries (so they would differ).
    process.stdout.write(await rebuildFigures(conn, label, [...target.keys()].filter((u) => u !== CALLER)));
    const now = Date.now();
    const day = (d: number) => new Date(now + d * DAY).toISOString();
    const sorts = ["-createdAt", "createdAt", "dueAt", "-dueAt", "priority", "-priority", "title"];
    // Each request a page no request asked before (a sort and limit of its own), so no page end is known (docs/adr/0027-page-windows.md).
    let firstReads = 0;
    const firstRead = () => {
      const k = firstReads++;
      return `/tasks?sort=${sorts[k % sorts.length]}&limit=${40 + (Math.floor(k / sorts.length) % 61)}`;
    };
    const cases: Case[] = [
      ...sorts.map((sort): Case => ({ label: `list sort=${sort}`, path: () => `/tasks?sort=${sort}&limit=50`, user: "caller" })),
      { label: "list, a page read the first time", path: firstRead, user: "caller" },
      { label: "list status=all&priority=high,medium", path: () => `/tasks?status=all&priority=high,medium&limit=50`, user: "caller" },
      { label: "list tag=tagN&sort=dueAt", path: (i) => `/tasks?tag=${pick(TAGS, i)}&sort=dueAt&limit=50`, user: "caller" },
      // The web app's first view: open tasks due before tomorrow, overdue ones first.
      { label: "list Today (status=open&sort=dueAt&dueBefore)", path: () => `/tasks?status=open&sort=dueAt&dueBefore=${day(1)}&limit=50`, user: "caller" },
      { label: "list dueAfter+dueBefore (30 d)", path: () => `/tasks?dueAfter=${day(-10)}&dueBefore=${day(20)}&sort=dueAt&limit=50`, user: "caller" },
      { label: "list overdue&sort=-priority", path: () => `/tasks?overdue=true&sort=-priority&limit=50`, user: "caller" },
      { label: "list q=word", path: (i) => `/tasks?q=${pick(WORDS, i)}&limit=50`, user: "caller" },
      { label: "GET /tags", path: () => `/tags`, user: "caller" },
      { label: "GET /tasks/{id}", path: (i) => `/tasks/${pick(callerIds, i * 7)}`, user: "caller" },
      { label: "small user: list", path: () => `/tasks?limit=50`, user: "small" },
      { label: "small user: GET /tags", path: () => `/tags`, user: "small" },
      { label: "member: shared list, first page", path: () => `/tasks?list=${sharedList}&limit=50`, user: "member" },
      { label: "member: shared list, sort=position", path: () => `/tasks?list=${sharedList}&sort=position&limit=50`, user: "member" },
    ];
    const headersOf = { ...auth, member };
    for (const c of cases.filter((c) => wanted(c.label))) {
      await drive(16, 4, (i) => fetch(`${base}${c.path(i)}`, { headers: headersOf[c.user] }));
      record(c.label, await drive(200, 8, (i) => fetch(`${base}${c.path(i)}`, { headers: headersOf[c.user] })), 8);
    }
    // GET /tags answered from counts kept per api process while the owner's tag stamp holds (docs/adr/0028-tag-stamps.md),
    // and after a change, from them with the touched tags counted again (docs/adr/0033-recount-touched-tags.md).
    // Each request here follows a change as one task's retag sets it (two tags touched), or a stamp the list does not
    // cover (a write applied again after a stop), after which every tag is counted.
    const notCounted = () => Promise.reject(new Error("the bench only sets stamps"));
    const ownerTags = new OwnerTags(conn, notCounted, notCounted);
    // Two of four tags, as a person marking tasks does: eight changes in flight touch four tags, not sixteen (over
    // RECOUNT_TAGS_MAX every tag is counted, the other case).
    const retagged = (i: number) => ownerTags.changed(CALLER, [pick(TAGS, i % 4), pick(TAGS, (i + 1) % 4)]);
    const unknownChange = () => ownerTags.changed(CALLER, null);
    const afterChanges: [string, (i: number) => Promise<void>][] = [
      ["GET /tags, each after one task's tags changed (two of four tags touched; the stamp first, ~1 ms, counted in)", retagged],
      ["GET /tags, each after a change that says no tags (every tag counted; the stamp first, counted in)", unknownChange],
    ];
    for (const [caseLabel, change] of afterChanges.filter(([l]) => wanted(l))) {
      const readAfter = async (i: number) => {
        await change(i);
        return fetch(`${base}/tags`, { headers: auth.caller });
      };
      await drive(16, 4, readAfter);
      record(caseLabel, await drive(200, 8, readAfter), 8);
    }
    // Several readers of one owner at once after a change (a person's web app and phone): the time until the last of 8 has its answer.
    const eightAfterChange = async (i: number) => {
      await retagged(i);
      const answers = await Promise.all(Array.from({ length: 8 }, () => fetch(`${base}/tags`, { headers: auth.caller })));
      await Promise.all(answers.map((r) => r.arrayBuffer()));
      if (answers.some((r) => !r.ok)) throw new Error("a GET /tags failed");
    };
    const eightLabel = "GET /tags, 8 readers at once after each change of one task's tags (to the last answer; 25 rounds)";
    if (wanted(eightLabel)) record(eightLabel, await drive(25, 1, eightAfterChange), 1);
    // What the membership check adds to a write: a member's create into the shared list beside one into their own Inbox, interleaved.
    if (wanted("member: POST /tasks")) {
      const intoShared = (i: number) => fetch(`${base}/tasks`, { method: "POST", headers: memberWrite, body: JSON.stringify({ title: `shared write ${i}`, listId: sharedList }) });
      const intoInbox = (i: number) => fetch(`${base}/tasks`, { method: "POST", headers: memberWrite, body: JSON.stringify({ title: `own write ${i}` }) });
      await drive(20, 1, intoShared);
      const added: number[] = [];
      for (let round = 1; round <= 2; round++) {
        const own = await drive(100, 1, intoInbox);
        const shared = await drive(100, 1, intoShared);
        record(`member: POST /tasks, own Inbox (${label}, round ${round})`, own, 1);
        record(`member: POST /tasks, shared list (${label}, round ${round})`, shared, 1);
        added.push(shared.p50 - own.p50);
      }
      process.stdout.write(`membership check on a write (${label}): shared-list create p50 minus own-Inbox create p50: ${added.map(fmt).join(", ")}\n`);
    }
    // The projection's apply: a newer version of one of the caller's tasks, as a task-updates delivery would bring it.
    if (wanted("projection apply")) {
      const readModel = new ReadModel(conn);
      const stored = await conn.collection("tasks_view").find({ ownerId: CALLER }).limit(400).toArray();
      record(
        "projection apply (newer version)",
        await drive(stored.length, 8, async (i) => {
          const { _id, titleKey: _t, priorityRank: _p, hasDue: _h, dueKey: _d, deleted: _x, purgeAt: _g, ...rest } = stored[i]! as Record<string, unknown>;
          await readModel.apply({ ...(rest as Omit<Task, "id">), id: String(_id), version: Number(rest.version) + 1, title: `${String(rest.title)} (edited)` }, false);
        }),
        8,
      );
    }
    if (wanted("POST /tasks")) record("POST /tasks", await drive(200, 1, createOne), 1);
  }
  await conn.close();

  process.stdout.write("\n== read bench: growth (p95 at 100,000 tasks ÷ p95 at 1,000)\n");
  for (const [label, runs] of results) {
    const [small, large] = label === "POST /tasks" ? [runs[0], runs[2]] : [runs[0], runs[1]];
    if (!small || !large) continue;
    const what = label === "POST /tasks" ? "p50 at 100k ÷ p50 on the empty store" : "p95";
    const ratio = label === "POST /tasks" ? large.p50 / small.p50 : large.p95 / small.p95;
    process.stdout.write(`${label.padEnd(40)} ${fmt(label === "POST /tasks" ? small.p50 : small.p95).padStart(10)} → ${fmt(label === "POST /tasks" ? large.p50 : large.p95).padStart(10)}  ×${ratio.toFixed(2)}  (${what})\n`);
  }
}

/**
 * `npm run bench -- --rebuild`: seeds 10,000 then 100,000 tasks (one audit
 * entry each, spread over 100 owners) and rebuilds the read model from the
 * audit log at each size, reporting time and this process's memory growth
 * (bench/rebuildBench.ts).
 */
export async function rebuildBench(info: StackInfo, sizes = [10_000, 100_000]): Promise<void> {
  const conn = await connectMongo(info.mongoUri);
  try {
    // The same rebuild at two sizes: memory that stays flat is the same at both.
    let seeded = new Map<string, number>();
    for (const total of sizes) {
      const perOwner = new Map<string, number>();
      for (let u = 0; u < USERS; u++) perOwner.set(`bench-user-${u}`, Math.round(total / USERS));
      const s = await seed(conn, perOwner, seeded);
      seeded = perOwner;
      process.stdout.write(`seeded ${s.tasks} more tasks + their audit entries in ${s.seconds.toFixed(1)} s\n`);
      process.stdout.write(await rebuildFigures(conn, `${total} tasks`));
    }
  } finally {
    await conn.close();
  }
}
