/**
 * Recurrence rules: RFC 5545 RRULEs without DTSTART (the series starts at the
 * task's dueAt in its time zone). Requests may also say the rule in words
 * ("every weekday at 9am") where rrule understands them; we always store the
 * canonical RRULE.
 */
import rrule from "rrule";

const { RRule } = rrule;

export class RuleError extends Error {}

/** Canonical `FREQ=...;...` form of an RRULE or an English phrase, or a RuleError. */
export function canonicalRule(input: string): string {
  const text = input.trim();
  let options: Partial<rrule.Options>;
  if (/^(RRULE:)?FREQ=/i.test(text) || /^[A-Z]+=/i.test(text)) {
    try {
      options = RRule.parseString(text.replace(/^RRULE:/i, "").toUpperCase());
    } catch (err) {
      throw new RuleError((err as Error).message);
    }
  } else {
    options = RRule.parseText(text) ?? {};
    if (options.freq === undefined) throw new RuleError(`"${text}" is not a rule rrule can read`);
  }
  if (options.freq === undefined || options.freq === null) throw new RuleError("FREQ is required (e.g. FREQ=WEEKLY)");
  if (options.dtstart) throw new RuleError("DTSTART is not allowed: the series starts at dueAt");
  if (options.count !== undefined && options.count !== null && options.count < 1) throw new RuleError("COUNT must be at least 1");
  return new RRule({ ...options, dtstart: null }).toString().replace(/^RRULE:/, "");
}

/** A human-readable description of a canonical rule ("every week on Monday"). */
export function describeRule(rule: string): string {
  return new RRule(RRule.parseString(rule)).toText();
}
