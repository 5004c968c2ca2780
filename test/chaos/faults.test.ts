/**
 * Crash tests with real processes: the api app is killed (SIGKILL, by an
 * armed fault point) right after a change is committed to actor state and
 * before anything is published. After a restart, the outbox reminder must
 * publish it: the change reaches the read model and the audit log, once.
 */
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { ROOT } from "../../scripts/root.js";
import { startKafka } from "../../scripts/stack/infra.js";
import { total as sumOf } from "../../scripts/promScrape.js";
import { obtain } from "../../scripts/stack/obtain.js";
import { stop } from "../../scripts/stack/processes.js";
import { dependencyStates, restartApp } from "../../scripts/stack/stack.js";
import { taskIdForKey } from "../../src/api/tasks/idempotency.js";
import { apiAs, appMetrics, consumerFigures, eventually, printFigures, stack } from "../support/stack.js";

/** Creates `total` tasks, `concurrency` at a time; answers the ids acknowledged with 201. */
async function steadyWriter(api: Awaited<ReturnType<typeof apiAs>>, total: number, label: string, pauseMs = 0): Promise<string[]> {
  const acknowledged: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      while (next < total) {
        next++;
        const res = await api.call("POST", "/tasks", { title: `${label} ${next}` });
        if (res.status === 201) acknowledged.push(res.body.id);
        if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }),
  );
  return acknowledged;
}

function arm(point: string) {
  const dir = stack().appExtraEnv.TICKLER_FAULT_DIR;
  if (!dir) throw new Error("the test stack has no TICKLER_FAULT_DIR");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, point), "");
}

describe("crash between the state transaction and the publish", function () {

  it("publishes every committed change after a restart, and applies it once", async () => {
    const user = `crash-${randomUUID()}`;
    const api = await apiAs(user);
    const auditBefore = await appMetrics("audit");
    const key = randomUUID();
    const id = taskIdForKey(user, key);
    arm("after-commit");
    // The process dies while answering: the client sees no success.
    const outcome = await api.call("POST", "/tasks", { title: "survives a crash" }, { "idempotency-key": key }).then((r) => r.status, () => "connection lost");
    expect(outcome).to.not.equal(201);
    await restartApp(stack(), ROOT, "api");

    // The change was committed: the actor has it.
    const read = await eventually(() => api.call("GET", `/tasks/${id}`), (r) => r.status === 200, 30_000, "the committed task");
    expect(read.body).to.include({ id, title: "survives a crash", version: 1 });
    // The outbox reminder publishes it: the audit log and the read model get it.
    const history = await eventually(() => api.call("GET", `/tasks/${id}/history`), (r) => r.status === 200 && r.body.items.length > 0, 45_000, "the created event in the audit log");
    expect(history.body.items.map((e: { eventId: string }) => e.eventId)).to.deep.equal([`${id}:v1`]);
    await eventually(() => api.call("GET", "/tasks?status=all"), (r) => r.body.items.some((t: { id: string }) => t.id === id), 30_000, "the task in the read model");

    // The client retries with its key: the same task, still one event.
    const retry = await api.call("POST", "/tasks", { title: "survives a crash" }, { "idempotency-key": key });
    expect(retry.status).to.equal(201);
    expect(retry.body.id).to.equal(id);
    expect(retry.headers.get("idempotent-replayed")).to.equal("true");
    const again = await api.call("GET", `/tasks/${id}/history`);
    expect(again.body.items).to.have.length(1);
    process.stdout.write("      acknowledged 0 (the client saw the crash), committed 1, in the audit log 1, in the read model 1\n");
    printFigures("audit", consumerFigures(await appMetrics("audit"), auditBefore, "audit"));
    // The restarted api app projected it from Kafka (no read-your-writes apply happened).
    printFigures("projection (restarted api app)", consumerFigures(await appMetrics("api"), [], "projection"));
  });
});

