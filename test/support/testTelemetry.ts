/** The test stack keeps each process's recent spans in memory (imported before the SDK starts). */
import { SimpleSpanProcessor } from "@opentelemetry/sdk-trace";
import { extraSpanProcessors } from "../../src/telemetry/processors.js";
import { RecentSpans } from "./recentSpans.js";

export const recentSpans = new RecentSpans();
extraSpanProcessors.push(new SimpleSpanProcessor({ exporter: recentSpans }));
