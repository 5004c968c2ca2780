import { pino, type Logger } from "pino";
import { activeIds } from "../telemetry/tracing.js";

export type { Logger };

/**
 * JSON lines on stdout; tokens and auth headers never reach a log line. Each
 * line written inside a span carries its trace_id and span_id, so a log line
 * leads to its trace and back.
 */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base,
    mixin: () => activeIds(),
    redact: {
      paths: ["req.headers.authorization", "req.headers[\"dapr-api-token\"]", "*.token", "*.secret"],
      censor: "[redacted]",
    },
  });
}
