/**
 * Prometheus metrics of this process (prom-client), served on GET /metrics.
 * One registry per process; metric names are `tickler_*`; every series carries
 * the app (role) as a default label. docs/operations.md maps them onto the
 * plan's success metrics (event latency, API p95, delivery ratio).
 */
import { newRouter, type Router } from "./http/router.js";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** Latency buckets fine enough below 100 ms (the plan's event-latency goal) and wide enough for retries. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30, 60, 300];

/** What became of one delivery of an event to one consumer. */
export type ConsumeOutcome = "applied" | "duplicate" | "retried" | "deferred" | "dead_lettered";

export class Metrics {
  readonly registry = new Registry();

  /** Reminder lateness: firedAt − remindAt, as seen by the actor when the scheduler calls it. */
  readonly reminderLateness = new Histogram({
    name: "tickler_reminder_lateness_seconds",
    help: "Time from a reminder's planned instant to its firing in the task actor",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  readonly eventsPublished = new Counter({
    name: "tickler_events_published_total",
    help: "Events handed to the broker (through daprd), by topic and outcome (ok | failed; a failed event stays in the outbox)",
    labelNames: ["topic", "outcome"] as const,
    registers: [this.registry],
  });

  readonly eventsConsumed = new Counter({
    name: "tickler_events_consumed_total",
    help: "Deliveries to a consumer by outcome: applied, duplicate (suppressed: event id seen or version not newer), retried, deferred (failed while the consumer's own store was down: retried, never dead-lettered), dead_lettered",
    labelNames: ["topic", "consumer", "outcome"] as const,
    registers: [this.registry],
  });

  readonly eventLag = new Histogram({
    name: "tickler_event_lag_seconds",
    help: "End-to-end event lag: the event's occurredAt (in the actor) to its handling by a consumer, per delivery",
    labelNames: ["topic", "consumer"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  /** Deliveries a consumer is handling right now: 0 on every consumer is part of the tests' quiescence (test/support/quiescence.ts). */
  readonly eventsInFlight = new Gauge({
    name: "tickler_events_in_flight",
    help: "Event deliveries a consumer is handling now (received from daprd, not yet answered), by topic and consumer",
    labelNames: ["topic", "consumer"] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: "tickler_http_request_duration_seconds",
    help: "HTTP request duration by method, matched route pattern and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly actorMethodDuration = new Histogram({
    name: "tickler_actor_method_duration_seconds",
    help: "Actor method and reminder callback duration by actor type, method and outcome",
    labelNames: ["actor_type", "method", "outcome"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  /**
   * Events committed to an actor's outbox and not yet published, in actors
   * this process has touched. Rises while the broker is down; back to 0 when
   * every outbox is flushed.
   */
  readonly outboxDepth = new Gauge({
    name: "tickler_outbox_pending_events",
    help: "Events waiting in task actors' outboxes (committed, not yet published) in this process",
    registers: [this.registry],
  });

  /** Writes refused at once by the load shedder (src/api/loadShedder.ts), by reason: lag (event loop) or in-flight (actor writes). */
  readonly writesShed = new Counter({
    name: "tickler_writes_shed_total",
    help: "Writes answered 503 overloaded at once because the api's event loop lagged or too many write requests were in flight, by reason",
    labelNames: ["reason"] as const,
    registers: [this.registry],
  });

  /** Outbox work a write left for after its answer (src/actors/outboxRetrier.ts), by attempt outcome. */
  readonly outboxRetries = new Counter({
    name: "tickler_outbox_retries_total",
    help: "Attempts to finish a task's outbox (a re-plan, a failed publish) after the write was answered, by outcome: done (nothing left for this process: finished, or a publish that failed again handed to the outbox reminder), retried (the scheduler or the broker failed; tried again soon), dropped (queue full; the outbox sweeper finishes them)",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: "tickler_webhook_deliveries_total",
    help: "Webhook delivery attempts by outcome: delivered, retrying (will be retried), failed (gave up)",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });

  readonly emailDeliveries = new Counter({
    name: "tickler_email_deliveries_total",
    help: "Email delivery attempts (SMTP hand-overs) by outcome: delivered, retrying (will be retried), failed (gave up, or the server refused for good)",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });

  /** From a reminder's instant (or the end of the user's quiet hours, when it was held) to its hand-over to a channel. */
  readonly deliveryLateness = new Histogram({
    name: "tickler_notification_delivery_lateness_seconds",
    help: "Time from a notification's due instant (remindAt, or the end of quiet hours when held) to its delivery, by channel (webhook | email)",
    labelNames: ["channel"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
    registers: [this.registry],
  });

  /** The notifications app's reconcile (on the cron tick): reminders the scheduler had lost, registered again through the task's actor. */
  readonly remindersRepaired = new Counter({
    name: "tickler_reminders_repaired_total",
    help: "Actor reminders found missing from the Dapr scheduler by the periodic reconcile and registered again",
    registers: [this.registry],
  });

  readonly digestsRecorded = new Counter({
    name: "tickler_digests_recorded_total",
    help: "Daily digests recorded (at most one per user and local date; sent on the user's digest channels)",
    registers: [this.registry],
  });

  /** Each shared dependency's state (1 up, 0 down), as the background monitor last saw it: readiness leaves them out. */
  private readonly dependencyUp = this.scrapedGauge(
    "tickler_dependency_up",
    "Whether a shared dependency (store, broker, Redis) answered this process's latest background check (every HEALTH_CHECK_INTERVAL_MS)",
    "dependency",
  );

  watchDependencies(check: () => Promise<Record<string, "ok" | "down">>): void {
    this.dependencyUp.read = async () => Object.fromEntries(Object.entries(await check()).map(([name, state]) => [name, state === "ok" ? 1 : 0]));
  }

  /** Dead letters recorded (in Redis) and not yet redriven, per dead-letter topic (the api app; alert when above 0). */
  private readonly deadLetters = this.scrapedGauge(
    "tickler_dead_letters_pending",
    "Dead-lettered events recorded and not yet redriven (npm run redrive), by dead-letter topic",
    "topic",
  );

  watchDeadLetters(depth: () => Promise<Record<string, number>>): void {
    this.deadLetters.read = depth;
  }

  /** A gauge with one series per label value, read when /metrics is scraped (nothing until `read` is set). */
  private scrapedGauge(name: string, help: string, label: string): { read: (() => Promise<Record<string, number>>) | null } {
    const source: { read: (() => Promise<Record<string, number>>) | null } = { read: null };
    const gauge: Gauge<string> = new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [this.registry],
      collect: async () => {
        if (!source.read) return;
        const values = await source.read().catch(() => null);
        if (!values) return;
        gauge.reset();
        for (const [value, n] of Object.entries(values)) gauge.set({ [label]: value }, n);
      },
    });
    return source;
  }

  constructor(app: string) {
    this.registry.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this.registry });
  }

  router(): Router {
    const router = newRouter();
    router.get("/metrics", async (ctx) => {
      ctx.type = this.registry.contentType;
      ctx.body = await this.registry.metrics();
    });
    return router;
  }
}
