/**
 * The tracing settings, read from the environment by the SDK before the rest
 * of the configuration is loaded; src/infra/config.ts validates the same
 * fields with everything else, so telemetry depends on nothing of infra.
 */
import { z } from "zod";

export const telemetryFields = {
  /** OTLP/HTTP collector base URL (e.g. http://otel-collector:4318); unset: spans are not exported. */
  OTLP_ENDPOINT: z.string().url().optional(),
  /** Fraction of new traces sampled (a sampled parent is always followed). */
  TRACE_SAMPLE_RATIO: z.coerce.number().min(0).max(1).default(1),
};

export interface TelemetrySettings {
  role: string;
  otlpEndpoint: string | undefined;
  sampleRatio: number;
}

/**
 * The telemetry subset, never throwing: a bad value here is reported by
 * loadConfig with every other problem (ROLE included), and tracing stays off meanwhile.
 */
export function telemetrySettings(env: NodeJS.ProcessEnv): TelemetrySettings {
  const parsed = z.object({ ...telemetryFields, ROLE: z.string().min(1).default("api") }).safeParse(env);
  if (!parsed.success) return { role: String(env.ROLE ?? "unknown"), otlpEndpoint: undefined, sampleRatio: 0 };
  return { role: parsed.data.ROLE, otlpEndpoint: parsed.data.OTLP_ENDPOINT, sampleRatio: parsed.data.TRACE_SAMPLE_RATIO };
}
