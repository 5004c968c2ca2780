/**
 * One soak sample (every 10 s) and its CSV row (pure). Wide rows, one column
 * per figure and process, so a spreadsheet opens it as it is; an unknown
 * figure (no request or no event in the interval) is an empty cell.
 */
export interface PieceSample {
  /** Resident set, bytes. */
  rss: number;
  /** Cores busy over the interval (CPU seconds / interval seconds). */
  cpu: number;
}

export interface SoakSample {
  /** Seconds since the load started. */
  t: number;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  /** Event lag p99 at the projection and at audit over the interval, ms. */
  lagProjectionP99: number;
  lagAuditP99: number;
  /** Cumulative since the load started. */
  remindersDue: number;
  remindersFired: number;
  remindersDelivered: number;
  pieces: Map<string, PieceSample>;
}

const FIXED = ["t_s", "requests", "errors", "p50_ms", "p95_ms", "p99_ms", "lag_projection_p99_ms", "lag_audit_p99_ms", "reminders_due", "reminders_fired", "reminders_delivered"];

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const num = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : "");

export function csvHeader(pieces: string[]): string {
  return [...FIXED, ...pieces.map((p) => `rss_mb:${p}`), ...pieces.map((p) => `cpu_cores:${p}`)].map(cell).join(",");
}

export function csvRow(s: SoakSample, pieces: string[]): string {
  const piece = (name: string) => s.pieces.get(name);
  return [
    num(s.t, 0), String(s.requests), String(s.errors), num(s.p50, 1), num(s.p95, 1), num(s.p99, 1),
    num(s.lagProjectionP99, 1), num(s.lagAuditP99, 1), String(s.remindersDue), String(s.remindersFired), String(s.remindersDelivered),
    ...pieces.map((p) => num((piece(p)?.rss ?? NaN) / 1e6, 1)),
    ...pieces.map((p) => num(piece(p)?.cpu ?? NaN, 3)),
  ].join(",");
}

export function toCsv(samples: SoakSample[], pieces: string[]): string {
  return [csvHeader(pieces), ...samples.map((s) => csvRow(s, pieces))].join("\n") + "\n";
}
