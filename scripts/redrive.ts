/**
 * `npm run redrive -- <topic>`: publishes every dead-lettered event of a
 * topic (task-events, task-updates or reminders) that is not yet redriven
 * back to that topic, through the api's sidecar, and marks it; consumers
 * deduplicate, so running it again (or after it stopped halfway) is safe.
 * Dead letters are kept in Redis (src/infra/deadLetters.ts), so this works
 * while the read store is down. Talks to the running local stack
 * (`STACK_PROFILE`, default dev), or, when REDIS_HOST, DAPR_HTTP_PORT and
 * DAPR_API_TOKEN are set, to those (e.g. in an api pod of a deployment, with
 * its REDIS_PASSWORD and REDIS_TLS).
 */
import fs from "node:fs";
import path from "node:path";
import { TOPICS } from "../src/events/topics.js";
import { redisDeadLetters, redrive } from "../src/infra/deadLetters.js";
import { splitHostPort } from "../src/infra/probes.js";
import { connectRedis } from "../src/infra/redis.js";
import { Sidecar } from "../src/infra/sidecar.js";
import { ROOT } from "./root.js";
import type { StackInfo } from "./stack/stack.js";

const topic = process.argv[2];
const topics = Object.values(TOPICS) as string[];
if (!topic || !topics.includes(topic)) {
  process.stderr.write(`usage: npm run redrive -- <${topics.join(" | ")}>\n`);
  process.exit(2);
}

function target(): { redisHost: string; daprPort: number; daprToken: string } {
  const { REDIS_HOST, DAPR_HTTP_PORT, DAPR_API_TOKEN } = process.env;
  if (REDIS_HOST && DAPR_HTTP_PORT && DAPR_API_TOKEN) return { redisHost: REDIS_HOST, daprPort: Number(DAPR_HTTP_PORT), daprToken: DAPR_API_TOKEN };
  const file = process.env.TICKLER_STACK ?? path.join(ROOT, ".stack", process.env.STACK_PROFILE ?? "dev", "stack.json");
  if (!fs.existsSync(file)) {
    process.stderr.write(`no running stack (${file}) and no REDIS_HOST/DAPR_HTTP_PORT/DAPR_API_TOKEN: start the stack first\n`);
    process.exit(2);
  }
  const info = JSON.parse(fs.readFileSync(file, "utf8")) as StackInfo;
  return { redisHost: info.redisHost, daprPort: info.profile.apps.api.daprHttp, daprToken: info.secrets.daprApiToken };
}

const { redisHost, daprPort, daprToken } = target();
const sidecar = new Sidecar({ host: process.env.DAPR_HOST ?? "127.0.0.1", httpPort: daprPort, apiToken: daprToken });
const pubsub = process.env.PUBSUB_NAME ?? "pubsub";
const redis = connectRedis({
  ...splitHostPort(redisHost),
  password: process.env.REDIS_PASSWORD,
  tls: process.env.REDIS_TLS === "true",
  log: { warn: () => undefined },
  reconnect: false,
});
try {
  await redis.ready.catch((err: unknown) => {
    throw new Error(`cannot reach Redis at ${redisHost}: ${(err as Error).message}`);
  });
  const report = await redrive(redisDeadLetters(redis), topic, (t, event, key) => sidecar.publish(pubsub, t, event, key, 10_000));
  process.stdout.write(`redrive ${topic}: republished ${report.republished} dead-lettered event(s)\n`);
} finally {
  await redis.close();
}
