/**
 * The fault suite's pace on this node (ADR 0021): half of the creates per
 * second the node can take, at most 25/s. A fault that starts pods (a rolling
 * update, a scale-up) needs CPU of the same cores the serving pod uses; on a
 * node already near its capacity every write queues past its deadline or is
 * shed (ADR 0013), which is load shedding working, not the fault handled.
 *
 * The node's capacity is measured, not assumed: the machine's CPU (cgroup v1
 * cpuacct of the whole host) idle for a few seconds, then under the suite's
 * own writer at the full pace; the difference per create gives how many
 * creates per second the cores left over by the idle node could take.
 */
import fs from "node:fs";
import os from "node:os";
import { randomUUID } from "node:crypto";
import { startWriter } from "../chaos/writer.js";

/** The pace the faults were written for, and never above it. */
export const MAX_RATE = 25;
/** Below this the faults would measure too few writes to mean anything. */
export const MIN_RATE = 5;
/** The share of the node's capacity the writer takes; the rest is for what the fault starts. */
export const HEADROOM = 0.5;

export interface PaceMeasurement {
  cores: number;
  /** Cores busy with nothing written (the node's own daemons, Kafka, the control plane). */
  idleCores: number;
  /** Cores busy while `rate` creates/s were written. */
  loadedCores: number;
  rate: number;
}

export interface Pace extends PaceMeasurement {
  /** Core-milliseconds per create beyond the idle node. */
  cpuMsPerCreate: number;
  /** Creates/s the cores the idle node leaves could take. */
  capacity: number;
  /** The faults' pace: HEADROOM of the capacity, within [MIN_RATE, MAX_RATE]. */
  ratePerSecond: number;
}

/** Pure: the pace for a measurement (a create that cost nothing measurable gets MAX_RATE). */
export function paceFor(m: PaceMeasurement): Pace {
  const perCreate = Math.max(0, m.loadedCores - m.idleCores) / m.rate;
  const free = Math.max(0, m.cores - m.idleCores);
  const capacity = perCreate > 0 ? free / perCreate : Number.POSITIVE_INFINITY;
  const ratePerSecond = Math.min(MAX_RATE, Math.max(MIN_RATE, Math.floor(capacity * HEADROOM)));
  return { ...m, cpuMsPerCreate: perCreate * 1000, capacity, ratePerSecond };
}

export function describePace(p: Pace): string {
  const capacity = Number.isFinite(p.capacity) ? `${p.capacity.toFixed(0)}/s` : "unbounded";
  return (
    `node pace: ${p.cores} cores, ${p.idleCores.toFixed(2)} busy idle, ${p.loadedCores.toFixed(2)} at ${p.rate.toFixed(1)} creates/s ` +
    `(${p.cpuMsPerCreate.toFixed(0)} core-ms per create) → capacity ${capacity}; the faults write ${p.ratePerSecond} creates/s`
  );
}

const CPUACCT = "/sys/fs/cgroup/cpuacct/cpuacct.usage";

/** Cores busy on the whole machine (every process, the node's and this one's) over `ms`, and when. */
async function busyCores(ms: number): Promise<{ cores: number; from: number; to: number }> {
  const read = (): bigint => BigInt(fs.readFileSync(CPUACCT, "utf8").trim());
  const u0 = read();
  const t0 = process.hrtime.bigint();
  const from = Date.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return { cores: Number(read() - u0) / Number(process.hrtime.bigint() - t0), from, to: Date.now() };
}

/**
 * About 30 s: 5 s idle, then the writer at MAX_RATE (5 s to warm, 15 s
 * measured). The rate is what was acknowledged in the window, so a node
 * that cannot take MAX_RATE is measured at what it took.
 */
export async function measurePace(): Promise<Pace> {
  if (!fs.existsSync(CPUACCT)) throw new Error(`${CPUACCT} is missing: the cluster runs on cgroup v1 hosts only (scripts/cluster/up.sh)`);
  const idle = await busyCores(5_000);
  const writer = await startWriter(`pace-${randomUUID().slice(0, 8)}`, { intervalMs: 1000 / MAX_RATE, maxInFlight: 1000 });
  let loaded: { cores: number; from: number; to: number };
  try {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    loaded = await busyCores(15_000);
  } finally {
    await writer.stop();
  }
  const acked = writer.acked().filter((w) => w.endedAt >= loaded.from && w.endedAt <= loaded.to).length;
  if (acked === 0) throw new Error(`measuring the node's pace: no create was acknowledged in 15 s (${writer.refused().length} refused, first: ${writer.refused()[0]?.status})`);
  return paceFor({ cores: os.availableParallelism(), idleCores: idle.cores, loadedCores: loaded.cores, rate: (acked * 1000) / (loaded.to - loaded.from) });
}
