/**
 * A long outage of the consumers' store loses nothing. The read store (every
 * consumer's store: projection, audit log, notification inbox) is killed for
 * several times the stack's compressed give-up window (npm test sets
 * SUBSCRIBER_GIVE_UP_AFTER_MS to seconds and daprd's redelivery interval to
 * 500 ms) while writes go on and reminders fall due. Before this design,
 * daprd dead-lettered every event after its retry window (~5 minutes, or the
 * seconds here) and nothing came back by itself. Now a failure while the
 * store is down never counts towards giving up: once the store is back every
 * acknowledged change is in the read model and the audit log exactly once,
 * every reminder that fell due is in the inbox once, and nothing was
 * dead-lettered. Meanwhile the dead letters (kept in Redis) stay countable
 * and redrivable although the read store is down.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "chai";
import type { Connection } from "mongoose";
import { ROOT } from "../../scripts/root.js";
import { total, type Sample } from "../../scripts/promScrape.js";
import { startReadStore } from "../../scripts/stack/infra.js";
import { obtain } from "../../scripts/stack/obtain.js";
import { kill9, stop } from "../../scripts/stack/processes.js";
import { dependencyStates } from "../../scripts/stack/stack.js";
import { decide } from "../../src/domain/index.js";
import { taskEventEnvelope } from "../../src/events/envelope.js";
import { connectMongo } from "../../src/infra/mongo.js";
import { openDeadLetters } from "../support/deadLetters.js";
import { apiAs, appMetrics, consumerFigures, eventually, printFigures, sidecarOf, stack } from "../support/stack.js";

const CONSUMERS = [
  ["audit", "audit"],
  ["api", "projection"],
  ["notifications", "inbox"],
  ["notifications", "reminder-plan"],
] as const;

function runRedrive(topic: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/redrive.ts", topic], { cwd: ROOT, env: { ...process.env } });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.once("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`redrive exited ${code}: ${out}`))));
  });
}

const depthOf = (samples: Sample[]) => total(samples, "tickler_dead_letters_pending", {});
const outcome = (samples: Sample[], consumer: string, what: string) => total(samples, "tickler_events_consumed_total", { consumer, outcome: what });

describe("a consumer store down far longer than the retry window", function () {
  let mongo: Connection | undefined;
  after(async () => {
    await mongo?.close();
  });

  it("applies every event once the store is back: each acknowledged write once in the read model and the audit log, each reminder once, nothing dead-lettered", async () => {
    const info = stack();
    const window = Number(info.appExtraEnv.SUBSCRIBER_GIVE_UP_AFTER_MS ?? 300_000);
    expect(window, "the stack's give-up window must be compressed (scripts/test.ts sets it)").to.be.at.most(10_000);
    const outageMs = Math.max(6 * window, 20_000);
    const owner = `long-outage-${randomUUID()}`;
    const api = await apiAs(owner);
    const before = { api: await appMetrics("api"), audit: await appMetrics("audit"), notifications: await appMetrics("notifications") };
    const depthBefore = depthOf(before.api);

    kill9(info.profile.stateDir, "readstore");
    await stop(info.profile.stateDir, "readstore");
    const downSince = Date.now();
    const created: { id: string; reminder: boolean }[] = [];
    const patched = new Set<string>();
    const refused: number[] = [];
    const synthetic = decide(null, { kind: "create", ownerId: owner, taskId: randomUUID(), input: { listId: "list-1", title: "dead-lettered during the outage" } }, new Date()).events[0]!;
    const letters = await openDeadLetters();
    let storeRestarted = false;
    try {
      // Writes through the outage, two at a time: every other task has a reminder falling due during it, every other is edited.
      let next = 0;
      await Promise.all(
        Array.from({ length: 2 }, async () => {
          while (next < 16) {
            const n = next++;
            const reminder = n % 2 === 0;
            const body = { title: `through the outage ${n}`, ...(reminder ? { reminders: [{ at: new Date(Date.now() + 3000).toISOString() }] } : {}) };
            const res = await api.call("POST", "/tasks", body);
            if (res.status !== 201) {
              refused.push(res.status);
              continue;
            }
            created.push({ id: res.body.id, reminder });
            if (n % 3 === 0) {
              const edit = await api.call("PATCH", `/tasks/${res.body.id}`, { title: `edited during the outage ${n}` });
              if (edit.status === 200) patched.add(res.body.id);
              else refused.push(edit.status);
            }
          }
        }),
      );
      // A dead letter arriving now is recorded and counted although the read store is down.
      await sidecarOf("api").publish("pubsub", "task-events-dlq", taskEventEnvelope(synthetic, "tickler/test"), synthetic.taskId);
      await eventually(() => letters.isPending("task-events-dlq", synthetic.eventId), Boolean, 20_000, "the dead letter recorded in Redis while the read store is down");
      expect((await dependencyStates(info)).mongo, "the read store is still down").to.equal("down");
      const during = await eventually(() => appMetrics("api"), (m) => depthOf(m) >= depthBefore + 1, 20_000, "the depth metric counting it while the store is down");
      process.stdout.write(`      dead letters pending while the store is down: ${depthOf(during)} (before: ${depthBefore})\n`);

      // The outage lasts its full length (this sets the fault, it decides nothing), then the store comes back.
      await sleep(Math.max(0, outageMs - (Date.now() - downSince)));
      const auditDuring = await appMetrics("audit");
      expect(outcome(auditDuring, "audit", "deferred") - outcome(before.audit, "audit", "deferred"), "audit deliveries deferred while its store was down").to.be.greaterThan(0);
      await startReadStore(info.profile, obtain(ROOT, "secantus"));
      storeRestarted = true;
      const downFor = Date.now() - downSince;
      process.stdout.write(`      read store down ${(downFor / 1000).toFixed(1)} s = ${(downFor / window).toFixed(1)}x the give-up window of ${window / 1000} s\n`);
      expect(refused, "writes refused during the outage").to.deep.equal([]);

      mongo = await connectMongo(info.mongoUri);
      const ids = created.map((c) => c.id).sort();
      const withReminder = created.filter((c) => c.reminder).map((c) => c.id);
      // The actor is the source of truth for each task's version.
      const versions = new Map<string, number>();
      for (const id of ids) versions.set(id, (await api.call("GET", `/tasks/${id}`)).body.version as number);
      const expectedEvents = ids.reduce((n, id) => n + versions.get(id)!, 0);

      const audited = await eventually(
        () => mongo!.collection("audit_log").find({ ownerId: owner }).toArray(),
        (docs) => docs.filter((d) => d.taskId !== synthetic.taskId).length >= expectedEvents,
        120_000,
        "every change in the audit log",
      );
      const projected = await eventually(
        () => mongo!.collection("tasks_view").find({ ownerId: owner }).toArray(),
        (docs) => docs.length >= ids.length && docs.every((d) => d.version === versions.get(String(d._id))),
        120_000,
        "every task at its latest version in the read model",
      );
      const inbox = await eventually(
        () => mongo!.collection("notifications").find({ ownerId: owner }).toArray(),
        (docs) => docs.length >= withReminder.length,
        120_000,
        "every reminder that fell due in the inbox",
      );

      // Exactly once: per task, audit versions 1..latest without a gap or a repeat; one view per task; one inbox entry per reminder.
      for (const id of ids) {
        const got = audited.filter((d) => d.taskId === id).map((d) => d.version as number).sort((a, b) => a - b);
        expect(got, `audit versions of ${id}`).to.deep.equal(Array.from({ length: versions.get(id)! }, (_, i) => i + 1));
      }
      expect(projected.map((d) => String(d._id)).sort()).to.deep.equal(ids);
      expect(inbox.map((d) => d.taskId as string).sort()).to.deep.equal([...withReminder].sort());
      expect(new Set(inbox.map((d) => String(d._id))).size).to.equal(inbox.length);
      process.stdout.write(
        `      acknowledged ${ids.length} creates and ${patched.size} edits (${expectedEvents} changes): audit log ${audited.length - audited.filter((d) => d.taskId === synthetic.taskId).length}, ` +
          `read model ${projected.length}, reminders due ${withReminder.length}, in the inbox ${inbox.length}\n`,
      );

      // Nothing was dead-lettered by the outage; the deliveries that hit the down store were deferred.
      const after = { api: await appMetrics("api"), audit: await appMetrics("audit"), notifications: await appMetrics("notifications") };
      for (const [app, consumer] of CONSUMERS) {
        const deferred = outcome(after[app], consumer, "deferred") - outcome(before[app], consumer, "deferred");
        process.stdout.write(`      ${consumer}: deferred while the store was down ${deferred}\n`);
        printFigures(consumer, consumerFigures(after[app], before[app], consumer));
        expect(consumerFigures(after[app], before[app], consumer).deadLettered, `${consumer} dead-lettered`).to.equal(0);
      }

      // The dead letter recorded during the outage: redriven once, applied once, and the depth is back where it was.
      expect(await runRedrive("task-events")).to.match(/republished [1-9]\d* dead-lettered event/);
      await eventually(() => mongo!.collection("audit_log").countDocuments({ _id: synthetic.eventId as never }), (n) => n === 1, 30_000, "the redriven event in the audit log");
      expect(await letters.isPending("task-events-dlq", synthetic.eventId)).to.equal(false);
      const settled = await eventually(async () => depthOf(await appMetrics("api")), (n) => n === depthBefore, 30_000, "dead-letter depth back to where it was");
      process.stdout.write(`      dead letters pending after the redrive: ${settled} (before the outage: ${depthBefore})\n`);
    } finally {
      if (!storeRestarted) await startReadStore(info.profile, obtain(ROOT, "secantus"));
      await letters.close();
    }
  });
});
