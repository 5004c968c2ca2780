/**
 * One chaos fault, measured: a user of its own with a webhook receiver, a
 * steady writer (test/chaos/writer.ts) running before, through and after the
 * fault, then every expectation polled with a deadline until the stack has
 * settled, and one row of counts. Nothing here sleeps to decide a result: the
 * only fixed wait is how long a frozen piece stays frozen, which is the fault.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { ROOT } from "../../scripts/root.js";
import { logFile } from "../../scripts/stack/processes.js";
import { killPiece, pieceAnswers, restartPiece, signalPiece, type Piece } from "../../scripts/stack/restart.js";
import { apiAs, stack } from "../support/stack.js";
import { startReceiver } from "../support/webhookReceiver.js";
import type { Connection } from "mongoose";
import { duplicatesSuppressed, observe, openStore, outboxPending, scrapeAll, stackNotWhole, type Observed, type Scrapes } from "./observe.js";
import { startWriter, type Write } from "./writer.js";

export interface Fault {
  piece: Piece;
  kind: "kill" | "freeze";
  /** Frozen at the same time (a freeze only): two pieces slow together, as on a saturated node. */
  alsoFrozen?: Piece;
}
export const faultName = (f: Fault) => `${f.kind === "kill" ? "kill -9" : "SIGSTOP"} ${f.piece}${f.alsoFrozen ? `+${f.alsoFrozen}` : ""}`;

/**
 * How long a frozen piece stays frozen: longer than every timeout in the path
 * (the api's 25 s wait on an actor call, daprd's 20 s actor call timeout, the
 * 5 s publish and webhook timeouts, the 10 s breakers, Kafka's 10 s consumer
 * session, the subscribers' give-up window).
 */
export const FREEZE_MS = Number(process.env.CHAOS_FREEZE_MS ?? 30_000);
/** Deadlines: the stack whole again after the fault; every effect in place after that. Generous: 2 loaded cores. */
const RECOVER_DEADLINE_MS = 180_000;
const SETTLE_DEADLINE_MS = Number(process.env.CHAOS_SETTLE_MS ?? 120_000);

export interface ChaosRow {
  fault: string;
  acknowledged: number;
  refused: number;
  /** First refused request's start to the last one's answer, ms (0: none refused). */
  refusedMs: number;
  slowestAckMs: number;
  /** Median and 99th percentile of the acknowledged creates sent between the fault and the stack being whole again, ms ("-": none). */
  faultAckP50Ms: number | null;
  faultAckP99Ms: number | null;
  /** Refused creates that were committed anyway (the client saw an error, the task exists). */
  committedRefused: number;
  /** Of those, ones whose answer did not say the outcome was unknown (a 503 `outcome-unknown`): the client was told something untrue. */
  toldFailedButCommitted: number;
  readModel: number;
  auditRecords: number;
  remindersDue: number;
  /** Creates taken by the API only after their reminder's instant: no reminder planned (the documented rule), not counted as due. */
  pastWhenCommitted: number;
  /** Of the reminders due, or past: instants between the create's send and its commit, where only a delivery shows it was planned. */
  undecidable: number;
  /** Of those, due between the fault and the stack being whole again. */
  dueInFault: number;
  delivered: number;
  wireDuplicates: number;
  duplicatesSuppressed: number;
  lostWrites: number;
  lostReminders: number;
  /** Audit records beyond one per task, read-model tasks nobody wrote, deliveries of no planned reminder. */
  extraEffects: number;
  recoveredMs: number;
  /** The refused answers, by status (printed, not tabled). */
  refusedBy: string;
  /** For each reminder lost (a few): what daprd-api logged about its firing. */
  lostDetail?: string[];
  /** Set when the settle deadline passed: what was still missing. */
  unsettled?: string;
}

const say = (line: string) => process.stdout.write(`      ${line}\n`);

