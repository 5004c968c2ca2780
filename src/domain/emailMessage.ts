/**
 * The text of Tickler's emails: a reminder (with its one-click links) and the
 * daily digest. Pure: times are written in the recipient's IANA zone with the
 * zone named, since an email is read on whatever device and the reader should
 * not have to guess whose 09:00 it is. Plain-text and HTML parts say the same.
 */
import { DateTime } from "luxon";

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface ReminderEmailInput {
  title: string;
  dueAt: string | null;
  remindAt: string;
  timeZone: string;
  completeUrl: string;
  snoozeUrl: string;
}

/** "Wed 10 Jun 2026, 09:00 (Europe/Berlin)": a local time with its zone named. */
export function localTime(instant: string, timeZone: string): string {
  return `${DateTime.fromISO(instant, { zone: timeZone }).setLocale("en-GB").toFormat("ccc d LLL yyyy, HH:mm")} (${timeZone})`;
}

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Header-safe: a subject is one line. */
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, " ").trim();

export function reminderEmail(m: ReminderEmailInput): ComposedEmail {
  const due = m.dueAt ? `Due ${localTime(m.dueAt, m.timeZone)}` : "No due date";
  const text = [
    m.title,
    "",
    due,
    `Reminder for ${localTime(m.remindAt, m.timeZone)}`,
    "",
    `Complete: ${m.completeUrl}`,
    `Snooze 1 h: ${m.snoozeUrl}`,
    "",
    "Each link works once and for 7 days. You get this email because your Tickler preferences send reminders by email.",
    "",
  ].join("\n");
  const html = [
    "<!doctype html><html><body>",
    `<h2>${escapeHtml(m.title)}</h2>`,
    `<p>${escapeHtml(due)}<br>Reminder for ${escapeHtml(localTime(m.remindAt, m.timeZone))}</p>`,
    `<p><a href="${escapeHtml(m.completeUrl)}">Complete</a> &nbsp; <a href="${escapeHtml(m.snoozeUrl)}">Snooze 1 h</a></p>`,
    "<p><small>Each link works once and for 7 days. You get this email because your Tickler preferences send reminders by email.</small></p>",
    "</body></html>",
  ].join("\n");
  return { subject: oneLine(`Reminder: ${m.title}`), text, html };
}

export interface DigestEntry {
  title: string;
  dueAt: string;
}

export interface DigestListing {
  /** The user's local date the digest is for (YYYY-MM-DD). */
  date: string;
  timeZone: string;
  overdue: DigestEntry[];
  today: DigestEntry[];
  tomorrow: DigestEntry[];
}

const SECTIONS = [
  ["overdue", "Overdue"],
  ["today", "Today"],
  ["tomorrow", "Tomorrow"],
] as const;

export function digestEmail(d: DigestListing): ComposedEmail {
  const day = DateTime.fromISO(d.date, { zone: d.timeZone }).setLocale("en-GB").toFormat("cccc d LLLL");
  const text: string[] = [`Your Tickler digest for ${day}`, ""];
  const html: string[] = ["<!doctype html><html><body>", `<h2>Your Tickler digest for ${escapeHtml(day)}</h2>`];
  for (const [key, heading] of SECTIONS) {
    const items = d[key];
    text.push(`${heading} (${items.length})`);
    html.push(`<h3>${heading} (${items.length})</h3>`);
    if (items.length === 0) {
      text.push("  nothing");
      html.push("<p>nothing</p>");
    } else {
      html.push("<ul>");
      for (const t of items) {
        text.push(`  - ${t.title} (due ${localTime(t.dueAt, d.timeZone)})`);
        html.push(`<li>${escapeHtml(t.title)} <small>(due ${escapeHtml(localTime(t.dueAt, d.timeZone))})</small></li>`);
      }
      html.push("</ul>");
    }
    text.push("");
  }
  html.push("</body></html>");
  return { subject: `Tickler digest for ${day}`, text: text.join("\n"), html: html.join("\n") };
}

/**
 * An invitation to a shared list, to the invitee's confirmed address (docs/lists.md#invitations-by-email):
 * the list's name and the inviter's user id are the only words in it a user wrote.
 */