describe("the audit app killed and restarted mid-stream", function () {

  it("records every acknowledged change once", async () => {
    const user = `audit-crash-${randomUUID()}`;
    const api = await apiAs(user);
    const total = 40;
    const apiBefore = await appMetrics("api");
    // A steady writer (two at a time) while the audit app dies and comes back.
    const writer = steadyWriter(api, total, "steady");
    // Sets the fault (the kill lands mid-stream, after some writes); decides nothing.
    await new Promise((resolve) => setTimeout(resolve, 800));
    await restartApp(stack(), ROOT, "audit", true);
    const acknowledged = await writer;
    expect(acknowledged).to.have.length(total);
    const { connectMongo } = await import("../../src/infra/mongo.js");
    const mongo = await connectMongo(stack().mongoUri);
    try {
      const entries = await eventually(
        () => mongo.collection("audit_log").find({ ownerId: user }).toArray(),
        (docs) => docs.length >= total,
        60_000,
        "every acknowledged write in the audit log",
      );
      const recorded = entries.map((e) => e.taskId as string);
      process.stdout.write(`      acknowledged ${acknowledged.length}, recorded ${recorded.length}, distinct ${new Set(recorded).size}\n`);
      expect([...recorded].sort()).to.deep.equal([...acknowledged].sort());
      printFigures("audit (since its restart)", consumerFigures(await appMetrics("audit"), [], "audit"));
      printFigures("projection", consumerFigures(await appMetrics("api"), apiBefore, "projection"));
    } finally {
      await mongo.close();
    }
  });
});

describe("the Kafka broker stopped and restarted under a steady write load", function () {

  it("delivers every acknowledged write to the read model and the audit log, once", async () => {
    const info = stack();
    const libs = obtain(ROOT, "kafka");
    const user = `broker-down-${randomUUID()}`;
    const api = await apiAs(user);
    const total = 30;
    const [apiBefore, auditBefore] = [await appMetrics("api"), await appMetrics("audit")];
    const writer = steadyWriter(api, total, "through the outage", 100);
    // Sets the fault: the broker stops mid-stream, and stays down 6 s below; decides nothing.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await stop(info.profile.stateDir, "kafka");
    // While the broker is down the api stays ready (writes wait in the outbox) and says the broker is down.
    const health = await eventually(
      async () => ({ ready: (await fetch(`${info.apiUrl}/readyz`)).status, dependencies: await dependencyStates(info) }),
      (h) => h.dependencies.broker === "down",
      15_000,
      "/internal/health reporting the broker down",
    );
    expect(health.ready, "readiness during a broker outage").to.equal(200);
    await new Promise((resolve) => setTimeout(resolve, 6000));
    await startKafka(info.profile, libs);
    const acknowledged = await writer;
    process.stdout.write(`      acknowledged ${acknowledged.length} of ${total} writes\n`);
    expect(acknowledged, "every write through the outage answered 201").to.have.length(total);
    const { connectMongo } = await import("../../src/infra/mongo.js");
    const mongo = await connectMongo(info.mongoUri);
    try {
      const audited = await eventually(
        () => mongo.collection("audit_log").find({ ownerId: user }).toArray(),
        (docs) => docs.length >= acknowledged.length,
        120_000,
        "every acknowledged write in the audit log",
      );
      const projected = await eventually(
        () => mongo.collection("tasks_view").find({ ownerId: user }).toArray(),
        (docs) => docs.length >= acknowledged.length,
        60_000,
        "every acknowledged write in the read model",
      );
      process.stdout.write(`      audit log ${audited.length}, read model ${projected.length}\n`);
      expect(audited.map((d) => d.taskId).sort()).to.deep.equal([...acknowledged].sort());
      expect(projected.map((d) => d._id).sort()).to.deep.equal([...acknowledged].sort());
      const apiAfter = await appMetrics("api");
      const published = (outcome: "ok" | "failed") =>
        sumOf(apiAfter, "tickler_events_published_total", { topic: "task-events", outcome }) - sumOf(apiBefore, "tickler_events_published_total", { topic: "task-events", outcome });
      process.stdout.write(`      publishes to task-events: ok ${published("ok")}, failed and kept in the outbox ${published("failed")}\n`);
      printFigures("audit", consumerFigures(await appMetrics("audit"), auditBefore, "audit"));
      printFigures("projection", consumerFigures(apiAfter, apiBefore, "projection"));
      // Every outbox drained once the broker was back (one whose drain failed
      // mid-outage is finished by its reminder or the sweeper, seconds later).
      await eventually(async () => sumOf(await appMetrics("api"), "tickler_outbox_pending_events"), (n) => n === 0, 30_000, "every outbox drained");
    } finally {
      await mongo.close();
    }
  });
});
