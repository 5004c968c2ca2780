/**
 * Span processors an entry point adds before the SDK starts (src/telemetry/
 * sdk.ts reads this list when it is first imported).
 */
import type { tracing } from "@opentelemetry/sdk-node";

export const extraSpanProcessors: tracing.SpanProcessor[] = [];
