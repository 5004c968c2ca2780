/**
 * Open-loop load: calls start on a fixed schedule (rate per second for a
 * number of seconds) whether or not earlier ones have answered, and each
 * latency runs from the call's scheduled start, not from when the generator
 * got round to it, so a slow server (or a late generator) cannot hide its
 * queueing (no coordinated omission).
 */
import { setMaxListeners } from "node:events";
import { fmt, percentiles, type Summary } from "./measure.js";

export interface OpenLoopOptions {
  /** Calls in flight at most; later ones wait (their latency still counting from their schedule). */
  maxInFlight?: number;
  /** After the schedule ends, how long calls still in flight (or waiting) may take before they count as errors. */
  drainMs?: number;
  /** Told of each call that finished (not of those cut off): its latency from its scheduled start and whether it was a 2xx. */
  onDone?: (i: number, latencyMs: number, ok: boolean) => void;
}

export interface OpenLoopResult extends Summary {
  rate: number;
  seconds: number;
  scheduled: number;
  ok: number;
  errors: number;
  /** Calls never started or cut off at the end of the drain; counted in errors. */
  cutOff: number;
  /** 2xx answers completed within the schedule's window, per second. */
  achieved: number;
  /**
   * How late calls started (p50, p99): timer granularity (about a millisecond,
   * part of every latency), the generator falling behind, or calls waiting for
   * the in-flight cap.
   */
  startLagP50: number;
  startLagP99: number;
  /** True when cut-off calls make the percentiles lower bounds. */
  censored: boolean;
  /** Latency of the 2xx answers alone (p50, p99). */
  okP50: number;
  okP99: number;
  /** Answers 503 (shed as overloaded, or outcome unknown) and 429, and how fast the 503s came (p99). */
  refused503: number;
  refused429: number;
  refusedP99: number;
}

export async function openLoop(
  rate: number,
  seconds: number,
  call: (i: number, signal: AbortSignal) => Promise<Response | void>,
  { maxInFlight = 512, drainMs = 10_000, onDone }: OpenLoopOptions = {},
): Promise<OpenLoopResult> {
  const scheduled = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const abort = new AbortController();
  // Every call listens on this one signal (to be cut off at the end): that many listeners are expected.
  setMaxListeners(scheduled + 1, abort.signal);
  const latencies: number[] = [];
  const okLatencies: number[] = [];
  const refusedLatencies: number[] = [];
  let refused503 = 0;
  let refused429 = 0;
  const startLags: number[] = [];
  let ok = 0;
  let errors = 0;
  let okInWindow = 0;
  let next = 0;
  /** Scheduled start of each call in flight, by index. */
  const inFlight = new Map<number, number>();
  const running = new Set<Promise<void>>();
  const t0 = performance.now() + 20;
  const windowEnd = t0 + seconds * 1000;
  const cutoff = windowEnd + drainMs;

  const start = (i: number) => {
    const due = t0 + i * interval;
    startLags.push(performance.now() - due);
    inFlight.set(i, due);
    const run = (async () => {
      let good = false;
      let status = 0;
      try {
        const res = await call(i, abort.signal);
        if (res) await res.arrayBuffer();
        good = !res || res.ok;
        status = res ? res.status : 200;
      } catch {
        good = false;
      }
      const done = performance.now();
      if (abort.signal.aborted) return; // counted as cut off
      inFlight.delete(i);
      latencies.push(done - due);
      onDone?.(i, done - due, good);
      if (good) okLatencies.push(done - due);
      if (status === 503 || status === 429) {
        if (status === 503) refused503++;
        else refused429++;
        refusedLatencies.push(done - due);
      }
      if (good) {
        ok++;
        if (done <= windowEnd) okInWindow++;
      } else errors++;
    })();
    running.add(run);
    void run.finally(() => running.delete(run));
  };

  while (next < scheduled && performance.now() < cutoff) {
    const now = performance.now();
    while (next < scheduled && t0 + next * interval <= now && inFlight.size < maxInFlight) start(next++);
    const wait = next < scheduled ? Math.max(0, Math.min(5, t0 + next * interval - performance.now())) : 0;
    await new Promise((r) => setTimeout(r, inFlight.size >= maxInFlight ? 1 : wait));
  }
  const left = cutoff - performance.now();
  if (running.size > 0 && left > 0) {
    await Promise.race([Promise.allSettled([...running]), new Promise((r) => setTimeout(r, left))]);
  }
  const end = performance.now();
  // What never finished (or never started) waited at least until now.
  const unfinished = inFlight.size + (scheduled - next);
  for (let i = next; i < scheduled; i++) latencies.push(end - (t0 + i * interval));
  for (const due of inFlight.values()) latencies.push(end - due);
  abort.abort();
  await Promise.allSettled([...running]);
  return {
    ...percentiles(latencies),
    rate,
    seconds,
    scheduled,
    ok,
    errors: errors + unfinished,
    cutOff: unfinished,
    achieved: okInWindow / seconds,
    startLagP50: percentiles(startLags).p50,
    startLagP99: percentiles(startLags).p99,
    censored: unfinished > 0,
    okP50: percentiles(okLatencies).p50,
    okP99: percentiles(okLatencies).p99,
    refused503,
    refused429,
    refusedP99: percentiles(refusedLatencies).p99,
  };
}

export function openLine(label: string, r: OpenLoopResult): string {
  const ge = r.censored ? "≥" : "";
  return (
    `${label.padEnd(34)} ${String(r.rate).padStart(4)}/s × ${r.seconds} s  achieved ${r.achieved.toFixed(1).padStart(6)}/s  ` +
    `p50 ${ge}${fmt(r.p50)}  p95 ${ge}${fmt(r.p95)}  p99 ${ge}${fmt(r.p99)}  max ${ge}${fmt(r.max)}  ` +
    `errors ${r.errors}${r.cutOff > 0 ? ` (${r.cutOff} cut off)` : ""}  start lag p50 ${fmt(r.startLagP50)} p99 ${fmt(r.startLagP99)}\n` +
    `${"".padEnd(34)} 2xx ${r.ok}: p50 ${fmt(r.okP50)} p99 ${fmt(r.okP99)}  503 ${r.refused503}, 429 ${r.refused429}: p99 ${fmt(r.refusedP99)}\n`
  );
}
