/**
 * Hostile input, idempotency and rate limits through REST on the real stack.
 * Every rejected request must leave the store exactly as it was.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { apiAs, eventually, sidecarOf, stack } from "../support/stack.js";

describe("safety of the REST API", function () {

  it("answers every committed change with its success, also for a task of several KB (dapr/dapr#10140)", async () => {
    // With a timeout policy on the actor target, daprd 1.18 cut off about one
    // in twenty responses of this size mid-body: the actor had committed, the
    // client got 500. 4 tasks × 40 rounds of 12 KB descriptions.
    const api = await apiAs(`large-${randomUUID()}`);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await api.call("POST", "/tasks", { title: `large ${i}` })).body.id);
    const failures: string[] = [];
    const rounds = 40;
    for (let round = 0; round < rounds; round++) {
      const description = String.fromCharCode(0x20ac + (round % 8)).repeat(4000);
      const replies = await Promise.all(ids.map((id) => api.call("PATCH", `/tasks/${id}`, { description })));
      for (const r of replies) if (r.status !== 200) failures.push(`${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    }
    expect(failures, "changes answered with an error").to.deep.equal([]);
    for (const id of ids) expect((await api.call("GET", `/tasks/${id}`)).body.version).to.equal(1 + rounds);
  });

  it("answers a table of hostile inputs with 4xx problem+json and changes nothing", async () => {
    const user = `hostile-${randomUUID()}`;
    const api = await apiAs(user);
    const victim = (await api.call("POST", "/tasks", { title: "victim", tags: ["keep"] })).body;
    const other = await apiAs(`other-${randomUUID()}`);
    const othersTask = (await other.call("POST", "/tasks", { title: "not yours" })).body;
    const snapshot = async () => ({
      mine: (await api.call("GET", "/tasks?status=all&limit=100")).body.items,
      victim: (await api.call("GET", `/tasks/${victim.id}`)).body,
      theirs: (await other.call("GET", `/tasks/${othersTask.id}`)).body,
    });
    const before = await snapshot();

    const raw = (method: string, path: string, body: string, contentType = "application/json", extra: Record<string, string> = {}) =>
      fetch(`${stack().apiUrl}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${api.token}`, "content-type": contentType, ...extra },
        body,
      });
    const cases: [string, () => Promise<Response | { status: number; headers: Headers }>, number][] = [
      ["malformed JSON", () => raw("POST", "/tasks", '{"title": "x"'), 400],
      ["JSON array body", () => raw("POST", "/tasks", "[]"), 400],
      ["JSON null body", () => raw("POST", "/tasks", "null"), 400],
      ["title of the wrong type", () => api.call("POST", "/tasks", { title: 42 }), 400],
      ["unknown field", () => api.call("POST", "/tasks", { title: "x", colour: "red" }), 400],
      ["server-owned status", () => api.call("POST", "/tasks", { title: "x", status: "completed" }), 400],
      ["server-owned ownerId", () => api.call("POST", "/tasks", { title: "x", ownerId: "someone" }), 400],
      ["over-long title", () => api.call("POST", "/tasks", { title: "x".repeat(201) }), 400],
      ["over-long description", () => api.call("POST", "/tasks", { title: "x", description: "y".repeat(4001) }), 400],
      ["too many tags", () => api.call("POST", "/tasks", { title: "x", tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }), 400],
      ["over-long tag", () => api.call("POST", "/tasks", { title: "x", tags: ["t".repeat(41)] }), 400],
      ["impossible date", () => api.call("POST", "/tasks", { title: "x", dueAt: "2026-13-45T25:00:00Z" }), 400],
      ["date without zone", () => api.call("POST", "/tasks", { title: "x", dueAt: "2026-12-01T09:00:00" }), 400],
      ["unknown time zone", () => api.call("POST", "/tasks", { title: "x", timeZone: "Mars/Olympus_Mons" }), 400],
      ["invalid RRULE", () => api.call("POST", "/tasks", { title: "x", dueAt: "2026-12-01T09:00:00Z", recurrence: { rule: "FREQ=SOMETIMES" } }), 400],
      ["recurrence without dueAt", () => api.call("POST", "/tasks", { title: "x", recurrence: { rule: "FREQ=DAILY" } }), 400],
      ["relative reminder without dueAt", () => api.call("POST", "/tasks", { title: "x", reminders: [{ before: "PT15M" }] }), 400],
      ["reminder in words", () => api.call("POST", "/tasks", { title: "x", dueAt: "2026-12-01T09:00:00Z", reminders: [{ before: "15 minutes" }] }), 400],
      ["too many reminders", () => api.call("POST", "/tasks", { title: "x", dueAt: "2026-12-01T09:00:00Z", reminders: Array.from({ length: 11 }, () => ({ before: "PT1M" })) }), 400],
      ["operator object as a value", () => api.call("PATCH", `/tasks/${victim.id}`, { title: { $ne: null } }), 400],
      ["update operator as the body", () => api.call("PATCH", `/tasks/${victim.id}`, { $set: { title: "owned" } }), 400],
      ["empty patch", () => api.call("PATCH", `/tasks/${victim.id}`, {}), 400],
      ["oversized body", () => api.call("POST", "/tasks", { title: "x", description: "y".repeat(70_000) }), 413],
      ["wrong content type", () => raw("POST", "/tasks", "title=x", "application/x-www-form-urlencoded"), 415],
      ["bad Idempotency-Key", () => raw("POST", "/tasks", '{"title":"x"}', "application/json", { "idempotency-key": "has spaces in it" }), 400],
      ["$ne smuggled in a query", () => api.call("GET", "/tasks?status[$ne]=open"), 400],
      ["$where as a sort", () => api.call("GET", "/tasks?sort=$where"), 400],
      ["parameter repeated", () => api.call("GET", "/tasks?q=a&q=b"), 400],
      ["unknown priority", () => api.call("GET", "/tasks?priority=urgent"), 400],
      ["limit out of range", () => api.call("GET", "/tasks?limit=1000"), 400],
      ["forged cursor", () => api.call("GET", `/tasks?cursor=${Buffer.from('["-createdAt",{"$gt":""},"x"]').toString("base64url")}`), 400],
      ["cursor of another sort", () => api.call("GET", `/tasks?sort=title&cursor=${Buffer.from('["-createdAt","2026-01-01T00:00:00.000Z","x"]').toString("base64url")}`), 400],
      ["another user's task: patch", () => api.call("PATCH", `/tasks/${othersTask.id}`, { title: "mine" }), 404],
      ["another user's task: delete", () => api.call("DELETE", `/tasks/${othersTask.id}`), 404],
      ["another user's task: complete", () => api.call("POST", `/tasks/${othersTask.id}/complete`), 404],
      ["path traversal as an id", () => api.call("GET", "/tasks/..%2F..%2Fdapr%2Fconfig"), 404],
    ];
    for (const [name, send, status] of cases) {
      const res = await send();
      expect(res.status, name).to.equal(status);
      const type = res.headers.get("content-type") ?? "";
      expect(type, name).to.match(/application\/problem\+json/);
    }
    expect(await snapshot()).to.deep.equal(before);
  });

  it("creates exactly one task for 10 concurrent requests with one Idempotency-Key", async () => {
    const api = await apiAs(`idem-${randomUUID()}`);
    const key = randomUUID();
    const body = { title: "pay rent", tags: ["money"], priority: "high" };
    const responses = await Promise.all(Array.from({ length: 10 }, () => api.call("POST", "/tasks", body, { "idempotency-key": key })));
    expect(responses.map((r) => r.status)).to.deep.equal(Array(10).fill(201));
    const ids = new Set(responses.map((r) => r.body.id));
    expect(ids.size).to.equal(1);
    expect(responses.filter((r) => r.headers.get("idempotent-replayed") === "true")).to.have.length(9);
    const list = await api.call("GET", "/tasks?status=all");
    expect(list.body.items.filter((t: { title: string }) => t.title === "pay rent")).to.have.length(1);
    // Same key, same body but fields in another order: still a replay.
    const reordered = await api.call("POST", "/tasks", { priority: "high", tags: ["money"], title: "pay rent" }, { "idempotency-key": key });
    expect(reordered.status).to.equal(201);
    expect(reordered.body.id).to.equal([...ids][0]);
    // Same key, different body: refused, nothing created.
    const reuse = await api.call("POST", "/tasks", { title: "something else" }, { "idempotency-key": key });
    expect(reuse.status).to.equal(422);
    const [id] = [...ids];
    const history = await eventually(() => api.call("GET", `/tasks/${id}/history`), (r) => r.status === 200 && r.body.items.length >= 1, 20_000, "history");
    expect(history.body.items.map((e: { type: string }) => e.type)).to.deep.equal(["tickler.task.created.v1"]);
    // Another user with the same key gets their own task.
    const bob = await apiAs(`idem-bob-${randomUUID()}`);
    const theirs = await bob.call("POST", "/tasks", body, { "idempotency-key": key });
    expect(theirs.status).to.equal(201);
    expect(theirs.body.id).not.to.equal(id);
  });

  it("rate-limits a user with 429 and Retry-After, without slowing other users", async () => {
    const api = await apiAs(`flood-${randomUUID()}`);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    // Cheap requests (404 after the limiter) so the burst is used up quickly.
    for (let round = 0; round < 25 && !statuses.includes(429); round++) {
      const batch = await Promise.all(Array.from({ length: 40 }, () => api.call("GET", "/tasks/not-a-task")));
      for (const res of batch) {
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get("retry-after");
      }
    }
    expect(statuses).to.include(429);
    expect(Number(retryAfter)).to.be.at.least(1);
    const bystander = await apiAs(`bystander-${randomUUID()}`);
    expect((await bystander.call("GET", "/tasks")).status).to.equal(200);
  });

  it("lets nobody reach actors through the sidecar without the Dapr API token", async () => {
    const api = await apiAs(`sidecar-${randomUUID()}`);
    const task = (await api.call("POST", "/tasks", { title: "guarded" })).body;
    const daprd = `http://127.0.0.1:${stack().profile.apps.api.daprHttp}`;
    for (const headers of [{}, { "dapr-api-token": "guess-guess-guess-guess" }] as Record<string, string>[]) {
      const read = await fetch(`${daprd}/v1.0/actors/TaskActor/${task.id}/method/read`, { method: "POST", headers, body: '["mallory"]' });
      expect(read.status).to.equal(401);
      const state = await fetch(`${daprd}/v1.0/actors/TaskActor/${task.id}/state/record`, { headers });
      expect(state.status).to.equal(401);
    }
    // And with the token, the actor still enforces ownership.
    const reply = await sidecarOf("api").invokeActor<{ ok: boolean; error?: { code: string } }>("TaskActor", task.id, "read", ["mallory"]);
    expect(reply).to.deep.equal({ ok: false, error: { code: "not_found", message: `task ${task.id} does not exist` } });
  });

  it("answers the app port's callback routes to daprd only: no spelling of the path gets around the app token (issue 20)", async () => {
    const api = await apiAs(`callback-${randomUUID()}`);
    const title = `not for strangers ${randomUUID()}`;
    const task = (await api.call("POST", "/tasks", { title })).body;
    const app = `http://127.0.0.1:${stack().profile.apps.api.app}`;
    const read = `TaskActor/${task.id}/method/read`;
    const tries: [string, string][] = [
      ["PUT", `/ACTORS/${read}`],
      ["PUT", `/Actors/${read}`],
      ["PUT", `/actors/${read}`],
      ["PUT", `//actors/${read}`],
      ["PUT", `/actors%2F${read}`],
      ["PUT", `/actors/${read}/`],
      ["PUT", `/actors/${read}.`],
      ["GET", "/DAPR/subscribe"],
      ["GET", "/Dapr/config"],
      ["GET", "/dapr/subscribe"],
      ["GET", "/dapr/config"],
      ["GET", "/INTERNAL/test/actors"],
    ];
    for (const [method, path] of tries) {
      const res = await fetch(app + path, { method, headers: { "content-type": "application/json" }, body: method === "PUT" ? JSON.stringify([api.user]) : undefined });
      const text = await res.text();
      expect([401, 404], `${method} ${path}: ${res.status} ${text.slice(0, 200)}`).to.include(res.status);
      expect(text, `${method} ${path}`).not.to.include(title);
    }
    // daprd's own spelling, with the token, still answers.
    const subscribe = await fetch(`${app}/dapr/subscribe`, { headers: { "dapr-api-token": stack().secrets.appApiToken } });
    expect(subscribe.status).to.equal(200);
    expect(((await subscribe.json()) as unknown[]).length).to.be.greaterThan(0);
    expect((await api.call("GET", `/tasks/${task.id}`)).body).to.include({ title, version: 1 });
  });
});
