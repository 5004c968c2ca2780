/**
 * The notification preferences screen's form (pure): the API's Preferences
 * as the form shows them, and back to what PUT /me/preferences takes. Inbox
 * is always among the reminders' and digest's channels (the API adds it);
 * "assigned to you" notices can be off as a whole ([] in the API).
 */
import type { Preferences } from "./types.js";

export type OptionalChannel = "webhook" | "email";
export const OPTIONAL_CHANNELS: OptionalChannel[] = ["webhook", "email"];
export type NoticeKind = "reminders" | "digest" | "assignments";

export interface PreferencesForm {
  timeZone: string;
  email: string;
  channels: Record<NoticeKind, Record<OptionalChannel, boolean>>;
  assignmentsOn: boolean;
  quietOn: boolean;
  quietStart: string;
  quietEnd: string;
  digestOn: boolean;
  digestTime: string;
  defaultReminders: string[];
}

const chosen = (list: readonly string[]): Record<OptionalChannel, boolean> => ({ webhook: list.includes("webhook"), email: list.includes("email") });

export function formOf(p: Preferences): PreferencesForm {
  return {
    timeZone: p.timeZone,
    email: p.email ?? "",
    channels: { reminders: chosen(p.channels.reminders), digest: chosen(p.channels.digest), assignments: chosen(p.channels.assignments) },
    assignmentsOn: p.channels.assignments.length > 0,
    quietOn: p.quietHours !== null,
    quietStart: p.quietHours?.start ?? "22:00",
    quietEnd: p.quietHours?.end ?? "07:00",
    digestOn: p.digestTime !== null,
    digestTime: p.digestTime ?? "07:30",
    defaultReminders: [...p.defaultReminders],
  };
}

const listOf = (c: Record<OptionalChannel, boolean>): Preferences["channels"]["reminders"] =>
  [...OPTIONAL_CHANNELS.filter((ch) => c[ch]), "inbox"];

/** The body of PUT /me/preferences (the API validates it and names the field of any refusal). */
export function inputOf(f: PreferencesForm): Omit<Preferences, "emailConfirmed"> {
  return {
    timeZone: f.timeZone.trim(),
    email: f.email.trim() === "" ? null : f.email.trim(),
    channels: {
      reminders: listOf(f.channels.reminders),
      digest: listOf(f.channels.digest),
      assignments: f.assignmentsOn ? listOf(f.channels.assignments) : [],
    },
    quietHours: f.quietOn ? { start: f.quietStart, end: f.quietEnd } : null,
    digestTime: f.digestOn ? f.digestTime : null,
    defaultReminders: [...f.defaultReminders],
  };
}

/** `value` added to or taken from a list, keeping the list's order. */
export const toggled = (list: string[], value: string, on: boolean): string[] =>
  on ? (list.includes(value) ? list : [...list, value]) : list.filter((v) => v !== value);
