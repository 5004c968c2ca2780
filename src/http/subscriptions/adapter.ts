/**
 * Maps subscriber outcomes onto Dapr's delivery contract:
 *   event fails its schema → DROP (daprd sends it to the dead-letter topic);
 *   handler throws          → RETRY (redelivered; never acknowledged by accident),
 *                             and DROP once it has kept failing for the give-up
 *                             window while this app's own store was answering
 *                             (see DeliveryPolicy: an outage of the store never
 *                             dead-letters anything);
 *   handler returns         → SUCCESS.
 * Handlers are idempotent (event id / version guarded): redelivery is expected.
 */
import { newRouter, type Router } from "../../infra/http/router.js";
import type { Context } from "koa";
import type { ZodType } from "zod";
import { readRaw } from "../../infra/http/rawBody.js";
import { deadLetterTopic, type STREAM_HEARTBEAT_TOPIC, type Topic } from "../../events/topics.js";
import type { Logger } from "../../infra/logger.js";
import type { ConsumeOutcome, Metrics } from "../../infra/metrics.js";
import { FailureClock, type DeliveryPolicy } from "./deliveryPolicy.js";
import { contextFrom, inSpan, SpanKind } from "../../telemetry/tracing.js";

export interface DeliveredEvent {
  id: string;
  type: string;
  source?: string;
  time?: string;
  topic?: string;
}

/** What a handler did with an event it accepted: "duplicate" means it changed nothing (seen before, or not newer). */
export type Handled = "applied" | "duplicate";

export interface TopicSubscriber<T> {
  topic: Topic | `${Topic}-dlq` | typeof STREAM_HEARTBEAT_TOPIC;
  /** Names the consumer in metrics and logs (several consumers may share a topic). */
  consumer: string;
  /**
   * A pub/sub component other than the app's own: the live stream's, whose
   * consumer group is per replica. Such a subscription has no dead-letter
   * topic (the app's main subscription to the same topic dead-letters).
   */
  pubsub?: string;
  /**
   * CloudEvent types this subscriber handles; any other type is
   * dead-lettered. "any": every event (dead-letter readers), and no
   * dead-letter topic of its own.
   */
  types: readonly string[] | "any";
  schema: ZodType<T>;
  handle(data: T, event: DeliveredEvent): Promise<Handled>;
}

type Status = "SUCCESS" | "RETRY" | "DROP";

