/**
 * VTIMEZONE components for IANA zones, derived from the runtime's time-zone
 * data (through luxon). RFC 5545 wants a VTIMEZONE for every TZID used;
 * Google Calendar, Outlook and Apple Calendar also recognise the IANA name in
 * TZID and use their own data, while strict parsers (ical.js, many CalDAV
 * tools) need the component to place a local time on the timeline. So the
 * feed names the IANA zone in TZID and carries a VTIMEZONE listing that
 * zone's actual transitions over a window of years (explicit DTSTARTs, no
 * RRULE: exact even where a zone's rules changed). After the window's end the
 * last offset holds; the window reaches years past the last date in the feed.
 */
import { DateTime } from "luxon";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export interface Transition {
  /** First instant (ms) of the new offset. */
  at: number;
  fromMinutes: number;
  toMinutes: number;
  dst: boolean;
}

const offsetAt = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).offset;

/** Offset changes of `zone` in [fromMs, toMs), each to the minute. */
export function transitions(zone: string, fromMs: number, toMs: number): Transition[] {
  const found: Transition[] = [];
  let before = offsetAt(fromMs, zone);
  for (let t = fromMs + DAY_MS; t < toMs + DAY_MS; t += DAY_MS) {
    const after = offsetAt(t, zone);
    if (after === before) continue;
    // The change lies in (t - 1 day, t]: narrow it down to the minute.
    let lo = t - DAY_MS;
    let hi = t;
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
      if (offsetAt(mid, zone) === before) lo = mid;
      else hi = mid;
    }
    if (hi < toMs) found.push({ at: hi, fromMinutes: before, toMinutes: after, dst: DateTime.fromMillis(hi, { zone }).isInDST });
    before = after;
  }
  return found;
}

/** UTC offset as RFC 5545 UTC-OFFSET: +0200, -0330. */
export function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
}

/** Wall-clock time of an instant under a fixed offset, as a local DATE-TIME. */
const wallClock = (ms: number, offsetMinutes: number) =>
  DateTime.fromMillis(ms + offsetMinutes * MINUTE_MS, { zone: "utc" }).toFormat("yyyyMMdd'T'HHmmss");

/** The content lines of one VTIMEZONE for `zone` covering the years [fromYear, toYear]. */
export function vtimezone(zone: string, fromYear: number, toYear: number): string[] {
  const fromMs = Date.UTC(fromYear, 0, 1);
  const toMs = Date.UTC(toYear + 1, 0, 1);
  const initial = offsetAt(fromMs, zone);
  const lines = ["BEGIN:VTIMEZONE", `TZID:${zone}`];
  const component = (dst: boolean, startMs: number, from: number, to: number) => {
    const kind = dst ? "DAYLIGHT" : "STANDARD";
    // DTSTART is the moment of change as read on the clock before it (RFC 5545 3.6.5).
    lines.push(`BEGIN:${kind}`, `DTSTART:${wallClock(startMs, from)}`, `TZOFFSETFROM:${utcOffset(from)}`, `TZOFFSETTO:${utcOffset(to)}`, `END:${kind}`);
  };
  // The offset in force at the window's start, so that zones without changes have one component.
  component(DateTime.fromMillis(fromMs, { zone }).isInDST, fromMs, initial, initial);
  for (const t of transitions(zone, fromMs, toMs)) component(t.dst, t.at, t.fromMinutes, t.toMinutes);
  lines.push("END:VTIMEZONE");
  return lines;
}
