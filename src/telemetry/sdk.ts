/**
 * Starts the OpenTelemetry SDK. main.ts imports this module first, so the SDK
 * is registered (context manager, W3C propagator) before any other module
 * runs. Spans are made by hand at our boundaries (tracing.ts) rather than by
 * auto-instrumentation, whose module patching does not reach ES modules
 * without a loader hook; what daprd does in between is traced by daprd
 * itself (its Configuration's tracing section) into the same collector.
 *
 * OTLP_ENDPOINT set: spans go there over OTLP/HTTP (batched). An entry point
 * may add span processors before it imports this module (the test stack's
 * keeps spans in memory: test/support/testMain.ts).
 */
import { NodeSDK } from "@opentelemetry/sdk-node";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
// Since sdk-node 0.300 these no longer come re-exported from sdk-node
// (its `tracing` and `resources` namespaces are gone), so they are direct
// dependencies, pinned to the versions that sdk-node release uses.
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, type SpanProcessor } from "@opentelemetry/sdk-trace";
import { telemetrySettings } from "./settings.js";
import { extraSpanProcessors } from "./processors.js";

const settings = telemetrySettings(process.env);

const processors: SpanProcessor[] = [...extraSpanProcessors];
if (settings.otlpEndpoint) processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${settings.otlpEndpoint.replace(/\/$/, "")}/v1/traces` }) }));

const sdk = new NodeSDK({
  resource: resourceFromAttributes({ "service.name": `tickler-${settings.role}`, "service.namespace": "tickler" }),
  sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.sampleRatio) }),
  spanProcessors: processors,
  instrumentations: [],
});
sdk.start();

/** Flushes buffered spans; called on shutdown. */
export function stopTelemetry(): Promise<void> {
  return sdk.shutdown();
}
