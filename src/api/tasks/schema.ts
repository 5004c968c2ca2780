/** Request shapes for tasks. Strict: unknown and server-owned fields are rejected, not ignored. */
import { z } from "zod";
import { isPositionKey, MAX_POSITION_LENGTH, PRIORITIES, RECURRENCE_MODES, type WritableTaskField } from "../../domain/index.js";
import { ISO_DURATION_PATTERN, isIsoDuration } from "../../domain/duration.js";
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
export const CONTROL_MESSAGE = "must not contain control or bidirectional-override characters";

/** The same character classes, for the document: a line holds something besides white space and none of them (JSON Schema patterns, no flags). */
export const LINE_UNSAFE_CLASS = "\\u0000-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069";
export const LINE_PATTERN = `^[^${LINE_UNSAFE_CLASS}]*[^\\s${LINE_UNSAFE_CLASS}][^${LINE_UNSAFE_CLASS}]*$`;
const TEXT_UNSAFE_CLASS = "\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069";
const TEXT_PATTERN = `^[^${TEXT_UNSAFE_CLASS}]*$`;

/**
 * At most `max` characters, counted as JSON Schema counts them (code points):
 * zod's max counts UTF-16 units, so 150 emoji in a 200-character title were
 * refused although the document allowed them.
 */
export const atMost = (max: number) => [(t: string) => [...t].length <= max, `must be at most ${max} characters`] as const;

/** One line of text (a title, a tag): trimmed, not blank, `max` characters, no control or bidirectional characters. */
export const lineOfText = (max: number) =>
  z.string().trim().min(1, "must not be empty").refine(...atMost(max)).refine((t) => !LINE_UNSAFE.test(t), CONTROL_MESSAGE)
    .meta({ minLength: 1, maxLength: max, pattern: LINE_PATTERN });

/** Text of several lines (a comment): trimmed, not blank, `max` characters; tabs and line breaks allowed, no other control or bidirectional characters. */
export const blockOfText = (max: number, description: string) =>
  z.string().trim().min(1, "must not be empty").refine(...atMost(max)).refine((t) => !TEXT_UNSAFE.test(t), CONTROL_MESSAGE)
    .meta({ minLength: 1, maxLength: max, pattern: `^[^${TEXT_UNSAFE_CLASS}]*[^\\s${TEXT_UNSAFE_CLASS}][^${TEXT_UNSAFE_CLASS}]*$`, description });

/** A user id as tokens carry it (the `sub` claim); bounded like every input. */
export const MAX_USER_ID = 200;
export const userIdSchema = z.string().min(1, "must not be empty").refine(...atMost(MAX_USER_ID))
  .refine((t) => !LINE_UNSAFE.test(t), CONTROL_MESSAGE)
  .meta({ minLength: 1, maxLength: MAX_USER_ID, pattern: `^[^${LINE_UNSAFE_CLASS}]+$` });

const title = lineOfText(200);
const description = z.string().refine(...atMost(4000)).refine((t) => !TEXT_UNSAFE.test(t), CONTROL_MESSAGE).meta({ maxLength: 4000, pattern: TEXT_PATTERN });
const tags = z
  .array(lineOfText(40))
  .max(20, "at most 20 tags")
  .transform((list) => [...new Set(list.map((t) => t.toLowerCase()))]);
/** Instants and durations are short; the bound is generous (docs/api-limits.md). */
const MAX_SHORT_VALUE = 64;
const instant = z.string().max(MAX_SHORT_VALUE, `must be at most ${MAX_SHORT_VALUE} characters`).datetime({ offset: true, message: "must be an RFC 3339 instant, e.g. 2026-12-01T09:00:00Z" })
  .transform((s) => new Date(s).toISOString());
