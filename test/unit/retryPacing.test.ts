/**
 * How safe actor calls are paced after a transient failure (ADR 0016): the
 * pause doubles up to a cap, attempts go on while the deadline leaves room
 * for one more, and a create keeps retrying (as a replay) past three
 * attempts when an actor move takes longer, without ever exceeding its deadline.
 */
import { expect } from "chai";
import { pauseBeforeNextAttempt, type RetryPacing } from "../../src/actors/retryPacing.js";
import { OutcomeUnknown, type TaskActors } from "../../src/actors/client.js";
import { createViaActor } from "../../src/api/tasks/create.js";
import type { TaskView } from "../../src/actors/taskActorDeps.js";
import type { Task } from "../../src/domain/index.js";

const pacing: RetryPacing = { firstPauseMs: 50, maxPauseMs: 800, minAttemptMs: 250, attemptsWithoutDeadline: 3 };

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

  it("answers outcome-unknown once the deadline leaves no room for another attempt", async () => {
    const started = Date.now();
    const { actors, sent } = actorsFailing(100, 700);
    const failed = await createViaActor(actors, readModel, command).catch((err: unknown) => err);
    expect(failed).to.be.instanceOf(OutcomeUnknown);
    expect(Date.now() - started, "within the deadline").to.be.below(700);
    expect(sent.length).to.equal(4);
  });
});
