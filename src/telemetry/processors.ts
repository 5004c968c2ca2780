/**
 * Span processors an entry point adds before the SDK starts (src/telemetry/
 * sdk.ts reads this list when it is first imported).
 */
import type { SpanProcessor } from "@opentelemetry/sdk-trace";

export const extraSpanProcessors: SpanProcessor[] = [];
