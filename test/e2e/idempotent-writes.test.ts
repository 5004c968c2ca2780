/**
 * Idempotent task writes on the real stack (docs/adr/0018-idempotent-task-writes.md):
 * every change of a task takes an Idempotency-Key; the same key with the
 * same request is one write (the retry answers the first status and the
 * task as it is now, `Idempotent-Replayed: true`, one version and one
 * audited event); another request under the key is 422 with nothing
 * changed; keys are per user.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Task } from "../../src/domain/index.js";
import { apiAs, eventually } from "../support/stack.js";
import { join } from "../support/sharing.js";

type Api = Awaited<ReturnType<typeof apiAs>>;

/** The task's audited event types once `version` is audited (its events are in order, so all before it are in too). */
async function auditedUpTo(api: Api, id: string, version: number): Promise<string[]> {
  const history = await eventually(() => api.call("GET", `/tasks/${id}/history`), (r) => (r.body.items ?? []).some((e: { version: number }) => e.version >= version), 30_000, `version ${version} audited`);
  return (history.body.items as { type: string }[]).map((e) => e.type);
}

/** A marker write after the ones under test: once it is audited, every earlier event of the task is. */
async function mark(api: Api, id: string): Promise<number> {
  const marked = await api.call("PATCH", `/tasks/${id}`, { description: `marker ${randomUUID()}` });
  expect(marked.status, JSON.stringify(marked.body)).to.equal(200);
  return (marked.body as Task).version;
}

