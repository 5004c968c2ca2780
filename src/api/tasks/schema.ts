/** Request shapes for tasks. Strict: unknown and server-owned fields are rejected, not ignored. */
import { z } from "zod";
import { isPositionKey, MAX_POSITION_LENGTH, PRIORITIES, RECURRENCE_MODES, type WritableTaskField } from "../../domain/index.js";
import { isIsoDuration } from "../../domain/duration.js";
import { canonicalRule, RuleError } from "../../domain/recurrence.js";
import { SORTS } from "../../infra/taskQuery.js";


const isIanaZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/**
 * Characters that make text lie about itself: C0/C1 controls (a title is one
 * line) and the bidirectional overrides and isolates that reorder what a
 * reader sees (Trojan Source). A description may still hold tabs and line breaks.
 */
// eslint-disable-next-line no-control-regex -- control characters are what these refuse
const LINE_UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
// eslint-disable-next-line no-control-regex -- as above
const TEXT_UNSAFE = /[\u0000-\u0008\v\f\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const CONTROL_MESSAGE = "must not contain control or bidirectional-override characters";

const title = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").refine((t) => !LINE_UNSAFE.test(t), CONTROL_MESSAGE);
const description = z.string().max(4000, "must be at most 4000 characters").refine((t) => !TEXT_UNSAFE.test(t), CONTROL_MESSAGE);
const tags = z
  .array(z.string().trim().min(1, "must not be empty").max(40, "must be at most 40 characters").refine((t) => !LINE_UNSAFE.test(t), CONTROL_MESSAGE))
  .max(20, "at most 20 tags")
  .transform((list) => [...new Set(list.map((t) => t.toLowerCase()))]);
/** Instants and durations are short; the bound is generous (docs/api-limits.md). */
const MAX_SHORT_VALUE = 64;
const instant = z.string().max(MAX_SHORT_VALUE, `must be at most ${MAX_SHORT_VALUE} characters`).datetime({ offset: true, message: "must be an RFC 3339 instant, e.g. 2026-12-01T09:00:00Z" })
  .transform((s) => new Date(s).toISOString());
/** The longest IANA name is 32 characters ("America/Argentina/ComodRivadavia"). */
export const MAX_TIME_ZONE = 64;
export const timeZone = z.string().max(MAX_TIME_ZONE, `must be at most ${MAX_TIME_ZONE} characters`).refine(isIanaZone, "must be an IANA time zone such as Europe/Berlin");

/** ISO 8601 duration of weeks, days, hours, minutes, seconds (e.g. PT15M, P1D, P1DT2H). */
export const isoDuration = z.string().max(MAX_SHORT_VALUE, `must be at most ${MAX_SHORT_VALUE} characters`).refine(isIsoDuration, "must be an ISO 8601 duration such as PT15M or P1D");
export const MAX_REMINDERS = 10;
const reminder = z.union([
  z.strictObject({ before: isoDuration }),
  z.strictObject({ at: instant }),
], { message: "must be { \"before\": \"PT15M\" } or { \"at\": \"<instant>\" }" });
const reminders = z.array(reminder).max(MAX_REMINDERS, `at most ${MAX_REMINDERS} reminders`);

const recurrence = z.strictObject({
  rule: z.string().max(500).transform((rule, ctx) => {
    try {
      return canonicalRule(rule);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: `is not a valid RRULE: ${err instanceof RuleError ? err.message : "unreadable"}` });
      return z.NEVER;
    }
  }),
  mode: z.enum(RECURRENCE_MODES).default("schedule"),
});

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A list id: the API issues UUIDs (docs/lists.md). */
export const listId = z.string().max(36, "must be a list id (a UUID)").regex(UUID_PATTERN, "must be a list id (a UUID)").transform((id) => id.toLowerCase());
/** A fractional key (src/domain/position.ts): base-36 digits, not ending in 0. */
export const position = z.string().max(MAX_POSITION_LENGTH, `must be at most ${MAX_POSITION_LENGTH} characters`)
  .refine(isPositionKey, "must be a position key: digits 0-9 and letters a-z, not ending in 0 (docs/lists.md)");

