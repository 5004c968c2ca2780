/**
 * A user's notification preferences: pure type, defaults and the rules that
 * use them. Stored by src/infra/preferences.ts; read by the api (default
 * reminders on create) and by the notifications app (channels, quiet hours,
 * digest), so nothing here may depend on either.
 */
import type { Reminder, TaskInput } from "./task.js";

export const CHANNELS = ["webhook", "email", "inbox"] as const;
export type Channel = (typeof CHANNELS)[number];

/** "HH:MM", 24-hour clock, in the user's time zone. */
export type LocalTime = string;

export interface QuietHours {
  start: LocalTime;
  end: LocalTime;
}

export interface Preferences {
  /** IANA zone that quiet hours, the digest time and "today" are read in. */
  timeZone: string;
  email: string | null;
  /**
   * The address's owner followed the confirmation link sent to it. Until
   * then nothing but that link is sent there: anyone can type any address.
   * Server-owned: set by the confirmation, cleared when the address changes.
   */
  emailConfirmed: boolean;
  /**
   * Which channels each kind of notice goes to; `inbox` is always among them,
   * but for `assignments` an empty list turns "assigned to you" notices off.
   */
  channels: { reminders: Channel[]; digest: Channel[]; assignments: Channel[] };
  quietHours: QuietHours | null;
  digestTime: LocalTime | null;
  /** Offsets before the due date (ISO 8601 durations) for new tasks that name no reminders. */
  defaultReminders: string[];
}

/**
 * What a user who never set anything gets: everything that existed before
 * preferences keeps working as it did (webhook + inbox, no quiet hours, no
 * digest, no default reminders), so the defaults change no one's behaviour.
 */
export const DEFAULT_PREFERENCES: Preferences = Object.freeze({
  timeZone: "UTC",
  email: null,
  emailConfirmed: false,
  // Assignment notices went to the reminders' channels before they had their own: the same by default.
  channels: Object.freeze({ reminders: ["webhook", "inbox"], digest: ["inbox"], assignments: ["webhook", "inbox"] }) as Preferences["channels"],
  quietHours: null,
  digestTime: null,
  defaultReminders: [],
}) as Preferences;

/** What PUT /me/preferences takes: everything but the server-owned confirmation. */
export type PreferencesInput = Omit<Preferences, "emailConfirmed">;

export const MAX_DEFAULT_REMINDERS = 5;

/** Confirmation emails a user can have sent in 24 hours (address changes and resends together): the link goes to an address nobody vouched for yet. */
export const MAX_CONFIRMATIONS_PER_DAY = 5;

/** How long a confirmation link works. */
export const CONFIRMATION_TTL_MS = 48 * 3600_000;

/** The address reminders and digests may go to: the user's, once confirmed; otherwise none. */
export function deliverableEmail(prefs: Pick<Preferences, "email" | "emailConfirmed">): string | null {
  return prefs.emailConfirmed ? prefs.email : null;
}

export const LOCAL_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** Minutes after local midnight of an "HH:MM". */
export function minutesOfDay(time: LocalTime): number {
  if (!LOCAL_TIME.test(time)) throw new Error(`not an HH:MM time: ${time}`);
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** Channels with `inbox` always present, deduplicated, in a stable order. */
export function normalizeChannels(list: readonly Channel[]): Channel[] {
  const wanted = new Set<Channel>([...list, "inbox"]);
  return CHANNELS.filter((c) => wanted.has(c));
}

/**
 * The channels of an "assigned to you" notice: `[]` is off (nothing is
 * recorded, not even in the inbox); any other choice has the inbox, as the
 * other kinds do. A list left out (a PUT without it, a document from before
 * the field) is the reminders' channels, where assignment notices went before.
 */
export function assignmentChannels(list: readonly Channel[] | undefined, reminders: readonly Channel[]): Channel[] {
  if (list === undefined) return [...reminders];
  return list.length === 0 ? [] : normalizeChannels(list);
}

/**
 * The create input with the user's default reminders applied: only to a task
 * with a due date whose request did not mention `reminders` at all (an
 * explicit empty list means "no reminders" and is kept).
 */
export function withDefaultReminders(input: TaskInput, defaults: readonly string[]): TaskInput {
  if (input.reminders !== undefined || !input.dueAt || defaults.length === 0) return input;
  const reminders: Reminder[] = defaults.map((before) => ({ before }));
  return { ...input, reminders };
}
