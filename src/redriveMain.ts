/**
 * `node dist/redriveMain.js <topic>` in an api pod (the image has no npm or
 * tsx): redrives the topic's dead letters with the pod's own settings
 * (REDIS_HOST, REDIS_PASSWORD, REDIS_TLS, DAPR_API_TOKEN; DAPR_HTTP_PORT
 * defaults to 3500, the injected sidecar's).
 */
import { REDRIVE_TOPICS, redriveTopic } from "./redrive.js";

const topic = process.argv[2] ?? "";
const { REDIS_HOST, REDIS_PASSWORD, REDIS_TLS, DAPR_HOST, DAPR_HTTP_PORT, DAPR_API_TOKEN, PUBSUB_NAME } = process.env;
if (!REDRIVE_TOPICS.includes(topic) || !REDIS_HOST || !DAPR_API_TOKEN) {
  process.stderr.write(`usage: node dist/redriveMain.js <${REDRIVE_TOPICS.join(" | ")}> with REDIS_HOST and DAPR_API_TOKEN set (an api pod has both)\n`);
  process.exit(2);
}
try {
  const report = await redriveTopic(topic, {
    redisHost: REDIS_HOST,
    redisPassword: REDIS_PASSWORD,
    redisTls: REDIS_TLS === "true",
    daprHost: DAPR_HOST ?? "127.0.0.1",
    daprPort: Number(DAPR_HTTP_PORT ?? 3500),
    daprToken: DAPR_API_TOKEN,
    pubsub: PUBSUB_NAME ?? "pubsub",
  });
  process.stdout.write(`redrive ${topic}: republished ${report.republished} dead-lettered event(s)\n`);
} catch (err) {
  process.stderr.write(`redrive ${topic} failed: ${(err as Error).message}\n`);
  process.exit(1);
}
