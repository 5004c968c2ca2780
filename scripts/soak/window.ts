/**
 * Request latencies of the soak, per sampling interval and for the whole run
 * (pure). `take()` closes an interval: its percentiles over every kind of
 * call, its errors, and starts the next one.
 */
import { percentiles, type Summary } from "../bench/measure.js";
import { OP_KINDS, type OpKind } from "./mix.js";

export interface IntervalLatency extends Summary {
  errors: number;
}

export class LatencyWindow {
  private current: number[] = [];
  private currentErrors = 0;
  private readonly all = new Map<OpKind, number[]>(OP_KINDS.map((k) => [k, []]));
  private readonly errorsByKind = new Map<OpKind, number>(OP_KINDS.map((k) => [k, 0]));

  /** One finished call; a failed one counts in the percentiles too (its time was spent). */
  record(kind: OpKind, ms: number, ok: boolean): void {
    this.current.push(ms);
    this.all.get(kind)!.push(ms);
    if (!ok) {
      this.currentErrors++;
      this.errorsByKind.set(kind, this.errorsByKind.get(kind)! + 1);
    }
  }

  take(): IntervalLatency {
    const out = { ...percentiles(this.current), errors: this.currentErrors };
    this.current = [];
    this.currentErrors = 0;
    return out;
  }

  /** Each kind's percentiles and errors over the whole run, and all kinds together. */
  overall(): { kind: OpKind | "all"; summary: Summary; errors: number }[] {
    const rows: { kind: OpKind | "all"; summary: Summary; errors: number }[] = OP_KINDS.map((kind) => ({ kind, summary: percentiles(this.all.get(kind)!), errors: this.errorsByKind.get(kind)! }));
    const every = OP_KINDS.flatMap((k) => this.all.get(k)!);
    rows.push({ kind: "all", summary: percentiles(every), errors: rows.reduce((n, r) => n + r.errors, 0) });
    return rows;
  }
}
