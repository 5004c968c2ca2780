/**
 * The read-model rebuild (src/infra/rebuild.ts) on a seeded store: how long
 * it takes and how much memory this process needs while it runs. Two
 * figures: the peak RSS growth (what the machine sees, including garbage V8
 * has not collected yet, which grows with the run's length), and the peak
 * live heap, read every 500 ms right after a full collection (what the
 * rebuild actually holds): flat memory means the second stays the same
 * whatever the store's size.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Connection } from "mongoose";
import { rebuildReadModel } from "../../src/infra/rebuild.js";

/** A full collection on demand, without starting node with --expose-gc. */
function collector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

export async function rebuildFigures(conn: Connection, label: string, ownerIds?: string[]): Promise<string> {
  const target = "tasks_view_rebuilt_bench";
  const gc = collector();
  gc();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakLive = base.heapUsed;
  const rssSampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const liveSampler = setInterval(() => {
    gc();
    peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
  }, 500);
  const started = Date.now();
  try {
    const report = await rebuildReadModel(conn, target, ownerIds);
    const seconds = (Date.now() - started) / 1000;
    const differing = (report as { differing?: number }).differing ?? report.differences.length;
    const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
    return (
      `${`rebuild (${label})`.padEnd(40)} ${report.events} events → ${report.tasks} tasks in ${seconds.toFixed(1)} s ` +
      `(${(report.events / seconds).toFixed(0)} events/s); peak RSS +${mib(peakRss - base.rss)} MiB, peak live heap +${mib(peakLive - base.heapUsed)} MiB; ` +
      `${differing} differ from the live view\n`
    );
  } finally {
    clearInterval(rssSampler);
    clearInterval(liveSampler);
    await conn.db!.collection(target).drop().catch(() => undefined);
  }
}
