/**
 * The read-model rebuild (src/infra/rebuild.ts) on the read bench's seeded
 * store: how long it takes and how much this process's memory grows while
 * it runs (RSS sampled every 50 ms), so "flat memory" is a number.
 */
import type { Connection } from "mongoose";
import { rebuildReadModel } from "../../src/infra/rebuild.js";

export async function rebuildFigures(conn: Connection, label: string, ownerIds?: string[]): Promise<string> {
  const target = "tasks_view_rebuilt_bench";
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = Date.now();
  try {
    const report = await rebuildReadModel(conn, target, ownerIds);
    const seconds = (Date.now() - started) / 1000;
    const differing = (report as { differing?: number }).differing ?? report.differences.length;
    return (
      `${`rebuild (${label})`.padEnd(40)} ${report.events} events → ${report.tasks} tasks in ${seconds.toFixed(1)} s ` +
      `(${(report.events / seconds).toFixed(0)} events/s), RSS +${((peak - base) / 2 ** 20).toFixed(0)} MiB at peak, ${differing} differ from the live view\n`
    );
  } finally {
    clearInterval(sampler);
    await conn.db!.collection(target).drop().catch(() => undefined);
  }
}
