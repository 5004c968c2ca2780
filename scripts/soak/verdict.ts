/**
 * The soak's memory verdict (pure): no process's RSS may grow more than 10 %
 * after the warm-up. Each side is a median of WINDOW consecutive samples,
 * the baseline centred on the warm-up mark and the end the last WINDOW
 * samples: one sample caught mid-GC, mid-compaction or in a page-cache blip
 * moves neither median (up to two outliers per side are ignored), while a
 * real leak shifts every sample of the end window.
 */
export const GROWTH_LIMIT = 0.1;
export const WINDOW = 5;

export interface RssPoint {
  /** Seconds since the load started. */
  t: number;
  bytes: number;
}

export interface Growth {
  piece: string;
  first: number;
  atWarmup: number;
  end: number;
  /** end / atWarmup − 1. */
  growth: number;
  failed: boolean;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Why a run of `runS` seconds sampled every `intervalS` cannot be judged
 * with a warm-up of `warmupS`, or null when it can: the end window must
 * start after the baseline window ends, or the two would share samples and
 * a growth during the run could not show.
 */
export function tooShortToJudge(runS: number, warmupS: number, intervalS: number, window = WINDOW): string | null {
  const half = Math.floor(window / 2);
  const needed = warmupS + (half + window) * intervalS;
  if (runS >= needed) return null;
  return `a ${runS / 60} min run cannot judge RSS growth after a ${warmupS / 60} min warm-up: the median of ${window} samples around the warm-up mark and ` +
    `the median of the last ${window} need ${Math.ceil(needed / 60)} min at least (pass a shorter --warmup or more --minutes)`;
}

/** The baseline (around `warmupS`) and end windows of one process's samples, or null when there are too few. */
export function windows(points: RssPoint[], warmupS: number, window = WINDOW): { baseline: RssPoint[]; end: RssPoint[] } | null {
  if (points.length < window * 2) return null;
  let nearest = 0;
  points.forEach((p, i) => {
    if (Math.abs(p.t - warmupS) < Math.abs(points[nearest]!.t - warmupS)) nearest = i;
  });
  const start = Math.max(0, Math.min(nearest - Math.floor(window / 2), points.length - window));
  const baseline = points.slice(start, start + window);
  const end = points.slice(points.length - window);
  if (end[0]!.t <= baseline[baseline.length - 1]!.t) return null;
  return { baseline, end };
}

/** Each process's growth from the warm-up to the end, failed when above `limit`; a process without enough samples fails too. */
export function rssVerdict(series: Map<string, RssPoint[]>, warmupS: number, limit = GROWTH_LIMIT, window = WINDOW): Growth[] {
  return [...series].map(([piece, points]) => {
    const w = windows(points, warmupS, window);
    if (!w) return { piece, first: points[0]?.bytes ?? NaN, atWarmup: NaN, end: NaN, growth: NaN, failed: true };
    const atWarmup = median(w.baseline.map((p) => p.bytes));
    const end = median(w.end.map((p) => p.bytes));
    const growth = end / atWarmup - 1;
    return { piece, first: points[0]!.bytes, atWarmup, end, growth, failed: !(growth <= limit) };
  });
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** One line per failed process, naming it and its figures. */
export function describeFailures(growths: Growth[], limit = GROWTH_LIMIT): string[] {
  return growths.filter((g) => g.failed).map((g) =>
    Number.isNaN(g.growth)
      ? `${g.piece}: too few RSS samples to judge (did it exit?)`
      : `${g.piece}: RSS grew ${(g.growth * 100).toFixed(1)} % after the warm-up (median ${mb(g.atWarmup)} around the mark → ${mb(g.end)} at the end; limit ${limit * 100} %)`,
  );
}
