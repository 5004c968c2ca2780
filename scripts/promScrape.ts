/**
 * Reads an app's /metrics (Prometheus text format) for the fault tests and
 * the benchmark: sums of counters and quantiles estimated from histogram
 * buckets (linear within a bucket, as Prometheus' histogram_quantile does).
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, raw] of (match[2] ?? "").matchAll(/(?<!\w)(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = raw!.replace(/\\(.)/g, "$1");
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

export async function scrape(url: string): Promise<Sample[]> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  return parsePrometheusText(await res.text());
}

const matches = (s: Sample, name: string, where: Record<string, string>) =>
  s.name === name && Object.entries(where).every(([k, v]) => s.labels[k] === v);

/** Sum of every series of `name` whose labels include `where`. */
export function total(samples: Sample[], name: string, where: Record<string, string> = {}): number {
  return samples.filter((s) => matches(s, name, where)).reduce((sum, s) => sum + s.value, 0);
}

/** Cumulative bucket counts of a histogram (summed over series matching `where`), `after` minus `before`. */
export function bucketDelta(after: Sample[], before: Sample[], name: string, where: Record<string, string> = {}): [number, number][] {
  const buckets = (samples: Sample[]) => {
    const byLe = new Map<number, number>();
    for (const s of samples.filter((x) => matches(x, `${name}_bucket`, where))) {
      const le = s.labels.le === "+Inf" ? Infinity : Number(s.labels.le);
      byLe.set(le, (byLe.get(le) ?? 0) + s.value);
    }
    return byLe;
  };
  const a = buckets(after);
  const b = buckets(before);
  return [...a.entries()].map(([le, n]): [number, number] => [le, n - (b.get(le) ?? 0)]).sort((x, y) => x[0] - y[0]);
}

/** The q-quantile from cumulative buckets; NaN without observations. */
export function quantileFromBuckets(buckets: [number, number][], q: number): number {
  const count = buckets[buckets.length - 1]?.[1] ?? 0;
  if (count === 0) return NaN;
  const rank = q * count;
  let lowerLe = 0;
  let lowerCount = 0;
  for (const [le, cumulative] of buckets) {
    if (cumulative >= rank) {
      // Observations above the last finite bound: answer that bound (a floor).
      if (le === Infinity) return lowerLe;
      return lowerLe + (le - lowerLe) * ((rank - lowerCount) / Math.max(cumulative - lowerCount, 1e-9));
    }
    lowerLe = le;
    lowerCount = cumulative;
  }
  return lowerLe;
}
