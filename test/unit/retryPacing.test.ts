/**
 * How safe actor calls are paced after a transient failure (ADR 0016): the
 * pause doubles up to a cap, attempts go on while the deadline leaves room
 * for one more, and a create keeps retrying (as a replay) past three
 * attempts when an actor move takes longer, without ever exceeding its deadline.
 * An attempt stuck on a frozen host is given up and sent again (ADR 0017).
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import YAML from "yaml";
import { ROOT } from "../../scripts/root.js";
import { attemptWaitMs, DEFAULT_RETRY_PACING, pauseBeforeNextAttempt, type RetryPacing } from "../../src/actors/retryPacing.js";
import { loadConfig } from "../../src/infra/config.js";
import { OutcomeUnknown, type TaskActors } from "../../src/actors/client.js";
import { createViaActor } from "../../src/api/tasks/create.js";
import { taskUpdates } from "../../src/api/tasks/update.js";
import type { TaskView } from "../../src/actors/taskActorDeps.js";
import type { Task, TaskCommand } from "../../src/domain/index.js";

const pacing: RetryPacing = { firstPauseMs: 50, maxPauseMs: 800, minAttemptMs: 250, attemptsWithoutDeadline: 3, stuckAttemptMs: 0 };
const stuck: RetryPacing = { ...pacing, stuckAttemptMs: 1500 };

describe("pacing of safe actor calls", () => {
  it("doubles the pause up to its cap", () => {
    expect([1, 2, 3, 4, 5, 6, 9].map((n) => pauseBeforeNextAttempt(n, 10_000, pacing))).to.deep.equal([50, 100, 200, 400, 800, 800, 800]);
  });

  it("gives up when the pause would leave less than one attempt's worth of the deadline", () => {
    expect(pauseBeforeNextAttempt(1, 300, pacing)).to.equal(50);
    expect(pauseBeforeNextAttempt(1, 299, pacing)).to.equal(null);
    expect(pauseBeforeNextAttempt(5, 1_049, pacing)).to.equal(null);
    expect(pauseBeforeNextAttempt(1, 0, pacing)).to.equal(null);
  });

  it("without a deadline allows three attempts in all", () => {
    expect([1, 2, 3].map((n) => pauseBeforeNextAttempt(n, undefined, pacing))).to.deep.equal([50, 100, null]);
  });
});

describe("an attempt stuck on a frozen host", () => {
  it("waits stuckAttemptMs while the deadline leaves room for a pause and another attempt, else all that is left", () => {
    expect(attemptWaitMs(0, 5000, stuck)).to.equal(1500);
    expect(attemptWaitMs(1, 3450, stuck)).to.equal(1500);
    // 1,900 left: 1,500 + a 200 ms pause leaves 200, less than an attempt's worth.
    expect(attemptWaitMs(2, 1900, stuck)).to.equal(1900);
    expect(attemptWaitMs(0, 1800, stuck)).to.equal(1500);
    expect(attemptWaitMs(0, 1799, stuck)).to.equal(1799);
  });

  it("never waits past the deadline, and without one leaves the wait to the sidecar", () => {
    expect(attemptWaitMs(0, 0, stuck)).to.equal(1);
    expect(attemptWaitMs(0, undefined, stuck)).to.equal(undefined);
  });

  it("off (0): every attempt waits for all that is left", () => {
    expect(attemptWaitMs(0, 5000, pacing)).to.equal(5000);
  });
});

describe("a create across an actor move", () => {
  const command = { kind: "create" as const, ownerId: "ann", taskId: "t1", input: { title: "x", listId: "l" }, requestHash: "h" };
  const view = { task: { id: "t1" } as Task, changed: true, deleted: false } as TaskView;

  function actorsFailing(times: number, writeTimeoutMs: number) {
    const sent: number[] = [];
    const actors: TaskActors = {
      writeTimeoutMs,
      async handle(taskId) {
        sent.push(Date.now());
        if (sent.length <= times) throw new OutcomeUnknown(taskId, new Error("did not find address for actor"));
        return view;
      },
      read: () => Promise.reject(new Error("unused")),
      readVersion: () => Promise.reject(new Error("unused")),
    };
    return { actors, sent };
  }
  const readModel = { applyAfterWrite: () => Promise.resolve() };

  it("is sent again, paced, until daprd reaches the actor's new host", async () => {
    const { actors, sent } = actorsFailing(4, 5_000);
    const created = await createViaActor(actors, readModel, command);
    expect([created.view.task.id, created.replayed, sent.length]).to.deep.equal(["t1", false, 5]);
    expect(sent[4]! - sent[0]!, "paused 50+100+200+400 ms in all").to.be.at.least(740);
  });

  it("gives up an attempt stuck on a frozen host and reaches the actor's new host within the deadline", async () => {
    const waits: (number | undefined)[] = [];
    const actors: TaskActors = {
      writeTimeoutMs: 2_000,
      retryPacing: { ...stuck, stuckAttemptMs: 300 },
      async handle(taskId, _command, timeoutMs) {
        waits.push(timeoutMs);
        // The first attempt hangs on the frozen host until its wait runs out, as the sidecar client's does.
        if (waits.length === 1) {
          await new Promise((resolve) => setTimeout(resolve, timeoutMs));
          throw new OutcomeUnknown(taskId, new Error("headers timeout"));
        }
        return view;
      },
      read: () => Promise.reject(new Error("unused")),
      readVersion: () => Promise.reject(new Error("unused")),
    };
    const started = Date.now();
    const created = await createViaActor(actors, readModel, command);
    expect(created.view.task.id).to.equal("t1");
    expect(waits[0], "the first attempt waited stuckAttemptMs, not the deadline").to.equal(300);
    expect(Date.now() - started).to.be.below(1_000);
  });

  it("answers outcome-unknown once the deadline leaves no room for another attempt", async () => {
    const started = Date.now();
    const { actors, sent } = actorsFailing(100, 700);
    const failed = await createViaActor(actors, readModel, command).catch((err: unknown) => err);
    expect(failed).to.be.instanceOf(OutcomeUnknown);
    expect(Date.now() - started, "within the deadline").to.be.below(700);
    expect(sent.length).to.equal(4);
  });

  it("one write's attempts, all failing at once, cannot open daprd's breaker of its actor (components/resiliency.yaml)", () => {
    // At 5 consecutive failures the breaker opened within 1.6 s of a placement change, and the write's later attempts met it open for 10 s.
    const spec = YAML.parse(fs.readFileSync(path.join(ROOT, "components", "resiliency.yaml"), "utf8")).spec;
    const trip = Number(/consecutiveFailures >= (\d+)/.exec(spec.policies.circuitBreakers[spec.targets.actors.TaskActor.circuitBreaker].trip)![1]);
    const appDefault = loadConfig({ ROLE: "api", DAPR_API_TOKEN: "d".repeat(16), APP_API_TOKEN: "a".repeat(16), MONGODB_URI: "mongodb://h/db", KAFKA_BROKERS: "h:1", REDIS_HOST: "h:2", AUTH_JWT_SECRET: "s".repeat(32) }).WRITE_TIMEOUT_MS;
    // The chart's deadline too (ADR 0026), and its copy of the resiliency spec.
    const values = YAML.parse(fs.readFileSync(path.join(ROOT, "charts", "tickler", "values.yaml"), "utf8"));
    const chartTrip = Number(/consecutiveFailures >= (\d+)/.exec(values.dapr.resiliency.policies.circuitBreakers.failingActor.trip)![1]);
    for (const [deadline, limit] of [[appDefault, trip], [values.config.writeTimeoutSeconds * 1000, chartTrip]] as const) {
      let attempts = 1;
      let elapsed = 0;
      for (;;) {
        const pause = pauseBeforeNextAttempt(attempts, deadline - elapsed, DEFAULT_RETRY_PACING);
        if (pause === null) break;
        elapsed += pause;
        attempts++;
      }
      expect(attempts, `attempts within ${deadline} ms`).to.be.below(limit);
    }
  });
});

describe("a keyed task write across a placement change (ADR 0018)", () => {
  const view = { task: { id: "t1" } as Task, changed: false, deleted: false } as TaskView;
  const keyed = { kind: "complete" as const, ownerId: "ann", write: { key: "k1", requestHash: "h", status: 200 } };

  function updatesFailingOnce() {
    const sent: TaskCommand[] = [];
    const applied: string[] = [];
    const actors: TaskActors = {
      writeTimeoutMs: 2_000,
      async handle(taskId, command) {
        sent.push(command);
        // daprd cancels a call in flight when the actor type's placement table changes (seen: "error invoke actor method: context canceled").
        if (sent.length === 1) throw new OutcomeUnknown(taskId, new Error("answered 500: context canceled"));
        return view;
      },
      read: () => Promise.reject(new Error("unused")),
      readVersion: () => Promise.reject(new Error("unused")),
    };
    const updates = taskUpdates({
      actors,
      lists: { authorize: () => Promise.reject(new Error("unused")) },
      readModel: { applyAfterWrite: async (task) => void applied.push(task.id), get: () => Promise.reject(new Error("unused")), children: () => Promise.reject(new Error("unused")) },
    });
    return { updates, sent, applied };
  }

  it("is sent again under its key, stamped once, and the task re-read into the read model (the first attempt may have committed)", async () => {
    const { updates, sent, applied } = updatesFailingOnce();
    expect((await updates.write("t1", keyed)).task.id).to.equal("t1");
    expect(sent).to.have.length(2);
    expect(sent[1]!.requestedAt, "the retry plans as of the request").to.equal(sent[0]!.requestedAt);
    expect(sent.every((c) => c.kind === "complete" && c.write?.key === "k1")).to.equal(true);
    expect(applied).to.deep.equal(["t1"]);
  });

  it("without a key is sent once: its outcome is the client's to find out", async () => {
    const { updates, sent } = updatesFailingOnce();
    const failed = await updates.write("t1", { kind: "complete", ownerId: "ann" }).catch((err: unknown) => err);
    expect(failed).to.be.instanceOf(OutcomeUnknown);
    expect(sent).to.have.length(1);
  });
});
