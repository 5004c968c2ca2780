/**
 * Honest answers for writes: the REST routes over taskActorsVia on a fake
 * daprd that commits (the domain in memory) and then may lose the answer,
 * fail before the actor ran, or refuse. A client told the write failed never
 * finds it committed; a write whose outcome is unknown is answered 503
 * `outcome-unknown` with the task id and the Idempotency-Key, and a retry with
 * that key answers the one committed task.
 */
import { expect } from "chai";
import fc from "fast-check";
import request from "supertest";
import { taskActorsVia } from "../../src/actors/client.js";
import { taskIdForKey } from "../../src/api/tasks/idempotency.js";
import { decide, DomainError, type TaskCommand, type TaskRecord } from "../../src/domain/index.js";
import { SidecarError, type Sidecar } from "../../src/infra/sidecar.js";
import { memoryApi, memoryToken } from "../support/memoryApi.js";

/** What daprd does with one actor call. */
type Fate = "ok" | "lost-after-commit" | "timeout-before-actor" | "refused-4xx" | "actor-500-after-commit";

/** daprd over the domain in memory: each actor call meets the next fate (then "ok"); writes land in `records`. */
function fakeDaprd(fates: Fate[], records = new Map<string, TaskRecord>()) {
  const timeouts: (number | undefined)[] = [];
  const sidecar = {
    async invokeActor<T>(_type: string, id: string, method: string, args: unknown[], timeoutMs?: number): Promise<T> {
      if (method !== "handle") throw new Error(`unexpected ${method}`);
      timeouts.push(timeoutMs);
      const fate = fates.shift() ?? "ok";
      if (fate === "timeout-before-actor") throw new SidecarError("daprd POST handle failed: Headers Timeout Error", null, "");
      if (fate === "refused-4xx") throw new SidecarError("daprd POST handle answered 403", 403, "");
      let reply;
      try {
        const { record, events, replayed } = decide(records.get(id) ?? null, args[0] as TaskCommand, new Date());
        records.set(id, record);
        reply = { ok: true, value: { task: record.task, deleted: record.deletedAt !== null, changed: events.length > 0, nextOccurrenceId: null, ...(replayed ? { replayed } : {}) } };
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        reply = { ok: false, error: { code: err.code, message: err.message } };
      }
      if (fate === "lost-after-commit") throw new SidecarError("daprd POST handle failed: Headers Timeout Error", null, "");
      if (fate === "actor-500-after-commit") throw new SidecarError("daprd POST handle answered 500", 500, "");
      return reply as T;
    },
  } as unknown as Sidecar;
    // Paced as in production but quicker, so the property's many runs take milliseconds.
  return { records, timeouts, actors: taskActorsVia(sidecar, 400, { firstPauseMs: 1, maxPauseMs: 4, minAttemptMs: 250, attemptsWithoutDeadline: 3, stuckAttemptMs: 0 }) };
}

