/**
 * Waiting for the test stack to be quiet before counting, instead of a fixed
 * sleep: an "exactly once" or "never" check counts only once nothing that
 * could still add to the count is moving. Quiet means, on every app's
 * /metrics at once:
 * - every task actor outbox empty (`tickler_outbox_pending_events` 0: nothing
 *   committed waits to be published);
 * - no consumer handling a delivery (`tickler_events_in_flight` 0);
 * - nothing consumed, published, delivered or fired for a whole window
 *   (the counters below unchanged), longer than daprd's redelivery interval
 *   in the test stack (500 ms) and the webhook retry backoff (300 ms), so a
 *   redelivery or a retry that is due shows up inside it.
 * The wait has a deadline; past it, the error names what is still moving.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { scrape, total, type Sample } from "../../scripts/promScrape.js";
import { APP_IDS } from "../../scripts/stack/profile.js";
import type { StackInfo } from "../../scripts/stack/stack.js";
import { Sidecar } from "../../src/infra/sidecar.js";
import { CRON_ROUTE } from "../../src/notifications/cron.js";
import { stack as currentStack } from "./stack.js";

/** Counters whose change means work is still arriving or being done. */
const MOVING = [
  "tickler_events_published_total",
  "tickler_events_consumed_total",
  "tickler_webhook_deliveries_total",
  "tickler_email_deliveries_total",
  "tickler_digests_recorded_total",
  // Every actor call and reminder callback: a reminder firing is one.
  "tickler_actor_method_duration_seconds_count",
];

/** How long nothing may move (the redelivery interval and retry backoff, three times over). */
export const QUIET_WINDOW_MS = 1500;
const POLL_MS = 250;

interface Reading {
  /** Per app, the series of the moving counters, "name{labels}" → value. */
  counters: Map<string, number>;
  outbox: number;
  inFlight: Map<string, number>;
  unreachable: string[];
}

const key = (app: string, s: Sample) => `${app} ${s.name}{${Object.entries(s.labels).filter(([k]) => k !== "app").map(([k, v]) => `${k}="${v}"`).join(",")}}`;

async function read(info: StackInfo): Promise<Reading> {
  const targets: [string, number][] = [
    ...APP_IDS.filter((id) => id !== "api").map((id): [string, number] => [id, info.profile.apps[id].app]),
    // Every api replica (tasks' actors live on all of them).
    ...(info.apiReplicas ?? [{ replica: 1, ports: info.profile.apps.api }]).map((r): [string, number] => [r.replica === 1 ? "api" : `api-${r.replica}`, r.ports.app]),
  ];
  const reading: Reading = { counters: new Map(), outbox: 0, inFlight: new Map(), unreachable: [] };
  await Promise.all(
    targets.map(async ([app, port]) => {
      let samples: Sample[];
      try {
        samples = await scrape(`http://127.0.0.1:${port}/metrics`);
      } catch (err) {
        // A replica a test killed and removed is no longer part of the stack.
        if (app.startsWith("api-")) return;
        reading.unreachable.push(`${app} (${(err as Error).message})`);
        return;
      }
      for (const s of samples) {
        if (MOVING.includes(s.name)) reading.counters.set(key(app, s), s.value);
        else if (s.name === "tickler_outbox_pending_events") reading.outbox += s.value;
        else if (s.name === "tickler_events_in_flight" && s.value > 0) reading.inFlight.set(`${app} ${s.labels.consumer}/${s.labels.topic}`, s.value);
      }
    }),
  );
  return reading;
}

function changes(before: Map<string, number>, after: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [k, v] of after) if (before.get(k) !== v) out.push(`${k} ${before.get(k) ?? "new"} → ${v}`);
  return out;
}

/**
 * Resolves once the stack has been quiet for `windowMs` (see the file's
 * comment); rejects at `deadlineMs` naming what still moves. `what` says what
 * the caller is about to count.
 */
export async function quiescent(what: string, deadlineMs = 60_000, info: StackInfo = currentStack(), windowMs = QUIET_WINDOW_MS): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  let last = await read(info);
  let quietSince = Date.now();
  let moving: string[] = [];
  for (;;) {
    const busy = [
      ...(last.outbox > 0 ? [`${last.outbox} event(s) in task actor outboxes`] : []),
      ...[...last.inFlight].map(([consumer, n]) => `${n} delivery(ies) in flight to ${consumer}`),
      ...last.unreachable.map((app) => `/metrics of ${app} unreachable`),
    ];
    if (busy.length > 0 || moving.length > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= windowMs) return;
    if (Date.now() > deadline) {
      throw new Error(`the stack was not quiet within ${deadlineMs} ms before counting ${what}; still moving: ${[...busy, ...moving].slice(0, 12).join("; ") || "nothing in the last reading, but never for a whole quiet window"}`);
    }
    await sleep(POLL_MS);
    const next = await read(info);
    moving = changes(last.counters, next.counters);
    last = next;
  }
}

/** A task actor's reminder fired and gone from the scheduler (a one-shot reminder cannot fire again once it is). */
export async function reminderSpent(actorType: string, actorId: string, name: string, deadlineMs = 30_000, info: StackInfo = currentStack()): Promise<void> {
  const sidecar = new Sidecar({ host: "127.0.0.1", httpPort: info.profile.apps.api.daprHttp, apiToken: info.secrets.daprApiToken });
  const deadline = Date.now() + deadlineMs;
  while (await sidecar.reminderExists(actorType, actorId, name)) {
    if (Date.now() > deadline) throw new Error(`reminder ${name} of ${actorType} ${actorId} still in the scheduler ${deadlineMs} ms later`);
    await sleep(POLL_MS);
  }
}

/** Cron ticks the notifications app has answered since it started (its /metrics; a restart counts from 0). */
export async function cronTicks(info: StackInfo = currentStack()): Promise<number> {
  return total(await scrape(`http://127.0.0.1:${info.profile.apps.notifications.app}/metrics`), "tickler_http_request_duration_seconds_count", { route: CRON_ROUTE });
}

/** Waits until the notifications app has answered `n` more cron ticks than `since` (each tick runs the digests and the reconcile). */
export async function moreCronTicks(since: number, n: number, deadlineMs = 60_000, info: StackInfo = currentStack()): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  let ticks = await cronTicks(info).catch(() => since);
  while (ticks < since + n) {
    if (Date.now() > deadline) throw new Error(`the notifications app answered ${ticks - since} of ${n} cron ticks within ${deadlineMs} ms`);
    await sleep(POLL_MS);
    ticks = await cronTicks(info).catch(() => ticks);
  }
}

/**
 * Against a deployment that is not `npm test`'s stack (npm run test:target,
 * test:cluster), its scheduler and /metrics are out of reach: what the test
 * can see is what it counts. Waits (with a deadline) until `seen()` has not
 * changed for a whole `windowMs`: a reminder that fires again would be seen
 * within it (the notification service retries in seconds).
 */
export async function quietAsSeen(what: string, seen: () => number, windowMs = 5000, deadlineMs = 60_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  let last = seen();
  let quietSince = Date.now();
  while (Date.now() - quietSince < windowMs) {
    if (Date.now() > deadline) throw new Error(`${what} kept changing for ${deadlineMs} ms`);
    await sleep(POLL_MS);
    const now = seen();
    if (now !== last) [last, quietSince] = [now, Date.now()];
  }
}
