import { expect } from "chai";
import { setTimeout as sleep } from "node:timers/promises";
import { KeyedLock } from "../../src/infra/keyedLock.js";

describe("KeyedLock (turns per document for version-guarded writes)", () => {
  it("runs work of one key one at a time, in arrival order, and other keys alongside", async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const job = (key: string, name: string, ms: number) =>
      lock.run(key, async () => {
        log.push(`start ${name}`);
        await sleep(ms);
        log.push(`end ${name}`);
        return name;
      });
    const results = await Promise.all([job("a", "a1", 20), job("a", "a2", 1), job("b", "b1", 5)]);
    expect(results).to.deep.equal(["a1", "a2", "b1"]);
    expect(log.indexOf("end a1")).to.be.lessThan(log.indexOf("start a2"));
    expect(log.indexOf("start b1")).to.be.lessThan(log.indexOf("end a1"));
  });

  it("keeps going after a failed turn", async () => {
    const lock = new KeyedLock();
    const failed = lock.run("k", async () => {
      throw new Error("boom");
    });
    expect(await failed.then(() => "resolved", (err: Error) => err.message)).to.equal("boom");
    expect(await lock.run("k", async () => "next")).to.equal("next");
  });
});
