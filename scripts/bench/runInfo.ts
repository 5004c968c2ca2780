/** What a bench or soak result records about its run: the commit, the machine, and what it printed. */
import { execFileSync } from "node:child_process";
import os from "node:os";

/** HEAD's short hash, flagged when tracked files have changes. */
export function commitOf(root: string): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: root, encoding: "utf8" }).trim() !== "";
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return "unknown";
  }
}

export function machineLine(): string {
  return `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}, stack slot ${process.env.TICKLER_STACK_SLOT ?? "0"}`;
}

/** Keeps a copy of everything written to stdout from now on (it is still written), for the result file. */
export function teeStdout(): () => string {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
  return () => chunks.join("");
}

/** What every bench and soak result file records about its run. */
export interface RunContext {
  command: string;
  commit: string;
  startedAt: string;
  machine: string;
  loadBefore: number[];
  loadAfter: number[];
}

/** A command-line flag's value that must be a positive number; the error carries the command's usage. */
export function positiveFlag(name: string, raw: string, usage: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not "${raw}"\n\n${usage}`);
  return n;
}
