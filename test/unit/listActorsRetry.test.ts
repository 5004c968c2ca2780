/**
 * The list calls the api sends again when daprd fails them transiently (an
 * actor moving between replicas): authorize (a read) and ensureInbox
 * (idempotent), paced while the api's write deadline allows (three times
 * in all without one); every other list command once, and a refusal (4xx)
 * never again; past the deadline the call is Unavailable (nothing done: 503 unavailable).
 */
import { expect } from "chai";
import { listActorsVia } from "../../src/actors/client.js";
import { SidecarError, type Sidecar } from "../../src/infra/sidecar.js";
import { Unavailable } from "../../src/infra/unavailable.js";
import { OutcomeUnknown } from "../../src/infra/outcomeUnknown.js";
import { toProblem } from "../../src/http/problem.js";

function fakeDaprd(failures: (number | null)[], options: { timeoutMs?: number; hangMs?: number } = {}) {
  const calls: string[] = [];
  const waits: (number | undefined)[] = [];
  const sidecar = {
    async invokeActor<T>(_type: string, _id: string, method: string, args: unknown[], timeoutMs?: number): Promise<T> {
      calls.push(method === "handle" ? `handle:${(args[0] as { kind: string }).kind}` : method);
      waits.push(timeoutMs);
      // A frozen daprd: the call waits out the time it was given, then fails as a timeout (status null).
      if (options.hangMs !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(options.hangMs!, timeoutMs ?? options.hangMs!)));
        throw new SidecarError(`daprd ${method} failed: Headers Timeout Error`, null, "");
      }
      if (failures.length > 0) {
        const status = failures.shift()!;
        throw new SidecarError(`daprd ${method} failed`, status, "");
      }
      return { ok: true, value: { id: "l" } } as T;
    },
  } as unknown as Sidecar;
  return { calls, waits, lists: listActorsVia(sidecar, { pacing: { firstPauseMs: 1, maxPauseMs: 4, minAttemptMs: 5, attemptsWithoutDeadline: 3, stuckAttemptMs: 0 }, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) }) };
}

describe("list actor calls across an actor move", () => {
  it("sends authorize and ensureInbox again after a transient failure", async () => {
    const a = fakeDaprd([500, null]);
    expect(await a.lists.authorize("l", "ann", "read")).to.deep.equal({ id: "l" });
    expect(a.calls).to.deep.equal(["authorize", "authorize", "authorize"]);
    const b = fakeDaprd([500]);
    await b.lists.handle("l", { kind: "ensureInbox", userId: "ann", listId: "l" });
    expect(b.calls).to.deep.equal(["handle:ensureInbox", "handle:ensureInbox"]);
  });

  it("sends the read of a list's waiting invitations again, and a withdrawal once (its outcome then unknown)", async () => {
    const a = fakeDaprd([500]);
    expect(await a.lists.invitations("l", "ann")).to.deep.equal({ id: "l" });
    expect(a.calls).to.deep.equal(["invitations", "invitations"]);
    const b = fakeDaprd([500]);
    const failed = await b.lists.handle("l", { kind: "withdraw", userId: "ann", invitationId: "i" }).catch((err: unknown) => err);
    expect([failed instanceof OutcomeUnknown, b.calls]).to.deep.equal([true, ["handle:withdraw"]]);
  });

  it("with a deadline, goes on past three attempts until the actor answers (an actor moving takes longer)", async () => {
    const a = fakeDaprd([500, 500, 500, 500, 500], { timeoutMs: 2_000 });
    expect(await a.lists.authorize("l", "ann", "read")).to.deep.equal({ id: "l" });
    expect(a.calls.length).to.equal(6);
  });

  it("without a deadline gives up after three attempts, and never repeats a refusal or another command", async () => {
    const a = fakeDaprd([500, 500, 500, 500]);
    const failed = await a.lists.authorize("l", "ann", "read").catch((err: unknown) => err);
    expect([failed instanceof Unavailable, a.calls.length]).to.deep.equal([true, 3]);
    const b = fakeDaprd([403]);
    await b.lists.authorize("l", "ann", "read").catch(() => undefined);
    expect(b.calls).to.deep.equal(["authorize"]);
    const c = fakeDaprd([500]);
    await c.lists.handle("l", { kind: "rename", name: "x" } as never).catch(() => undefined);
    expect(c.calls).to.deep.equal(["handle:rename"]);
  });
});

describe("list actor calls behind a frozen daprd", () => {
  it("waits no longer than the deadline over all attempts, then answers Unavailable", async () => {
    const started = Date.now();
    const a = fakeDaprd([], { timeoutMs: 60, hangMs: 10_000 });
    const failed = await a.lists.authorize("l", "ann", "read").catch((err: unknown) => err);
    expect(failed).to.be.instanceOf(Unavailable);
    expect(Date.now() - started, "bounded by the deadline, not the frozen call").to.be.below(1_000);
    expect(a.waits[0], "the first attempt gets the whole deadline").to.be.within(1, 60);
  });

  it("bounds a list's change by the deadline too, and answers its outcome as unknown, naming the list", async () => {
    const started = Date.now();
    const a = fakeDaprd([], { timeoutMs: 60, hangMs: 10_000 });
    const failed = await a.lists.handle("l", { kind: "update", userId: "ann", patch: { name: "x" } }).catch((err: unknown) => err);
    expect(failed).to.be.instanceOf(OutcomeUnknown).and.include({ id: "l", resource: "list" });
    expect(Date.now() - started).to.be.below(1_000);
    expect(a.waits).to.deep.equal([60]);
    const problem = toProblem(failed);
    expect([problem.status, problem.code, problem.write]).to.deep.equal([503, "outcome-unknown", { listId: "l" }]);
    expect(problem.detail).to.match(/read the list/);
  });

  it("without a deadline each attempt keeps the sidecar's own wait", async () => {
    const a = fakeDaprd([500]);
    await a.lists.authorize("l", "ann", "read");
    expect(a.waits).to.deep.equal([undefined, undefined]);
  });
});
