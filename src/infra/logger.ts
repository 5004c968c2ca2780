import { pino, type Logger } from "pino";

export type { Logger };

/** JSON lines on stdout; tokens and auth headers never reach a log line. */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base,
    redact: {
      paths: ["req.headers.authorization", "req.headers[\"dapr-api-token\"]", "*.token", "*.secret"],
      censor: "[redacted]",
    },
  });
}
