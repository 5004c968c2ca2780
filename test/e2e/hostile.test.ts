/**
 * Hostile clients, generated: fast-check draws invalid bodies and queries
 * from the request schemas' own rules (wrong types, server-owned and unknown
 * fields, out-of-range values, control and bidirectional characters, deep
 * and huge JSON) and sends each to the real stack. Every one must answer a
 * 4xx problem+json, and neither the caller's nor another user's data may
 * change (compared before and after). Then object-level authorization on
 * every task route, tokens that must not authenticate, and an idempotency
 * key reused by another user.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import fc from "fast-check";
import { SignJWT, UnsecuredJWT } from "jose";
import { apiAs, stack } from "../support/stack.js";

const BIDI_AND_CONTROL = ["\u202E", "\u2066", "\u200F", "\u0000", "\u0007", "\u001B", "\n", "\u0085"];
const SERVER_OWNED = ["id", "ownerId", "status", "version", "createdAt", "updatedAt", "completedAt", "seriesId", "snoozedUntil"];

/** A value of the wrong kind for a field that wants `kind`. */
const wrongKind = (kind: "string" | "array" | "object") =>
  fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), ...(kind !== "array" ? [fc.array(fc.string(), { maxLength: 2 })] : []), ...(kind !== "object" ? [fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 })] : []), ...(kind !== "string" ? [fc.string()] : []));

/** A create body with exactly one thing wrong. */
const invalidCreate = fc.oneof(
  fc.record({ title: wrongKind("string") }),
  fc.constant({}),
  fc.record({ title: fc.constant("   ") }),
  fc.record({ title: fc.string({ minLength: 201, maxLength: 300 }).filter((t) => t.trim().length > 200) }),
  fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...BIDI_AND_CONTROL), fc.string({ maxLength: 20 })).map(([a, bad, b]) => ({ title: `x${a}${bad}${b}` })),
  fc.tuple(fc.constantFrom(...SERVER_OWNED), fc.jsonValue()).map(([field, value]) => ({ title: "mass assignment", [field]: value })),
  fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !["title", "description", "priority", "tags", "dueAt", "timeZone", "reminders", "recurrence"].includes(k)).map((k) => ({ title: "unknown field", [k]: 1 })),
  fc.string({ maxLength: 12 }).filter((p) => !["none", "low", "medium", "high"].includes(p)).map((priority) => ({ title: "t", priority })),
  fc.array(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 21, maxLength: 30 }).map((tags) => ({ title: "t", tags })),
  fc.string({ maxLength: 30 }).filter((d) => Number.isNaN(Date.parse(d)) || !/Z|[+-]\d\d:\d\d$/.test(d)).map((dueAt) => ({ title: "t", dueAt })),
  fc.string({ minLength: 1, maxLength: 20 }).filter((z) => !/^[A-Za-z_]+\/[A-Za-z_]+$/.test(z) && z !== "UTC").map((timeZone) => ({ title: "t", timeZone })),
  fc.record({ rule: fc.constantFrom("FREQ=SECONDLY", "FREQ=MINUTELY", "FREQ=NEVER", "DTSTART=20260101T000000Z;FREQ=DAILY", "COUNT=0;FREQ=DAILY", "banana") }).map((recurrence) => ({ title: "t", dueAt: "2026-12-01T09:00:00Z", recurrence })),
  fc.constantFrom({ title: "t", reminders: [{ before: "PT15M" }] }, { title: "t", reminders: [{ before: "soon" }] }, { title: "t", reminders: Array.from({ length: 11 }, () => ({ at: "2026-12-01T09:00:00Z" })) }),
);

/** A list query with exactly one bad parameter. */
const invalidQuery = fc.oneof(
  fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !["dueAt", "-dueAt", "priority", "-priority", "title", "createdAt", "-createdAt"].includes(s)).map((sort) => ({ sort })),
  fc.oneof(fc.integer({ min: -50, max: 0 }), fc.integer({ min: 101, max: 100_000 })).map((limit) => ({ limit: String(limit) })),
  fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !["open", "completed", "all"].includes(s)).map((status) => ({ status })),
  fc.string({ minLength: 1, maxLength: 30 }).map((cursor) => ({ cursor: `${cursor}!` })),
  fc.string({ minLength: 1, maxLength: 10 }).filter((p) => !/^(none|low|medium|high)(,(none|low|medium|high))*$/.test(p)).map((priority) => ({ priority })),
  fc.constantFrom("yesterday", "2026-13-01T00:00:00Z", "1").map((dueAfter) => ({ dueAfter })),
);

