/** The whole stack through REST: the life of one task, and its audit trail. */
import { expect } from "chai";
import { apiAs, eventually, target } from "../support/stack.js";

describe("a task's life through the REST API", function () {

  it("create → list at once → update → complete → delete, with the audit trail in order", async () => {
    const alice = await apiAs("alice-crud");

    const created = await alice.call("POST", "/tasks", { title: "Renew passport", description: "before March", priority: "high", tags: ["Admin", "admin", "travel"] });
    expect(created.status).to.equal(201);
    const id: string = created.body.id;
    expect(created.headers.get("location")).to.equal(`/api/v1/tasks/${id}`);
    expect(created.headers.get("etag")).to.equal('"1"');
    expect(created.body).to.include({ title: "Renew passport", status: "open", priority: "high", version: 1 });
    expect(created.body.tags).to.deep.equal(["admin", "travel"]);

    const listed = await alice.call("GET", "/tasks");
    expect(listed.status).to.equal(200);
    expect(listed.body.items.map((t: { id: string }) => t.id)).to.include(id);

    const updated = await alice.call("PATCH", `/tasks/${id}`, { title: "Renew passports" }, { "if-match": '"1"' });
    expect(updated.status).to.equal(200);
    expect(updated.body).to.include({ title: "Renew passports", version: 2 });
    const stale = await alice.call("PATCH", `/tasks/${id}`, { title: "lost update" }, { "if-match": '"1"' });
    expect(stale.status).to.equal(412);

    const completed = await alice.call("POST", `/tasks/${id}/complete`);
    expect(completed.status).to.equal(200);
    expect(completed.body.task).to.include({ status: "completed", version: 3 });
    expect(completed.body.next).to.equal(null);
    expect((await alice.call("POST", `/tasks/${id}/complete`)).status).to.equal(409);

    const openList = await alice.call("GET", "/tasks");
    expect(openList.body.items.map((t: { id: string }) => t.id)).not.to.include(id);
    const doneList = await alice.call("GET", "/tasks?status=completed");
    expect(doneList.body.items.map((t: { id: string }) => t.id)).to.include(id);

    expect((await alice.call("DELETE", `/tasks/${id}`)).status).to.equal(204);
    expect((await alice.call("GET", `/tasks/${id}`)).status).to.equal(404);
    const allList = await alice.call("GET", "/tasks?status=all");
    expect(allList.body.items.map((t: { id: string }) => t.id)).not.to.include(id);

    const trail = await eventually(
      () => alice.call("GET", `/tasks/${id}/history`),
      (r) => r.status === 200 && r.body.items.length === 4,
      20_000,
      "four audit entries",
    );
    expect(trail.body.items.map((e: { type: string }) => e.type)).to.deep.equal([
      "tickler.task.created.v1",
      "tickler.task.updated.v1",
      "tickler.task.completed.v1",
      "tickler.task.deleted.v1",
    ]);
    expect(trail.body.items.map((e: { version: number }) => e.version)).to.deep.equal([1, 2, 3, 4]);
    expect(trail.body.items[1].changed).to.deep.equal(["title"]);
  });

  it("keeps a per-user history across tasks, paged in recording order, and only the caller's", async () => {
    const bob = await apiAs(`bob-history-${Date.now()}`);
    const eve = await apiAs(`eve-history-${Date.now()}`);
    const first = (await bob.call("POST", "/tasks", { title: "one" })).body.id as string;
    const second = (await bob.call("POST", "/tasks", { title: "two" })).body.id as string;
    await bob.call("PATCH", `/tasks/${first}`, { priority: "high" });
    await bob.call("POST", `/tasks/${second}/complete`);
    await bob.call("DELETE", `/tasks/${first}`);
    await eve.call("POST", "/tasks", { title: "eve's own" });

    await eventually(() => bob.call("GET", "/history?limit=200"), (r) => r.status === 200 && r.body.items.length === 5, 20_000, "five entries in bob's feed");
    // Page two at a time: nothing skipped or repeated, order stable.
    const paged: { eventId: string; taskId: string; type: string; version: number; recordedAt: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: any } = await bob.call("GET", `/history?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).to.equal(200);
      expect(page.body.items.length).to.be.at.most(2);
      paged.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).to.have.length(5);
    expect(new Set(paged.map((e) => e.eventId)).size).to.equal(5);
    expect(paged.map((e) => e.recordedAt)).to.deep.equal([...paged.map((e) => e.recordedAt)].sort());
    // Each task's own entries keep their version order within the feed.
    expect(paged.filter((e) => e.taskId === first).map((e) => [e.type, e.version])).to.deep.equal([
      ["tickler.task.created.v1", 1],
      ["tickler.task.updated.v1", 2],
      ["tickler.task.deleted.v1", 3],
    ]);
    expect(paged.filter((e) => e.taskId === second).map((e) => e.type)).to.deep.equal(["tickler.task.created.v1", "tickler.task.completed.v1"]);
    expect(paged.find((e) => e.type === "tickler.task.updated.v1")).to.deep.include({ changed: ["priority"], actor: bob.user });

    const eves = await eventually(() => eve.call("GET", "/history"), (r) => r.status === 200 && r.body.items.length === 1, 20_000, "eve's feed");
    expect(eves.body.items[0].task.title).to.equal("eve's own");
    for (const bad of ["limit=0", "limit=201", "limit=x", "cursor=bm9wZQ", "since=2026-01-01", "limit=1&limit=2"]) {
      const res = await bob.call("GET", `/history?${bad}`);
      expect(res.status, bad).to.equal(400);
      expect(res.headers.get("content-type"), bad).to.match(/application\/problem\+json/);
    }
  });

  it("keeps users apart: another user's task is 404 on every route", async () => {
    const alice = await apiAs("alice-private");
    const mallory = await apiAs("mallory");
    const { body } = await alice.call("POST", "/tasks", { title: "private" });
    const id = body.id as string;
    expect((await mallory.call("GET", `/tasks/${id}`)).status).to.equal(404);
    expect((await mallory.call("PATCH", `/tasks/${id}`, { title: "mine now" })).status).to.equal(404);
    expect((await mallory.call("POST", `/tasks/${id}/complete`)).status).to.equal(404);
    expect((await mallory.call("POST", `/tasks/${id}/reopen`)).status).to.equal(404);
    expect((await mallory.call("DELETE", `/tasks/${id}`)).status).to.equal(404);
    expect((await mallory.call("GET", `/tasks/${id}/history`)).status).to.equal(404);
    const list = await mallory.call("GET", "/tasks?status=all");
    expect(list.body.items.map((t: { id: string }) => t.id)).not.to.include(id);
    const mine = await alice.call("GET", `/tasks/${id}`);
    expect(mine.body).to.include({ title: "private", version: 1 });
  });

  it("answers 401 without a valid token, and Dapr callback routes need the app token", async () => {
    const base = target().apiUrl;
    expect((await fetch(`${base}/api/v1/tasks`)).status).to.equal(401);
    expect((await fetch(`${base}/api/v1/tasks`, { headers: { authorization: "Bearer nope" } })).status).to.equal(401);
    const res = await fetch(`${base}/actors/TaskActor/00000000-0000-4000-8000-000000000000/method/read`, { method: "PUT", body: '["alice"]' });
    expect(res.status).to.equal(401);
    expect(res.headers.get("content-type")).to.match(/application\/problem\+json/);
    expect((await fetch(`${base}/dapr/config`)).status).to.equal(401);
    expect((await fetch(`${base}/events/task-updates`, { method: "POST", body: "{}" })).status).to.equal(401);
  });
});
