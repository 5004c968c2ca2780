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

class ContractActor extends AbstractActor {
  static readonly callable = new Set(["echo", "fail", "onReminder"]);
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
    expect(calls).to.include("deactivate a1");
    expect((await request(server).delete("/actors/ContractActor/never-active")).status).to.equal(200);
  });
});
