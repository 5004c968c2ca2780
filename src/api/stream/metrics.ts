/** The live stream's series in the app's registry (see infra/metrics.ts): connections, what they hold, drops and resumes. */
import { Counter, Gauge, type Registry } from "prom-client";
import type { DropReason } from "./client.js";

export type ResumeOutcome = "window" | "history" | "resync";

export interface StreamMetrics {
  dropped(reason: DropReason): void;
  resumed(outcome: ResumeOutcome): void;
}

/** Registers the stream's series; the two gauges are read from `state` on each scrape. */
export function streamMetrics(registry: Registry, state: () => { connections: number; bufferedBytes: number }): StreamMetrics {
  new Gauge({
    name: "tickler_stream_connections",
    help: "Live-stream (SSE) clients connected to this replica",
    registers: [registry],
    collect() {
      this.set(state().connections);
    },
  });
  new Gauge({
    name: "tickler_stream_buffered_bytes",
    help: "Bytes all live-stream clients of this replica hold (written, not yet taken by their sockets, or waiting behind a resume); each is bounded by STREAM_CLIENT_MAX_BUFFER_BYTES",
    registers: [registry],
    collect() {
      this.set(state().bufferedBytes);
    },
  });
  const dropped = new Counter({
    name: "tickler_stream_clients_dropped_total",
    help: "Live-stream clients dropped for not reading: slow (backlog past STREAM_CLIENT_MAX_BUFFER_BYTES) or stalled (a resume waited too long for them)",
    labelNames: ["reason"] as const,
    registers: [registry],
  });
  const resumed = new Counter({
    name: "tickler_stream_resumes_total",
    help: "Live-stream reconnections with Last-Event-ID by outcome: window (this replica's memory), history (the audit feed and the inbox), resync",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  return {
    dropped: (reason) => dropped.inc({ reason }),
    resumed: (outcome) => resumed.inc({ outcome }),
  };
}
