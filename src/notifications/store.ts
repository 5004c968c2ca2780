/**
 * The notification service's own data: webhooks per user and the inbox of
 * reminder firings with their delivery state. The inbox is keyed by delivery
 * id, so a redelivered `reminder.due` finds its notification and is not
 * notified twice.
 */
import mongoose, { Schema, type Connection, type Model } from "mongoose";
import { isDuplicateKey, saveIfNewer } from "../infra/mongo.js";

export interface WebhookDoc {
  _id: string;
  ownerId: string;
  url: string;
  secret: string;
  createdAt: string;
}

export type DeliveryState = "pending" | "delivered" | "failed";

/** What every delivery of a notification records, whatever its channel. */
interface DeliveryProgress {
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
}

/** One webhook's delivery (documents written before channels had kinds have no `kind`: they are webhooks). */
export interface WebhookDelivery extends DeliveryProgress {
  kind?: "webhook";
  webhookId: string;
  url: string;
}

/**
 * The email of a notification: one per notification, whatever the retries,
 * so one reminder firing is one email. The delivery id is its Message-ID.
 */
export interface EmailDelivery extends DeliveryProgress {
  kind: "email";
  to: string;
  /** The user's zone when it was recorded: the email's times are written in it. */
  timeZone?: string;
}

export type Delivery = WebhookDelivery | EmailDelivery;

export const isEmail = (d: Delivery): d is EmailDelivery => d.kind === "email";

/** fired: channels still pending; delivered: every channel took it; failed: a webhook or the email gave up. */
export type NotificationState = "fired" | "delivered" | "failed";

/**
 * The reminders a task has planned, as of one task version (one document per
 * task, version-guarded like the read model): the inbox lists them as
 * `scheduled` until they fire.
 */
export interface ReminderPlanDoc {
  _id: string;
  ownerId: string;
  title: string;
  version: number;
  planned: { deliveryId: string; remindAt: string }[];
}

export interface NotificationDoc {
  _id: string;
  ownerId: string;
  taskId: string;
  title: string;
  remindAt: string;
  firedAt: string;
  receivedAt: string;
  state: NotificationState;
  /** The webhook payload, kept so that retries send the same bytes' content (a digest's listing, for its email). */
  payload: Record<string, unknown>;
  deliveries: Delivery[];
  /** `reminder` (absent on older documents), the daily `digest`, the `confirmation` link of a new email address, an `invitation` to a list, a comment's `mention`, or a task's `assignment` to the user. */
  kind?: "reminder" | "digest" | "confirmation" | "invitation" | "mention" | "assignment";
  /**
   * Set when the reminder fell inside the user's quiet hours: its deliveries
   * wait in the due-queue until then (the end of the window, in the user's zone).
   */
  heldUntil?: string | null;
  /** Trace of the reminder firing that created it: webhook deliveries, even retries hours later, continue it. */
  traceparent?: string;
  /**
   * The due-queue: when the next webhook attempt is due (null once none is
   * pending). Dispatchers read the queue through the `state, dueAt` index.
   */
  dueAt: Date | null;
  /**
   * A dispatcher's claim while it sends this notification's webhooks. Taken
   * and released by conditional updates of this document, which the stores
   * we run on apply atomically, so exactly one replica holds it; a crashed
   * holder's claim expires.
   */
  leaseOwner: string | null;
  leaseUntil: Date | null;
}

/** A dispatcher's claim on a notification: who holds it, until when. */
export interface NotificationLease {
  owner: string;
  until: Date;
}

const webhookSchema = new Schema<WebhookDoc>(
  {
    _id: String,
    ownerId: { type: String, required: true },
    url: { type: String, required: true },
    secret: { type: String, required: true },
    createdAt: String,
  },
  { collection: "webhooks", versionKey: false },
);
webhookSchema.index({ ownerId: 1, createdAt: 1 });

const notificationSchema = new Schema<NotificationDoc>(
  {
    _id: String,
    ownerId: { type: String, required: true },
    taskId: String,
    title: String,
    remindAt: String,
    firedAt: String,
    receivedAt: String,
    state: String,
    payload: Schema.Types.Mixed,
    deliveries: Schema.Types.Mixed,
    kind: String,
    heldUntil: { type: String, default: null },
    traceparent: String,
    dueAt: { type: Date, default: null },
    leaseOwner: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
  },
  { collection: "notifications", versionKey: false },
);
// The inbox, newest first; the dispatchers' due-queue.
notificationSchema.index({ ownerId: 1, firedAt: -1, _id: 1 });
notificationSchema.index({ state: 1, dueAt: 1 });
// The live stream's resume: what reached the inbox since an instant.
notificationSchema.index({ ownerId: 1, receivedAt: 1, _id: 1 });

