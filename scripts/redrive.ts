/**
 * `npm run redrive -- <topic>`: publishes every dead-lettered event of a
 * topic (task-events, task-updates or reminders) that is not yet redriven
 * back to that topic, through the api's sidecar, and marks it; consumers
 * deduplicate, so running it again (or after it stopped halfway) is safe.
 * Dead letters are kept in Redis (src/infra/deadLetters.ts), so this works
 * while the read store is down. Talks to the running local stack
 * (`STACK_PROFILE`, default dev), or, when REDIS_HOST, DAPR_HTTP_PORT and
 * DAPR_API_TOKEN are set, to those. In a deployment's api pod (no npm
 * there): `node dist/redriveMain.js <topic>`.
 */
import fs from "node:fs";
import path from "node:path";
import { REDRIVE_TOPICS, redriveTopic, type RedriveTarget } from "../src/redrive.js";
import { ROOT } from "./root.js";
import type { StackInfo } from "./stack/stack.js";

const topic = process.argv[2];
if (!topic || !REDRIVE_TOPICS.includes(topic)) {
  process.stderr.write(`usage: npm run redrive -- <${REDRIVE_TOPICS.join(" | ")}>\n`);
  process.exit(2);
}

function target(): RedriveTarget {
  const { REDIS_HOST, REDIS_PASSWORD, REDIS_TLS, DAPR_HTTP_PORT, DAPR_API_TOKEN } = process.env;
  const common = { daprHost: process.env.DAPR_HOST ?? "127.0.0.1", pubsub: process.env.PUBSUB_NAME ?? "pubsub" };
  if (REDIS_HOST && DAPR_HTTP_PORT && DAPR_API_TOKEN) {
    return { ...common, redisHost: REDIS_HOST, redisPassword: REDIS_PASSWORD, redisTls: REDIS_TLS === "true", daprPort: Number(DAPR_HTTP_PORT), daprToken: DAPR_API_TOKEN };
  }
  const file = process.env.TICKLER_STACK ?? path.join(ROOT, ".stack", process.env.STACK_PROFILE ?? "dev", "stack.json");
  if (!fs.existsSync(file)) {
    process.stderr.write(`no running stack (${file}) and no REDIS_HOST/DAPR_HTTP_PORT/DAPR_API_TOKEN: start the stack first\n`);
    process.exit(2);
  }
  const info = JSON.parse(fs.readFileSync(file, "utf8")) as StackInfo;
  return { ...common, redisHost: info.redisHost, redisTls: false, daprPort: info.profile.apps.api.daprHttp, daprToken: info.secrets.daprApiToken };
}

const report = await redriveTopic(topic, target());
process.stdout.write(`redrive ${topic}: republished ${report.republished} dead-lettered event(s)\n`);
