import { expect } from "chai";
import { setTimeout as sleep } from "node:timers/promises";
import { pino } from "pino";
import { StreamReadiness } from "../../src/api/stream/readiness.js";

describe("StreamReadiness (an api replica's live stream proves its consumer group)", () => {
  it("is ready only once its own heartbeat comes back, and again after the sidecar was unhealthy", async () => {
    const published: { topic: string; event: any }[] = [];
    let sidecarUp = true;
    const readiness = new StreamReadiness("pubsub-stream", async (_p, topic, event) => void published.push({ topic, event }), pino({ level: "silent" }), async () => sidecarUp);
    readiness.start(10, 20);
    try {
      await sleep(35);
      expect(readiness.ready).to.equal(false);
      expect(published.length).to.be.at.least(2);
      expect(published[0]!.topic).to.equal("stream-heartbeats");
      const handle = readiness.subscriber().handle;
      const own = published[0]!.event.data;
      expect(await handle({ instance: "another-replica" }, { id: "x", type: "t" })).to.equal("duplicate");
      expect(readiness.ready).to.equal(false);
      expect(await handle(own, { id: "y", type: "t" })).to.equal("applied");
      expect(readiness.ready).to.equal(true);
      const sentWhileReady = published.length;
      await sleep(40);
      expect(published.length, "no heartbeats once ready").to.equal(sentWhileReady);

      sidecarUp = false;
      await sleep(50);
      expect(readiness.ready).to.equal(false);
      expect(published.length, "heartbeats again").to.be.greaterThan(sentWhileReady);
      sidecarUp = true;
      expect(await handle(own, { id: "z", type: "t" })).to.equal("applied");
      expect(readiness.ready).to.equal(true);
    } finally {
      readiness.close();
    }
  });
});
