/**
 * A test-only actor type, hosted by the test stack's entry point (testMain.ts), so that the
 * integration tests can observe the actor plumbing itself (reminder payloads,
 * turn-based concurrency) on the real sidecar without touching TaskActor.
 */
import { AbstractActor } from "@dapr/dapr";

interface Received {
  firings: { name: string; data: unknown; at: string }[];
}

interface Counter {
  value: number;
  trace: number[];
}

export class ProbeActor extends AbstractActor {
  static readonly callable = new Set(["onReminder", "received", "increment", "counter"]);

  async onReminder(name: string, data: unknown): Promise<void> {
    const state = this.getStateManager<Received>();
    const [, current] = await state.tryGetState("received");
    const firings = [...(current?.firings ?? []), { name, data, at: new Date().toISOString() }];
    await state.setState("received", { firings });
  }

  async received(): Promise<Received> {
    const [, current] = await this.getStateManager<Received>().tryGetState("received");
    return current ?? { firings: [] };
  }

  /** Read, yield to the event loop, write: interleaving calls would lose increments. */
  async increment(): Promise<number> {
    const state = this.getStateManager<Counter>();
    const [, current] = await state.tryGetState("counter");
    const before = current ?? { value: 0, trace: [] };
    await new Promise((resolve) => setTimeout(resolve, 5));
    const value = before.value + 1;
    await state.setState("counter", { value, trace: [...before.trace, value] });
    return value;
  }

  async counter(): Promise<Counter> {
    const [, current] = await this.getStateManager<Counter>().tryGetState("counter");
    return current ?? { value: 0, trace: [] };
  }
}
