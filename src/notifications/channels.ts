/**
 * The deliveries of a notification that is no reminder firing (a mention, an
 * assignment) to `userId`, as of `at`: one per webhook and an email to a
 * confirmed address when their channels for that kind (`channels.reminders`
 * for a mention, `channels.assignments` for an assignment) ask for them, held
 * until the end of their quiet hours when `at` falls inside them. `off`: the
 * user turned that kind off (an empty `channels.assignments`), so nothing is
 * to be recorded.
 */
import { deliverableEmail, quietHoursEnd } from "../domain/index.js";
import type { Delivery, NotificationStore } from "./store.js";
import type { ReminderChannels } from "./subscribers.js";

export async function deliveriesFor(
  store: Pick<NotificationStore, "webhooksOf">,
  channels: ReminderChannels | undefined,
  userId: string,
  at: Date,
  kind: "reminders" | "assignments" = "reminders",
): Promise<{ deliveries: Delivery[]; heldUntil: string | null; off: boolean }> {
  const prefs = channels ? await channels.preferences(userId) : null;
  const wanted = prefs?.channels[kind] ?? ["webhook", "inbox"];
  if (wanted.length === 0) return { deliveries: [], heldUntil: null, off: true };
  const hooks = wanted.includes("webhook") ? await store.webhooksOf(userId) : [];
  const email = prefs && wanted.includes("email") && channels?.emailEnabled ? deliverableEmail(prefs) : null;
  const release = prefs ? quietHoursEnd(at, prefs.quietHours, prefs.timeZone) : null;
  const heldUntil = release && release.getTime() > at.getTime() ? release.toISOString() : null;
  const pending = { state: "pending" as const, attempts: 0, nextAttemptAt: heldUntil, lastError: null, deliveredAt: null };
  const deliveries: Delivery[] = hooks.map((h) => ({ webhookId: h._id, url: h.url, ...pending }));
  if (email) deliveries.push({ kind: "email", to: email, timeZone: prefs!.timeZone, ...pending });
  return { deliveries, heldUntil, off: false };
}
