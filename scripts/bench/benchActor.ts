/**
 * The bench-only actor behind baselines B2 and B3, hosted by the baseline app
 * with the same dispatch as Tickler's actors (src/actors/host.ts).
 */
import { AbstractActor } from "@dapr/dapr";

export const BENCH_ACTOR_TYPE = "BenchActor";
export const BENCH_TOPIC = "bench-baseline";

/** Where B3 publishes: the baseline app's own daprd. */
export interface PublishTarget {
  daprHttpPort: number;
  daprApiToken: string;
  pubsub: string;
}

let target: PublishTarget | null = null;
export const setPublishTarget = (t: PublishTarget) => {
  target = t;
};

export class BenchActor extends AbstractActor {
  static readonly callable = new Set(["noop", "write"]);

  /** B2: nothing but the trip through daprd and the dispatch. */
  async noop(): Promise<null> {
    return null;
  }

  /**
   * B3: one actor-state transaction holding a record and its outbox (one state
   * object, as the lean write path keeps them), then one publish through daprd.
   */
  async write(body: unknown): Promise<{ id: string }> {
    const id = this.getActorId().getId();
    const record = { id, body, version: 1, at: new Date().toISOString() };
    const state = this.getStateManager<unknown>();
    await state.setState("record", { record, outbox: [{ type: "bench.created", record }] });
    await state.saveState();
    if (!target) throw new Error("publish target not set");
    const res = await fetch(`http://127.0.0.1:${target.daprHttpPort}/v1.0/publish/${target.pubsub}/${BENCH_TOPIC}?metadata.partitionKey=${encodeURIComponent(id)}`, {
      method: "POST",
      headers: { "dapr-api-token": target.daprApiToken, "content-type": "application/cloudevents+json" },
      body: JSON.stringify({ specversion: "1.0", id: `${id}-1`, source: "tickler/bench", type: "bench.created", datacontenttype: "application/json", data: record }),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`publish answered ${res.status}`);
    return { id };
  }
}