export function subscriptionRouter(
  pubsub: string,
  subscribers: TopicSubscriber<unknown>[],
  log: Logger,
  metrics?: Pick<Metrics, "eventsConsumed" | "eventLag" | "eventsInFlight">,
  policy?: DeliveryPolicy,
): Router {
  const router = newRouter();
  const failures = policy ? new FailureClock(policy) : null;
  const path = (s: TopicSubscriber<unknown>) => (s.pubsub ? `/events/${s.pubsub}/${s.topic}` : `/events/${s.topic}`);

  router.get("/dapr/subscribe", (ctx) => {
    ctx.body = subscribers.map((s) =>
      s.types === "any"
        ? { pubsubname: s.pubsub ?? pubsub, topic: s.topic, routes: { default: path(s) } }
        : {
            pubsubname: s.pubsub ?? pubsub,
            topic: s.topic,
            routes: {
              rules: [{ match: `event.type in [${s.types.map((t) => JSON.stringify(t)).join(", ")}]`, path: path(s) }],
              default: `${path(s)}/unroutable`,
            },
            ...(hasDeadLetterTopic(s) ? { deadLetterTopic: deadLetterTopic(s.topic as Topic) } : {}),
          },
    );
  });

  for (const s of subscribers) {
    router.post(path(s), async (ctx) => {
      const labels = { topic: s.topic, consumer: s.consumer };
      metrics?.eventsInFlight.inc(labels);
      try {
        reply(ctx, await deliver(s, ctx));
      } finally {
        metrics?.eventsInFlight.dec(labels);
      }
    });
    router.post(`${path(s)}/unroutable`, async (ctx) => {
      const envelope = parseEnvelope(await readRaw(ctx));
      log.warn({ topic: s.topic, consumer: s.consumer, type: envelope?.type, eventId: envelope?.id }, "event of unknown type dead-lettered");
      count(s, "dead_lettered");
      reply(ctx, "DROP");
    });
  }

  function count(s: TopicSubscriber<unknown>, outcome: ConsumeOutcome) {
    metrics?.eventsConsumed.inc({ topic: s.topic, consumer: s.consumer, outcome });
  }

  async function deliver(s: TopicSubscriber<unknown>, ctx: Context): Promise<Status> {
    const envelope = parseEnvelope(await readRaw(ctx));
    const parsed = s.schema.safeParse(envelope?.data);
    if (!envelope || !parsed.success) {
      log.warn({ topic: s.topic, consumer: s.consumer, eventId: envelope?.id, issues: parsed.error?.issues.slice(0, 5) }, "malformed event dead-lettered");
      count(s, "dead_lettered");
      return "DROP";
    }
    try {
      // The publisher's trace, from the envelope (stable across redeliveries), else daprd's header.
      const parent = contextFrom(envelope.traceparent ? envelope : { traceparent: ctx.get("traceparent") || undefined });
      const delivered = { id: envelope.id, type: envelope.type, source: envelope.source, time: envelope.time, topic: s.topic };
      const handled = await inSpan(
        `consume ${s.topic} ${s.consumer}`,
        { kind: SpanKind.CONSUMER, parent, attributes: { "messaging.destination.name": s.topic, "messaging.message.id": envelope.id, "tickler.consumer": s.consumer } },
        () => s.handle(parsed.data, delivered),
      );
      count(s, handled);
      failures?.succeeded(s.consumer, envelope.id);
      // Lag is observed per delivery, redeliveries included: it is how late
      // this consumer saw the change, which is what its users feel.
      const occurred = envelope.time ? Date.parse(envelope.time) : NaN;
      if (Number.isFinite(occurred)) metrics?.eventLag.observe({ topic: s.topic, consumer: s.consumer }, Math.max(0, Date.now() - occurred) / 1000);
      return "SUCCESS";
    } catch (err) {
      // Only a subscription with a dead-letter topic may give up: a DROP anywhere else would lose the event.
      const verdict = failures ? await failures.failed(s.consumer, envelope.id, hasDeadLetterTopic(s)) : "retry";
      if (verdict === "deferred") {
        log.warn({ err, topic: s.topic, consumer: s.consumer, eventId: envelope.id }, "event handling failed while this app's store is down; redelivery waits for it");
        count(s, "deferred");
        return "RETRY";
      }
      if (verdict === "give-up") {
        log.error({ err, topic: s.topic, consumer: s.consumer, eventId: envelope.id }, "event kept failing while the store was up; dead-lettered");
        count(s, "dead_lettered");
        return "DROP";
      }
      log.error({ err, topic: s.topic, consumer: s.consumer, eventId: envelope.id }, "event handling failed; asking for redelivery");
      count(s, "retried");
      return "RETRY";
    }
  }

  return router;
}

/** Routed subscriptions of the app's own pub/sub dead-letter; dead-letter readers ("any") and stream subscriptions do not. */
const hasDeadLetterTopic = (s: TopicSubscriber<unknown>) => !s.pubsub && s.types !== "any";

interface Envelope extends DeliveredEvent {
  data: unknown;
  traceparent?: string;
  tracestate?: string;
}

function parseEnvelope(raw: Buffer): Envelope | null {
  try {
    const value = JSON.parse(raw.toString("utf8")) as Partial<Envelope>;
    if (typeof value.id !== "string" || typeof value.type !== "string") return null;
    return value as Envelope;
  } catch {
    return null;
  }
}

function reply(ctx: Context, status: Status) {
  ctx.status = 200;
  ctx.body = { status };
}
