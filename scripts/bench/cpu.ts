/**
 * CPU seconds per operation for each process of the stack, from /proc: the
 * user + system time of every process in the piece's process group (each
 * piece is started as its own group), read before and after a phase.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { readPid } from "../stack/processes.js";

export const STACK_PIECES = [
  "app-api", "daprd-api", "app-audit", "daprd-audit", "app-notifications", "daprd-notifications",
  "kafka", "redis", "readstore", "placement", "scheduler",
];
/** The load generator (this process) is on the same cores, so it is reported too. */
export const SELF = "bench (load generator)";

let ticksPerSecond: number | null = null;
function hz(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

let pageBytes: number | null = null;
function pageSize(): number {
  if (pageBytes === null) {
    try {
      pageBytes = Number(execFileSync("getconf", ["PAGESIZE"], { encoding: "utf8" }).trim()) || 4096;
    } catch {
      pageBytes = 4096;
    }
  }
  return pageBytes;
}

export interface GroupUsage {
  /** utime + stime, seconds, of every process in the group. */
  cpu: number;
  /** Resident set, bytes, summed over the group's processes (pages they share count once per process). */
  rss: number;
}

/** CPU time and RSS of every process on the machine, summed by process group (one walk of /proc). */
export function usageByGroup(withRss = false): Map<number, GroupUsage> {
  const groups = new Map<number, GroupUsage>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    let resident = 0;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // statm: size resident shared ... (pages).
      if (withRss) resident = Number(fs.readFileSync(`/proc/${entry}/statm`, "utf8").split(" ")[1]) * pageSize();
    } catch {
      continue; // exited meanwhile
    }
    // Fields after "(comm)": state ppid pgrp ... utime is field 14, stime 15 (1-based).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const group = Number(fields[2]);
    const sum = groups.get(group) ?? { cpu: 0, rss: 0 };
    sum.cpu += (Number(fields[11]) + Number(fields[12])) / hz();
    sum.rss += resident;
    groups.set(group, sum);
  }
  return groups;
}

export type CpuSnapshot = Map<string, number>;

export function cpuSnapshot(stateDir: string, pieces: string[] = STACK_PIECES): CpuSnapshot {
  const snap: CpuSnapshot = new Map();
  const groups = usageByGroup();
  for (const name of pieces) {
    const pid = readPid(stateDir, name);
    if (pid !== null) snap.set(name, groups.get(pid)?.cpu ?? 0);
  }
  const self = process.cpuUsage();
  snap.set(SELF, (self.user + self.system) / 1e6);
  return snap;
}

export interface CpuPhase {
  label: string;
  ops: number;
  seconds: number;
  /** CPU seconds used by each piece during the phase. */
  used: Map<string, number>;
}

export function cpuPhase(label: string, before: CpuSnapshot, after: CpuSnapshot, ops: number, seconds: number): CpuPhase {
  const used = new Map<string, number>();
  for (const [name, end] of after) used.set(name, end - (before.get(name) ?? end));
  return { label, ops, seconds, used };
}

/** One column per phase: CPU milliseconds per operation for each piece, then the total and cores busy. */
export function cpuTable(title: string, phases: CpuPhase[]): string {
  if (phases.length === 0) return "";
  const names = [...new Set(phases.flatMap((ph) => [...ph.used.keys()]))];
  const width = Math.max(12, ...phases.map((ph) => ph.label.length + 1));
  const row = (name: string, cells: string[]) => `  ${name.padEnd(24)}${cells.map((c) => c.padStart(width)).join("")}\n`;
  const perOp = (ph: CpuPhase, s: number) => (ph.ops > 0 ? ((s / ph.ops) * 1000).toFixed(2) : "-");
  let out = `${title} (CPU ms per operation, "idle" per second with no load; total cores busy in the last row)\n`;
  out += row("", phases.map((ph) => ph.label));
  out += row("operations", phases.map((ph) => String(ph.ops)));
  for (const name of names) out += row(name, phases.map((ph) => perOp(ph, ph.used.get(name) ?? 0)));
  const sum = (ph: CpuPhase) => [...ph.used.values()].reduce((a, b) => a + b, 0);
  out += row("total", phases.map((ph) => perOp(ph, sum(ph))));
  out += row("cores busy", phases.map((ph) => (sum(ph) / Math.max(ph.seconds, 0.001)).toFixed(2)));
  return out;
}

/** Runs one load phase between two CPU snapshots. */
export async function withCpu<T>(
  stateDir: string,
  pieces: string[],
  label: string,
  run: () => Promise<T>,
  done: (result: T) => { ops: number; seconds: number },
): Promise<{ result: T; cpu: CpuPhase }> {
  const before = cpuSnapshot(stateDir, pieces);
  const result = await run();
  const { ops, seconds } = done(result);
  return { result, cpu: cpuPhase(label, before, cpuSnapshot(stateDir, pieces), ops, seconds) };
}

/** Background CPU with no load, as a phase whose "operations" are its seconds: a column of CPU ms per second. */
export async function idleCpu(stateDir: string, pieces: string[], seconds = 5): Promise<CpuPhase> {
  const before = cpuSnapshot(stateDir, pieces);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return cpuPhase("idle, per s", before, cpuSnapshot(stateDir, pieces), seconds, seconds);
}
