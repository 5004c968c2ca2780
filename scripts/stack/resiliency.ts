/**
 * The delivery retry window of a local stack, from the environment: the
 * stack renders components/resiliency.yaml with these values (the chart
 * takes the same from dapr.resiliency). `npm test` shortens them so the
 * long-outage test outlasts the window many times over in seconds.
 *
 *   PUBSUB_RETRY_INTERVAL  Go duration between redeliveries of an event its
 *                          consumer answered RETRY (default 2s)
 *   PUBSUB_RETRY_MAX       redeliveries before daprd dead-letters it itself;
 *                          -1 (default): none, the app decides (docs/operations.md: dead letters)
 */
import YAML from "yaml";
import { StackError } from "./processes.js";

export interface PubsubRetry {
  duration?: string;
  maxRetries?: number;
}

const GO_DURATION = /^\d+(ms|s|m|h)$/;

/** The overrides set in `env`, or null when none is (the file is used as it is). */
export function pubsubRetryFrom(env: NodeJS.ProcessEnv): PubsubRetry | null {
  const interval = env.PUBSUB_RETRY_INTERVAL?.trim();
  const max = env.PUBSUB_RETRY_MAX?.trim();
  if (!interval && !max) return null;
  if (interval && !GO_DURATION.test(interval)) throw new StackError(`PUBSUB_RETRY_INTERVAL must be a Go duration such as 500ms or 2s (got "${interval}")`);
  if (max && !/^-?\d+$/.test(max)) throw new StackError(`PUBSUB_RETRY_MAX must be an integer, -1 for no limit (got "${max}")`);
  if (max && Number(max) < -1) throw new StackError(`PUBSUB_RETRY_MAX must be -1 or more (got "${max}")`);
  return { ...(interval ? { duration: interval } : {}), ...(max ? { maxRetries: Number(max) } : {}) };
}

/** resiliency.yaml with the subscriber delivery policy's values replaced (comments kept). */
export function renderResiliency(text: string, retry: PubsubRetry): string {
  const doc = YAML.parseDocument(text);
  const path = ["spec", "policies", "retries", "subscriberDelivery"];
  if (!doc.hasIn(path)) throw new StackError("components/resiliency.yaml has no spec.policies.retries.subscriberDelivery to configure");
  if (retry.duration !== undefined) doc.setIn([...path, "duration"], retry.duration);
  if (retry.maxRetries !== undefined) doc.setIn([...path, "maxRetries"], retry.maxRetries);
  return doc.toString();
}
