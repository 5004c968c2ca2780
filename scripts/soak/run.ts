/**
 * The soak's load and sampling: the mix of scripts/soak/mix.ts as one open
 * loop (bench/openLoop.ts: latencies from each call's scheduled start) for
 * the whole run, a sample every 10 s, then the reminders due during the run
 * waited for at a webhook receiver.
 */
import { openLoop, type OpenLoopResult } from "../bench/openLoop.js";
import { jsonHeaders, signToken } from "../bench/session.js";
import { percentiles, type Summary } from "../bench/measure.js";
import type { StackInfo } from "../stack/stack.js";
import { startReceiver, type Receiver } from "../../test/support/webhookReceiver.js";
import { callRate, opAt, reminderLeadMs, tagOf, TaskPool, userOf, type OpKind } from "./mix.js";
import { LatencyWindow } from "./window.js";
import { Probe } from "./probe.js";
import type { SoakSample } from "./csv.js";

export interface SoakOptions {
  minutes: number;
  rate: number;
  users: number;
  intervalS: number;
  /** Told of each sample as it is taken (the progress line). */
  onSample: (s: SoakSample, missing: string[]) => void;
}

export interface ReminderOutcome {
  planned: number;
  delivered: number;
  /** Deliveries beyond the first for a task (webhooks are at least once). */
  duplicates: number;
  /** Fired before their instant (firedAt < remindAt). */
  early: number;
  /** Delivered at the receiver minus remindAt, ms. */
  lateness: Summary;
}

export interface SoakResult {
  samples: SoakSample[];
  latency: LatencyWindow;
  load: OpenLoopResult;
  /** The first few failed calls, described. */
  errorExamples: string[];
  /** Stack processes that were gone at some sample. */
  missing: Set<string>;
  reminders: ReminderOutcome;
  /** Event lag over the whole run, per consumer. */
  lag: ReturnType<Probe["overallLag"]>;
}

/** Reminders planned by the run and their deliveries at the receiver. */
class ReminderBook {
  readonly planned = new Map<string, number>();
  readonly firstHit = new Map<string, { at: number; early: boolean }>();
  duplicates = 0;
  private seen = 0;

  constructor(private readonly receiver: Receiver) {}

  /** Takes in what the receiver got since the last call. */
  collect(): void {
    const hits = this.receiver.received;
    for (; this.seen < hits.length; this.seen++) {
      const body = hits[this.seen]!.body as { type?: string; task?: { id?: string }; remindAt?: string; firedAt?: string };
      const id = body.task?.id;
      if (body.type !== "reminder.due" || id === undefined || !this.planned.has(id)) continue;
      if (this.firstHit.has(id)) this.duplicates++;
      else this.firstHit.set(id, { at: hits[this.seen]!.at, early: Date.parse(body.firedAt ?? "") < Date.parse(body.remindAt ?? "") });
    }
  }

  dueBy(ms: number): number {
    let n = 0;
    for (const at of this.planned.values()) if (at <= ms) n++;
    return n;
  }

  outcome(): ReminderOutcome {
    const lateness = [...this.firstHit].map(([id, hit]) => hit.at - this.planned.get(id)!);
    return {
      planned: this.planned.size,
      delivered: this.firstHit.size,
      duplicates: this.duplicates,
      early: [...this.firstHit.values()].filter((h) => h.early).length,
      lateness: percentiles(lateness),
    };
  }
}

const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - performance.now())));

