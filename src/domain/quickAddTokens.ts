/**
 * The marks of a quick add that are not dates: `#tags`, priorities (`!high`,
 * `p1`…`p4`) and reminder offsets ("remind me 1 day before").
 */
import type { Priority } from "./task.js";
import type { QuickText } from "./quickAddText.js";

export interface Found<T> {
  start: number;
  end: number;
  value: T;
}

/** `#word` at the start of a word; a tag needs a letter, so "#1" stays text. */
export function findTags(text: QuickText): Found<string>[] {
  const found: Found<string>[] = [];
  for (const match of text.remaining.matchAll(/(?<=^|\s)#([\p{L}\p{N}_/-]{1,40})(?=$|[\s,.;!?])/gu)) {
    const tag = match[1]!;
    if (!/\p{L}/u.test(tag)) continue;
    found.push({ start: match.index, end: match.index + match[0].length, value: tag.toLowerCase() });
  }
  for (const f of found) text.take(f.start, f.end);
  return found;
}

/** Todoist's order: p1 is the most urgent. */
const P_LEVELS: Record<string, Priority> = { p1: "high", p2: "medium", p3: "low", p4: "none" };
const BANG_LEVELS: Record<string, Priority> = { "!high": "high", "!medium": "medium", "!med": "medium", "!low": "low", "!none": "none" };

/**
 * The first priority mark wins; any later one is left in the title, where the
 * person sees it, rather than silently overriding the first.
 */
export function findPriority(text: QuickText): Found<Priority> | null {
  const match = /(?<=^|\s)(p[1-4]|!high|!medium|!med|!low|!none)(?=$|[\s,.;?])/i.exec(text.remaining);
  if (!match) return null;
  const mark = match[1]!.toLowerCase();
  const found = { start: match.index, end: match.index + match[0].length, value: P_LEVELS[mark] ?? BANG_LEVELS[mark]! };
  text.take(found.start, found.end);
  return found;
}

const UNIT_DESIGNATOR: Record<string, string> = { m: "M", min: "M", mins: "M", minute: "M", minutes: "M", h: "H", hr: "H", hrs: "H", hour: "H", hours: "H", d: "D", day: "D", days: "D", w: "W", week: "W", weeks: "W" };

/** "15 minutes", "an hour", "2d" → an ISO 8601 duration (PT15M, PT1H, P2D), or null. */
export function offsetDuration(amount: string, unit: string): string | null {
  const n = /^(?:a|an|one)$/i.test(amount) ? 1 : Number(amount);
  const designator = UNIT_DESIGNATOR[unit.toLowerCase()];
  if (!designator || !Number.isInteger(n) || n < 1 || n > 10_000) return null;
  return designator === "D" || designator === "W" ? `P${n}${designator}` : `PT${n}${designator}`;
}

/** Where each "remind (me)" begins and the words right after it start. */
export function findReminderLeads(text: QuickText): { start: number; bodyStart: number }[] {
  return [...text.remaining.matchAll(/\bremind(?:\s+me)?\s+/gi)].map((m) => ({ start: m.index, bodyStart: m.index + m[0].length }));
}

/** How far past a "remind me" an offset is looked for: "10000 minutes before" and then some. */
const OFFSET_WINDOW = 64;

/** "1 day before", "an hour before" at `from`: the reminder offset and where it ends. */
export function reminderOffsetAt(text: QuickText, from: number): Found<string> | null {
  // A bounded piece, so that many "remind me" in one text each cost the same.
  const match = /^(\d{1,5}|(?:an?|one)(?=\s))\s*([a-z]{1,10})\s+(?:before|earlier|ahead)\b/i.exec(text.window(from, from + OFFSET_WINDOW));
  if (!match) return null;
  const duration = offsetDuration(match[1]!, match[2]!);
  return duration ? { start: from, end: from + match[0].length, value: duration } : null;
}
