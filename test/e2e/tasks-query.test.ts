/**
 * Filters, sorts and pagination of GET /tasks on the real stack, checked
 * against an oracle computed in the test from what the API returned when the
 * data set was seeded.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { apiAs } from "../support/stack.js";

interface T {
  id: string;
  title: string;
  description: string;
  status: "open" | "completed";
  priority: "none" | "low" | "medium" | "high";
  tags: string[];
  dueAt: string | null;
  createdAt: string;
}

const RANK = { none: 0, low: 1, medium: 2, high: 3 } as const;
const DAY = 86_400_000;
const cmp = (a: string | number | boolean, b: string | number | boolean) => (a < b ? -1 : a > b ? 1 : 0);

/** The documented orders: every sort ends with id; no due date sorts last. */
const ORACLE_SORTS: Record<string, (a: T, b: T) => number> = {
  dueAt: (a, b) => cmp(b.dueAt !== null, a.dueAt !== null) || cmp(a.dueAt ?? "", b.dueAt ?? "") || cmp(a.id, b.id),
  "-dueAt": (a, b) => cmp(b.dueAt !== null, a.dueAt !== null) || cmp(b.dueAt ?? "", a.dueAt ?? "") || cmp(a.id, b.id),
  "-priority": (a, b) => cmp(RANK[b.priority], RANK[a.priority]) || cmp(b.createdAt, a.createdAt) || cmp(a.id, b.id),
  priority: (a, b) => cmp(RANK[a.priority], RANK[b.priority]) || cmp(a.createdAt, b.createdAt) || cmp(b.id, a.id),
  title: (a, b) => cmp(a.title.toLowerCase(), b.title.toLowerCase()) || cmp(a.id, b.id),
  createdAt: (a, b) => cmp(a.createdAt, b.createdAt) || cmp(b.id, a.id),
  "-createdAt": (a, b) => cmp(b.createdAt, a.createdAt) || cmp(a.id, b.id),
};

interface Query {
  status?: "open" | "completed" | "all";
  q?: string;
  priority?: string[];
  tag?: string[];
  dueBefore?: string;
  dueAfter?: string;
  overdue?: boolean;
  sort?: string;
}

/**
 * The documented search, written out again here: every word of q begins a
 * word of the title, description or tags (case and accents ignored); a
 * "phrase" is those words in a row within one field, the last a beginning;
 * q without a word matches nothing.
 */
function searchOracle(t: T, q: string): boolean {
  const words = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const fields = [t.title, t.description, ...t.tags].map(words);
  const qWords = words(q);
  if (qWords.length === 0) return false;
  const begins = (w: string) => fields.some((f) => f.some((fw) => fw.startsWith(w)));
  const phrases = q.split('"').filter((_, i) => i % 2 === 1).map(words).filter((p) => p.length > 1);
  const inRow = (p: string[]) => fields.some((f) => f.some((_, i) => p.every((w, j) => (j === p.length - 1 ? f[i + j]?.startsWith(w) : f[i + j] === w))));
  return qWords.every(begins) && phrases.every(inRow);
}

function oracle(tasks: T[], query: Query, now: number): string[] {
  const status = query.status ?? "open";
  return tasks
    .filter((t) => status === "all" || t.status === status)
    .filter((t) => query.q === undefined || searchOracle(t, query.q))
    .filter((t) => !query.priority || query.priority.includes(t.priority))
    .filter((t) => !query.tag || query.tag.every((tag) => t.tags.includes(tag)))
    .filter((t) => !query.dueAfter || (t.dueAt !== null && t.dueAt >= query.dueAfter))
    .filter((t) => !query.dueBefore || (t.dueAt !== null && t.dueAt < query.dueBefore))
    .filter((t) => !query.overdue || (t.status === "open" && t.dueAt !== null && Date.parse(t.dueAt) < now))
    .sort(ORACLE_SORTS[query.sort ?? "-createdAt"])
    .map((t) => t.id);
}

function toSearch(query: Query, limit: number, cursor?: string): string {
  const p = new URLSearchParams();
  if (query.status) p.set("status", query.status);
  if (query.q) p.set("q", query.q);
  if (query.priority) p.set("priority", query.priority.join(","));
  for (const tag of query.tag ?? []) p.append("tag", tag);
  if (query.dueBefore) p.set("dueBefore", query.dueBefore);
  if (query.dueAfter) p.set("dueAfter", query.dueAfter);
  if (query.overdue) p.set("overdue", "true");
  if (query.sort) p.set("sort", query.sort);
  p.set("limit", String(limit));
  if (cursor) p.set("cursor", cursor);
  return p.toString();
}