async function until(what: string, check: () => Promise<boolean>, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

/**
 * Where a fault is measured: the local stack of `npm test` (LOCAL, below) or
 * a deployment such as the local Kubernetes cluster (test/cluster/faults.ts).
 * The load, the ledger of what was acknowledged and the accounting are the
 * same; only how to see the deployment differs.
 */
export interface FaultEnv {
  /** null once every part is ready again, else what is not yet. */
  notWhole(): Promise<string | null>;
  /** The read store (read model, audit log, inbox). */
  openStore(): Promise<Connection>;
  /** Outbox events not yet published, over every api instance. */
  outboxPending(): Promise<number>;
  /** The apps' metrics (for the consumers' duplicate counters). */
  scrapeAll(): Promise<Scrapes>;
  /** For each lost reminder (delivery ids), what the deployment logged about it. */
  lostDetail?(deliveryIds: string[]): string[];
  /** The writer's pace (test/chaos/writer.ts): defaults 4 creates/s, 16 in flight. */
  writer?: { intervalMs?: number; maxInFlight?: number };
  /** Acknowledged writes before the fault, and again after recovery, before the writer stops (defaults 6 and 8). */
  ackedBefore?: number;
  ackedAfter?: number;
  /** Deadline for being whole again after the fault (default 180 s). */
  recoverMs?: number;
}

export const LOCAL: FaultEnv = { notWhole: stackNotWhole, openStore, outboxPending, scrapeAll, lostDetail: firingsLogged };

/** Until the deployment is whole again; on the deadline, says what was still missing. */
async function untilWhole(env: FaultEnv, when: string): Promise<void> {
  let missing: string | null = null;
  await until(`the deployment whole ${when}`, async () => (missing = await env.notWhole()) === null, env.recoverMs ?? RECOVER_DEADLINE_MS).catch((err: Error) => {
    throw new Error(`${err.message}; still: ${missing}`);
  });
}

/**
 * A killed piece stays down until a reminder planned before the kill has
 * fallen due (a second past it, at most 8 s), so every fault has reminders
 * falling due while the piece is gone: a restart alone can take under a second.
 */
function downUntil(writes: Write[], faultAt: number): number {
  const next = Math.min(...writes.map((w) => w.remindAt ?? Infinity).filter((t) => t > faultAt));
  return Math.min(Number.isFinite(next) ? next + 1000 : faultAt + 2000, faultAt + 8000);
}

async function applyFault(fault: Fault, writes: Write[]): Promise<void> {
  const info = stack();
  if (fault.kind === "kill") {
    const faultAt = Date.now();
    await killPiece(info, fault.piece);
    await sleep(Math.max(0, downUntil(writes, faultAt) - Date.now()));
    await restartPiece(info, ROOT, fault.piece);
    return;
  }
  const frozen = fault.alsoFrozen ? [fault.piece, fault.alsoFrozen] : [fault.piece];
  for (const piece of frozen) signalPiece(info, piece, "SIGSTOP");
  try {
    await sleep(FREEZE_MS);
  } finally {
    for (const piece of frozen) signalPiece(info, piece, "SIGCONT");
  }
  for (const piece of frozen) await until(`${piece} answering after SIGCONT`, () => pieceAnswers(info, piece), 60_000);
}

/** Which refused creates were committed anyway (ask the actor, once the stack answers), with their createdAt. */
async function committedAmong(user: string, refused: Write[]): Promise<Map<string, number>> {
  const api = await apiAs(user);
  const committed = new Map<string, number>();
  for (const w of refused) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await api.call("GET", `/tasks/${w.id}`).catch(() => ({ status: 0, body: null }));
      if (res.status === 200) committed.set(w.id, Date.parse((res.body as { createdAt: string }).createdAt));
      if (res.status === 200 || res.status === 404) break;
      if (Date.now() > deadline) throw new Error(`GET /tasks/${w.id} answered ${res.status} for 60 s after the fault`);
      await sleep(250);
    }
  }
  return committed;
}

