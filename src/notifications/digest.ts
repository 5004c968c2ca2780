/**
 * The daily digest, run on each tick of the Dapr cron binding: every user
 * whose digest time has passed in their zone gets one digest for that local
 * date, listing their overdue tasks and today's and tomorrow's (read model,
 * by owner). Once a day: the digest is a notification whose id is
 * `digest:<user>:<local date>`, inserted with the store's unique _id, so a
 * restart, a tick that overlaps the last one or two notifications replicas
 * ticking at once record it exactly once; the insert that loses answers
 * "duplicate" and sends nothing. Its email goes through the same dispatcher,
 * retries and delivery id as a reminder's.
 */
import { deliverableEmail, digestBounds, digestDateDue, digestIdOf, digestInstant, groupForDigest, type Preferences } from "../domain/index.js";
import type { Logger } from "../infra/logger.js";
import type { Metrics } from "../infra/metrics.js";
import type { PreferencesStore } from "../infra/preferences.js";
import type { ReadModel } from "../infra/readModel.js";
import { planList } from "../infra/taskQuery.js";
import type { Delivery, NotificationStore } from "./store.js";

/** Tasks listed at most (overdue first); a digest is a glance, the app has the rest. */
const MAX_TASKS = 100;
/** Pages of users per tick: bounds one tick's work; the next tick goes on. */
const MAX_PAGES = 20;

export interface DigestDeps {
  store: NotificationStore;
  preferences: Pick<PreferencesStore, "withDigest">;
  readModel: Pick<ReadModel, "list">;
  emailEnabled: boolean;
  batch: number;
  kick(): void;
  log: Logger;
  metrics?: Pick<Metrics, "digestsRecorded">;
}

/** One tick: record the digests that are due and not yet recorded; answers how many were recorded now. */
export async function runDigests(deps: DigestDeps, now: Date): Promise<number> {
  let after = "";
  let recorded = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const users = await deps.preferences.withDigest(after, deps.batch);
    if (users.length === 0) break;
    after = users[users.length - 1]!.ownerId;
    const due = users.flatMap(({ ownerId, prefs }) => {
      const date = digestDateDue(now, prefs.timeZone, prefs.digestTime!);
      return date ? [{ ownerId, prefs, date, id: digestIdOf(ownerId, date) }] : [];
    });
    const done = await deps.store.existing(due.map((d) => d.id));
    for (const d of due.filter((x) => !done.has(x.id))) {
      if (await recordDigest(deps, d.ownerId, d.prefs, d.date, now)) recorded++;
    }
    if (users.length < deps.batch) break;
  }
  if (recorded > 0) deps.kick();
  return recorded;
}

async function recordDigest(deps: DigestDeps, ownerId: string, prefs: Preferences, date: string, now: Date): Promise<boolean> {
  const bounds = digestBounds(date, prefs.timeZone);
  const { items } = await deps.readModel.list(planList({ ownerId, status: "open", dueBefore: bounds.endOfTomorrow, sort: "dueAt", limit: MAX_TASKS }, now), "dueAt");
  const groups = groupForDigest(items, now, bounds);
  const entry = (t: { id: string; title: string; dueAt: string | null }) => ({ taskId: t.id, title: t.title, dueAt: t.dueAt! });
  const listing = { date, overdue: groups.overdue.map(entry), today: groups.today.map(entry), tomorrow: groups.tomorrow.map(entry) };
  // Only to a confirmed address (the digest lists task titles the user wrote).
  const email = prefs.channels.digest.includes("email") && deps.emailEnabled ? deliverableEmail(prefs) : null;
  const deliveries: Delivery[] = email
    ? [{ kind: "email", to: email, timeZone: prefs.timeZone, state: "pending", attempts: 0, nextAttemptAt: null, lastError: null, deliveredAt: null }]
    : [];
  const stamp = now.toISOString();
  const isNew = await deps.store.record({
    _id: digestIdOf(ownerId, date),
    ownerId,
    taskId: "",
    title: `Daily digest for ${date}: ${listing.overdue.length} overdue, ${listing.today.length} today, ${listing.tomorrow.length} tomorrow`,
    remindAt: digestInstant(date, prefs.timeZone, prefs.digestTime!),
    firedAt: stamp,
    receivedAt: stamp,
    kind: "digest",
    heldUntil: null,
    state: deliveries.length === 0 ? "delivered" : "fired",
    payload: { type: "digest", listing },
    deliveries,
  });
  if (isNew) {
    deps.metrics?.digestsRecorded.inc();
    deps.log.info({ ownerId, date, email: email !== null }, "daily digest recorded");
  }
  return isNew;
}
