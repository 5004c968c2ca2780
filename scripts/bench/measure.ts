/** Load generation and percentiles shared by the benchmark modes. */
export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

export interface DriveResult extends Summary {
  perSecond: number;
  errors: number;
}

/** `total` calls, `concurrency` at a time (closed loop); a call that throws or answers non-2xx is an error. */
export async function drive(total: number, concurrency: number, call: (i: number) => Promise<Response | void>): Promise<DriveResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        try {
          const res = await call(i);
          if (res) {
            await res.arrayBuffer();
            if (!res.ok) errors++;
          }
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { ...percentiles(latencies), perSecond: total / seconds, errors };
}

export function line(label: string, r: DriveResult, concurrency: number): string {
  return (
    `${label.padEnd(34)} n=${r.n} c=${concurrency}  ${r.perSecond.toFixed(0).padStart(5)} req/s  ` +
    `p50 ${fmt(r.p50)}  p95 ${fmt(r.p95)}  p99 ${fmt(r.p99)}  max ${fmt(r.max)}  errors ${r.errors}\n`
  );
}