export async function runFault(fault: Fault, settleMs = SETTLE_DEADLINE_MS): Promise<ChaosRow> {
  const user = `chaos-${fault.piece}${fault.alsoFrozen ? `-${fault.alsoFrozen}` : ""}-${fault.kind}-${randomUUID().slice(0, 8)}`;
  return measureFault(LOCAL, faultName(fault), user, (writes) => applyFault(fault, writes), settleMs);
}

/**
 * One fault under the steady writer, accounted: `apply` does the fault (and
 * returns when it is over, not when the deployment has recovered); the row
 * says what was acknowledged, refused, lost, duplicated, and how long until
 * the deployment was whole again.
 */
export async function measureFault(env: FaultEnv, name: string, user: string, apply: (writes: Write[]) => Promise<void>, settleMs = SETTLE_DEADLINE_MS): Promise<ChaosRow> {
  const receiver = await startReceiver();
  const ackedBefore = env.ackedBefore ?? 6;
  const ackedAfter = env.ackedAfter ?? 8;
  try {
    await untilWhole(env, "before the fault");
    const hook = await (await apiAs(user)).call("POST", "/webhooks", { url: receiver.url, secret: "chaos-webhook-secret-0123" });
    if (hook.status !== 201) throw new Error(`registering the webhook answered ${hook.status}: ${JSON.stringify(hook.body)}`);
    const before = await env.scrapeAll();
    const writer = await startWriter(user, env.writer);
    let faultAt = 0;
    let wholeAt = 0;
    try {
      // Warm: writes flowing, so reminders are already planned to fall due during the fault.
      await until(`${ackedBefore} writes acknowledged before the fault`, async () => writer.acked().length >= ackedBefore, 60_000);
      faultAt = Date.now();
      await apply(writer.writes);
      await untilWhole(env, "after the fault");
      wholeAt = Date.now();
      // Keep writing on the recovered deployment for a few more acknowledged writes.
      const ackedAtWhole = writer.acked().length;
      await until(`${ackedAfter} writes acknowledged after recovery`, async () => writer.acked().length >= ackedAtWhole + ackedAfter, 60_000);
    } finally {
      // Also when the fault fails: a writer left running would keep the test process alive and load the next fault.
      await writer.stop();
    }

    const acked = writer.acked();
    const refused = writer.refused();
    const committedRefused = await committedAmong(user, refused);
    const createdAt = new Map([...acked.map((w): [string, number] => [w.id, w.createdAt!]), ...committedRefused]);
    const committed = new Set(createdAt.keys());
    // A reminder is planned if its instant is still ahead when the API takes
    // the request (the command's requestedAt, stamped by src/actors/client.ts;
    // the actor plans as of then): a create that waited through the fault
    // past its reminder's instant still reminds, at once. The client cannot
    // see that stamp, only that it lies between its send time and the task's
    // createdAt (the actor's clock at the decision). An instant after
    // createdAt was certainly planned; one before the send, never. One in
    // between (a request that queued at an ingress or in a restarting pod's
    // backlog for seconds, as on the cluster) is undecidable from outside:
    // delivered, it was planned and counts; not delivered, it counts as past.
    const withReminder = writer.writes.filter((w) => w.remindAt !== null && committed.has(w.id));
    const key = (w: Write) => `${w.id}:r-${w.remindAt}`;
    const certain = withReminder.filter((w) => w.remindAt! > createdAt.get(w.id)!);
    const between = withReminder.filter((w) => w.remindAt! > w.startedAt && w.remindAt! <= createdAt.get(w.id)!);
    const certainKeys = new Set(certain.map(key));
    const lastDue = Math.max(0, ...[...certain, ...between].map((w) => w.remindAt!));

    const mongo = await env.openStore();
    let seen: Observed | undefined;
    let unsettled: string | undefined;
    try {
      const settled = async () => {
        seen = await observe(mongo, user, receiver);
        const inRm = new Set(seen.readModel);
        const inAudit = new Set(seen.audit);
        const got = new Set(seen.deliveries);
        const missing = [
          [...committed].filter((id) => !inRm.has(id)).length && `${[...committed].filter((id) => !inRm.has(id)).length} tasks not in the read model`,
          [...committed].filter((id) => !inAudit.has(id)).length && `${[...committed].filter((id) => !inAudit.has(id)).length} tasks not in the audit log`,
          [...certainKeys].filter((d) => !got.has(d)).length && `${[...certainKeys].filter((d) => !got.has(d)).length} reminders not delivered to the webhook`,
          [...certainKeys].filter((d) => !seen!.inboxDelivered.has(d)).length && `${[...certainKeys].filter((d) => !seen!.inboxDelivered.has(d)).length} inbox entries not delivered`,
        ].filter(Boolean);
        unsettled = missing.join("; ") || undefined;
        return Date.now() > lastDue && !unsettled && (await env.outboxPending()) === 0;
      };
      await until("every effect in place", settled, settleMs).catch((err: Error) => say(`NOT SETTLED: ${err.message}: ${unsettled ?? "outbox not drained"}`));
    } finally {
      await mongo.close();
    }
    const o = seen!;
    const expected = new Set([...certainKeys, ...between.map(key).filter((d) => o.deliveries.includes(d))]);
    const planned = withReminder.filter((w) => expected.has(key(w)));
    const after = await env.scrapeAll();
    const inRm = new Set(o.readModel);
    const inAudit = new Set(o.audit);
    const distinct = new Set(o.deliveries);
    const refusedTimes = refused.flatMap((w) => [w.startedAt, w.endedAt]);
    return {
      fault: name,
      acknowledged: acked.length,
      refused: refused.length,
      refusedMs: refused.length ? Math.max(...refusedTimes) - Math.min(...refusedTimes) : 0,
      slowestAckMs: Math.max(0, ...acked.map((w) => w.endedAt - w.startedAt)),
      ...percentiles(acked.filter((w) => w.startedAt >= faultAt && w.startedAt <= wholeAt).map((w) => w.endedAt - w.startedAt)),
      committedRefused: committedRefused.size,
      toldFailedButCommitted: refused.filter((w) => committedRefused.has(w.id) && !w.outcomeUnknown).length,
      readModel: [...committed].filter((id) => inRm.has(id)).length,
      auditRecords: o.audit.length,
      remindersDue: expected.size,
      pastWhenCommitted: withReminder.length - planned.length,
      undecidable: between.length,
      dueInFault: planned.filter((w) => w.remindAt! >= faultAt && w.remindAt! <= wholeAt).length,
      delivered: [...expected].filter((d) => distinct.has(d)).length,
      wireDuplicates: o.deliveries.length - distinct.size,
      duplicatesSuppressed: duplicatesSuppressed(after, before),
      lostWrites: [...committed].filter((id) => !inRm.has(id) || !inAudit.has(id)).length,
      lostReminders: [...expected].filter((d) => !distinct.has(d)).length,
      extraEffects:
        o.audit.length - inAudit.size +
        o.readModel.filter((id) => !committed.has(id)).length +
        [...distinct].filter((d) => !expected.has(d)).length,
      recoveredMs: wholeAt - faultAt,
      refusedBy: refusedBy(refused),
      ...(unsettled ? { unsettled } : {}),
      ...(env.lostDetail && [...expected].some((d) => !distinct.has(d)) ? { lostDetail: env.lostDetail([...expected].filter((d) => !distinct.has(d)).slice(0, 5)) } : {}),
      ...(writer.skipped > 0 ? { refusedBy: `${refusedBy(refused)}; ${writer.skipped} creates not sent (in-flight cap)` } : {}),
    };
  } finally {
    await receiver.close();
  }
}