/** Everything a client may write (the domain's writable fields, checked here); `title` is required on create only. */
const optionalFields = {
  description: description.optional(),
  priority: z.enum(PRIORITIES).optional(),
  tags: tags.optional(),
  dueAt: instant.nullable().optional(),
  timeZone: timeZone.optional(),
  reminders: reminders.optional(),
  recurrence: recurrence.nullable().optional(),
  listId: listId.optional().meta({ description: "the list (default: the caller's Inbox); a PATCH moves the task" }),
  position: position.optional(),
} satisfies Record<Exclude<WritableTaskField, "title">, z.ZodType>;

export const createTaskSchema = z.strictObject({ title, ...optionalFields });

export const patchTaskSchema = z
  .strictObject({ title: title.optional(), ...optionalFields })
  .refine((patch) => Object.keys(patch).length > 0, "send at least one field to change");

/** Characters of quick-add text, counted after trimming (docs/api-limits.md); the parser is linear, this keeps each parse to a millisecond or so. */
export const MAX_QUICK_ADD_TEXT = 1000;

/** POST /tasks/quick: one line of English, read in `timeZone` (default UTC). */
export const quickAddSchema = z.strictObject({
  text: z.string().trim().min(1, "must not be empty").max(MAX_QUICK_ADD_TEXT, `must be at most ${MAX_QUICK_ADD_TEXT} characters`),
  timeZone: timeZone.optional(),
}).meta({ examples: [{ text: "Pay rent tomorrow 5pm #finance !high remind me 1 day before", timeZone: "Europe/Berlin" }] });

export const quickAddQuerySchema = z.strictObject({
  dryRun: z.enum(["true", "false"]).transform((v) => v === "true").default(false)
    .meta({ description: "true: answer the task the text would create (200), create nothing" }),
});

/** POST /tasks/{id}/snooze: for a duration from now, or until an instant. */
export const snoozeSchema = z.union(
  [z.strictObject({ for: isoDuration }), z.strictObject({ until: instant })],
  { message: "send { \"for\": \"PT10M\" } or { \"until\": \"<instant>\" }" },
);

export const occurrencesQuerySchema = z.strictObject({ count: z.coerce.number().int().min(1).max(100).default(5) });

const queryInstant = z.string().datetime({ offset: true, message: "must be an RFC 3339 instant" }).transform((s) => new Date(s).toISOString());

/** GET /tasks query parameters. Only `tag` may repeat; every value arrives as a string. */
export const listQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(200).optional().meta({
    description:
      'search: every word must begin a word of the title, description or tags, ignoring case and accents; words in "double quotes" must also appear in that order; at most 8 words are used, newest first unless sort is given',
  }),
  status: z.enum(["open", "completed", "all"]).default("open"),
  priority: z
    .string()
    .transform((list) => list.split(",").map((p) => p.trim()))
    .pipe(z.array(z.enum(PRIORITIES)).min(1))
    .optional()
    .meta({ description: "comma list of none, low, medium, high" }),
  tag: z
    .union([z.string(), z.array(z.string())])
    .transform((tags) => [...new Set((Array.isArray(tags) ? tags : [tags]).map((t) => t.trim().toLowerCase()))])
    .pipe(z.array(z.string().min(1).max(40)).max(20))
    .optional()
    .meta({ description: "repeatable; a task must carry every tag given" }),
  list: listId.optional().meta({ description: "one list's tasks (any member's), which the caller may read" }),
  dueBefore: queryInstant.optional(),
  dueAfter: queryInstant.optional(),
  overdue: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  sort: z.enum(SORTS).default("-createdAt").meta({
    description: "a leading - means descending: priority is none → high, -priority high → none; tasks without dueAt come last in both dueAt orders; position (the manual order) needs list",
  }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(1024).optional().meta({ description: "nextCursor of the previous page, with the same sort" }),
});
