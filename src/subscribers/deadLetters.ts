/**
 * Dead-letter topics → the `dead_letters` collection (src/infra/deadLetters.ts),
 * so an operator can see what was dropped (failed its schema, matched no
 * route, or ran out of retries) and why, and `npm run redrive -- <topic>`
 * can publish it again. Kept once per topic and event id.
 */
import { z } from "zod";
import { deadLetterTopic, TOPICS } from "../events/topics.js";
import type { DeadLetters } from "../infra/deadLetters.js";
import type { TopicSubscriber } from "./adapter.js";

export function deadLetterSubscribers(letters: DeadLetters, now: () => Date): TopicSubscriber<unknown>[] {
  return Object.values(TOPICS).map((topic) => ({
    topic: deadLetterTopic(topic) as `${typeof topic}-dlq`,
    consumer: "dead-letters",
    types: "any" as const,
    schema: z.unknown(),
    async handle(data, event) {
      const recorded = await letters.record({ topic: event.topic!, eventId: event.id, type: event.type, source: event.source, data, receivedAt: now() });
      return recorded ? ("applied" as const) : ("duplicate" as const);
    },
  }));
}
