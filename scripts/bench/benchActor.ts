/**
 * The bench-only actor behind baselines B2, B3 and B3d, hosted by the baseline app
 * with the same dispatch as Tickler's actors (src/actors/host.ts).
 */
import { AbstractActor } from "@dapr/dapr";

export const BENCH_ACTOR_TYPE = "BenchActor";
export const BENCH_TOPIC = "bench-baseline";

/** The baseline app's own daprd. */
export interface Sidecar {
  daprHttpPort: number;
  daprApiToken: string;
  pubsub: string;
}

let sidecar: Sidecar | null = null;
export const setSidecar = (s: Sidecar) => {
  sidecar = s;
};

async function daprd(method: string, path: string, contentType: string, body: string): Promise<void> {
  if (!sidecar) throw new Error("sidecar not set");
  const res = await fetch(`http://127.0.0.1:${sidecar.daprHttpPort}${path}`, {
    method,
    headers: { "dapr-api-token": sidecar.daprApiToken, "content-type": contentType },
    body,
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}`);
}

export class BenchActor extends AbstractActor {
  static readonly callable = new Set(["noop", "write", "writeDirect"]);

  /** B2: nothing but the trip through daprd and the dispatch. */
  async noop(): Promise<null> {
    return null;
  }

  /**
   * B3: one actor-state transaction through the SDK's state manager holding a
   * record and its outbox (one state object, as the lean write path keeps
   * them), then one publish.
   */
  async write(body: unknown): Promise<{ id: string }> {
    const { id, value } = this.change(body);
    const state = this.getStateManager<unknown>();
    await state.setState("record", value);
    await state.saveState();
    await this.publish(id, value.record);
    return { id };
  }

  /** B3d: the same transaction posted to daprd's actor state API, as an actor that writes its own state does; no state manager. */
  async writeDirect(body: unknown): Promise<{ id: string }> {
    const { id, value } = this.change(body);
    const path = `/v1.0/actors/${BENCH_ACTOR_TYPE}/${encodeURIComponent(id)}/state`;
    await daprd("POST", path, "application/json", JSON.stringify([{ operation: "upsert", request: { key: "record", value } }]));
    await this.publish(id, value.record);
    return { id };
  }

  private change(body: unknown) {
    const id = this.getActorId().getId();
    const record = { id, body, version: 1, at: new Date().toISOString() };
    return { id, value: { record, outbox: [{ type: "bench.created", record }] } };
  }

  private publish(id: string, record: unknown): Promise<void> {
    const event = { specversion: "1.0", id: `${id}-1`, source: "tickler/bench", type: "bench.created", datacontenttype: "application/json", data: record };
    const path = `/v1.0/publish/${sidecar?.pubsub ?? "pubsub"}/${BENCH_TOPIC}?metadata.partitionKey=${encodeURIComponent(id)}`;
    return daprd("POST", path, "application/cloudevents+json", JSON.stringify(event));
  }
}