const planSchema = new Schema<ReminderPlanDoc>(
  { _id: String, ownerId: { type: String, required: true }, title: String, version: Number, planned: Schema.Types.Mixed },
  { collection: "reminder_plans", versionKey: false },
);
planSchema.index({ ownerId: 1 });

export class NotificationStore {
  private readonly webhooks: Model<WebhookDoc>;
  readonly notifications: Model<NotificationDoc>;
  private readonly plans: Model<ReminderPlanDoc>;

  constructor(conn: Connection) {
    this.webhooks = conn.model<WebhookDoc>("Webhook", webhookSchema);
    this.notifications = conn.model<NotificationDoc>("Notification", notificationSchema);
    this.plans = conn.model<ReminderPlanDoc>("ReminderPlan", planSchema);
  }

  /** The owner's webhooks, oldest first. */
  webhooksOf(ownerId: string): Promise<WebhookDoc[]> {
    return this.webhooks.find({ ownerId }).sort({ createdAt: 1 }).lean<WebhookDoc[]>();
  }

  async addWebhook(doc: WebhookDoc): Promise<void> {
    await this.webhooks.create(doc);
  }

  /**
   * Adds the webhook unless the owner already has `max`; false if not added.
   * Inserted, then counted, and taken back if the count is over: a webhook
   * stays only if the total was within the cap once it was in, so however
   * many are added at once (on any replica), at most `max` stay (of racing
   * adds, all may be refused; never more kept).
   */
  async addWebhookCapped(doc: WebhookDoc, max: number): Promise<boolean> {
    if ((await this.webhooks.countDocuments({ ownerId: doc.ownerId })) >= max) return false;
    await this.webhooks.create(doc);
    if ((await this.webhooks.countDocuments({ ownerId: doc.ownerId })) <= max) return true;
    await this.webhooks.deleteOne({ _id: doc._id });
    return false;
  }

  /** False if the owner has no such webhook. */
  async removeWebhook(id: string, ownerId: string): Promise<boolean> {
    return (await this.webhooks.deleteOne({ _id: id, ownerId })).deletedCount === 1;
  }

  webhook(id: string): Promise<WebhookDoc | null> {
    return this.webhooks.findById(id).lean<WebhookDoc>();
  }

  /** Store a task's planned reminders unless a newer (or the same) version is stored; false if nothing changed. */
  async savePlan(plan: ReminderPlanDoc): Promise<boolean> {
    const { _id, ...doc } = plan;
    return saveIfNewer(this.plans, _id, doc);
  }

  /** Planned reminders of the owner that have not fired yet, soonest first. */
  async scheduled(ownerId: string): Promise<{ deliveryId: string; taskId: string; title: string; remindAt: string }[]> {
    const plans = await this.plans.find({ ownerId }).lean<ReminderPlanDoc[]>();
    const planned = plans.flatMap((p) => p.planned.map((r) => ({ ...r, taskId: p._id, title: p.title })));
    const ids = planned.map((r) => r.deliveryId);
    const fired = ids.length === 0 ? [] : await this.notifications.find({ _id: mongoose.trusted({ $in: ids }) }, { _id: 1 }).lean<{ _id: string }[]>();
    const firedIds = new Set(fired.map((n) => n._id));
    return planned.filter((r) => !firedIds.has(r.deliveryId)).sort((a, b) => a.remindAt.localeCompare(b.remindAt));
  }