export async function runSoak(info: StackInfo, opts: SoakOptions): Promise<SoakResult> {
  const base = `${info.apiUrl}/api/v1`;
  const runMs = opts.minutes * 60_000;
  const hours = Math.ceil(opts.minutes / 60) + 1;
  const headers = await Promise.all(Array.from({ length: opts.users }, async (_, u) => jsonHeaders(await signToken(info, `soak-${u}`, hours))));
  const receiver = await startReceiver();
  try {
    // Every user gets reminders, so every user has a webhook to the receiver.
    for (const h of headers) {
      const res = await fetch(`${base}/webhooks`, { method: "POST", headers: h, body: JSON.stringify({ url: receiver.url, secret: "soak-secret-0123456789" }) });
      if (!res.ok) throw new Error(`POST /webhooks answered ${res.status}: ${await res.text()}`);
    }
    const book = new ReminderBook(receiver);
    const pool = new TaskPool();
    const latency = new LatencyWindow();
    const errorExamples: string[] = [];
    const performed = new Map<number, OpKind>();
    let started = 0;

    const call = async (i: number, signal: AbortSignal): Promise<void> => {
      const user = userOf(i, opts.users);
      const h = headers[user]!;
      let kind = opAt(i);
      let target: string | null = null;
      if (kind === "update") target = pool.forUpdate(user, i);
      if (kind === "complete") target = pool.forComplete(user);
      // Before the user has tasks to change, the call reads its list instead.
      if ((kind === "update" || kind === "complete") && target === null) kind = "list";
      performed.set(i, kind);
      const lead = kind === "create" ? reminderLeadMs(i, performance.now() - started, runMs) : null;
      const remindAt = lead === null ? null : Math.ceil((Date.now() + lead) / 1000) * 1000;
      let res: Response;
      try {
        res =
        kind === "create" ? await fetch(`${base}/tasks`, { method: "POST", headers: h, signal, body: JSON.stringify({ title: `soak ${i}`, tags: [tagOf(i)], ...(remindAt === null ? {} : { reminders: [{ at: new Date(remindAt).toISOString() }] }) }) })
        : kind === "update" ? await fetch(`${base}/tasks/${target}`, { method: "PATCH", headers: h, signal, body: JSON.stringify({ title: `soak ${i} (edited)` }) })
        : kind === "complete" ? await fetch(`${base}/tasks/${target}/complete`, { method: "POST", headers: h, signal })
        : kind === "list" ? await fetch(`${base}/tasks?limit=50`, { headers: h, signal })
        : await fetch(`${base}/tags`, { headers: h, signal });
      } catch (err) {
        // Refused, reset or cut off at the end of the drain: described like an error answer.
        if (errorExamples.length < 10 && !signal.aborted) errorExamples.push(`${kind} (call ${i}, user soak-${user}) failed: ${(err as Error).message}`);
        throw err;
      }
      const text = await res.text();
      if (!res.ok) {
        if (errorExamples.length < 10) errorExamples.push(`${kind} (call ${i}, user soak-${user}) answered ${res.status}: ${text.slice(0, 300)}`);
        throw new Error(`answered ${res.status}`); // counted as an error by the open loop
      }
      if (kind === "create") {
        const id = (JSON.parse(text) as { id: string }).id;
        if (remindAt === null) pool.add({ user, id });
        else book.planned.set(id, remindAt);
      }
    };

    const probe = new Probe(info);
    await probe.start();
    started = performance.now();
    const startedWall = Date.now();
    const load = openLoop(callRate(opts.rate), opts.minutes * 60, call, {
      drainMs: 10_000,
      onDone: (i, ms, ok) => {
        latency.record(performed.get(i) ?? opAt(i), ms, ok);
        performed.delete(i);
      },
    });
    const samples: SoakSample[] = [];
    const missing = new Set<string>();
    const count = Math.floor((opts.minutes * 60) / opts.intervalS);
    for (let k = 1; k <= count; k++) {
      await sleepUntil(started + k * opts.intervalS * 1000);
      const probed = await probe.sample();
      const window = latency.take();
      book.collect();
      const sample: SoakSample = {
        t: k * opts.intervalS,
        requests: window.n,
        errors: window.errors,
        p50: window.p50,
        p95: window.p95,
        p99: window.p99,
        lagProjectionP99: probed.lagProjectionP99,
        lagAuditP99: probed.lagAuditP99,
        remindersDue: book.dueBy(startedWall + k * opts.intervalS * 1000),
        remindersFired: probed.remindersFired,
        remindersDelivered: book.firstHit.size,
        pieces: probed.pieces,
      };
      samples.push(sample);
      for (const m of probed.missing) missing.add(m);
      opts.onSample(sample, probed.missing);
    }
    const result = await load;
    // Every reminder was planned to fall due before the load ended; each gets a minute to arrive.
    const deadline = Math.max(Date.now(), ...book.planned.values()) + 60_000;
    while (Date.now() < deadline) {
      book.collect();
      if (book.firstHit.size >= book.planned.size) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    book.collect();
    return { samples, latency, load: result, errorExamples, missing, reminders: book.outcome(), lag: probe.overallLag() };
  } finally {
    await receiver.close();
  }
}
