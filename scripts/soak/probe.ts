/**
 * What the soak reads every 10 s besides its own latencies: each stack
 * process's RSS and CPU from /proc (summed over its process group, as the
 * bench's CPU table does), the event lag at the projection and at audit and
 * the reminders fired, from the apps' /metrics.
 */
import { STACK_PIECES, usageByGroup } from "../bench/cpu.js";
import { lagQuantileMs, scrapeConsumers, type ConsumerScrapes } from "../bench/lag.js";
import { total } from "../promScrape.js";
import { readPid } from "../stack/processes.js";
import type { StackInfo } from "../stack/stack.js";
import type { PieceSample } from "./csv.js";

/** The load generator shares the cores, so it is sampled too; the RSS rule leaves it out (it keeps every latency). */
export const GENERATOR = "soak (load generator)";
export const PIECES = [...STACK_PIECES, GENERATOR];

export interface Probed {
  pieces: Map<string, PieceSample>;
  /** Stack processes whose process group is gone. */
  missing: string[];
  lagProjectionP99: number;
  lagAuditP99: number;
  /** Reminders fired by the task actors since the probe was made. */
  remindersFired: number;
}

const fired = (m: ConsumerScrapes) => total(m.api, "tickler_reminder_lateness_seconds_count");

export class Probe {
  private lastCpu = new Map<string, number>();
  private lastAt = 0;
  private lastMetrics: ConsumerScrapes | null = null;
  private firstFired = 0;
  private firstMetrics: ConsumerScrapes | null = null;

  constructor(private readonly info: StackInfo) {}

  /** The starting point: CPU times and counters that the first sample is measured from. */
  async start(): Promise<void> {
    this.readCpu();
    this.lastMetrics = await scrapeConsumers(this.info);
    this.firstMetrics = this.lastMetrics;
    this.firstFired = fired(this.lastMetrics);
  }

  async sample(): Promise<Probed> {
    const before = this.lastAt;
    const { cpu, rss, missing } = this.readCpu();
    const seconds = (this.lastAt - before) / 1000;
    const pieces = new Map<string, PieceSample>();
    for (const [name, used] of cpu) pieces.set(name, { rss: rss.get(name)!, cpu: used / seconds });
    const metrics = await scrapeConsumers(this.info);
    const prev = this.lastMetrics!;
    this.lastMetrics = metrics;
    return {
      pieces,
      missing,
      lagProjectionP99: lagQuantileMs(metrics.api, prev.api, "projection", 0.99).ms,
      lagAuditP99: lagQuantileMs(metrics.audit, prev.audit, "audit", 0.99).ms,
      remindersFired: fired(metrics) - this.firstFired,
    };
  }

  /** Event lag quantiles (ms) at both consumers from the start to the latest sample. */
  overallLag(): { consumer: string; n: number; p50: number; p95: number; p99: number }[] {
    const first = this.firstMetrics!;
    const last = this.lastMetrics!;
    return (["projection", "audit"] as const).map((consumer) => {
      const [after, before] = consumer === "projection" ? [last.api, first.api] : [last.audit, first.audit];
      const q = (p: number) => lagQuantileMs(after, before, consumer, p);
      return { consumer, n: q(0.5).n, p50: q(0.5).ms, p95: q(0.95).ms, p99: q(0.99).ms };
    });
  }

  /** CPU seconds used since the last read, and RSS now, per piece. */
  private readCpu(): { cpu: Map<string, number>; rss: Map<string, number>; missing: string[] } {
    const groups = usageByGroup(true);
    this.lastAt = performance.now();
    const cpu = new Map<string, number>();
    const rss = new Map<string, number>();
    const missing: string[] = [];
    const account = (name: string, cpuNow: number, rssNow: number) => {
      cpu.set(name, cpuNow - (this.lastCpu.get(name) ?? cpuNow));
      rss.set(name, rssNow);
      this.lastCpu.set(name, cpuNow);
    };
    for (const name of STACK_PIECES) {
      const pid = readPid(this.info.profile.stateDir, name);
      const usage = pid === null ? undefined : groups.get(pid);
      if (usage) account(name, usage.cpu, usage.rss);
      else missing.push(name);
    }
    const self = process.cpuUsage();
    account(GENERATOR, (self.user + self.system) / 1e6, process.memoryUsage.rss());
    return { cpu, rss, missing };
  }
}
