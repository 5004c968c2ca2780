/**
 * Starting and stopping the stack's processes. Each piece runs in its own
 * process group (so Ctrl-C on `npm start` reaches only us, and we stop the
 * pieces in order) with a pid file and a log file under the state folder.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { tcpReachable } from "../../src/infra/probes.js";

export const log = (msg: string) => process.stderr.write(`[stack] ${msg}\n`);

export class StackError extends Error {}

export interface Launch {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export function pidFile(stateDir: string, name: string) {
  return path.join(stateDir, "pids", `${name}.pid`);
}
export function logFile(stateDir: string, name: string) {
  return path.join(stateDir, "logs", `${name}.log`);
}

export function launch(stateDir: string, l: Launch): number {
  fs.mkdirSync(path.join(stateDir, "pids"), { recursive: true });
  fs.mkdirSync(path.join(stateDir, "logs"), { recursive: true });
  const out = fs.openSync(logFile(stateDir, l.name), "a");
  const child = spawn(l.command, l.args, {
    cwd: l.cwd,
    env: l.env ?? process.env,
    detached: true,
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  if (child.pid === undefined) throw new StackError(`${l.name}: could not start ${l.command}`);
  child.unref();
  fs.writeFileSync(pidFile(stateDir, l.name), String(child.pid));
  return child.pid;
}

/** Alive and not a zombie (a killed child whose parent has not reaped it yet). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc (not Linux): trust kill(0)
  }
}

export function readPid(stateDir: string, name: string): number | null {
  try {
    const pid = Number(fs.readFileSync(pidFile(stateDir, name), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** SIGTERM the process group, then SIGKILL whatever is left after `graceMs`. */
export async function stop(stateDir: string, name: string, graceMs = 8000): Promise<void> {
  const pid = readPid(stateDir, name);
  fs.rmSync(pidFile(stateDir, name), { force: true });
  if (pid === null || !isAlive(pid)) return;
  signalGroup(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && isAlive(pid)) await sleep(100);
  if (isAlive(pid)) signalGroup(pid, "SIGKILL");
  while (isAlive(pid)) await sleep(50);
}

export function kill9(stateDir: string, name: string): void {
  const pid = readPid(stateDir, name);
  if (pid !== null) signalGroup(pid, "SIGKILL");
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

/** Whether something accepts connections on a loopback port. */
export const portOpen = (port: number) => tcpReachable("127.0.0.1", port);

export async function httpOk(url: string, headers: Record<string, string> = {}): Promise<boolean> {
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Wait until `check` passes, failing early (with the log's tail) if the
 * piece's process has died.
 */
export async function waitFor(
  stateDir: string,
  name: string,
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const started = Date.now();
  const pid = readPid(stateDir, name);
  for (;;) {
    if (await check()) return;
    if (pid !== null && !isAlive(pid)) throw diedError(stateDir, name, `exited before ${what}`);
    if (Date.now() - started > timeoutMs) throw diedError(stateDir, name, `not ${what} after ${timeoutMs / 1000}s`);
    await sleep(150);
  }
}

function diedError(stateDir: string, name: string, why: string): StackError {
  const file = logFile(stateDir, name);
  let tail = "";
  try {
    tail = fs.readFileSync(file, "utf8").split("\n").slice(-15).join("\n");
  } catch {
    /* no log */
  }
  return new StackError(`${name} ${why}. Log: ${file}\n--- last lines ---\n${tail}`);
}

/** Refuse to start on a port someone else holds: a clear error beats a confusing one later. */
export async function ensurePortFree(name: string, port: number): Promise<void> {
  if (await portOpen(port)) {
    throw new StackError(
      `${name}: port ${port} is already in use by another process (not one this stack started). ` +
        `Stop it, or run \`npm run stack:down\` if it is left over from an earlier run.`,
    );
  }
}
