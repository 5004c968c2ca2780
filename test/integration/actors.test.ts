/**
 * The actor runtime on real daprd + placement + scheduler + Redis: our Koa
 * actor host, state persistence, turn-based concurrency and reminders. The
 * state across an app restart: test/chaos/restarts.test.ts.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { inboxIdOf } from "../../src/infra/ids.js";
import { TASK_ACTOR_TYPE, type ActorReply, type TaskView } from "../../src/actors/taskActor.js";
import type { Task } from "../../src/domain/index.js";
import { quiescent, reminderSpent } from "../support/quiescence.js";
import { eventually, sidecarOf, stack } from "../support/stack.js";

const api = () => sidecarOf("api");

async function activeTaskActors(): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${stack().profile.apps.api.daprHttp}/v1.0/metadata`, {
    headers: { "dapr-api-token": stack().secrets.daprApiToken },
  });
  const meta = (await res.json()) as { actorRuntime?: { activeActors?: { type: string; count: number }[] } };
  return meta.actorRuntime?.activeActors?.find((a) => a.type === TASK_ACTOR_TYPE)?.count ?? 0;
}

async function createTask(title: string, ownerId = "integration"): Promise<TaskView> {
  const taskId = randomUUID();
  const reply = await api().invokeActor<ActorReply<TaskView>>(TASK_ACTOR_TYPE, taskId, "handle", [
    { kind: "create", ownerId, taskId, input: { listId: inboxIdOf(ownerId), title } },
  ]);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
}

async function readTask(taskId: string, ownerId = "integration"): Promise<ActorReply<Task>> {
  return api().invokeActor<ActorReply<Task>>(TASK_ACTOR_TYPE, taskId, "read", [ownerId]);
}

describe("actors on the real Dapr runtime", function () {

  it("keeps a task's state across actor deactivation", async () => {
    const { task } = await createTask("survive idle deactivation");
    expect(await activeTaskActors()).to.be.greaterThan(0);
    // The test stack runs with ACTOR_IDLE_TIMEOUT=4s: wait until daprd has
    // deactivated every task actor, so the next read must come from Redis.
    await eventually(activeTaskActors, (n) => n === 0, 30_000, "task actors to be deactivated");
    const reply = await readTask(task.id);
    expect(reply).to.deep.equal({ ok: true, value: task });
  });

  it("serializes concurrent calls to one actor (no lost updates)", async () => {
    const probe = `probe-${randomUUID()}`;
    const calls = 25;
    const results = await Promise.all(
      Array.from({ length: calls }, () => api().invokeActor<number>("ProbeActor", probe, "increment", [])),
    );
    expect([...results].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: calls }, (_, i) => i + 1));
    const counter = await api().invokeActor<{ value: number; trace: number[] }>("ProbeActor", probe, "counter", []);
    expect(counter.value).to.equal(calls);
    expect(counter.trace).to.deep.equal(Array.from({ length: calls }, (_, i) => i + 1));
  });

  it("serializes concurrent updates to one task: every version is handed out once", async () => {
    const { task } = await createTask("contended");
    const updates = 15;
    const replies = await Promise.all(
      Array.from({ length: updates }, (_, i) =>
        api().invokeActor<ActorReply<TaskView>>(TASK_ACTOR_TYPE, task.id, "handle", [
          { kind: "update", ownerId: "integration", patch: { title: `title ${i}` } },
        ]),
      ),
    );
    const versions = replies.map((r) => (r.ok ? r.value.task.version : -1)).sort((a, b) => a - b);
    expect(versions).to.deep.equal(Array.from({ length: updates }, (_, i) => i + 2));
  });

  it("fires a reminder registered with a JSON payload once, with the payload intact", async () => {
    const probe = `probe-${randomUUID()}`;
    const payload = { task: "t-1", nested: { list: [1, 2, 3], flag: true, none: null }, text: "ünïcödé" };
    await api().registerReminder("ProbeActor", probe, "once", { dueTime: "1s", data: payload });
    const received = await eventually(
      () => api().invokeActor<{ firings: { name: string; data: unknown }[] }>("ProbeActor", probe, "received", []),
      (r) => r.firings.length > 0,
      20_000,
      "the reminder to fire",
    );
    // A one-shot reminder must not fire again: once the scheduler no longer holds it and nothing moves, count.
    await reminderSpent("ProbeActor", probe, "once");
    await quiescent("the probe's reminder firings");
    const after = await api().invokeActor<{ firings: { name: string; data: unknown }[] }>("ProbeActor", probe, "received", []);
    expect(after.firings).to.have.length(1);
    expect(received.firings[0]).to.deep.include({ name: "once", data: payload });
  });

  it("refuses actor calls to the sidecar without the Dapr API token", async () => {
    const { task } = await createTask("guarded");
    const err = await readTaskWith(sidecarOf("api", "not-the-token-0123456789"), task.id).catch((e: Error) => e);
    expect(err).to.be.instanceOf(Error);
    expect((err as { status?: number }).status).to.equal(401);
  });
});

function readTaskWith(sidecar: ReturnType<typeof sidecarOf>, taskId: string) {
  return sidecar.invokeActor<ActorReply<Task>>(TASK_ACTOR_TYPE, taskId, "read", ["integration"]);
}