/** The longest IANA name is 32 characters ("America/Argentina/ComodRivadavia"). */
export const MAX_TIME_ZONE = 64;
/** The zones this runtime knows by their canonical names (it also takes their aliases, e.g. US/Eastern, and any case). */
// Intl lists canonical zones only; the Etc/ zones and GMT are IANA names the server takes too (and people send).
const ETC_ZONES = ["GMT", "Etc/GMT", "Etc/UTC", ...Array.from({ length: 12 }, (_, i) => `Etc/GMT+${i + 1}`), ...Array.from({ length: 14 }, (_, i) => `Etc/GMT-${i + 1}`)];
export const IANA_ZONES = [...new Set(["UTC", ...ETC_ZONES, ...Intl.supportedValuesOf("timeZone")])].sort();
export const timeZone = z.string().max(MAX_TIME_ZONE, `must be at most ${MAX_TIME_ZONE} characters`).refine(isIanaZone, "must be an IANA time zone such as Europe/Berlin")
  .meta({ description: "an IANA time zone (e.g. Europe/Berlin); aliases such as US/Eastern are taken too", enum: IANA_ZONES });

/** ISO 8601 duration of weeks, days, hours, minutes, seconds (e.g. PT15M, P1D, P1DT2H). */
export const isoDuration = z.string().max(MAX_SHORT_VALUE, `must be at most ${MAX_SHORT_VALUE} characters`).refine(isIsoDuration, "must be an ISO 8601 duration such as PT15M or P1D")
  .meta({ pattern: ISO_DURATION_PATTERN, description: "ISO 8601 duration of weeks, days, hours, minutes and seconds, e.g. PT15M, P1D, P1DT2H" });
export const MAX_REMINDERS = 10;
const reminder = z.union([
  z.strictObject({ before: isoDuration }),
  z.strictObject({ at: instant }),
], { message: "must be { \"before\": \"PT15M\" } or { \"at\": \"<instant>\" }" });
const reminders = z.array(reminder).max(MAX_REMINDERS, `at most ${MAX_REMINDERS} reminders`);

/**
 * The RRULEs the document promises: FREQ of an hour or longer, then INTERVAL, COUNT or UNTIL, BYDAY, BYMONTHDAY and BYMONTH, each at most once, in this order;
 * or words rrule reads ("every week on monday"), which the pattern can only outline (x-rules of the operations name `recurrence.rule`).
 */
const DAY = "(?:MO|TU|WE|TH|FR|SA|SU)";
export const RRULE_PATTERN = `^FREQ=(?:HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY)(?:;INTERVAL=[1-9][0-9]{0,2})?(?:;COUNT=[1-9][0-9]{0,2}|;UNTIL=2[0-9]{3}(?:0[1-9]|1[0-2])(?:0[1-9]|1[0-9]|2[0-8])T[0-1][0-9][0-5][0-9][0-5][0-9]Z)?(?:;BYDAY=${DAY}(?:,${DAY}){0,6})?(?:;BYMONTHDAY=(?:[1-9]|[12][0-9]|3[01]))?(?:;BYMONTH=(?:[1-9]|1[0-2]))?$`;

const RRULE_WORDS_PATTERN = "^every [a-z0-9 ,:]{1,200}$";

