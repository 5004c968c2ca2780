/**
 * Position in a user's history feed: after the entry recorded at `recordedAt`
 * with id `id`. The feed is ordered by when the audit service recorded each
 * event (not when it occurred) so that an event arriving late is appended
 * after a follower's cursor instead of being slipped in before it; the audit
 * app holds back the last few seconds of entries (HISTORY_SETTLE_MS) so that
 * one stamped earlier but stored later is not either.
 */
export interface HistoryPosition {
  recordedAt: string;
  id: string;
}

export function encodeHistoryCursor(p: HistoryPosition): string {
  return Buffer.from(JSON.stringify(["h", p.recordedAt, p.id])).toString("base64url");
}

/** The position, or null if this is not a cursor we issued. */
export function decodeHistoryCursor(raw: string): HistoryPosition | null {
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(value) || value.length !== 3 || value[0] !== "h") return null;
    const [, recordedAt, id] = value as unknown[];
    if (typeof recordedAt !== "string" || typeof id !== "string" || id === "" || id.length > 300) return null;
    const instant = new Date(recordedAt);
    if (Number.isNaN(instant.getTime()) || instant.toISOString() !== recordedAt) return null;
    return { recordedAt, id };
  } catch {
    return null;
  }
}
