/**
 * Tickler's own create load: closed loop (c=1, c=8) and open loop (fixed
 * arrival rates), each phase followed by its event lag at the projection and
 * at audit once both have handled the phase's events. A phase's CPU is read
 * after that catch-up, so it includes the consumers' work for its creates.
 */
import type { StackInfo } from "../stack/stack.js";
import type { SystemResult } from "./baselines.js";
import { cpuPhase, cpuSnapshot, STACK_PIECES, type CpuPhase } from "./cpu.js";
import { reportPhaseLag, scrapeConsumers } from "./lag.js";
import { drive, line } from "./measure.js";
import { openLine, openLoop } from "./openLoop.js";

type Call = (i: number, signal?: AbortSignal) => Promise<Response>;

/** Load, then wait for both consumers (up to `catchUpMs`), reporting lag; CPU per create over both. */
async function phase<T>(info: StackInfo, label: string, load: () => Promise<T>, created: (r: T) => number, catchUpMs: number): Promise<{ result: T; cpu: CpuPhase }> {
  const dir = info.profile.stateDir;
  const before = await scrapeConsumers(info);
  const cpuBefore = cpuSnapshot(dir, STACK_PIECES);
  const started = performance.now();
  const result = await load();
  await reportPhaseLag(info, before, created(result), label, catchUpMs);
  const seconds = (performance.now() - started) / 1000;
  return { result, cpu: cpuPhase(label, cpuBefore, cpuSnapshot(dir, STACK_PIECES), created(result), seconds) };
}

export async function ticklerClosed(info: StackInfo, create: Call, result: SystemResult, cpu: CpuPhase[]): Promise<void> {
  for (const [count, c] of [[300, 1], [600, 8]] as const) {
    const done = await phase(info, `c=${c}`, async () => {
      const r = await drive(count, c, create);
      process.stdout.write(line("POST /tasks (create)", r, c));
      return r;
    }, () => count, 60_000);
    result[c === 1 ? "c1" : "c8"] = done.result;
    cpu.push(done.cpu);
  }
}

export async function ticklerOpen(info: StackInfo, create: Call, rates: number[], seconds: number, maxInFlight: number, result: SystemResult, cpu: CpuPhase[]): Promise<void> {
  for (const rate of rates) {
    // A shorter catch-up than the closed loop's: past saturation the consumers may never catch up inside the run's budget.
    const done = await phase(info, `${rate}/s`, async () => {
      const r = await openLoop(rate, seconds, create, { maxInFlight });
      process.stdout.write(openLine("POST /tasks, open loop", r));
      return r;
    }, (r) => r.ok, 30_000);
    result.open.push(done.result);
    cpu.push(done.cpu);
  }
}
