/** The cron callback: one pass per kind of work at a time, but a stuck pass does not silence later ticks. */
import { expect } from "chai";
import Koa from "koa";
import request from "supertest";
import { pino } from "pino";
import { cronRoutes, CRON_ROUTE } from "../../src/notifications/cron.js";

describe("cron tick routes", () => {
  it("skips a kind of work while its pass runs, and starts another once that pass is past its limit", async () => {
    let clock = 0;
    const started: number[] = [];
    const hung = new Promise<number>(() => undefined);
    const work = { name: "digest", run: async (at: Date) => (started.push(at.getTime()), started.length === 1 ? hung : 0) };
    const routes = cronRoutes([work], pino({ level: "silent" }), () => new Date(clock), 30_000);
    const app = new Koa().use(routes.routes()).callback();
    const tick = async (at: number) => {
      clock = at;
      expect((await request(app).post(CRON_ROUTE)).status).to.equal(200);
    };
    await tick(0);
    await tick(5_000);
    await tick(25_000);
    expect(started, "the first pass is still running").to.deep.equal([0]);
    await tick(31_000);
    expect(started, "past the limit: another pass beside the stuck one").to.deep.equal([0, 31_000]);
    await new Promise((r) => setImmediate(r));
    await tick(36_000);
    expect(started, "the second one finished, so the next tick runs again").to.deep.equal([0, 31_000, 36_000]);
  });
});