describe("hostile clients, generated (real stack)", function () {

  it("answers every generated invalid request with 4xx problem+json and changes nothing", async () => {
    const api = await apiAs(`hostile-gen-${randomUUID()}`);
    const other = await apiAs(`bystander-${randomUUID()}`);
    const mine = (await api.call("POST", "/tasks", { title: "mine", tags: ["keep"] })).body;
    await other.call("POST", "/tasks", { title: "theirs", tags: ["keep"] });
    const snapshot = async () => JSON.stringify([
      (await api.call("GET", "/tasks?status=all&limit=100")).body.items,
      (await other.call("GET", "/tasks?status=all&limit=100")).body.items,
      (await api.call("GET", "/tags")).body,
    ]);
    const before = await snapshot();
    const wrong: string[] = [];
    let sent = 0;
    const check = (what: string, res: { status: number; headers: Headers; body: unknown }) => {
      sent++;
      const problem = (res.headers.get("content-type") ?? "").startsWith("application/problem+json");
      if (res.status < 400 || res.status >= 500 || !problem) wrong.push(`${res.status} ${what}`);
    };
    for (const body of fc.sample(invalidCreate, { numRuns: 110, seed: 42 })) check(`POST /tasks ${JSON.stringify(body).slice(0, 120)}`, await api.call("POST", "/tasks", body));
    // The same bodies without their title, as a PATCH (one that becomes empty sends a title of the wrong type).
    const withoutTitle = (body: object): object => {
      const { title: _t, ...rest } = body as Record<string, unknown>;
      return Object.keys(rest).length > 0 ? rest : { title: 7 };
    };
    for (const body of fc.sample(invalidCreate.map(withoutTitle), { numRuns: 30, seed: 7 })) {
      check(`PATCH ${JSON.stringify(body).slice(0, 120)}`, await api.call("PATCH", `/tasks/${mine.id}`, body));
    }
    for (const query of fc.sample(invalidQuery, { numRuns: 30, seed: 3 })) {
      const qs = new URLSearchParams(query as Record<string, string>).toString();
      check(`GET /tasks?${qs}`, await api.call("GET", `/tasks?${qs}`));
    }
    // Deep and huge JSON.
    const raw = async (body: string) => {
      const res = await fetch(`${stack().apiUrl}/api/v1/tasks`, { method: "POST", headers: { authorization: `Bearer ${api.token}`, "content-type": "application/json" }, body });
      return { status: res.status, headers: res.headers, body: await res.text() };
    };
    check("10,000 nested arrays", await raw(`{"title":${"[".repeat(10_000)}${"]".repeat(10_000)}}`));
    check("a 1 MB body", await raw(JSON.stringify({ title: "x", description: "y".repeat(1_000_000) })));
    expect(wrong, `${wrong.length} of ${sent} answered wrongly`).to.deep.equal([]);
    expect(sent).to.be.at.least(150);
    expect(await snapshot(), "no data changed").to.equal(before);
    process.stdout.write(`      ${sent} generated and hand-made hostile requests, all 4xx problem+json, no data changed\n`);
  });

  it("keeps every task route of one user's task at 404 for another user, and changes nothing", async () => {
    const owner = await apiAs(`owner-${randomUUID()}`);
    const thief = await apiAs(`thief-${randomUUID()}`);
    const task = (await owner.call("POST", "/tasks", { title: "private", tags: ["secret"], dueAt: "2026-12-01T09:00:00Z", recurrence: { rule: "FREQ=DAILY" } })).body;
    const before = JSON.stringify((await owner.call("GET", `/tasks/${task.id}`)).body);
    const routes: [string, string, unknown?][] = [
      ["GET", `/tasks/${task.id}`], ["PATCH", `/tasks/${task.id}`, { title: "mine now" }], ["DELETE", `/tasks/${task.id}`],
      ["POST", `/tasks/${task.id}/complete`], ["POST", `/tasks/${task.id}/reopen`], ["POST", `/tasks/${task.id}/snooze`, { for: "PT10M" }],
      ["GET", `/tasks/${task.id}/occurrences`], ["GET", `/tasks/${task.id}/history`],
    ];
    for (const [method, path, body] of routes) expect((await thief.call(method, path, body)).status, `${method} ${path}`).to.equal(404);
    // Tag management touches only the caller's own tasks.
    await thief.call("PATCH", "/tags/secret", { name: "stolen" });
    await thief.call("DELETE", "/tags/secret");
    expect(JSON.stringify((await owner.call("GET", `/tasks/${task.id}`)).body)).to.equal(before);
    expect((await thief.call("GET", "/history?limit=200")).body.items.filter((e: { taskId: string }) => e.taskId === task.id)).to.deep.equal([]);
  });

  it("refuses tokens that are unsigned, signed with another key, expired, or without a subject", async () => {
    const secret = new TextEncoder().encode(stack().secrets.jwtSecret);
    const tokens: [string, string][] = [
      ["alg none", new UnsecuredJWT({}).setSubject("mallory").setExpirationTime("1h").encode()],
      ["another key", await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject("mallory").setExpirationTime("1h").sign(new TextEncoder().encode("x".repeat(40)))],
      ["expired", await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject("mallory").setIssuedAt(1_700_000_000).setExpirationTime(1_700_000_060).sign(secret)],
      ["no subject", await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setExpirationTime("1h").sign(secret)],
      ["no expiry", await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject("mallory").sign(secret)],
      ["unknown kid, other algorithm", await new SignJWT({}).setProtectedHeader({ alg: "HS512", kid: "nope" }).setSubject("mallory").setExpirationTime("1h").sign(new Uint8Array(64))],
    ];
    for (const [what, token] of tokens) {
      const res = await fetch(`${stack().apiUrl}/api/v1/tasks`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, what).to.equal(401);
      expect(res.headers.get("content-type"), what).to.match(/^application\/problem\+json/);
    }
  });

  it("gives another user's reuse of an idempotency key a task of their own, never the first user's", async () => {
    const key = `shared-${randomUUID()}`;
    const alice = await apiAs(`alice-${randomUUID()}`);
    const mallory = await apiAs(`mallory-${randomUUID()}`);
    const first = await alice.call("POST", "/tasks", { title: "alice's" }, { "idempotency-key": key });
    const second = await mallory.call("POST", "/tasks", { title: "alice's" }, { "idempotency-key": key });
    expect(first.status).to.equal(201);
    expect(second.status).to.equal(201);
    expect(second.body.id).to.not.equal(first.body.id);
    expect(second.headers.get("idempotent-replayed")).to.equal(null);
    expect((await mallory.call("GET", `/tasks/${first.body.id}`)).status).to.equal(404);
  });
});
