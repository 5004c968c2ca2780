/**
 * The redrive on an in-memory dead-letter store with the Redis store's
 * semantics: oldest first, keyed by task id, marked after each publish, a
 * second run republishes nothing, and a letter dead-lettered again while a
 * redrive runs waits for the next run instead of looping.
 */
import { spawnSync } from "node:child_process";
import { expect } from "chai";
import { ROOT } from "../../scripts/root.js";
import { redrive, type DeadLetter, type DeadLetterStore } from "../../src/infra/deadLetters.js";

function memoryStore(): DeadLetterStore & { redriven: Map<string, Date> } {
  const pending = new Map<string, DeadLetter>();
  const redriven = new Map<string, Date>();
  const k = (topic: string, id: string) => `${topic}:${id}`;
  return {
    redriven,
    async record(letter) {
      const held = pending.get(k(letter.topic, letter.eventId));
      if (held) {
        if (letter.receivedAt > held.receivedAt) pending.set(k(letter.topic, letter.eventId), { ...held, receivedAt: letter.receivedAt });
        return false;
      }
      pending.set(k(letter.topic, letter.eventId), letter);
      redriven.delete(k(letter.topic, letter.eventId));
      return true;
    },
    async pending(topic, before, limit) {
      return [...pending.values()]
        .filter((l) => l.topic === topic && Date.parse(l.receivedAt) <= before.getTime())
        .sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt))
        .slice(0, limit);
    },
    async markRedriven(letter, at) {
      const key = k(letter.topic, letter.eventId);
      // Dead-lettered again since it was read: still pending.
      if ((pending.get(key)?.receivedAt ?? "~") > letter.receivedAt) return;
      if (pending.delete(key)) redriven.set(key, at);
    },
    async depth(topics) {
      return Object.fromEntries(topics.map((t) => [t, [...pending.values()].filter((l) => l.topic === t).length]));
    },
  };
}

const letter = (eventId: string, second: number, taskId?: string): DeadLetter => ({
  topic: "task-events-dlq",
  eventId,
  type: "tickler.task.created.v1",
  source: "tickler/api",
  data: taskId ? { taskId, eventId } : { whatever: true },
  receivedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
});

describe("redrive of dead letters", () => {
  const now = () => new Date(Date.UTC(2026, 0, 1, 0, 1));

  it("republishes every pending letter of the topic oldest first, keyed by task id, and marks each", async () => {
    const store = memoryStore();
    await store.record(letter("e2", 2, "t2"));
    await store.record(letter("e1", 1, "t1"));
    await store.record(letter("e3", 3));
    await store.record({ ...letter("other", 0), topic: "reminders-dlq" });
    expect(await store.record(letter("e1", 1, "t1")), "recorded once while pending").to.equal(false);
    const sent: { topic: string; id: unknown; key: string }[] = [];
    const report = await redrive(store, "task-events", async (topic, event, key) => void sent.push({ topic, id: event.id, key }), now);
    expect(report).to.deep.equal({ topic: "task-events", republished: 3 });
    expect(sent).to.deep.equal([
      { topic: "task-events", id: "e1", key: "t1" },
      { topic: "task-events", id: "e2", key: "t2" },
      { topic: "task-events", id: "e3", key: "e3" },
    ]);
    expect(await store.depth(["task-events-dlq", "reminders-dlq"])).to.deep.equal({ "task-events-dlq": 0, "reminders-dlq": 1 });
    expect((await redrive(store, "task-events", async () => undefined, now)).republished, "a second run").to.equal(0);
  });

  it("stops at the first failed publish with what is left still pending, and a rerun finishes", async () => {
    const store = memoryStore();
    for (let i = 1; i <= 3; i++) await store.record(letter(`e${i}`, i, `t${i}`));
    let calls = 0;
    const flaky = async () => {
      if (++calls === 2) throw new Error("broker down");
    };
    let failed: unknown = null;
    await redrive(store, "task-events", flaky, now).catch((err: unknown) => (failed = err));
    expect(failed).to.be.instanceOf(Error);
    expect((await store.depth(["task-events-dlq"]))["task-events-dlq"]).to.equal(2);
    expect((await redrive(store, "task-events", async () => undefined, now)).republished).to.equal(2);
  });

  it("leaves a letter dead-lettered again during the run for the next run (poison does not loop)", async () => {
    const store = memoryStore();
    await store.record(letter("poison", 1, "t1"));
    let publishes = 0;
    // The consumer drops it at once and it comes back to the dead-letter topic, received after the run
    // started and before the redrive marks it: it must stay pending, and not be republished in this run.
    const report = await redrive(store, "task-events", async () => {
      publishes++;
      await store.record({ ...letter("poison", 1, "t1"), receivedAt: new Date(now().getTime() + 1000).toISOString() });
    }, now);
    expect(report.republished).to.equal(1);
    expect(publishes).to.equal(1);
    expect((await store.depth(["task-events-dlq"]))["task-events-dlq"]).to.equal(1);
  });
});

describe("the redrive's entry point in the image (dist/redriveMain.js)", () => {
  it("refuses an unknown topic or missing settings with its usage, before touching anything", () => {
    const run = (args: string[], env: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, ["--import", "tsx", "src/redriveMain.ts", ...args], { cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH, ...env } });
    const noSettings = run(["task-events"], {});
    expect(noSettings.status).to.equal(2);
    expect(noSettings.stderr).to.match(/usage: node dist\/redriveMain\.js <task-events \| task-updates \| reminders> with REDIS_HOST and DAPR_API_TOKEN/);
    expect(run(["tasks"], { REDIS_HOST: "127.0.0.1:1", DAPR_API_TOKEN: "x".repeat(16) }).status).to.equal(2);
    // Settings present, Redis unreachable: a clear failure, not a hang.
    const unreachable = run(["task-events"], { REDIS_HOST: "127.0.0.1:1", DAPR_API_TOKEN: "x".repeat(16) });
    expect(unreachable.status).to.equal(1);
    expect(unreachable.stderr).to.match(/cannot reach Redis at 127\.0\.0\.1:1/);
  });
});
