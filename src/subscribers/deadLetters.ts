/**
 * Dead-letter topics → the `dead_letters` collection, so an operator can see
 * what was dropped (failed its schema, matched no route, or ran out of
 * retries) and why it never reached its consumer. Kept once per topic and
 * event id.
 */
import { Schema, type Connection } from "mongoose";
import { z } from "zod";
import { deadLetterTopic, TOPICS } from "../events/topics.js";
import { isDuplicateKey } from "../infra/mongo.js";
import type { TopicSubscriber } from "./adapter.js";

interface DeadLetterDoc {
  _id: string;
  topic: string;
  eventId: string;
  type: string;
  source?: string;
  data: unknown;
  receivedAt: Date;
}

const schema = new Schema<DeadLetterDoc>(
  { _id: String, topic: String, eventId: String, type: String, source: String, data: Schema.Types.Mixed, receivedAt: Date },
  { collection: "dead_letters", versionKey: false },
);

export function deadLetterSubscribers(conn: Connection, now: () => Date): TopicSubscriber<unknown>[] {
  const letters = conn.model<DeadLetterDoc>("DeadLetter", schema);
  return Object.values(TOPICS).map((topic) => ({
    topic: deadLetterTopic(topic) as `${typeof topic}-dlq`,
    consumer: "dead-letters",
    types: "any" as const,
    schema: z.unknown(),
    async handle(data, event) {
      try {
        await letters.create({ _id: `${event.topic}:${event.id}`, topic: event.topic!, eventId: event.id, type: event.type, source: event.source, data, receivedAt: now() });
        return "applied" as const;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        return "duplicate" as const;
      }
    },
  }));
}
