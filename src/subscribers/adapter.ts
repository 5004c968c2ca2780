/**
 * Maps subscriber outcomes onto Dapr's delivery contract:
 *   event fails its schema → DROP (daprd sends it to the dead-letter topic);
 *   handler throws          → RETRY (redelivered; never acknowledged by accident);
 *   handler returns         → SUCCESS.
 * Handlers are idempotent (event id / version guarded): redelivery is expected.
 */
import Router from "@koa/router";
import type { Context } from "koa";
import type { ZodType } from "zod";
import { readRaw } from "../api/body.js";
import { deadLetterTopic, type Topic } from "../events/topics.js";
import type { Logger } from "../infra/logger.js";

export interface DeliveredEvent {
  id: string;
  type: string;
  source?: string;
  time?: string;
  topic?: string;
}

export interface TopicSubscriber<T> {
  topic: Topic | `${Topic}-dlq`;
  /**
   * CloudEvent types this subscriber handles; any other type is
   * dead-lettered. "any": every event (dead-letter readers), and no
   * dead-letter topic of its own.
   */
  types: readonly string[] | "any";
  schema: ZodType<T>;
  handle(data: T, event: DeliveredEvent): Promise<void>;
}

type Status = "SUCCESS" | "RETRY" | "DROP";

export function subscriptionRouter(pubsub: string, subscribers: TopicSubscriber<unknown>[], log: Logger): Router {
  const router = new Router();
  const path = (s: TopicSubscriber<unknown>) => `/events/${s.topic}`;

  router.get("/dapr/subscribe", (ctx) => {
    ctx.body = subscribers.map((s) =>
      s.types === "any"
        ? { pubsubname: pubsub, topic: s.topic, routes: { default: path(s) } }
        : {
            pubsubname: pubsub,
            topic: s.topic,
            routes: {
              rules: [{ match: `event.type in [${s.types.map((t) => JSON.stringify(t)).join(", ")}]`, path: path(s) }],
              default: `${path(s)}/unroutable`,
            },
            deadLetterTopic: deadLetterTopic(s.topic as Topic),
          },
    );
  });

  for (const s of subscribers) {
    router.post(path(s), async (ctx) => reply(ctx, await deliver(s, ctx)));
    router.post(`${path(s)}/unroutable`, async (ctx) => {
      const envelope = parseEnvelope(await readRaw(ctx));
      log.warn({ topic: s.topic, type: envelope?.type, eventId: envelope?.id }, "event of unknown type dead-lettered");
      reply(ctx, "DROP");
    });
  }

  async function deliver(s: TopicSubscriber<unknown>, ctx: Context): Promise<Status> {
    const envelope = parseEnvelope(await readRaw(ctx));
    const parsed = s.schema.safeParse(envelope?.data);
    if (!envelope || !parsed.success) {
      log.warn({ topic: s.topic, eventId: envelope?.id, issues: parsed.error?.issues.slice(0, 5) }, "malformed event dead-lettered");
      return "DROP";
    }
    try {
      await s.handle(parsed.data, { id: envelope.id, type: envelope.type, source: envelope.source, time: envelope.time, topic: s.topic });
      return "SUCCESS";
    } catch (err) {
      log.error({ err, topic: s.topic, eventId: envelope.id }, "event handling failed; asking for redelivery");
      return "RETRY";
    }
  }

  return router;
}

interface Envelope extends DeliveredEvent {
  data: unknown;
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
