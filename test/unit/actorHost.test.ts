/**
 * Contract of src/actors/host.ts with the pinned @dapr/dapr (3.18.0): the
 * host leans on SDK internals (ActorRuntime, ActorManager activation and
 * deactivation, the *Internal hooks, the /dapr/config answer), so an SDK
 * upgrade that changes them fails here, not in production.
 */
import { expect } from "chai";
import Koa from "koa";
import request from "supertest";
import { pino } from "pino";
import { AbstractActor, CommunicationProtocolEnum, DaprClient } from "@dapr/dapr";
import { createActorHost } from "../../src/actors/host.js";

const calls: string[] = [];
const releases: (() => void)[] = [];

class ContractActor extends AbstractActor {
  static readonly callable = new Set(["echo", "fail", "onReminder", "slow"]);
  override async onActivate(): Promise<void> {
    calls.push(`activate ${this.getActorId().getId()}`);
  }
  override async onDeactivate(): Promise<void> {
    calls.push(`deactivate ${this.getActorId().getId()}`);
  }
  override async resetStateInternal(): Promise<void> {
    calls.push(`reset ${this.getActorId().getId()}`);
  }
  async echo(a: unknown, b: unknown): Promise<unknown> {
    return { a, b, id: this.getActorId().getId() };
  }
  async fail(): Promise<void> {
    throw new Error("boom");
  }
  /** Holds its turn until the test lets it go. */
  async slow(label: string): Promise<void> {
    calls.push(`slow ${label} start`);
    await new Promise<void>((resolve) => releases.push(resolve));
    calls.push(`slow ${label} end`);
  }
  async onReminder(name: string, data: unknown): Promise<void> {
    calls.push(`reminder ${name} ${JSON.stringify(data)}`);
  }
}

describe("actor host contract (pinned @dapr/dapr internals)", () => {
  const client = new DaprClient({ daprHost: "127.0.0.1", daprPort: "9", communicationProtocol: CommunicationProtocolEnum.HTTP });
  const app = new Koa();
  const router = createActorHost(client, [ContractActor], pino({ level: "silent" }));
  app.use(router.routes());
  const server = app.callback();

  it("announces the hosted actor types to daprd", async () => {
    const res = await request(server).get("/dapr/config");
    expect(res.status).to.equal(200);
    expect(res.body.entities).to.deep.equal(["ContractActor"]);
  });

  it("activates once per id and passes the arguments daprd sends", async () => {
    const res = await request(server).put("/actors/ContractActor/a1/method/echo").send([1, { x: 2 }]);
    expect(res.body).to.deep.equal({ a: 1, b: { x: 2 }, id: "a1" });
    await request(server).put("/actors/ContractActor/a1/method/echo").send([3]);
    expect(calls.filter((c) => c === "activate a1")).to.have.length(1);
  });

  it("answers 404 for a method that is not callable, and 500 with the reset for one that throws", async () => {
    expect((await request(server).put("/actors/ContractActor/a1/method/constructor").send([])).status).to.equal(404);
    const failed = await request(server).put("/actors/ContractActor/a1/method/fail").send([]);
    expect(failed.status).to.equal(500);
    expect(failed.headers["x-daprerrorresponseheader"]).to.equal("true");
    expect(calls).to.include("reset a1");
  });

  it("hands reminder data through untouched", async () => {
    await request(server).put("/actors/ContractActor/a1/method/remind/r-1").send({ data: { remindAt: "2026-06-01T10:00:00.000Z" }, dueTime: "", period: "" });
    expect(calls).to.include('reminder r-1 {"remindAt":"2026-06-01T10:00:00.000Z"}');
  });

  it("deactivates an active actor, and treats deactivating an inactive one as done", async () => {
    expect((await request(server).delete("/actors/ContractActor/a1")).status).to.equal(200);
    await until(() => calls.includes("deactivate a1"), "a1 deactivated");
    expect((await request(server).delete("/actors/ContractActor/never-active")).status).to.equal(200);
  });
  it("keeps one turn per actor id even when daprd deactivates it mid-call: the deactivation is answered at once, runs after the call, and the next call waits", async () => {
    calls.length = 0;
    // The SDK's own state-cache resets (on activation) are not what this is about.
    const seen = () => calls.filter((c) => !c.startsWith("reset"));
    const first = request(server).put("/actors/ContractActor/t1/method/slow").send(["first"]).then((r) => r.status);
    try {
      while (!calls.includes("slow first start")) await new Promise((r) => setTimeout(r, 5));
      // daprd gave up on the actor ("actor is closed") and moves on: deactivate, then a reminder.
      const deactivated = request(server).delete("/actors/ContractActor/t1").then((r) => r.status);
      // daprd holds a lock over every actor of the type until the deactivation answers: it must not wait for the call.
      expect(await deactivated, "deactivation answered while the call is still in flight").to.equal(200);
      const reminded = request(server).put("/actors/ContractActor/t1/method/remind/r1").send({ data: { n: 1 } }).then((r) => r.status);
      await new Promise((r) => setTimeout(r, 50));
      expect(seen(), "nothing ran beside the call in flight").to.deep.equal(["activate t1", "slow first start"]);
      releases.shift()!();
      expect(await Promise.all([first, reminded])).to.deep.equal([200, 200]);
      expect(seen()).to.deep.equal(["activate t1", "slow first start", "slow first end", "deactivate t1", "activate t1", 'reminder r1 {"n":1}']);
    } finally {
      for (const release of releases.splice(0)) release();
    }
  });
});

/** Waits for a condition with a deadline (the deactivation runs after its answer). */
async function until(condition: () => boolean, what: string, deadlineMs = 2_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
