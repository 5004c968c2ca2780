/**
 * The redrive of one topic's dead letters against a Redis and a sidecar:
 * what `npm run redrive -- <topic>` (scripts/redrive.ts, a local stack) and
 * `node dist/redriveMain.js <topic>` (the image, in an api pod) both run.
 */
import { TOPICS } from "./events/topics.js";
import { redisDeadLetters, redrive, type RedriveReport } from "./infra/deadLetters.js";
import { splitHostPort } from "./infra/probes.js";
import { connectRedis } from "./infra/redis.js";
import { Sidecar } from "./infra/sidecar.js";

export interface RedriveTarget {
  redisHost: string;
  redisPassword?: string;
  redisTls: boolean;
  daprHost: string;
  daprPort: number;
  daprToken: string;
  pubsub: string;
}

export const REDRIVE_TOPICS = Object.values(TOPICS) as string[];

export async function redriveTopic(topic: string, target: RedriveTarget): Promise<RedriveReport> {
  if (!REDRIVE_TOPICS.includes(topic)) throw new Error(`unknown topic "${topic}": one of ${REDRIVE_TOPICS.join(", ")}`);
  const sidecar = new Sidecar({ host: target.daprHost, httpPort: target.daprPort, apiToken: target.daprToken });
  const redis = connectRedis({
    ...splitHostPort(target.redisHost),
    password: target.redisPassword,
    tls: target.redisTls,
    log: { warn: () => undefined },
    // A one-off tool: an unreachable Redis is an error now, not something to wait for.
    reconnect: false,
  });
  try {
    await redis.ready.catch((err: unknown) => {
      throw new Error(`cannot reach Redis at ${target.redisHost}: ${(err as Error).message}`);
    });
    return await redrive(redisDeadLetters(redis), topic, (t, event, key) => sidecar.publish(target.pubsub, t, event, key, 10_000));
  } finally {
    await redis.close();
  }
}