describe("listing tasks: filters, sorts and pages against an oracle", function () {
  const user = `query-${randomUUID()}`;
  let api: Awaited<ReturnType<typeof apiAs>>;
  const tasks: T[] = [];
  const now = Date.now();

  async function listAll(query: Query, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const res = await api.call("GET", `/tasks?${toSearch(query, limit, cursor)}`);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.items.length).to.be.at.most(limit);
      ids.push(...res.body.items.map((t: T) => t.id));
      cursor = res.body.nextCursor ?? undefined;
      if (!cursor) return ids;
    }
    throw new Error("pagination did not end");
  }

  before(async () => {
    api = await apiAs(user);
    const titles = ["Alpha report", "beta plan", "C++ guide", "50% off sale", "a.b.c notes", "(paren) task", "Zebra", "alpha REPORT draft", "Ünïcode title", "x*y+z"];
    const tagSets = [[], ["work"], ["home"], ["work", "urgent"], ["home", "later"], ["work", "home", "urgent"]];
    const dues = [null, now - 3 * DAY, now + 2 * DAY, now - 10 * DAY, now + 30 * DAY, now + 2 * DAY];
    const priorities = ["none", "low", "medium", "high"] as const;
    for (let i = 0; i < 30; i++) {
      const due = dues[i % dues.length]!;
      const body = {
        title: titles[i % titles.length]!,
        description: i % 4 === 0 ? "contains the word Needle" : `plain ${i}`,
        priority: priorities[(i * 7) % 4]!,
        tags: tagSets[i % tagSets.length]!,
        dueAt: due === null ? null : new Date(due).toISOString(),
      };
      const res = await api.call("POST", "/tasks", body);
      expect(res.status).to.equal(201);
      tasks.push(res.body as T);
    }
    for (const t of tasks.filter((_, i) => i % 3 === 0)) {
      const res = await api.call("POST", `/tasks/${t.id}/complete`);
      expect(res.status).to.equal(200);
      t.status = "completed";
    }
  });

  it("orders every sort the documented way, paging without gaps or repeats", async () => {
    for (const sort of Object.keys(ORACLE_SORTS)) {
      for (const status of ["open", "completed", "all"] as const) {
        const query = { sort, status };
        expect(await listAll(query, 7), `sort=${sort} status=${status}`).to.deep.equal(oracle(tasks, query, Date.now()));
      }
    }
  });

  it("filters by text, priority, tags, due range and overdue, alone and combined", async () => {
    const at = (offset: number) => new Date(now + offset).toISOString();
    const queries: Query[] = [
      { status: "all", q: "alpha report" },
      { status: "all", q: "needle" },
      { status: "all", q: "C++" },
      { status: "all", q: "50%" },
      { status: "all", q: "a.b" },
      { status: "all", q: "(paren)" },
      { status: "all", q: "x*y+z" },
      { status: "all", q: ".*" },
      { status: "all", q: "unicode" },
      { status: "all", q: "REP alp" },
      { status: "all", q: '"alpha report"' },
      { status: "all", q: '"report alpha"' },
      { status: "all", q: '"alpha rep" draft' },
      { status: "all", q: "ord" },
      { status: "all", q: "urg" },
      { status: "all", q: "eedle" },
      { priority: ["high"] },
      { status: "all", priority: ["low", "medium"], sort: "priority" },
      { status: "all", tag: ["work"] },
      { status: "all", tag: ["work", "urgent"], sort: "title" },
      { status: "all", tag: ["home", "work", "urgent"] },
      { status: "all", tag: ["nope"] },
      { status: "all", dueAfter: at(0), sort: "dueAt" },
      { status: "all", dueBefore: at(0), sort: "-dueAt" },
      { status: "all", dueAfter: at(-5 * DAY), dueBefore: at(5 * DAY), sort: "dueAt" },
      { overdue: true, sort: "dueAt" },
      { status: "all", overdue: true },
      { status: "completed", overdue: true },
      { status: "all", q: "alpha", tag: ["work"], priority: ["none", "low", "medium", "high"], sort: "-priority" },
    ];
    for (const query of queries) {
      const expected = oracle(tasks, query, Date.now());
      expect(await listAll(query, 4), JSON.stringify(query)).to.deep.equal(expected);
    }
  });

  it("pages through a list while tasks are being added without skipping or repeating any", async () => {
    const before = await listAll({ status: "all", sort: "createdAt" }, 50);
    const seen: string[] = [];
    let cursor: string | undefined;
    let inserted = 0;
    for (;;) {
      const res = await api.call("GET", `/tasks?${toSearch({ status: "all", sort: "createdAt" }, 4, cursor)}`);
      seen.push(...res.body.items.map((t: T) => t.id));
      // Between pages, other clients add tasks.
      await Promise.all([api.call("POST", "/tasks", { title: `concurrent ${inserted++}` }), api.call("POST", "/tasks", { title: `concurrent ${inserted++}` })]);
      cursor = res.body.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(new Set(seen).size, "no task repeated").to.equal(seen.length);
    for (const id of before) expect(seen, "every task that existed is listed").to.include(id);
  });

  it("counts the user's tags on live tasks", async () => {
    const res = await api.call("GET", "/tags");
    expect(res.status).to.equal(200);
    const counts = new Map<string, number>();
    for (const t of tasks) for (const tag of t.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    const expected = [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || cmp(a.tag, b.tag));
    expect(res.body.items).to.deep.equal(expected);
  });

  it("shows a write in the same user's list at once (read-your-writes)", async () => {
    for (let i = 0; i < 5; i++) {
      const created = await api.call("POST", "/tasks", { title: `ryw ${i}`, tags: ["ryw"] });
      const listed = await api.call("GET", "/tasks?tag=ryw&sort=-createdAt&limit=1");
      expect(listed.body.items[0]?.id).to.equal(created.body.id);
      const renamed = await api.call("PATCH", `/tasks/${created.body.id}`, { title: `ryw ${i} renamed` });
      expect(renamed.status).to.equal(200);
      const again = await api.call("GET", `/tasks?tag=ryw&q=${encodeURIComponent(`ryw ${i} renamed`)}`);
      expect(again.body.items.map((t: T) => t.id)).to.deep.equal([created.body.id]);
      await api.call("DELETE", `/tasks/${created.body.id}`);
      const gone = await api.call("GET", "/tasks?tag=ryw&status=all");
      expect(gone.body.items.map((t: T) => t.id)).not.to.include(created.body.id);
    }
  });
});
