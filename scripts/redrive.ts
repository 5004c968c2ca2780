/**
 * `npm run redrive -- <topic>`: publishes every dead-lettered event of a
 * topic (task-events, task-updates or reminders) that is not yet redriven
 * back to that topic, through the api's sidecar, and marks it; consumers
 * deduplicate, so running it again (or after it stopped halfway) is safe.
 * Talks to the running local stack (`STACK_PROFILE`, default dev), or, when
 * MONGODB_URI, DAPR_HTTP_PORT and DAPR_API_TOKEN are set, to those (e.g. in
 * an api pod of a deployment).
 */
import fs from "node:fs";
import path from "node:path";
import { TOPICS } from "../src/events/topics.js";
import { DeadLetters, redrive } from "../src/infra/deadLetters.js";
import { connectMongo } from "../src/infra/mongo.js";
import { Sidecar } from "../src/infra/sidecar.js";
import { ROOT } from "./root.js";
import type { StackInfo } from "./stack/stack.js";

const topic = process.argv[2];
const topics = Object.values(TOPICS) as string[];
if (!topic || !topics.includes(topic)) {
  process.stderr.write(`usage: npm run redrive -- <${topics.join(" | ")}>\n`);
  process.exit(2);
}

function target(): { mongoUri: string; daprPort: number; daprToken: string } {
  const { MONGODB_URI, DAPR_HTTP_PORT, DAPR_API_TOKEN } = process.env;
  if (MONGODB_URI && DAPR_HTTP_PORT && DAPR_API_TOKEN) return { mongoUri: MONGODB_URI, daprPort: Number(DAPR_HTTP_PORT), daprToken: DAPR_API_TOKEN };
  const file = process.env.TICKLER_STACK ?? path.join(ROOT, ".stack", process.env.STACK_PROFILE ?? "dev", "stack.json");
  if (!fs.existsSync(file)) {
    process.stderr.write(`no running stack (${file}) and no MONGODB_URI/DAPR_HTTP_PORT/DAPR_API_TOKEN: start the stack first\n`);
    process.exit(2);
  }
  const info = JSON.parse(fs.readFileSync(file, "utf8")) as StackInfo;
  return { mongoUri: info.mongoUri, daprPort: info.profile.apps.api.daprHttp, daprToken: info.secrets.daprApiToken };
}

const { mongoUri, daprPort, daprToken } = target();
const sidecar = new Sidecar({ host: process.env.DAPR_HOST ?? "127.0.0.1", httpPort: daprPort, apiToken: daprToken });
const pubsub = process.env.PUBSUB_NAME ?? "pubsub";
const mongo = await connectMongo(mongoUri);
try {
  const report = await redrive(new DeadLetters(mongo), topic, (t, event, key) => sidecar.publish(pubsub, t, event, key, 10_000));
  process.stdout.write(`redrive ${topic}: republished ${report.republished} dead-lettered event(s)\n`);
} finally {
  await mongo.close();
}
