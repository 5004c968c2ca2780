/**
 * Event lag after a load phase: waits until the projection (api app) and
 * audit have handled the phase's events, then reports the quantiles of
 * tickler_event_lag_seconds between the two scrapes and how each delivery
 * ended (applied, suppressed as a duplicate, retried).
 */
import type { StackInfo } from "../stack/stack.js";
import { bucketDelta, quantileFromBuckets, scrape, total, type Sample } from "../promScrape.js";
import { fmt } from "./measure.js";

export interface ConsumerScrapes {
  api: Sample[];
  audit: Sample[];
}

export async function scrapeConsumers(info: StackInfo): Promise<ConsumerScrapes> {
  const of = (app: "api" | "audit") => scrape(`http://127.0.0.1:${info.profile.apps[app].app}/metrics`);
  const [api, audit] = await Promise.all([of("api"), of("audit")]);
  return { api, audit };
}

const handled = (samples: Sample[], consumer: string) => total(samples, "tickler_events_consumed_total", { consumer });

/** Waits (up to `timeoutMs`) for `events` more deliveries at both consumers than `before`, then prints both lags. */
export async function reportPhaseLag(info: StackInfo, before: ConsumerScrapes, events: number, label: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let after = await scrapeConsumers(info);
  const behind = () =>
    handled(after.api, "projection") - handled(before.api, "projection") < events ||
    handled(after.audit, "audit") - handled(before.audit, "audit") < events;
  while (Date.now() < deadline && behind()) {
    await new Promise((r) => setTimeout(r, 500));
    after = await scrapeConsumers(info);
  }
  if (behind()) process.stdout.write(`  (consumers had not handled all ${events} events after ${timeoutMs / 1000} s; the lags below are of those handled)\n`);
  reportLag(`  event lag → projection (${label})`, after.api, before.api, "projection");
  reportLag(`  event lag → audit (${label})`, after.audit, before.audit, "audit");
}

/** The q-quantile, in ms, of a consumer's tickler_event_lag_seconds between two scrapes, with how many deliveries it covers (NaN when none). */
export function lagQuantileMs(after: Sample[], before: Sample[], consumer: string, q: number): { ms: number; n: number } {
  const buckets = bucketDelta(after, before, "tickler_event_lag_seconds", { consumer });
  return { ms: quantileFromBuckets(buckets, q) * 1000, n: buckets[buckets.length - 1]?.[1] ?? 0 };
}

/** Quantiles of tickler_event_lag_seconds between two scrapes, plus how many deliveries were duplicates. */
export function reportLag(label: string, after: Sample[], before: Sample[], consumer: string): void {
  const q = (p: number) => fmt(lagQuantileMs(after, before, consumer, p).ms);
  const outcome = (o: string) => total(after, "tickler_events_consumed_total", { consumer, outcome: o }) - total(before, "tickler_events_consumed_total", { consumer, outcome: o });
  process.stdout.write(
    `${label.padEnd(34)} n=${lagQuantileMs(after, before, consumer, 0.5).n}  p50 ${q(0.5)}  p95 ${q(0.95)}  p99 ${q(0.99)}  ` +
      `applied ${outcome("applied")}  duplicates suppressed ${outcome("duplicate")}  retried ${outcome("retried")}\n`,
  );
}