export function invitationEmail(m: { listName: string; invitedBy: string; role: string; joinUrl: string; validDays: number }): ComposedEmail {
  const what = `${m.invitedBy} invited you to the Tickler list "${m.listName}" as ${m.role === "editor" ? "an" : "a"} ${m.role}.`;
  const text = [what, "", `Join: ${m.joinUrl}`, "", `The link works for ${m.validDays} days; the invitation is also under Invitations in Tickler, where you can decline it.`, ""].join("\n");
  const html = [
    "<!doctype html><html><body>",
    `<p>${escapeHtml(what)}</p>`,
    `<p><a href="${escapeHtml(m.joinUrl)}">Join the list</a></p>`,
    `<p><small>The link works for ${m.validDays} days; the invitation is also under Invitations in Tickler, where you can decline it.</small></p>`,
    "</body></html>",
  ].join("\n");
  return { subject: `Join "${m.listName}" on Tickler`, text, html };
}

/**
 * The email asking the owner of an address to confirm it. Nothing in it is
 * written by the Tickler user who typed the address (no name, no task), so a
 * stranger's address cannot be made to receive their text: only this fixed
 * message and its link.
 */
export function confirmationEmail(m: { to: string; confirmUrl: string; validHours: number }): ComposedEmail {
  const why = `Someone entered ${m.to} as the address for their Tickler reminders. If that was you, confirm it to start receiving them; if not, ignore this email and nothing more will be sent to this address.`;
  const text = [why, "", `Confirm: ${m.confirmUrl}`, "", `The link works for ${m.validHours} hours.`, ""].join("\n");
  const html = [
    "<!doctype html><html><body>",
    `<p>${escapeHtml(why)}</p>`,
    `<p><a href="${escapeHtml(m.confirmUrl)}">Confirm this address</a></p>`,
    `<p><small>The link works for ${m.validHours} hours.</small></p>`,
    "</body></html>",
  ].join("\n");
  return { subject: "Confirm your email address for Tickler", text, html };
}

export interface MentionEmailInput {
  taskTitle: string;
  authorId: string;
  text: string;
}

/** A comment that mentions the user (docs/comments.md#mentions): who wrote what on which task; plain text, escaped in the HTML part. */
export function mentionEmail(m: MentionEmailInput): ComposedEmail {
  const lead = `${m.authorId} mentioned you on "${m.taskTitle}":`;
  const text = [lead, "", m.text, "", "You get this email because your Tickler preferences send reminders by email; mentions follow them.", ""].join("\n");
  const html = [
    "<!doctype html><html><body>",
    `<p>${escapeHtml(lead)}</p>`,
    `<blockquote style="white-space: pre-wrap">${escapeHtml(m.text)}</blockquote>`,
    "<p><small>You get this email because your Tickler preferences send reminders by email; mentions follow them.</small></p>",
    "</body></html>",
  ].join("\n");
  return { subject: oneLine(`${m.authorId} mentioned you: ${m.taskTitle}`), text, html };
}

export interface AssignmentEmailInput {
  taskTitle: string;
  assignedBy: string;
  dueAt: string | null;
  timeZone: string;
}

/** A task someone else assigned to the user (docs/lists.md#assignees): who, which task, when it is due; escaped in the HTML part. */
export function assignmentEmail(m: AssignmentEmailInput): ComposedEmail {
  const lead = `${m.assignedBy} assigned "${m.taskTitle}" to you.`;
  const due = m.dueAt === null ? null : `Due ${localTime(m.dueAt, m.timeZone)}.`;
  const footer = "You get this email because your Tickler preferences send reminders by email; assignments follow them.";
  const text = [lead, ...(due ? [due] : []), "", footer, ""].join("\n");
  const html = [
    "<!doctype html><html><body>",
    `<p>${escapeHtml(lead)}</p>`,
    ...(due ? [`<p>${escapeHtml(due)}</p>`] : []),
    `<p><small>${footer}</small></p>`,
    "</body></html>",
  ].join("\n");
  return { subject: oneLine(`${m.assignedBy} assigned you: ${m.taskTitle}`), text, html };
}
