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

export interface WebhookDelivery {
  webhookId: string;
  url: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
}

/** fired: channels still pending; delivered: every channel took it; failed: a webhook gave up. */
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
  /** The webhook payload, kept so that retries send the same bytes' content. */
  payload: Record<string, unknown>;
  deliveries: WebhookDelivery[];
  /** Trace of the reminder firing that created it: webhook deliveries, even retries hours later, continue it. */
  traceparent?: string;
}

/**
 * A dispatcher's claim on one notification while it sends its webhooks. A
 * lease is a document of its own because inserting a unique `_id` is the one
 * write that is exclusive on every store we run on (FerretDB applies update
 * filters non-atomically; see infra/keyedLock.ts).
 */
interface LeaseDoc {
  _id: string;
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
webhookSchema.index({ ownerId: 1 });

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
    traceparent: String,
  },
  { collection: "notifications", versionKey: false },
);
notificationSchema.index({ ownerId: 1, firedAt: -1 });
notificationSchema.index({ state: 1 });

const planSchema = new Schema<ReminderPlanDoc>(
  { _id: String, ownerId: { type: String, required: true }, title: String, version: Number, planned: Schema.Types.Mixed },
  { collection: "reminder_plans", versionKey: false },
);
planSchema.index({ ownerId: 1 });

export class NotificationStore {
  readonly webhooks: Model<WebhookDoc>;
  readonly notifications: Model<NotificationDoc>;
  readonly plans: Model<ReminderPlanDoc>;
  private readonly leases: Model<LeaseDoc>;

  constructor(conn: Connection) {
    this.leases = conn.model<LeaseDoc>("WebhookLease", new Schema<LeaseDoc>({ _id: String, owner: String, until: Date }, { collection: "webhook_leases", versionKey: false }));
    this.webhooks = conn.model<WebhookDoc>("Webhook", webhookSchema);
    this.notifications = conn.model<NotificationDoc>("Notification", notificationSchema);
    this.plans = conn.model<ReminderPlanDoc>("ReminderPlan", planSchema);
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
  async record(doc: NotificationDoc): Promise<boolean> {
    try {
      await this.notifications.create(doc);
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  inbox(ownerId: string, limit: number): Promise<NotificationDoc[]> {
    return this.notifications.find({ ownerId }).sort({ firedAt: -1, _id: 1 }).limit(limit).lean<NotificationDoc[]>();
  }

  /** Notifications with webhook deliveries still to attempt. */
  pending(): Promise<NotificationDoc[]> {
    return this.notifications.find({ state: "fired" }).lean<NotificationDoc[]>();
  }

  /**
   * Takes the notification for `ttlMs` unless another dispatcher holds an
   * unexpired lease: answers the notification as stored now (still pending),
   * or null if another replica has it or it is done. A lease left by a
   * crashed replica is taken over once it has expired.
   */
  async claim(id: string, owner: string, now: Date, ttlMs: number): Promise<NotificationDoc | null> {
    const lease = { _id: id, owner, until: new Date(now.getTime() + ttlMs) };
    try {
      await this.leases.create(lease);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const held = await this.leases.findById(id).lean<LeaseDoc>();
      if (held && held.until.getTime() > now.getTime()) return null;
      if (held) {
        // Expired. Replicas that all saw this same lease race for the right to
        // replace it through one more unique insert (named after the lease):
        // only its winner deletes and re-creates, so a slow loser can never
        // delete the winner's new lease. Markers stay (one per takeover).
        try {
          await this.leases.create({ _id: `${id}@takeover@${held.owner}@${held.until.toISOString()}`, owner, until: lease.until });
        } catch (err2) {
          if (isDuplicateKey(err2)) return null;
          throw err2;
        }
        await this.leases.deleteOne({ _id: id, owner: held.owner });
      }
      try {
        await this.leases.create(lease);
      } catch (again) {
        if (isDuplicateKey(again)) return null;
        throw again;
      }
    }
    const doc = await this.notifications.findById(id).lean<NotificationDoc>();
    if (doc?.state === "fired") return doc;
    await this.release(id, owner);
    return null;
  }

  async release(id: string, owner: string): Promise<void> {
    await this.leases.deleteOne({ _id: id, owner });
  }

  /** Records the attempts, then releases the lease. */
  async saveDeliveries(id: string, deliveries: WebhookDelivery[], state: NotificationState, owner: string): Promise<void> {
    await this.notifications.updateOne({ _id: id }, { $set: { deliveries, state } });
    await this.release(id, owner);
  }
}
