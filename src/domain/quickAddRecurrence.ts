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

const DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun";
const MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
const VOCABULARY = new RegExp(
  `^(?:\\d+(?:st|nd|rd|th)?|other|day|days|weekday|weekdays|week|weeks|month|months|year|years|hour|hours|minute|minutes|` +
    `on|the|and|or|for|times?|until|last|first|second|third|fourth|fifth|(?:${DAYS})s?|${MONTHS})$`,
  "i",
);

const UNITS = /^(day|days|week|weeks|month|months|year|years)$/i;

/** The first recurrence phrase, its canonical RRULE and mode, taken out of the text; null if there is none. */
export function findRecurrence(text: QuickText): Found<Recurrence> | null {
  for (const lead of text.remaining.matchAll(/\bevery\s+/gi)) {
    const words = [...text.remaining.slice(lead.index + lead[0].length).matchAll(/\S+/g)];
    let best = null as { end: number; rule: string } | null;
    let phrase = "every";
    let previousEnd = -1;
    for (const word of words) {
      const bare = word[0].replace(/,$/, "");
      if (!VOCABULARY.test(bare)) break;
      phrase += ` ${bare.toLowerCase() === "other" ? "2" : bare}`;
      const rule = ruleOf(phrase);
      const end = lead.index + lead[0].length + word.index + bare.length;
      const extendsBest = best !== null && best.end === previousEnd;
      previousEnd = end;
      if (rule === null) continue;
      // "every month on the last day": rrule is done at "last"; the unit still belongs to the phrase.
      if (rule !== best?.rule || (extendsBest && UNITS.test(bare))) best = { end, rule };
    }
    if (best && text.isFree(lead.index, best.end)) {
      // "every 3 days after completion": counted from when the task is done (mode completion).
      const completion = /^\s+(?:after|from)\s+(?:completion|completing|done|finishing)\b/i.exec(text.remaining.slice(best.end));
      const end = best.end + (completion?.[0].length ?? 0);
      text.take(lead.index, end);
      return { start: lead.index, end, value: { rule: best.rule, mode: completion ? "completion" : "schedule" } };
    }
  }
  return null;
}

function ruleOf(phrase: string): string | null {
  try {
    const rule = canonicalRule(phrase);
    // Times belong to dueAt (see above); a rule that picked one up is not ours.
    return /BY(HOUR|MINUTE|SECOND)=/.test(rule) ? null : rule;
  } catch {
    // rrule's grammar throws on a phrase it cannot finish ("every month on the").
    return null;
  }
}
