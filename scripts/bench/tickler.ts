/**
 * Tickler's own create load: closed loop (c=1, c=8) and open loop (fixed
 * arrival rates), each phase followed by its event lag at the projection and
 * at audit once both have handled the phase's events.
 */
import type { StackInfo } from "../stack/stack.js";
import type { SystemResult } from "./baselines.js";
import { STACK_PIECES, withCpu, type CpuPhase } from "./cpu.js";
import { reportPhaseLag, scrapeConsumers } from "./lag.js";
import { drive, line } from "./measure.js";
import { openLine, openLoop } from "./openLoop.js";

type Call = (i: number, signal?: AbortSignal) => Promise<Response>;

export async function ticklerClosed(info: StackInfo, create: Call, result: SystemResult, cpu: CpuPhase[]): Promise<void> {
  for (const [count, c] of [[300, 1], [600, 8]] as const) {
    const before = await scrapeConsumers(info);
    const phase = await withCpu(info.profile.stateDir, STACK_PIECES, `c=${c}`, () => drive(count, c, create), (r) => ({ ops: r.n, seconds: r.n / r.perSecond }));
    process.stdout.write(line("POST /tasks (create)", phase.result, c));
    result[c === 1 ? "c1" : "c8"] = phase.result;
    cpu.push(phase.cpu);
    await reportPhaseLag(info, before, count, `c=${c}`);
  }
}

export async function ticklerOpen(info: StackInfo, create: Call, rates: number[], seconds: number, maxInFlight: number, result: SystemResult, cpu: CpuPhase[]): Promise<void> {
  for (const rate of rates) {
    const before = await scrapeConsumers(info);
    const phase = await withCpu(info.profile.stateDir, STACK_PIECES, `${rate}/s`, () => openLoop(rate, seconds, create, { maxInFlight }), (r) => ({ ops: r.ok, seconds: r.seconds }));
    process.stdout.write(openLine("POST /tasks, open loop", phase.result));
    result.open.push(phase.result);
    cpu.push(phase.cpu);
    await reportPhaseLag(info, before, phase.result.ok, `${rate}/s`);
  }
}
