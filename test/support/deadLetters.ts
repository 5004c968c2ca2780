/** The test stack's dead-letter store (Redis), as the api app and the redrive see it. */
import { deadLetterKeys, redisDeadLetters, type DeadLetterStore } from "../../src/infra/deadLetters.js";
import { splitHostPort } from "../../src/infra/probes.js";
import { connectRedis } from "../../src/infra/redis.js";
import { stack } from "./stack.js";

export interface DeadLetterProbe {
  store: DeadLetterStore;
  /** Whether `eventId` is recorded on the dead-letter topic and not yet redriven. */
  isPending(dlqTopic: string, eventId: string): Promise<boolean>;
  /** Whether it was redriven (and not dead-lettered again since). */
  wasRedriven(dlqTopic: string, eventId: string): Promise<boolean>;
  close(): Promise<void>;
}

export async function openDeadLetters(): Promise<DeadLetterProbe> {
  const redis = connectRedis({ ...splitHostPort(stack().redisHost), tls: false, log: { warn: () => undefined } });
  await redis.ready;
  const score = (key: string, id: string) => redis.sendCommand(["ZSCORE", key, id]);
  return {
    store: redisDeadLetters(redis),
    isPending: async (topic, id) => (await score(deadLetterKeys(topic).pending, id)) !== null,
    wasRedriven: async (topic, id) => (await score(deadLetterKeys(topic).redriven, id)) !== null,
    close: () => redis.close(),
  };
}
