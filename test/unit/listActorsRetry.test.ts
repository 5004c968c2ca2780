/**
 * The list calls the api sends again when daprd fails them transiently (an
 * actor moving between replicas): authorize (a read) and ensureInbox
 * (idempotent), at most three times; every other list command once, and a
 * refusal (4xx) never again.
 */
import { expect } from "chai";
import { listActorsVia } from "../../src/actors/client.js";
import { SidecarError, type Sidecar } from "../../src/infra/sidecar.js";

function fakeDaprd(failures: (number | null)[]) {
  const calls: string[] = [];
  const sidecar = {
    async invokeActor<T>(_type: string, _id: string, method: string, args: unknown[]): Promise<T> {
      calls.push(method === "handle" ? `handle:${(args[0] as { kind: string }).kind}` : method);
      if (failures.length > 0) {
        const status = failures.shift()!;
        throw new SidecarError(`daprd ${method} failed`, status, "");
      }
      return { ok: true, value: { id: "l" } } as T;
    },
  } as unknown as Sidecar;
  return { calls, lists: listActorsVia(sidecar, 1) };
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

  it("gives up after three attempts, and never repeats a refusal or another command", async () => {
    const a = fakeDaprd([500, 500, 500, 500]);
    const failed = await a.lists.authorize("l", "ann", "read").catch((err: unknown) => err);
    expect([failed instanceof SidecarError, a.calls.length]).to.deep.equal([true, 3]);
    const b = fakeDaprd([403]);
    await b.lists.authorize("l", "ann", "read").catch(() => undefined);
    expect(b.calls).to.deep.equal(["authorize"]);
    const c = fakeDaprd([500]);
    await c.lists.handle("l", { kind: "rename", name: "x" } as never).catch(() => undefined);
    expect(c.calls).to.deep.equal(["handle:rename"]);
  });
});
