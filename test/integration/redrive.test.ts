/**
 * Dead letters are recorded (in Redis, not the read store) where an operator can see and count them, and
 * `npm run redrive -- <topic>` publishes them again: the event reaches its
 * consumer once, however often it is redriven. The event is put on the
 * dead-letter topic directly (what Dapr does after a consumer's retries run
 * out), so the test does not wait out a real retry window.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Connection } from "mongoose";
import { ROOT } from "../../scripts/root.js";
import { decide } from "../../src/domain/index.js";
import { taskEventEnvelope } from "../../src/events/envelope.js";
import { connectMongo } from "../../src/infra/mongo.js";
import { total } from "../../scripts/promScrape.js";
import { openDeadLetters, type DeadLetterProbe } from "../support/deadLetters.js";
import { appMetrics, eventually, sidecarOf, stack } from "../support/stack.js";

function runRedrive(topic: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/redrive.ts", topic], { cwd: ROOT, env: { ...process.env } });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.once("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`redrive exited ${code}: ${out}`))));
  });
}

describe("dead letters and their redrive", function () {
  let mongo: Connection;
  let letters: DeadLetterProbe;
  before(async () => {
    mongo = await connectMongo(stack().mongoUri);
    letters = await openDeadLetters();
  });
  after(async () => {
    await mongo.close();
    await letters.close();
  });

  it("records a dead-lettered event, counts it, and redrives it to its consumer once, however often it runs", async () => {
    const owner = `redrive-${randomUUID()}`;
    const { events } = decide(null, { kind: "create", ownerId: owner, taskId: randomUUID(), input: { listId: "list-1", title: "was dead-lettered" } }, new Date());
    const event = events[0]!;
    await sidecarOf("api").publish("pubsub", "task-events-dlq", taskEventEnvelope(event, "tickler/test"), event.taskId);
    await eventually(() => letters.isPending("task-events-dlq", event.eventId), Boolean, 20_000, "the dead letter recorded");
    const pending = async () => total(await appMetrics("api"), "tickler_dead_letters_pending", { topic: "task-events-dlq" });
    expect(await pending(), "the depth metric counts it").to.be.at.least(1);
    expect(await mongo.collection("audit_log").countDocuments({ _id: event.eventId as never })).to.equal(0);

    const first = await runRedrive("task-events");
    expect(first).to.match(/republished [1-9]\d* dead-lettered event/);
    await eventually(() => mongo.collection("audit_log").countDocuments({ _id: event.eventId as never }), (n) => n === 1, 20_000, "the event in the audit log");
    expect(await letters.wasRedriven("task-events-dlq", event.eventId)).to.equal(true);
    expect(await letters.isPending("task-events-dlq", event.eventId)).to.equal(false);

    // Again, and once more after it is dead-lettered a second time: still applied once.
    expect(await runRedrive("task-events")).to.match(/republished \d+ dead-lettered event/);
    await sidecarOf("api").publish("pubsub", "task-events-dlq", taskEventEnvelope(event, "tickler/test"), event.taskId);
    await eventually(() => letters.isPending("task-events-dlq", event.eventId), Boolean, 20_000, "pending again once dead-lettered again");
    await runRedrive("task-events");
    await eventually(() => letters.wasRedriven("task-events-dlq", event.eventId), Boolean, 10_000, "marked again");
    // Give a duplicate delivery time to land before counting: the count must stay 1.
    await eventually(() => mongo.collection("audit_log").countDocuments({ ownerId: owner }), (n) => n === 1, 5_000, "one audit entry for the owner");
    expect(await mongo.collection("audit_log").countDocuments({ _id: event.eventId as never }), "applied once").to.equal(1);
  });
});