  /** Records a firing once; false if this delivery id was already recorded. */
  /**
   * Inserts the notification unless its delivery id is stored (false then).
   * With `lease`, it is stored already claimed by that dispatcher, which
   * sends it right away (see WebhookDispatcher.reserve); it is in the
   * due-queue all the same, for whoever finds the claim expired.
   */
  async record(doc: Omit<NotificationDoc, "dueAt" | "leaseOwner" | "leaseUntil">, lease: NotificationLease | null = null): Promise<boolean> {
    const dueAt = doc.state === "fired" ? nextDueAt(doc.deliveries, new Date(doc.receivedAt)) : null;
    try {
      await this.notifications.create({ ...doc, dueAt, leaseOwner: lease?.owner ?? null, leaseUntil: lease?.until ?? null });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  inbox(ownerId: string, limit: number): Promise<NotificationDoc[]> {
    return this.notifications.find({ ownerId }).sort({ firedAt: -1, _id: 1 }).limit(limit).lean<NotificationDoc[]>();
  }

  /**
   * Firings recorded (received) at or after `since`, in recording order; or,
   * with `id`, that one firing. The live stream replays these after a gap.
   */
  fired(ownerId: string, since: string, limit: number, id?: string): Promise<NotificationDoc[]> {
    // Digests, address confirmations (no task), mentions and assignments are no reminder firings: the stream never carried them as such.
    const firings = { kind: mongoose.trusted({ $nin: ["digest" as const, "mention" as const, "assignment" as const] }), taskId: mongoose.trusted({ $ne: "" }) };
    if (id !== undefined) return this.notifications.find({ _id: id, ownerId, ...firings }).lean<NotificationDoc[]>();
    return this.notifications
      .find({ ownerId, receivedAt: mongoose.trusted({ $gte: since }), ...firings })
      .sort({ receivedAt: 1, _id: 1 })
      .limit(limit)
      .lean<NotificationDoc[]>();
  }

  /** Which of these notification ids are recorded (the digest's once-a-day check, one query per page of users). */
  async existing(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.notifications.find({ _id: mongoose.trusted({ $in: ids }) }, { _id: 1 }).lean<{ _id: string }[]>();
    return new Set(rows.map((r) => r._id));
  }

  /** Reminder plans by task id after `afterId` (the reconcile walks them a page per tick). */
  plansAfter(afterId: string, limit: number): Promise<ReminderPlanDoc[]> {
    return this.plans.find({ _id: mongoose.trusted({ $gt: afterId }) }).sort({ _id: 1 }).limit(limit).lean<ReminderPlanDoc[]>();
  }

  /** Ids of notifications with a webhook attempt due by `now`, soonest first. */
  async due(now: Date, limit: number): Promise<string[]> {
    const rows = await this.notifications
      .find({ state: "fired", dueAt: mongoose.trusted({ $lte: now }) }, { _id: 1 })
      .sort({ dueAt: 1 })
      .limit(limit)
      .lean<{ _id: string }[]>();
    return rows.map((r) => r._id);
  }

  /**
   * Takes the notification for `ttlMs` unless another dispatcher holds an
   * unexpired claim: answers it as stored now (still pending), or null if
   * another replica has it or it is done. One conditional update, so of
   * replicas racing for the same notification (or the same expired claim)
   * exactly one wins.
   */
  async claim(id: string, owner: string, now: Date, ttlMs: number): Promise<NotificationDoc | null> {
    return this.notifications
      .findOneAndUpdate(
        { _id: id, state: "fired", $or: [{ leaseUntil: null }, { leaseUntil: mongoose.trusted({ $lte: now }) }] },
        { $set: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + ttlMs) } },
        { returnDocument: "after" },
      )
      .lean<NotificationDoc>();
  }

  async release(id: string, owner: string): Promise<void> {
    await this.notifications.updateOne({ _id: id, leaseOwner: owner }, { $set: { leaseOwner: null, leaseUntil: null } });
  }

  /** Records the attempts and the next due time, and releases the claim (only if still ours). */
  async saveDeliveries(id: string, deliveries: Delivery[], state: NotificationState, owner: string, now: Date): Promise<void> {
    const dueAt = state === "fired" ? nextDueAt(deliveries, now) : null;
    await this.notifications.updateOne({ _id: id, leaseOwner: owner }, { $set: { deliveries, state, dueAt, leaseOwner: null, leaseUntil: null } });
  }
}

/** The earliest pending attempt (one never tried is due at once); null if none is pending. */
export function nextDueAt(deliveries: Delivery[], now: Date): Date | null {
  const times = deliveries.filter((d) => d.state === "pending").map((d) => (d.nextAttemptAt === null ? now.getTime() : Date.parse(d.nextAttemptAt)));
  return times.length === 0 ? null : new Date(Math.min(...times));
}
