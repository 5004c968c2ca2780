import { expect } from "chai";
import { ActorTurns } from "../../src/actors/actorTurns.js";

describe("actor turns (one at a time per id)", () => {
  it("runs the turns of one id in order, other ids beside them, and goes on after a failure", async () => {
    const turns = new ActorTurns();
    const log: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const a1 = turns.run("a", async () => {
      log.push("a1 start");
      await held;
      log.push("a1 end");
    });
    const a2 = turns.run("a", async () => {
      log.push("a2");
      throw new Error("a2 fails");
    });
    const a3 = turns.run("a", async () => void log.push("a3"));
    await turns.run("b", async () => void log.push("b"));
    expect(log, "b does not wait for a").to.deep.equal(["a1 start", "b"]);
    release();
    await a1;
    await a2.catch(() => log.push("a2 failed"));
    await a3;
    expect(log).to.deep.equal(["a1 start", "b", "a1 end", "a2", "a2 failed", "a3"]);
    await new Promise((r) => setImmediate(r));
    expect(turns.busy, "nothing left queued").to.equal(0);
  });
});
