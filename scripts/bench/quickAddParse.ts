/**
 * `npm run bench -- --parse` (or `node --import tsx scripts/bench/quickAddParse.ts`):
 * how long the quick-add parser takes on adversarial text of 100, 1,000 (the
 * longest a client may send), 10,000 and 100,000 characters. Nothing here
 * needs a stack; the parser is pure. Each shape and size runs in its own
 * process with a deadline, so a superlinear parser shows as "> N s" instead
 * of hanging the run. The 100k figures prove the parser linear on its own,
 * whatever the caps in front of it.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseQuickAdd } from "../../src/domain/quickAdd.js";
import { QUICK_ADD_SHAPES } from "../../test/support/quickAddShapes.js";

export const SHAPES = QUICK_ADD_SHAPES;
export const SIZES = [100, 1000, 10_000, 100_000];
const DEADLINE_MS = 60_000;
const CTX = { timeZone: "Europe/Berlin", now: new Date("2026-12-04T12:00:00Z") };

/** Parses per cell at least: one warm-up on the very text (not timed), then MIN_RUNS timed. */
const MIN_RUNS = 3;

/**
 * CPU milliseconds for one parse of `text` (this process's user + system
 * time, so that other processes on a shared machine do not count): the least
 * of MIN_RUNS or more runs (as many as fit in half a second, up to 200),
 * after a warm-up.
 */
function timeParse(text: string): number {
  parseQuickAdd(text, CTX);
  const runs: number[] = [];
  const started = performance.now();
  do {
    const before = process.cpuUsage();
    parseQuickAdd(text, CTX);
    const used = process.cpuUsage(before);
    runs.push((used.user + used.system) / 1000);
  } while (runs.length < 200 && (runs.length < MIN_RUNS || performance.now() - started < 500));
  return Math.min(...runs);
}

/** Child mode: one shape at one size, printed as milliseconds. */
function one(shape: string, size: number): void {
  const make = SHAPES[shape];
  if (!make) throw new Error(`unknown shape ${shape}`);
  parseQuickAdd("warm up tomorrow 5pm #tag p1 every day remind me 1 day before", CTX);
  process.stdout.write(`${timeParse(make(size)).toFixed(3)}\n`);
}

const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`);

export function quickAddParseBench(): void {
  const self = fileURLToPath(import.meta.url);
  const header = `${"shape".padEnd(20)}${SIZES.map((s) => `${s.toLocaleString("en")} chars`.padStart(14)).join("")}   100k/10k`;
  process.stdout.write(`quick-add parse CPU time (least of 3+ parses after a warm-up; one process per cell, deadline ${DEADLINE_MS / 1000} s for ${MIN_RUNS + 1} parses)\n${header}\n`);
  for (const shape of Object.keys(SHAPES)) {
    const cells: (number | null)[] = [];
    for (const size of SIZES) {
      // Once a size ran out of time, a bigger one will too.
      if (cells.length && cells[cells.length - 1] === null) {
        cells.push(null);
        continue;
      }
      const child = spawnSync(process.execPath, ["--import", "tsx", self, "--one", shape, String(size)], { encoding: "utf8", timeout: DEADLINE_MS });
      const ms = Number(child.stdout.trim());
      if (child.status !== 0 || !Number.isFinite(ms)) {
        if (child.error === undefined && child.signal === null) throw new Error(`${shape} @ ${size}: ${child.stderr}`);
        cells.push(null);
      } else cells.push(ms);
    }
    const [, , tenK, hundredK] = cells;
    const ratio = tenK && hundredK ? `${(hundredK / tenK).toFixed(1)}×` : "-";
    // Out of time: MIN_RUNS + 1 parses took longer than the deadline, so one took more than its share.
    const over = `> ${(DEADLINE_MS / (MIN_RUNS + 1) / 1000).toFixed(0)} s`;
    process.stdout.write(`${shape.padEnd(20)}${cells.map((c) => (c === null ? over : fmt(c)).padStart(14)).join("")}   ${ratio.padStart(8)}\n`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--one");
  if (at >= 0) one(process.argv[at + 1]!, Number(process.argv[at + 2]));
  else quickAddParseBench();
}
