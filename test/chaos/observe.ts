/**
 * What the chaos suite reads back after a fault: the stack's readiness, the
 * read model, the audit log and the notification inbox of one user (straight
 * from the read store), the webhook receiver's requests, and the consumers'
 * duplicate counters.
 */
import type { Connection } from "mongoose";
import { scrape, total, type Sample } from "../../scripts/promScrape.js";
import type { AppId } from "../../scripts/stack/profile.js";
import { APP_IDS } from "../../scripts/stack/profile.js";
import { dependencyStates } from "../../scripts/stack/stack.js";
import { connectMongo } from "../../src/infra/mongo.js";
import { stack } from "../support/stack.js";
import type { Receiver } from "../support/webhookReceiver.js";

async function getJson(url: string): Promise<{ status: number; body: any }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return { status: res.status, body: (await res.json()) as unknown };
  } catch {
    return { status: 0, body: null };
  }
}

/**
 * Every app ready (/readyz) and the api seeing every shared dependency up
 * (/internal/health): the stack is whole again. Answers null, or what is not yet.
 */
export async function stackNotWhole(): Promise<string | null> {
  const p = stack().profile;
  const ready = await Promise.all(APP_IDS.map((id) => getJson(`http://127.0.0.1:${p.apps[id].app}/readyz`)));
  const notReady = APP_IDS.flatMap((id, i) => (ready[i]!.status === 200 ? [] : [`${id} /readyz ${ready[i]!.status} ${JSON.stringify(ready[i]!.body)}`]));
  const deps = await dependencyStates(stack()).catch((err: unknown) => {
    notReady.push(`api /internal/health: ${(err as Error).message}`);
    return {};
  });
  const down = Object.entries(deps).filter(([, s]) => s !== "ok").map(([d]) => d);
  if (down.length > 0) notReady.push(`api /internal/health: ${down.join(", ")} down`);
  return notReady.length > 0 ? notReady.join("; ") : null;
}

/** An app's /metrics, or none when it does not answer within a few seconds. */
export async function metricsOf(app: AppId): Promise<Sample[]> {
  try {
    return await Promise.race([
      scrape(`http://127.0.0.1:${stack().profile.apps[app].app}/metrics`),
      new Promise<Sample[]>((resolve) => setTimeout(() => resolve([]), 5000).unref()),
    ]);
  } catch {
    return [];
  }
}

export type Scrapes = Record<AppId, Sample[]>;
export const scrapeAll = async (): Promise<Scrapes> => {
  const [api, notifications, audit] = await Promise.all(APP_IDS.map(metricsOf));
  return { api: api!, notifications: notifications!, audit: audit! };
};

/** The consumers that keep effects (read model, audit log, inbox): events each dropped as already applied. */
const DEDUPLICATING: [AppId, string][] = [["api", "projection"], ["audit", "audit"], ["notifications", "inbox"]];
export function duplicatesSuppressed(after: Scrapes, before: Scrapes): number {
  return DEDUPLICATING.reduce((sum, [app, consumer]) => {
    const count = (s: Sample[]) => total(s, "tickler_events_consumed_total", { consumer, outcome: "duplicate" });
    // A restarted app's counters start again from 0: then only its count since the restart is known.
    const a = count(after[app]);
    const b = count(before[app]);
    return sum + (a >= b ? a - b : a);
  }, 0);
}

export const outboxPending = async (): Promise<number> => total(await metricsOf("api"), "tickler_outbox_pending_events");

export interface Observed {
  /** Task ids in the read model (tasks_view) for the user. */
  readModel: string[];
  /** Task ids of the user's audit records, one per record. */
  audit: string[];
  /** x-tickler-delivery of every webhook request received, one per request. */
  deliveries: string[];
  /** Delivery ids the inbox marks delivered. */
  inboxDelivered: Set<string>;
}

export async function observe(mongo: Connection, user: string, receiver: Receiver): Promise<Observed> {
  const db = mongo.db!;
  const [views, audits, inbox] = await Promise.all([
    db.collection("tasks_view").find({ ownerId: user }, { projection: { _id: 1 } }).toArray(),
    db.collection("audit_log").find({ ownerId: user }, { projection: { taskId: 1 } }).toArray(),
    db.collection("notifications").find({ ownerId: user }, { projection: { _id: 1, state: 1 } }).toArray(),
  ]);
  return {
    readModel: views.map((d) => String(d._id)),
    audit: audits.map((d) => String(d.taskId)),
    deliveries: receiver.received.map((r) => String(r.headers["x-tickler-delivery"])),
    inboxDelivered: new Set(inbox.filter((d) => d.state === "delivered").map((d) => String(d._id))),
  };
}

export async function openStore(): Promise<Connection> {
  return connectMongo(stack().mongoUri);
}
