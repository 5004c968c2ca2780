/**
 * The few pieces of RFC 5545 syntax the calendar feed writes: content lines
 * (folded at 75 octets, CRLF), TEXT escaping, DATE-TIME and DURATION values.
 * Written here rather than taken from a generator library: the feed has one
 * fixed shape, these rules are short and fully unit-tested, and the domain
 * stays free of I/O libraries (the e2e test parses the output with Mozilla's
 * ical.js, an independent implementation).
 */
import { DateTime } from "luxon";
import { durationMs } from "./duration.js";

const encoder = new TextEncoder();

/** TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, line breaks as \n. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * One content line, folded (3.1): no line longer than 75 octets, each
 * continuation starting with a space; a fold never splits a UTF-8 sequence
 * (nor a UTF-16 surrogate pair).
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line may hold 75 octets; continuations 74 after their leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** Lines joined as an iCalendar stream: each folded and ended by CRLF. */
export function contentLines(lines: readonly string[]): string {
  return lines.map((l) => `${foldLine(l)}\r\n`).join("");
}

/** DATE-TIME in UTC form: 20261201T080000Z. */
export function utcDateTime(instant: string | Date): string {
  return DateTime.fromJSDate(typeof instant === "string" ? new Date(instant) : instant, { zone: "utc" }).toFormat("yyyyMMdd'T'HHmmss'Z'");
}

/** DATE-TIME as wall-clock time in `zone` (for a TZID parameter): 20261020T090000. */
export function localDateTime(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { zone }).toFormat("yyyyMMdd'T'HHmmss");
}

/**
 * An ISO 8601 duration of the reminder grammar as an RFC 5545 DURATION: RFC
 * 5545 forbids weeks mixed with other units (P1W2D), so anything but whole
 * weeks is written in days and time; a day is 24 h, as for reminders.
 */
export function icalDuration(iso: string): string {
  let seconds = Math.round(durationMs(iso) / 1000);
  if (seconds === 0) return "PT0S";
  if (seconds % (7 * 86_400) === 0) return `P${seconds / (7 * 86_400)}W`;
  const days = Math.floor(seconds / 86_400);
  seconds -= days * 86_400;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const time = `${h ? `${h}H` : ""}${m ? `${m}M` : ""}${s ? `${s}S` : ""}`;
  return `P${days ? `${days}D` : ""}${time ? `T${time}` : ""}`;
}
