/**
 * Natural-language quick add: one line of English → the fields of a new task,
 * plus which spans of the line became which field (so a UI can highlight them
 * and a person can see what was taken). Pure: the time zone and "now" are
 * given.
 *
 * Order matters: quoted passages are protected first; marks that cannot be
 * dates (tags, priority) and reminder phrases (whose times must not become the
 * due date) are taken before the recurrence phrase, and the due date is read
 * last from what is left. Whatever nothing took is the title.
 */
import { describeRule, occurrencesAfter } from "./recurrence.js";
import { DateTime } from "luxon";
import type { Priority, Recurrence, Reminder, TaskInput } from "./task.js";
import { protectQuotes, QuickText } from "./quickAddText.js";
import { findPriority, findReminderLeads, findTags, reminderOffsetAt, type Found } from "./quickAddTokens.js";
import { findRecurrence } from "./quickAddRecurrence.js";
import { DEFAULT_HOUR, findWhen, instantOf, iso, momentAt, onDayOf, wallClock, type Moment, type QuickContext } from "./quickAddWhen.js";

export type { QuickContext } from "./quickAddWhen.js";

export type ParsedField = "dueAt" | "recurrence" | "tags" | "priority" | "reminders";

export interface ParsedSpan {
  field: ParsedField;
  /** UTF-16 offsets into the text, end exclusive (JavaScript string indices). */
  start: number;
  end: number;
  text: string;
  value: unknown;
  /** Choices made where the text left something open. */
  assumed?: string[];
}

export interface QuickAdd {
  input: TaskInput;
  parsed: ParsedSpan[];
}

type ReminderFind = Found<{ before: string } | { at: Moment }>;

export function parseQuickAdd(line: string, ctx: QuickContext): QuickAdd {
  const text = new QuickText(line);
  protectQuotes(text);
  const parsed: ParsedSpan[] = [];
  const report = (field: ParsedField, found: { start: number; end: number }, value: unknown, assumed: string[] = []) =>
    parsed.push({ field, start: found.start, end: found.end, text: line.slice(found.start, found.end), value, ...(assumed.length ? { assumed } : {}) });

  const tags = findTags(text);
  const priority: Found<Priority> | null = findPriority(text);
  const reminderFinds = findReminders(text, ctx);
  const recurrence = findRecurrence(text);
  const when = findWhen(text, ctx);

  let dueAt: string | null = null;
  if (recurrence) {
    const { rule, mode } = recurrence.value;
    const first = firstOccurrence(rule, when?.value ?? null, ctx);
    dueAt = first.dueAt;
    report("recurrence", recurrence, { rule, mode, text: describeRule(rule), firstDueAt: dueAt }, when ? [] : first.assumed);
  } else if (when) {
    dueAt = instantOf(when.value, ctx);
  }
  if (when) report("dueAt", when, dueAt, when.value.assumed);

  const reminders: Reminder[] = reminderFinds.map((found) => {
    const reminder = "before" in found.value ? { before: found.value.before } : { at: reminderInstant(found.value.at, dueAt, ctx) };
    report("reminders", found, reminder, "at" in found.value ? found.value.at.assumed : []);
    return reminder;
  });
  for (const tag of tags) report("tags", tag, tag.value);
  if (priority) report("priority", priority, priority.value);
  parsed.sort((a, b) => a.start - b.start);

  return {
    input: {
      title: text.title(),
      ...(priority ? { priority: priority.value } : {}),
      ...(tags.length ? { tags: [...new Set(tags.map((t) => t.value))] } : {}),
      ...(dueAt ? { dueAt } : {}),
      timeZone: ctx.timeZone,
      ...(reminders.length ? { reminders } : {}),
      ...(recurrence ? { recurrence: recurrence.value } : {}),
    },
    parsed,
  };
}

/**
 * How many "remind" leads are read at most: twice the reminders a task may
 * have (MAX_REMINDERS). Each costs a bounded date parse; later ones stay in
 * the title, where the person sees them.
 */
export const MAX_REMINDER_LEADS = 20;

/**
 * A date phrase alone ("tomorrow 9am", "every monday at 9"), as an import's
 * date column holds: only the recurrence and date finders run, at the cost of
 * two bounded passes, since such a cell has no tags, priorities or reminders.
 */
export function parseDatePhrase(phrase: string, ctx: QuickContext): { dueAt?: string; recurrence?: Recurrence } {
  const text = new QuickText(phrase);
  const recurrence = findRecurrence(text);
  const when = findWhen(text, ctx);
  if (recurrence) return { dueAt: firstOccurrence(recurrence.value.rule, when?.value ?? null, ctx).dueAt, recurrence: recurrence.value };
  return when ? { dueAt: instantOf(when.value, ctx) } : {};
}

/** "remind me 1 day before", "remind at 8am": each taken with its lead words. */
function findReminders(text: QuickText, ctx: QuickContext): ReminderFind[] {
  const found: ReminderFind[] = [];
  for (const lead of findReminderLeads(text).slice(0, MAX_REMINDER_LEADS)) {
    if (!text.isFree(lead.start, lead.bodyStart)) continue;
    const offset = reminderOffsetAt(text, lead.bodyStart);
    if (offset) {
      text.take(lead.start, offset.end);
      found.push({ start: lead.start, end: offset.end, value: { before: offset.value } });
      continue;
    }
    const moment = momentAt(text, lead.bodyStart, ctx);
    if (moment) {
      text.take(lead.start, lead.bodyStart);
      found.push({ start: lead.start, end: moment.end, value: { at: moment.value } });
    }
  }
  return found;
}

/** A reminder time without a date is on the due day when there is one, else its next occurrence. */
function reminderInstant(moment: Moment, dueAt: string | null, ctx: QuickContext): string {
  if (moment.dateGiven || moment.absolute || dueAt === null) return instantOf(moment, ctx);
  return onDayOf(dueAt, moment, ctx.timeZone);
}

/**
 * The first occurrence of a rule, which becomes dueAt (the series' start): on
 * or after the date said (else today, or tomorrow once today's time has
 * passed), at the time said (else 09:00).
 */
function firstOccurrence(rule: string, moment: Moment | null, ctx: QuickContext): { dueAt: string; assumed: string[] } {
  const now = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone });
  let anchor: DateTime;
  if (moment?.absolute) anchor = DateTime.fromISO(moment.absolute, { zone: ctx.timeZone });
  else if (moment?.dateGiven) anchor = wallClock(moment, ctx.timeZone);
  else anchor = now.set({ hour: moment?.hour ?? DEFAULT_HOUR, minute: moment?.minute ?? 0, second: 0, millisecond: 0 });
  if (!moment?.dateGiven && anchor <= now) anchor = anchor.plus({ days: 1 });
  const first = occurrencesAfter(rule, iso(anchor), ctx.timeZone, new Date(anchor.toMillis() - 1), 1)[0] ?? iso(anchor);
  return { dueAt: first, assumed: moment ? [] : [`${String(DEFAULT_HOUR).padStart(2, "0")}:00 (no time given)`] };
}
