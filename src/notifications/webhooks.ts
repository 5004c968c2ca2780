/**
 * Webhook and email delivery: a signed POST per webhook and one email per
 * notification, each retried with exponential backoff on a failure (non-2xx
 * answer, timeout, SMTP error other than a permanent 5xx), then recorded as
 * failed. State is in MongoDB, so a restarted service resumes where it
 * stopped. A delivery may be sent more than once (a crash between the send
 * and recording it), always with the same delivery id (the email's
 * Message-ID), which receivers use to deduplicate.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "../infra/logger.js";
import type { Metrics } from "../infra/metrics.js";
import { postOutside, type EgressAllowList } from "../infra/egress.js";
import { PermanentMailError } from "../infra/mailer.js";
import { resumeTrace, SpanKind } from "../telemetry/tracing.js";
import { SIGNATURE_HEADER, signWebhook } from "./webhookSignature.js";
import { isEmail, type Delivery, type EmailDelivery, type NotificationDoc, type NotificationLease, type NotificationState, type NotificationStore, type WebhookDelivery, type WebhookDoc } from "./store.js";

/** Sends a notification's email (src/notifications/email.ts); throws PermanentMailError when a retry cannot help. */
export interface EmailSender {
  send(n: NotificationDoc, d: EmailDelivery): Promise<void>;
}

export interface WebhookOptions {
  timeoutMs: number;
  maxAttempts: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** Deliver to loopback and private addresses too (local development and tests only). */
  allowPrivate?: boolean;
  /** Private addresses called although allowPrivate is off (WEBHOOK_ALLOW_ADDRESSES). */
  allowed?: EgressAllowList;
}

/** Notifications whose webhooks are called at the same time. */
const CONCURRENCY = 16;
/** A receiver's answer body is read up to this size and otherwise ignored (a hostile receiver cannot make us buffer gigabytes). */
const MAX_RESPONSE_BYTES = 64 * 1024;
/** Due notifications taken from the queue per round. */
const BATCH = 200;
/** Notifications handed over as they are recorded and sent at once, at most this many at a time (beyond it they go by the due-queue). */
const HANDOFF_LIMIT = 64;
/** A handed-over notification's claim outlives its one attempt by this much (a crashed holder's expires soon after). */
const HANDOFF_MARGIN_MS = 5_000;

/**
 * A notification about to be recorded that this dispatcher will send as
 * soon as it is stored: it is inserted already claimed (`lease`), so sending
 * it costs no due-queue read, no claim write and no webhook lookup. If this
 * process dies before sending it, the claim expires and the due-queue (any
 * replica's) picks it up.
 */
export interface Handoff {
  lease: NotificationLease;
  /** It was stored (new): send it now, with the webhooks read for recording it. */
  send(doc: NotificationDoc, hooks: WebhookDoc[]): void;
  /** It was not stored (a duplicate, or the insert failed). */
  cancel(): void;
}

export function nextAttemptDelay(attempts: number, opts: WebhookOptions): number {
  return Math.min(opts.maxBackoffMs, opts.backoffMs * 2 ** Math.max(0, attempts - 1));
}

export function overallState(deliveries: Delivery[]): NotificationState {
  if (deliveries.some((d) => d.state === "failed")) return "failed";
  if (deliveries.every((d) => d.state === "delivered")) return "delivered";
  return "fired";
}

