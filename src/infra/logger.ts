import { pino, stdSerializers, type DestinationStream, type Logger } from "pino";
import { activeIds } from "../telemetry/tracing.js";

export type { Logger };

export const REDACTED = "[redacted]";

/**
 * Field names whose values never reach a log line, matched case-insensitively
 * at any depth: `Authorization`, `dapr-api-token`, `accessToken`, `Set-Cookie`,
 * `SMTP_PASS`, `apiKey`... Over-matching (a `tokenCount`) costs a number in a
 * log line; under-matching leaks a credential.
 */
const SECRET_KEY = /authorization|cookie|token|secret|passw(?:or)?d|(?:^|[-_])pass$|api[-_]?key|credential|signature/i;

/** Email addresses in any logged string (debug lines dump notifications and preferences). Bounded parts: linear in the input. */
const EMAIL = /[\w.%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}/gi;
export const EMAIL_REDACTED = "[email]";

const MAX_DEPTH = 10;

function redactString(s: string): string {
  return s.includes("@") ? s.replace(EMAIL, EMAIL_REDACTED) : s;
}

/** A copy of `value` with secret-named fields censored and email addresses masked; the original is left untouched. */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return redactString(value);
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[too deep]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1, seen));
  // An error becomes what pino's serializer makes of it (type, message, stack, own fields), then walked.
  const record = value instanceof Error ? { ...stdSerializers.err(value) } : value;
  const proto = Object.getPrototypeOf(record) as unknown;
  // Only plain records are walked; a Date, Buffer or class instance is logged as pino would (its own toJSON).
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(record)) out[key] = SECRET_KEY.test(key) ? REDACTED : redactDeep(v, depth + 1, seen);
  return out;
}

/**
 * JSON lines on stdout; tokens, auth headers, cookies and email addresses
 * never reach a log line (redactDeep runs on every logged object and on the
 * message). Each line written inside a span carries its trace_id and span_id,
 * so a log line leads to its trace and back.
 */
export function createLogger(level: string, base: Record<string, unknown> = {}, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base,
      mixin: () => activeIds(),
      formatters: { log: (obj) => redactDeep(obj) as Record<string, unknown> },
      // redactDeep has already serialized every error (at any depth); pino's would take the copy for an error again.
      serializers: { err: (v: unknown) => v },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === "string" ? redactString(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination ?? process.stdout,
  );
}