describe("honest answers for writes whose actor call fails or gets no answer", () => {
  it("assigns an Idempotency-Key to a create without one, answers it, and names the task by it", async () => {
    const { actors } = fakeDaprd([]);
    const { server } = memoryApi(() => [], actors);
    const token = await memoryToken("ann");
    const res = await request(server).post("/api/v1/tasks").set("authorization", `Bearer ${token}`).send({ title: "pay rent" });
    expect(res.status).to.equal(201);
    const key = res.headers["idempotency-key"] as string;
    expect(key).to.match(/^[0-9a-f-]{36}$/);
    expect(res.body.id).to.equal(taskIdForKey("ann", key));
    const again = await request(server).post("/api/v1/tasks").set("authorization", `Bearer ${token}`).set("idempotency-key", key).send({ title: "pay rent" });
    expect([again.status, again.headers["idempotent-replayed"], again.body.id]).to.deep.equal([201, "true", res.body.id]);
  });

  it("answers 503 outcome-unknown with the task id and key when every attempt's answer is lost, and the retry with that key answers the task", async () => {
    // Lost until the deadline leaves no room for another attempt (ADR 0016).
    const lost = Array<Fate>(2_000).fill("lost-after-commit");
    const { actors, records, timeouts } = fakeDaprd(lost);
    const { server } = memoryApi(() => [], actors);
    const token = await memoryToken("ann");
    const res = await request(server).post("/api/v1/tasks").set("authorization", `Bearer ${token}`).set("idempotency-key", "k-1").send({ title: "pay rent" });
    expect(res.status).to.equal(503);
    expect(res.headers["retry-after"]).to.equal("1");
    expect(res.body).to.include({ type: "https://tickler.dev/problems/outcome-unknown", taskId: taskIdForKey("ann", "k-1"), idempotencyKey: "k-1" });
    expect(records.size, "it was committed: the answer must not say it failed").to.equal(1);
    expect(timeouts.every((t) => t !== undefined && t <= 400), "each attempt waits within the write's deadline").to.equal(true);
    lost.length = 0;
    const retry = await request(server).post("/api/v1/tasks").set("authorization", `Bearer ${token}`).set("idempotency-key", "k-1").send({ title: "pay rent" });
    expect([retry.status, retry.body.id, records.size]).to.deep.equal([201, taskIdForKey("ann", "k-1"), 1]);
  });

  it("resends a change whose answer was lost under its key (ADR 0018): one change, answered as the first answer", async () => {
    const fates: Fate[] = [];
    const { actors, records } = fakeDaprd(fates);
    const { server } = memoryApi(() => [], actors);
    const auth = `Bearer ${await memoryToken("ann")}`;
    const created = await request(server).post("/api/v1/tasks").set("authorization", auth).send({ title: "pay rent" });
    fates.push("lost-after-commit");
    const res = await request(server).patch(`/api/v1/tasks/${created.body.id}`).set("authorization", auth).set("if-match", '"1"').send({ title: "pay the rent" });
    expect([res.status, res.headers["idempotent-replayed"], res.headers.etag, res.body.title, records.get(created.body.id)!.task.version]).to.deep.equal([200, undefined, '"2"', "pay the rent", 2]);
  });

  it("answers a change whose every attempt's answer was lost 503 outcome-unknown with its key; the retry with it is a replay, answered before its If-Match", async () => {
    const fates: Fate[] = [];
    const { actors, records } = fakeDaprd(fates);
    const { server } = memoryApi(() => [], actors);
    const auth = `Bearer ${await memoryToken("ann")}`;
    const created = await request(server).post("/api/v1/tasks").set("authorization", auth).send({ title: "pay rent" });
    // Lost until the deadline leaves no room for another attempt (ADR 0016).
    fates.push(...Array<Fate>(2_000).fill("lost-after-commit"));
    const res = await request(server).patch(`/api/v1/tasks/${created.body.id}`).set("authorization", auth).set("if-match", '"1"').send({ title: "pay the rent" });
    fates.length = 0;
    expect(res.status).to.equal(503);
    const key = res.headers["idempotency-key"] as string;
    expect(res.body).to.include({ type: "https://tickler.dev/problems/outcome-unknown", taskId: created.body.id, idempotencyKey: key });
    expect(records.get(created.body.id)!.task.version, "it was committed").to.equal(2);
    const retry = await request(server).patch(`/api/v1/tasks/${created.body.id}`).set("authorization", auth).set("if-match", '"1"').set("idempotency-key", key).send({ title: "pay the rent" });
    expect([retry.status, retry.headers["idempotent-replayed"], retry.headers.etag, retry.body.title]).to.deep.equal([200, "true", '"2"', "pay the rent"]);
    const reused = await request(server).patch(`/api/v1/tasks/${created.body.id}`).set("authorization", auth).set("idempotency-key", key).send({ title: "other" });
    expect([reused.status, reused.body.type, records.get(created.body.id)!.task.version]).to.deep.equal([422, "https://tickler.dev/problems/idempotency_conflict", 2]);
  });

  it("a client told a write failed never finds it committed; one told outcome-unknown finds it by retrying with the key", async () => {
    const fate = fc.constantFrom<Fate>("ok", "lost-after-commit", "timeout-before-actor", "refused-4xx", "actor-500-after-commit");
    await fc.assert(
      fc.asyncProperty(fc.array(fate, { minLength: 1, maxLength: 4 }), fc.constantFrom("create", "update"), async (fates, op) => {
        // The write under test meets `fates`, one per actor call it makes; the task it may update exists.
        const queue: Fate[] = [];
        const { actors, records } = fakeDaprd(queue);
        const api = memoryApi(() => [], actors).server;
        const token = await memoryToken("ann");
        const created = await request(api).post("/api/v1/tasks").set("authorization", `Bearer ${token}`).set("idempotency-key", "base").send({ title: "first" });
        expect(created.status).to.equal(201);
        const before = JSON.stringify([...records.entries()]);
        queue.push(...fates);
        const res = op === "create"
          ? await request(api).post("/api/v1/tasks").set("authorization", `Bearer ${token}`).set("idempotency-key", "k").send({ title: "second" })
          : await request(api).patch(`/api/v1/tasks/${created.body.id}`).set("authorization", `Bearer ${token}`).send({ title: "renamed" });
        const unknown = res.status === 503 && res.body.type === "https://tickler.dev/problems/outcome-unknown";
        const changed = JSON.stringify([...records.entries()]) !== before;
        if (res.status >= 400 && !unknown) expect(changed, `told ${res.status} but the write was committed (${fates.join(", ")})`).to.equal(false);
        if (unknown) expect(res.headers["retry-after"]).to.equal("1");
        if (unknown && op === "create") {
          queue.length = 0;
          const retry = await request(api)
            .post("/api/v1/tasks").set("authorization", `Bearer ${token}`).set("idempotency-key", res.body.idempotencyKey).send({ title: "second" });
          expect([retry.status, records.size], "the retry answers the one task").to.deep.equal([201, 2]);
        }
      }),
      { numRuns: 150 },
    );
  });
});