export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** This dispatcher's name in notification leases (one per process). */
  private readonly owner = randomUUID();
  private handedOff = 0;
  private readonly sending = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly store: NotificationStore,
    private readonly opts: WebhookOptions,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
    private readonly metrics?: Pick<Metrics, "webhookDeliveries" | "emailDeliveries" | "deliveryLateness">,
    private readonly email?: EmailSender,
  ) {}

  /** Poll the due-queue every `intervalMs`, and right after `kick`. */
  start(intervalMs = 250): void {
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  /** A round now (or right after the running one): a notification was just recorded. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runOnce().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all([this.running, ...this.sending]);
  }

  /** A claim for a notification about to be recorded, or null when this dispatcher has enough in hand (then `kick` it). */
  reserve(): Handoff | null {
    if (this.stopped || this.handedOff >= HANDOFF_LIMIT) return null;
    this.handedOff++;
    let settled = false;
    const settle = () => {
      if (!settled) this.handedOff--;
      settled = true;
    };
    return {
      lease: { owner: this.owner, until: new Date(this.now().getTime() + this.opts.timeoutMs + HANDOFF_MARGIN_MS) },
      send: (doc, hooks) => {
        const sent = this.deliverClaimed(doc, new Map(hooks.map((h) => [h._id, h])))
          .catch((err: unknown) => this.log.error({ err, deliveryId: doc._id }, "webhook dispatch failed; the due-queue will retry it"))
          .finally(() => {
            settle();
            this.sending.delete(sent);
          });
        this.sending.add(sent);
      },
      cancel: settle,
    };
  }

  /** One round: what the due-queue holds now, up to `CONCURRENCY` notifications at a time. */
  async runOnce(): Promise<void> {
    try {
      const queue = await this.store.due(this.now(), BATCH);
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
          for (let id = queue.shift(); id; id = queue.shift()) await this.attemptDue(id);
        }),
      );
    } catch (err) {
      this.log.error({ err }, "webhook dispatch round failed");
    }
  }

  private isDue(d: Delivery, now: Date): boolean {
    return d.state === "pending" && (d.nextAttemptAt === null || Date.parse(d.nextAttemptAt) <= now.getTime());
  }

  private async attemptDue(id: string): Promise<void> {
    // Another replica may be sending this one: take it first (the claim
    // outlives every attempt's timeout; a crashed holder's claim expires).
    const n = await this.store.claim(id, this.owner, this.now(), this.opts.timeoutMs + 30_000);
    if (n) await this.deliverClaimed(n);
  }

  /** Attempts what is due of a notification this dispatcher holds, then records the outcome and lets go of it. */
  private async deliverClaimed(n: NotificationDoc, hooks?: Map<string, WebhookDoc>): Promise<void> {
    const now = this.now();
    let changed = false;
    const deliveries = await Promise.all(
      n.deliveries.map(async (d) => {
        if (!this.isDue(d, now)) return d;
        changed = true;
        const channel = isEmail(d) ? "email" : "webhook";
        const result = await resumeTrace(n.traceparent, isEmail(d) ? "email SMTP" : "webhook POST", { kind: SpanKind.CLIENT, attributes: { "tickler.delivery.id": n._id, "tickler.delivery.attempt": d.attempts + 1 } }, async (span) => {
          const outcome: Delivery = isEmail(d) ? await this.attemptEmail(n, d) : await this.attempt(n, d, hooks?.get(d.webhookId));
          span.setAttribute("tickler.delivery.state", outcome.state);
          return outcome;
        });
        const outcome = result.state === "pending" ? "retrying" : result.state;
        (channel === "email" ? this.metrics?.emailDeliveries : this.metrics?.webhookDeliveries)?.inc({ outcome });
        // Lateness as the person sees it: from the reminder's instant (or the end of their quiet hours) to the hand-over.
        if (result.state === "delivered") this.metrics?.deliveryLateness.observe({ channel }, Math.max(0, this.now().getTime() - Date.parse(n.heldUntil ?? n.remindAt)) / 1000);
        return result;
      }),
    );
    if (changed) await this.store.saveDeliveries(n._id, deliveries, overallState(deliveries), this.owner, this.now());
    else await this.store.release(n._id, this.owner);
  }

  /** One SMTP hand-over of the notification's email; a 5xx answer fails it at once (a retry would get the same). */
  private async attemptEmail(n: NotificationDoc, d: EmailDelivery): Promise<EmailDelivery> {
    const attempts = d.attempts + 1;
    if (!this.email) return { ...d, attempts, state: "failed", nextAttemptAt: null, lastError: "email is not configured on this server" };
    try {
      await this.email.send(n, d);
      this.log.info({ deliveryId: n._id, taskId: n.taskId, attempts }, "email delivered");
      return { ...d, state: "delivered", attempts, nextAttemptAt: null, lastError: null, deliveredAt: this.now().toISOString() };
    } catch (err) {
      const error = (err as Error).message;
      if (attempts >= this.opts.maxAttempts || err instanceof PermanentMailError) {
        this.log.warn({ deliveryId: n._id, attempts, error }, "email delivery failed for good");
        return { ...d, state: "failed", attempts, nextAttemptAt: null, lastError: error };
      }
      return { ...d, attempts, nextAttemptAt: new Date(this.now().getTime() + nextAttemptDelay(attempts, this.opts)).toISOString(), lastError: error };
    }
  }

  private async attempt(n: NotificationDoc, d: WebhookDelivery, known?: WebhookDoc): Promise<WebhookDelivery> {
    const hook = known ?? (await this.store.webhook(d.webhookId));
    if (!hook) return { ...d, state: "failed", lastError: "webhook was removed", nextAttemptAt: null };
    const body = JSON.stringify(n.payload);
    const attempts = d.attempts + 1;
    let error: string;
    try {
      // Redirects are not followed; the address connected to is checked on every attempt.
      const res = await postOutside(
        hook.url,
        {
          "content-type": "application/json",
          "user-agent": "tickler-webhooks/1",
          "x-tickler-delivery": n._id,
          // Signed at this attempt's time: the receiver refuses one older than 5 minutes (a replay).
          [SIGNATURE_HEADER.toLowerCase()]: signWebhook(hook.secret, body, this.now()),
        },
        body,
        { timeoutMs: this.opts.timeoutMs, maxBytes: MAX_RESPONSE_BYTES, allowPrivate: this.opts.allowPrivate ?? false, ...(this.opts.allowed ? { allowed: this.opts.allowed } : {}) },
      );
      if (res.status >= 200 && res.status < 300) {
        this.log.info({ deliveryId: n._id, taskId: n.taskId, webhookId: d.webhookId, attempts }, "webhook delivered");
        return { ...d, state: "delivered", attempts, nextAttemptAt: null, lastError: null, deliveredAt: this.now().toISOString() };
      }
      error = `answered ${res.status}`;
    } catch (err) {
      error = (err as Error).message;
    }
    if (attempts >= this.opts.maxAttempts) {
      // Origin only: some webhook URLs carry their secret in the path.
      this.log.warn({ deliveryId: n._id, webhookHost: safeOrigin(hook.url), attempts, error }, "webhook delivery failed for good");
      return { ...d, state: "failed", attempts, nextAttemptAt: null, lastError: error };
    }
    const next = new Date(this.now().getTime() + nextAttemptDelay(attempts, this.opts)).toISOString();
    return { ...d, attempts, nextAttemptAt: next, lastError: error };
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(invalid url)";
  }
}
