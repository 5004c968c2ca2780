/**
 * Baselines B1, B2, B3 and B3d on the bench stack, driven by the same load generator as
 * Tickler's create: c=1 and c=8 closed loop, then the open-loop rates.
 */
import { randomUUID } from "node:crypto";
import type { StackInfo } from "../stack/stack.js";
import { log } from "../stack/processes.js";
import { BENCH_ACTOR_TYPE } from "./benchActor.js";
import { BASELINE_PIECES, startBaseline, stopBaseline } from "./baselineStack.js";
import { cpuTable, idleCpu, STACK_PIECES, withCpu, type CpuPhase } from "./cpu.js";
import { drive, line, type DriveResult } from "./measure.js";
import { openLine, openLoop, type OpenLoopResult } from "./openLoop.js";

export type SystemName = "Tickler" | "B1" | "B2" | "B3" | "B3d";
export type BaselineName = Exclude<SystemName, "Tickler">;

export interface SystemResult {
  c1?: DriveResult;
  c8?: DriveResult;
  open: OpenLoopResult[];
}

export const BASELINE_CPU_TITLE = "baselines, closed loop";

export interface LoadPlan {
  rates: number[];
  seconds: number;
  maxInFlight: number;
  cpu: boolean;
  /** B3 variants: the transaction through the SDK's state manager (B3), or posted straight to daprd's actor state API (B3d). */
  b3?: ("sdk" | "direct")[];
}

type Call = (i: number, signal?: AbortSignal) => Promise<Response>;

/** c=1 (300 calls), c=8 (600), then each open-loop rate; CPU per call for each phase. */
export async function loadSystem(info: StackInfo, name: string, what: string, call: Call, plan: LoadPlan, pieces: string[]): Promise<{ result: SystemResult; cpu: CpuPhase[] }> {
  const result: SystemResult = { open: [] };
  const cpu: CpuPhase[] = [];
  const dir = info.profile.stateDir;
  for (const [count, c] of [[300, 1], [600, 8]] as const) {
    const phase = await withCpu(dir, pieces, `${name} c=${c}`, () => drive(count, c, call), (r) => ({ ops: r.n, seconds: r.n / r.perSecond }));
    process.stdout.write(line(`${name} ${what}`, phase.result, c));
    result[c === 1 ? "c1" : "c8"] = phase.result;
    cpu.push(phase.cpu);
  }
  for (const rate of plan.rates) {
    const phase = await withCpu(dir, pieces, `${name} ${rate}/s`, () => openLoop(rate, plan.seconds, call, { maxInFlight: plan.maxInFlight }), (r) => ({ ops: r.ok, seconds: r.seconds }));
    process.stdout.write(openLine(`${name} ${what}, open`, phase.result));
    result.open.push(phase.result);
    cpu.push(phase.cpu);
  }
  return { result, cpu };
}

/** Each baseline's results, and the CPU of their closed-loop phases (printed as a table when plan.cpu). */
export async function runBaselines(info: StackInfo, root: string, token: string, plan: LoadPlan): Promise<{ results: Partial<Record<BaselineName, SystemResult>>; cpu: CpuPhase[] }> {
  log("starting the baseline app (bench-baseline) and its daprd");
  const ports = await startBaseline(info, root);
  try {
    const run = randomUUID().slice(0, 8);
    const body = (i: number) => JSON.stringify({ title: `task ${i}`, tags: ["bench"] });
    const b1: Call = (i, signal) =>
      fetch(`http://127.0.0.1:${ports.app}/b1/tasks`, { method: "POST", signal, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body(i) });
    let seq = 0;
    const actor = (method: string, args: (i: number) => string): Call => (i, signal) =>
      fetch(`http://127.0.0.1:${ports.daprHttp}/v1.0/actors/${BENCH_ACTOR_TYPE}/${method}-${run}-${seq++}/method/${method}`, {
        method: "POST",
        signal,
        headers: { "dapr-api-token": info.secrets.daprApiToken, "content-type": "application/json" },
        body: args(i),
      });
    const b2 = actor("noop", () => "[]");
    const b3 = actor("write", (i) => `[${body(i)}]`);
    const b3d = actor("writeDirect", (i) => `[${body(i)}]`);
    await untilOk(() => b2(0), 60_000); // placement has to learn the new actor type first
    const pieces = [...STACK_PIECES, ...BASELINE_PIECES];
    const results: Partial<Record<BaselineName, SystemResult>> = {};
    const cpu: CpuPhase[] = plan.cpu ? [await idleCpu(info.profile.stateDir, pieces)] : [];
    const variants = plan.b3 ?? ["sdk", "direct"];
    const systems: [BaselineName, string, Call][] = [
      ["B1", "Koa+JWT+zod+MULTI", b1],
      ["B2", "no-op actor", b2],
      ...(variants.includes("sdk") ? [["B3", "SDK state txn+publish", b3] as [BaselineName, string, Call]] : []),
      ...(variants.includes("direct") ? [["B3d", "direct txn+publish", b3d] as [BaselineName, string, Call]] : []),
    ];
    for (const [name, what, call] of systems) {
      await drive(50, 4, call); // warm-up: connections, JIT, topic creation
      const { result, cpu: phases } = await loadSystem(info, name, what, call, plan, pieces);
      results[name] = result;
      cpu.push(...phases.filter((ph) => !ph.label.endsWith("/s")));
    }
    if (plan.cpu) process.stdout.write(cpuTable(BASELINE_CPU_TITLE, cpu));
    return { results, cpu: plan.cpu ? cpu : [] };
  } finally {
    await stopBaseline(info.profile.stateDir);
  }
}

async function untilOk(call: () => Promise<Response>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await call().catch(() => null);
    const text = res ? await res.text() : "no answer";
    if (res?.ok) return;
    if (Date.now() > deadline) throw new Error(`baseline actor not callable after ${timeoutMs / 1000}s: ${res?.status ?? ""} ${text}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
