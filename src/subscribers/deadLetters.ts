/**
 * Dead-letter topics → the dead-letter store in Redis (src/infra/deadLetters.ts),
 * so an operator can see what was given up on (failed its schema, matched no
 * route, or kept failing while its consumer's store was working) and
 * `npm run redrive -- <topic>` can publish it again. Kept once per topic and
 * event id. These subscriptions have no dead-letter topic of their own: while
 * Redis is down a letter is answered RETRY and waits in its -dlq topic.
 */
import { z } from "zod";
import { deadLetterTopic, TOPICS } from "../events/topics.js";
import type { DeadLetterStore } from "../infra/deadLetters.js";
import type { TopicSubscriber } from "../http/subscriptions/adapter.js";

export function deadLetterSubscribers(letters: DeadLetterStore, now: () => Date): TopicSubscriber<unknown>[] {
  return Object.values(TOPICS).map((topic) => ({
    topic: deadLetterTopic(topic) as `${typeof topic}-dlq`,
    consumer: "dead-letters",
    types: "any" as const,
    schema: z.unknown(),
    async handle(data, event) {
      const recorded = await letters.record({ topic: event.topic!, eventId: event.id, type: event.type, source: event.source, data, receivedAt: now().toISOString() });
      return recorded ? ("applied" as const) : ("duplicate" as const);
    },
  }));
}
