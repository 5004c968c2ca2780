/**
 * The in-process retry of what a commit left (a deferred re-plan, a failed publish): called at once,
 * again while the actor answers "still pending" or the call fails, once per
 * task however often it is asked, bounded in how many tasks it holds.
 */
import { expect } from "chai";
import { setTimeout as tick } from "node:timers/promises";
import { pino } from "pino";
import { OutboxRetrier } from "../../src/actors/outboxRetrier.js";

const log = pino({ level: "silent" });

async function until(what: string, check: () => boolean, deadlineMs = 5_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await tick(5);
  }
}

describe("OutboxRetrier (outbox work finished after the answer)", () => {
  it("calls the actor at once, and again while it is still pending or the call fails, until it is done", async () => {
    const calls: string[] = [];
    const outcomes: string[] = [];
    // Pending, then the call fails (daprd down), then done.
    const answers: (boolean | Error)[] = [true, new Error("daprd unavailable"), false];
    const retrier = new OutboxRetrier(
      async (taskId) => {
        calls.push(taskId);
        const answer = answers.shift()!;
        if (answer instanceof Error) throw answer;
        return answer;
      },
      { firstDelayMs: 1, maxDelayMs: 4, maxPending: 10 },
      log,
      (outcome) => outcomes.push(outcome),
    );
    retrier.schedule("t1");
    retrier.schedule("t1");
    expect(retrier.size, "one entry per task").to.equal(1);
    await until("done", () => retrier.size === 0);
    expect(calls).to.deep.equal(["t1", "t1", "t1"]);
    expect(outcomes).to.deep.equal(["retried", "retried", "done"]);
  });

  it("asked again while a call is in flight, calls once more after it", async () => {
    let release: (() => void) | undefined;
    let calls = 0;
    const retrier = new OutboxRetrier(
      async () => {
        calls++;
        if (calls === 1) await new Promise<void>((resolve) => (release = resolve));
        return false;
      },
      { firstDelayMs: 1, maxDelayMs: 4, maxPending: 10 },
      log,
    );
    retrier.schedule("t1");
    await until("the first call in flight", () => release !== undefined);
    retrier.schedule("t1");
    release!();
    await until("done", () => retrier.size === 0);
    expect(calls).to.equal(2);
  });

  it("holds at most maxPending tasks (the rest keep their journal mark for the sweeper), and stop forgets them", async () => {
    const outcomes: string[] = [];
    const retrier = new OutboxRetrier(async () => true, { firstDelayMs: 60_000, maxDelayMs: 60_000, maxPending: 2 }, log, (o) => outcomes.push(o));
    for (const id of ["a", "b", "c"]) retrier.schedule(id);
    expect(retrier.size).to.equal(2);
    expect(outcomes).to.deep.equal(["dropped"]);
    retrier.stop();
    retrier.schedule("d");
    expect(retrier.size).to.equal(0);
  });
});