export const recurrence = z.strictObject({
  rule: z.string().max(500).meta({
    pattern: `${RRULE_PATTERN}|${RRULE_WORDS_PATTERN}`,
    description: "an RFC 5545 RRULE without DTSTART, at most hourly (the pattern is the part of the grammar this document promises; words rrule reads, such as \"every week\", are taken too)",
  }).transform((rule, ctx) => {
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
  .refine(isPositionKey, "must be a position key: digits 0-9 and letters a-z, not ending in 0 (docs/lists.md)")
  .meta({ minLength: 1, pattern: "^[0-9a-z]*[1-9a-z]$" });

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
  parentId: z.string().max(36, "must be a task id (a UUID)").regex(UUID_PATTERN, "must be a task id (a UUID)").transform((id) => id.toLowerCase()).nullable().optional()
    .meta({ description: "make this a subtask of that task (same list, at most 4 levels; docs/subtasks.md); null: a top-level task (x-rules)" }),
  assigneeId: userIdSchema.nullable().optional()
    .meta({ description: "assign the task to this user, who must be the list's owner or a member (docs/lists.md#assignees); null: unassigned (x-rules)" }),
} satisfies Record<Exclude<WritableTaskField, "title">, z.ZodType>;

export const createTaskSchema = z.strictObject({ title, ...optionalFields });

export const patchTaskSchema = z
  .strictObject({ title: title.optional(), ...optionalFields })
  .refine((patch) => Object.keys(patch).length > 0, "send at least one field to change");

/** Characters of quick-add text, counted after trimming (docs/api-limits.md); the parser is linear, this keeps each parse to a millisecond or so. */
export const MAX_QUICK_ADD_TEXT = 1000;

/** POST /tasks/quick: one line of English, read in `timeZone` (default UTC). */
export const quickAddSchema = z.strictObject({
  text: z.string().trim().min(1, "must not be empty").refine(...atMost(MAX_QUICK_ADD_TEXT)).meta({ minLength: 1, maxLength: MAX_QUICK_ADD_TEXT, pattern: LINE_PATTERN }),
  timeZone: timeZone.optional(),
  // Quick add puts the task in the caller's Inbox, where only the caller can be assigned: "me" is the one value that could succeed.
  assignee: z.literal("me", { message: "must be me (quick add puts the task in your Inbox, where only you can be assigned)" }).optional()
    .meta({ description: "me: the new task is assigned to the caller (it shows under GET /tasks?assignee=me); default: unassigned" }),
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

/** One tag of the list filter, as the document states it (a tag as tasks carry it). */
const TAG_FILTER = { type: "string", minLength: 1, maxLength: 40, pattern: LINE_PATTERN };

/** GET /tasks query parameters. Only `tag` may repeat; every value arrives as a string. */
export const listQuerySchema = z.strictObject({
  q: z.string().trim().min(1).refine(...atMost(200)).optional().meta({
    minLength: 1, maxLength: 200, pattern: "\\S",
    description:
      'search: every word must begin a word of the title, description or tags, ignoring case and accents; words in "double quotes" must also appear in that order; at most 8 words are used, newest first unless sort is given',
  }),
  status: z.enum(["open", "completed", "all"]).default("open"),
  priority: z
    .string()
    .meta({ pattern: "^(?:none|low|medium|high)(?:,(?:none|low|medium|high))*$" })
    .transform((list) => list.split(",").map((p) => p.trim()))
    .pipe(z.array(z.enum(PRIORITIES)).min(1))
    .optional()
    .meta({ description: "comma list of none, low, medium, high" }),
  tag: z
    .union([z.string(), z.array(z.string())])
    .transform((tags) => [...new Set((Array.isArray(tags) ? tags : [tags]).map((t) => t.trim().toLowerCase()))])
    .pipe(z.array(z.string().min(1).refine(...atMost(40))).max(20))
    .optional()
    .meta({
      description: "repeatable (at most 20); a task must carry every tag given",
      anyOf: [TAG_FILTER, { type: "array", items: TAG_FILTER, minItems: 1, maxItems: 20 }],
    }),
  list: listId.optional().meta({ description: "one list's tasks (any member's), which the caller may read" }),
  assignee: userIdSchema.optional().meta({
    description: "me: the tasks assigned to the caller in every list they may read, whoever made them; with list, also none (unassigned) or a member's user id (x-rules)",
  }),
  dueBefore: queryInstant.optional(),
  dueAfter: queryInstant.optional(),
  overdue: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  sort: z.enum(SORTS).default("-createdAt").meta({
    description: "a leading - means descending: priority is none → high, -priority high → none; tasks without dueAt come last in both dueAt orders; position (the manual order) needs list",
  }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(1024).optional().meta({ description: "nextCursor of the previous page, with the same sort (x-rules)" }),
});

/** POST /tasks/{id}/revert: the version whose content the task takes again (docs/undo.md). */
export const revertSchema = z.strictObject({
  version: z.number().int("must be a version of the task (an integer from 1)").min(1, "must be a version of the task (an integer from 1)").max(2_147_483_647, "must be a version of the task"),
});

/** GET /trash: paged like GET /tasks, newest deletion first. */
export const trashQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(1024).optional().meta({ description: "nextCursor of the previous page (x-rules)" }),
});

/** POST /tasks/{id}/complete: whether its open subtasks are completed too (default: left open). */
export const completeQuerySchema = z.strictObject({
  withSubtasks: z.enum(["true", "false"]).transform((v) => v === "true").default(false).meta({ description: "true: complete its open subtasks (all levels) too" }),
});
