/**
 * Finds a recurrence phrase ("every weekday", "every month on the last day",
 * "every 2 weeks") in a quick add. The rule itself is read by the project's
 * recurrence code (rrule's English grammar through canonicalRule); this file
 * only decides how far the phrase reaches.
 *
 * rrule's text parser reads a prefix and ignores the rest, and matches words
 * by their beginnings ("morning" reads as Monday), so the phrase is grown one
 * word at a time over words of its vocabulary only, and ends with the last
 * word that changed the rule ("every 2 weeks pay rent" → "every 2 weeks").
 * A time of day ("at 9") is left to the date parser: it sets the series' time
 * through dueAt instead of becoming BYHOUR.
 */
import { canonicalRule } from "./recurrence.js";
import type { Recurrence } from "./task.js";
import type { QuickText } from "./quickAddText.js";
import type { Found } from "./quickAddTokens.js";
import { quickAddWork } from "./quickAddWork.js";

const DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun";
const MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
const VOCABULARY = new RegExp(
  `^(?:\\d{1,4}(?:st|nd|rd|th)?|other|day|days|weekday|weekdays|week|weeks|month|months|year|years|hour|hours|minute|minutes|` +
    `on|the|and|or|for|times?|until|last|first|second|third|fourth|fifth|(?:${DAYS})s?|${MONTHS})$`,
  "i",
);

const UNITS = /^(?:day|days|week|weeks|month|months|year|years)$/i;

/**
 * Words a phrase may grow to: "every monday, tuesday, wednesday, thursday and
 * friday until december 31 2027" is 12. The bound keeps each phrase's cost
 * (one rrule parse per word, each over the phrase so far) constant.
 */
export const MAX_PHRASE_WORDS = 16;
/** "every" read at most: each may cost MAX_PHRASE_WORDS rule parses; later ones stay in the title. */
export const MAX_LEADS = 20;
/** Longest word worth reading ("wednesdays,"); a longer one ends the phrase unread. */
const MAX_WORD = 12;

/** The first recurrence phrase, its canonical RRULE and mode, taken out of the text; null if there is none. */
export function findRecurrence(text: QuickText): Found<Recurrence> | null {
  const remaining = text.remaining;
  let leads = 0;
  for (const lead of remaining.matchAll(/\bevery\s+/gi)) {
    if (++leads > MAX_LEADS) break;
    const from = lead.index + lead[0].length;
    let best = null as { end: number; rule: string } | null;
    let phrase = "every";
    let previousEnd = -1;
    // Words read one at a time from the lead on, never past the phrase: many "every" each read a few words, not the rest of the text.
    let at = from;
    for (let count = 0; count < MAX_PHRASE_WORDS; count++) {
      const word = nextWord(remaining, at);
      if (!word) break;
      at = word.index + word.text.length;
      const bare = word.text.replace(/,$/, "");
      if (bare.length > MAX_WORD || !VOCABULARY.test(bare)) break;
      phrase += ` ${bare.toLowerCase() === "other" ? "2" : bare}`;
      const rule = ruleOf(phrase);
      const end = word.index + bare.length;
      const extendsBest = best !== null && best.end === previousEnd;
      previousEnd = end;
      if (rule === null) continue;
      // "every month on the last day": rrule is done at "last"; the unit still belongs to the phrase.
      if (rule !== best?.rule || (extendsBest && UNITS.test(bare))) best = { end, rule };
    }
    if (best && text.isFree(lead.index, best.end)) {
      // "every 3 days after completion": counted from when the task is done (mode completion).
      const completion = /^\s{1,20}(?:after|from)\s{1,20}(?:completion|completing|done|finishing)\b/i.exec(text.window(best.end, best.end + COMPLETION_WINDOW));
      const end = best.end + (completion?.[0].length ?? 0);
      text.take(lead.index, end);
      return { start: lead.index, end, value: { rule: best.rule, mode: completion ? "completion" : "schedule" } };
    }
  }
  return null;
}

/** Room for "  after completion" and a character past it (for the word boundary). */
const COMPLETION_WINDOW = 64;

/** The next whitespace-separated word at or after `from`; the scan never runs ahead of the phrase. */
function nextWord(text: string, from: number): { text: string; index: number } | null {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  // A word longer than any the vocabulary has is read only as far as needed to say so.
  let j = i;
  while (j < text.length && j - i <= MAX_WORD + 1 && !/\s/.test(text[j]!)) j++;
  if (j === i) return null;
  return { text: text.slice(i, j), index: i };
}

/**
 * Rules of phrases read lately: rrule's English parse is the costliest step
 * here, and the same few phrases come again and again ("every 2", "every
 * day"), within a text and across an import's rows. Bounded: emptied when full.
 */
const RULES = new Map<string, string | null>();
const MAX_CACHED_RULES = 1000;

function ruleOf(phrase: string): string | null {
  const cached = RULES.get(phrase);
  if (cached !== undefined) return cached;
  if (RULES.size >= MAX_CACHED_RULES) RULES.clear();
  const rule = parseRule(phrase);
  RULES.set(phrase, rule);
  return rule;
}

function parseRule(phrase: string): string | null {
  quickAddWork.ruleParses++;
  try {
    const rule = canonicalRule(phrase);
    // Times belong to dueAt (see above); a rule that picked one up is not ours.
    return /BY(?:HOUR|MINUTE|SECOND)=/.test(rule) ? null : rule;
  } catch {
    // rrule's grammar throws on a phrase it cannot finish ("every month on the").
    return null;
  }
}