/** "503 unavailable ×2, 404 ×1": by status and, for a problem+json answer, its code. */
const refusedBy = (refused: Write[]) => {
  const label = (w: Write) => (w.problem ? `${String(w.status)} ${w.problem}` : String(w.status));
  return [...new Set(refused.map(label))].map((l) => `${l} ×${refused.filter((w) => label(w) === l).length}`).join(", ") || "none";
};

/** Nearest-rank percentiles of the latencies given (null when there are none). */
export function percentiles(ms: number[]): { faultAckP50Ms: number | null; faultAckP99Ms: number | null } {
  const sorted = [...ms].sort((a, b) => a - b);
  const rank = (p: number) => (sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
  return { faultAckP50Ms: rank(50), faultAckP99Ms: rank(99) };
}

/**
 * Evidence for a lost reminder: daprd-api's log lines about its firing (the
 * scheduler's triggers it could not deliver to the app, and why).
 */
function firingsLogged(deliveryIds: string[]): string[] {
  let lines: string[] = [];
  try {
    lines = fs.readFileSync(logFile(stack().profile.stateDir, "daprd-api"), "utf8").split("\n");
  } catch {
    return ["daprd-api log not readable"];
  }
  return deliveryIds.map((d) => {
    const [task, reminder] = d.split(":");
    const attempt = `Error executing reminder for actor TaskActor||${task}||${reminder}: `;
    const failed = lines.filter((l) => l.includes(attempt));
    const why = failed.at(-1)?.split(attempt)[1]?.replace(/" app_id=.*$/, "") ?? "";
    // The registration's failures name the reminder only (r-<ms>), not the task.
    const unregistered = lines.filter((l) => l.includes(`Error scheduling reminder job ${reminder} `)).length;
    return `${d}: daprd-api logged ${failed.length} failed attempts to deliver its trigger to the app${why ? ` (the last: ${why})` : ""} and ${unregistered} failed registrations of a reminder of that name`;
  });
}

const COLUMNS: [keyof ChaosRow, string][] = [
  ["fault", "fault"], ["acknowledged", "acked"], ["refused", "refused"], ["refusedMs", "refused for (ms)"],
  ["slowestAckMs", "slowest ack (ms)"], ["faultAckP50Ms", "ack p50 in fault (ms)"], ["faultAckP99Ms", "ack p99 in fault (ms)"],
  ["committedRefused", "committed though refused"], ["toldFailedButCommitted", "told failed but committed"], ["readModel", "read model"],
  ["auditRecords", "audit"], ["remindersDue", "reminders due"], ["pastWhenCommitted", "reminder past when taken"], ["undecidable", "due between send and take"], ["dueInFault", "due during fault"],
  ["delivered", "delivered (distinct)"], ["wireDuplicates", "duplicate deliveries"], ["duplicatesSuppressed", "duplicates suppressed"],
  ["lostWrites", "lost writes"], ["lostReminders", "lost reminders"], ["extraEffects", "extra effects"], ["recoveredMs", "whole again (s)"],
];

const cell = (row: ChaosRow, key: keyof ChaosRow) => (key === "recoveredMs" ? (row.recoveredMs / 1000).toFixed(1) : row[key] === null ? "-" : String(row[key]));

/** A Markdown table, one row per fault. */
export function formatTable(rows: ChaosRow[]): string {
  const lines = [
    `| ${COLUMNS.map(([, h]) => h).join(" | ")} |`,
    `|${COLUMNS.map(([k]) => (k === "fault" ? "---" : "--:")).join("|")}|`,
    ...rows.map((r) => `| ${COLUMNS.map(([k]) => cell(r, k)).join(" | ")} |`),
  ];
  return lines.join("\n");
}

export function printRow(row: ChaosRow): void {
  say(COLUMNS.map(([k, h]) => `${h} ${cell(row, k)}`).join(", "));
  say(`refused answers: ${row.refusedBy}`);
  if (row.undecidable > 0) say(`${row.undecidable} reminders fell due between a create's send and its commit: planned only if after the API's stamp, so counted due when delivered`);
  if (row.unsettled) say(`still missing at the deadline: ${row.unsettled}`);
  for (const line of row.lostDetail ?? []) say(`lost ${line}`);
}