describe("idempotent task writes (Idempotency-Key on every change)", function () {
  this.timeout(120_000);

  const writes: { name: string; event: string; status: number; prepare?: (api: Api, id: string) => Promise<void>; send: (api: Api, id: string, key: string) => ReturnType<Api["call"]>; other: (api: Api, id: string, key: string) => ReturnType<Api["call"]> }[] = [
    {
      name: "PATCH", event: "tickler.task.updated.v1", status: 200,
      send: (api, id, key) => api.call("PATCH", `/tasks/${id}`, { title: "renamed" }, { "idempotency-key": key, "if-match": '"1"' }),
      other: (api, id, key) => api.call("PATCH", `/tasks/${id}`, { title: "something else" }, { "idempotency-key": key }),
    },
    {
      name: "snooze", event: "tickler.task.snoozed.v1", status: 200,
      send: (api, id, key) => api.call("POST", `/tasks/${id}/snooze`, { for: "PT1H" }, { "idempotency-key": key }),
      other: (api, id, key) => api.call("POST", `/tasks/${id}/snooze`, { for: "PT2H" }, { "idempotency-key": key }),
    },
    {
      name: "complete", event: "tickler.task.completed.v1", status: 200,
      send: (api, id, key) => api.call("POST", `/tasks/${id}/complete`, undefined, { "idempotency-key": key }),
      other: (api, id, key) => api.call("POST", `/tasks/${id}/reopen`, undefined, { "idempotency-key": key }),
    },
    {
      name: "reopen", event: "tickler.task.reopened.v1", status: 200,
      prepare: async (api, id) => void expect((await api.call("POST", `/tasks/${id}/complete`)).status).to.equal(200),
      send: (api, id, key) => api.call("POST", `/tasks/${id}/reopen`, undefined, { "idempotency-key": key }),
      other: (api, id, key) => api.call("POST", `/tasks/${id}/complete`, undefined, { "idempotency-key": key }),
    },
    {
      name: "DELETE", event: "tickler.task.deleted.v1", status: 204,
      send: (api, id, key) => api.call("DELETE", `/tasks/${id}`, undefined, { "idempotency-key": key }),
      other: (api, id, key) => api.call("POST", `/tasks/${id}/restore`, undefined, { "idempotency-key": key }),
    },
  ];

  for (const w of writes) {
    it(`${w.name}: the same key twice is one write; another request under it is 422 and changes nothing`, async () => {
      const me = await apiAs(`idem-${w.name}-${randomUUID()}`);
      const task = (await me.call("POST", "/tasks", { title: `idem ${w.name}`, dueAt: "2030-01-01T09:00:00Z", reminders: [{ before: "PT15M" }] })).body as Task;
      await w.prepare?.(me, task.id);
      const key = `key-${randomUUID()}`;
      const first = await w.send(me, task.id, key);
      expect(first.status, JSON.stringify(first.body)).to.equal(w.status);
      expect(first.headers.get("idempotency-key")).to.equal(key);
      expect(first.headers.get("idempotent-replayed")).to.equal(null);
      const afterFirst = w.name === "DELETE" ? null : ((await me.call("GET", `/tasks/${task.id}`)).body as Task);

      const again = await w.send(me, task.id, key);
      expect(again.status, JSON.stringify(again.body)).to.equal(w.status);
      expect(again.headers.get("idempotent-replayed")).to.equal("true");
      expect(again.headers.get("idempotency-key")).to.equal(key);
      if (afterFirst) {
        const body = again.body as Task | { task: Task };
        expect("task" in body ? body.task : body).to.deep.equal(afterFirst);
      }

      const conflict = await w.other(me, task.id, key);
      expect(conflict.status, JSON.stringify(conflict.body)).to.equal(422);
      expect(conflict.headers.get("content-type")).to.match(/application\/problem\+json/);
      expect((conflict.body as { type: string }).type).to.match(/idempotency_conflict$/);

      if (afterFirst) {
        // Nothing changed by the replay nor the refused request: one version, one audited event.
        expect((await me.call("GET", `/tasks/${task.id}`)).body).to.deep.equal(afterFirst);
        const marker = await mark(me, task.id);
        expect(marker).to.equal(afterFirst.version + 1);
        const types = await auditedUpTo(me, task.id, marker);
        const prepared = w.prepare ? ["tickler.task.completed.v1"] : [];
        expect(types).to.deep.equal(["tickler.task.created.v1", ...prepared, w.event, "tickler.task.updated.v1"]);
      } else {
        // Still in the trash, deleted once.
        expect((await me.call("GET", `/tasks/${task.id}`)).status).to.equal(404);
        const trash = (await me.call("GET", "/trash")).body.items as Task[];
        expect(trash.map((t) => t.id)).to.deep.equal([task.id]);
        expect(trash[0]!.version).to.equal(2);
        const restored = await me.call("POST", `/tasks/${task.id}/restore`);
        expect(restored.body.version).to.equal(3);
        const types = await auditedUpTo(me, task.id, 3);
        expect(types).to.deep.equal(["tickler.task.created.v1", w.event, "tickler.task.restored.v1"]);
      }
    });
  }

  it("a retry after a later change answers the task as it is now and applies nothing (a PATCH before its If-Match is checked)", async () => {
    const me = await apiAs(`idem-later-${randomUUID()}`);
    const task = (await me.call("POST", "/tasks", { title: "first" })).body as Task;
    const key = `later-${randomUUID()}`;
    const first = await me.call("PATCH", `/tasks/${task.id}`, { title: "second" }, { "idempotency-key": key, "if-match": '"1"' });
    expect(first.status).to.equal(200);
    expect(first.body.version).to.equal(2);
    const changed = await me.call("PATCH", `/tasks/${task.id}`, { title: "third" });
    expect(changed.body.version).to.equal(3);
    // The retry's If-Match ("1") is stale, and its title would undo "third": it is answered, not applied.
    const retry = await me.call("PATCH", `/tasks/${task.id}`, { title: "second" }, { "idempotency-key": key, "if-match": '"1"' });
    expect(retry.status, JSON.stringify(retry.body)).to.equal(200);
    expect(retry.headers.get("idempotent-replayed")).to.equal("true");
    expect(retry.body).to.include({ title: "third", version: 3 });
    expect(retry.headers.get("etag")).to.equal('"3"');

    // A completion retried after a reopen: answered, the task stays open.
    const done = `done-${randomUUID()}`;
    expect((await me.call("POST", `/tasks/${task.id}/complete`, undefined, { "idempotency-key": done })).status).to.equal(200);
    expect((await me.call("POST", `/tasks/${task.id}/reopen`)).status).to.equal(200);
    const completeAgain = await me.call("POST", `/tasks/${task.id}/complete`, undefined, { "idempotency-key": done });
    expect(completeAgain.status).to.equal(200);
    expect(completeAgain.headers.get("idempotent-replayed")).to.equal("true");
    expect(completeAgain.body.task).to.include({ status: "open", version: 5 });
    expect((await me.call("GET", `/tasks/${task.id}`)).body).to.include({ status: "open", version: 5 });
  });

  it("a write without a key gets one assigned and answered; a bad key is 400 naming Idempotency-Key and changes nothing", async () => {
    const me = await apiAs(`idem-nokey-${randomUUID()}`);
    const task = (await me.call("POST", "/tasks", { title: "no key" })).body as Task;
    const patched = await me.call("PATCH", `/tasks/${task.id}`, { title: "still no key" });
    expect(patched.status).to.equal(200);
    const assigned = patched.headers.get("idempotency-key");
    expect(assigned).to.match(/^[\x21-\x7e]{1,200}$/);
    // The assigned key makes the same request a replay.
    const replay = await me.call("PATCH", `/tasks/${task.id}`, { title: "still no key" }, { "idempotency-key": assigned! });
    expect(replay.headers.get("idempotent-replayed")).to.equal("true");
    expect(replay.body.version).to.equal(2);
    // Each keyless write is its own: a second completion without a key is refused as before (409).
    expect((await me.call("POST", `/tasks/${task.id}/complete`)).status).to.equal(200);
    expect((await me.call("POST", `/tasks/${task.id}/complete`)).status).to.equal(409);

    for (const bad of ["has spaces", "x".repeat(201), "é"]) {
      const refused = await me.call("POST", `/tasks/${task.id}/reopen`, undefined, { "idempotency-key": bad }).catch((err: unknown) => ({ status: 0, body: String(err), headers: new Headers() }));
      if (refused.status === 0) continue; // fetch itself refuses a non-ASCII header value: it never reaches the server.
      expect(refused.status).to.equal(400);
      expect(refused.headers.get("content-type")).to.match(/application\/problem\+json/);
      expect(refused.body.errors.map((e: { path: string }) => e.path)).to.deep.equal(["Idempotency-Key"]);
    }
    expect((await me.call("GET", `/tasks/${task.id}`)).body).to.include({ status: "completed", version: 3 });
  });

  it("two users' same key on a shared task are two writes", async () => {
    const ada = await apiAs(`idem-ada-${randomUUID()}`);
    const bob = await apiAs(`idem-bob-${randomUUID()}`);
    const list = (await ada.call("POST", "/lists", { name: "Shared" })).body.id as string;
    await join(ada, list, bob, "editor");
    const task = (await ada.call("POST", "/tasks", { title: "shared", listId: list })).body as Task;
    const key = `shared-${randomUUID()}`;
    const byAda = await ada.call("PATCH", `/tasks/${task.id}`, { title: "Ada's" }, { "idempotency-key": key });
    expect(byAda.status).to.equal(200);
    const byBob = await bob.call("PATCH", `/tasks/${task.id}`, { description: "Bob's" }, { "idempotency-key": key });
    expect(byBob.status, JSON.stringify(byBob.body)).to.equal(200);
    expect(byBob.headers.get("idempotent-replayed")).to.equal(null);
    expect(byBob.body).to.include({ title: "Ada's", description: "Bob's", version: 3 });
    // Each one's retry is their own replay.
    const bobAgain = await bob.call("PATCH", `/tasks/${task.id}`, { description: "Bob's" }, { "idempotency-key": key });
    expect(bobAgain.headers.get("idempotent-replayed")).to.equal("true");
    expect(bobAgain.body.version).to.equal(3);
    const adaOther = await ada.call("PATCH", `/tasks/${task.id}`, { description: "Bob's" }, { "idempotency-key": key });
    expect(adaOther.status).to.equal(422);
    expect((await ada.call("GET", `/tasks/${task.id}`)).body.version).to.equal(3);
  });
});
