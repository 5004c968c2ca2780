/**
 * The email channel: composes a notification's email from what its document
 * holds (the task as it fired, or the digest's listing) and hands it to SMTP.
 * Composed again on each attempt from the same stored content, so a retry
 * says the same thing; the links are signed afresh (a new expiry), but each
 * is single use per delivery id and action, so a resent email cannot act twice.
 */
import { assignmentEmail, CONFIRMATION_TTL_MS, confirmationEmail, digestEmail, invitationEmail, mentionEmail, reminderEmail, type ComposedEmail, type DigestListing } from "../domain/index.js";
import { actionUrl, LINK_TTL_MS } from "../infra/actionLinks.js";
import type { Mailer } from "../infra/mailer.js";
import type { EmailSender } from "./webhooks.js";
import type { EmailDelivery, NotificationDoc } from "./store.js";

export interface EmailChannelOptions {
  mailer: Mailer;
  /** HMAC secret of the action links (ACTION_LINK_SECRET); the api verifies with the same. */
  linkSecret: string;
  /** Public origin of the API, where the links land. */
  publicBaseUrl: string;
  now?: () => Date;
}

export function emailChannel(o: EmailChannelOptions): EmailSender {
  const now = o.now ?? (() => new Date());
  return {
    async send(n: NotificationDoc, d: EmailDelivery) {
      await o.mailer.send({ to: d.to, deliveryId: n._id, ...compose(n, d, o, now()) });
    },
  };
}

function compose(n: NotificationDoc, d: EmailDelivery, o: EmailChannelOptions, at: Date): ComposedEmail {
  const timeZone = d.timeZone ?? "UTC";
  if (n.kind === "digest") return digestEmail({ ...(n.payload.listing as Omit<DigestListing, "timeZone">), timeZone });
  if (n.kind === "mention") {
    const comment = (n.payload.comment ?? {}) as { authorId?: string; text?: string };
    return mentionEmail({ taskTitle: n.title, authorId: comment.authorId ?? "someone", text: comment.text ?? "" });
  }
  if (n.kind === "assignment") {
    const p = n.payload as { assignedBy?: string; task?: { dueAt?: string | null } };
    return assignmentEmail({ taskTitle: n.title, assignedBy: p.assignedBy ?? "someone", dueAt: p.task?.dueAt ?? null, timeZone });
  }
  if (n.kind === "confirmation") {
    const claim = { action: "confirm-email" as const, taskId: "", ownerId: n.ownerId, deliveryId: String(n.payload.confirmationId) };
    return confirmationEmail({ to: d.to, confirmUrl: actionUrl(o.publicBaseUrl, claim, o.linkSecret, at, CONFIRMATION_TTL_MS), validHours: CONFIRMATION_TTL_MS / 3600_000 });
  }
  if (n.kind === "invitation") {
    const p = n.payload as { invitationId: string; listId: string; listName: string; role: string; invitedBy: string };
    const claim = { action: "join-list" as const, taskId: p.listId, ownerId: n.ownerId, deliveryId: p.invitationId };
    return invitationEmail({ listName: p.listName, invitedBy: p.invitedBy, role: p.role, joinUrl: actionUrl(o.publicBaseUrl, claim, o.linkSecret, at), validDays: LINK_TTL_MS / 86_400_000 });
  }
  const task = (n.payload.task ?? {}) as { title?: string; dueAt?: string | null };
  const link = (action: "complete" | "snooze") => actionUrl(o.publicBaseUrl, { action, taskId: n.taskId, ownerId: n.ownerId, deliveryId: n._id }, o.linkSecret, at);
  return reminderEmail({
    title: task.title ?? n.title,
    dueAt: task.dueAt ?? null,
    remindAt: n.remindAt,
    timeZone,
    completeUrl: link("complete"),
    snoozeUrl: link("snooze"),
  });
}
