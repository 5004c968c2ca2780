// Mocha's spec reporter plus one plain closing line ("N passed, N failed,
// N skipped") that CI and people can read at a glance. On a stack run
// (TICKLER_STACK set) the first failures also print the tail of every
// process log of the stack, so a CI log alone says what the stack was doing
// when a test failed (CI keeps nothing else). The failures' titles and
// errors go to scripts/test.ts too, which repeats them at the very end: CI
// shows only the tail of a run.
const fs = require("node:fs");
const path = require("node:path");
const Mocha = require("mocha");

/** Dumps printed per run, the lines per process log, and the least time between two dumps. */
const MAX_DUMPS = 3;
const TAIL_LINES = 20;
const DUMP_GAP_MS = 60_000;

function tail(file, lines) {
  const size = fs.statSync(file).size;
  const from = Math.max(0, size - 64 * 1024);
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(size - from);
    fs.readSync(fd, buf, 0, buf.length, from);
    return buf.toString("utf8").split("\n").filter((l) => l.length > 0).slice(-lines);
  } finally {
    fs.closeSync(fd);
  }
}

function dumpStackLogs(title) {
  const info = process.env.TICKLER_STACK;
  if (!info) return;
  const dir = path.join(path.dirname(info), "logs");
  if (!fs.existsSync(dir)) return;
  const out = [`\n      ---- stack logs at the failure of "${title}" (last ${TAIL_LINES} lines each) ----`];
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".log")).sort()) {
    try {
      out.push(`      [${name}]`, ...tail(path.join(dir, name), TAIL_LINES).map((l) => `        ${l.slice(0, 400)}`));
    } catch (err) {
      out.push(`      [${name}] unreadable: ${err.message}`);
    }
  }
  out.push("      ---- end of stack logs ----\n");
  process.stdout.write(out.join("\n") + "\n");
}

class SpecWithTotals extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let dumps = 0;
    let lastDump = 0;
    /** Each failure's title and the head of its error, for the closing summary of scripts/test.ts. */
    const failures = [];
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, err) => {
      const message = String((err && err.message) || err).split("\n").filter((l) => l.trim().length > 0).slice(0, 6).map((l) => l.slice(0, 300));
      failures.push({ title: test.fullTitle(), file: test.file ? path.relative(process.cwd(), test.file) : undefined, message });
      if (dumps >= MAX_DUMPS || Date.now() - lastDump < DUMP_GAP_MS) return;
      dumps++;
      lastDump = Date.now();
      dumpStackLogs(test.fullTitle());
    });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const s = runner.stats;
      process.stdout.write(`\n${s.passes} passed, ${s.failures} failed, ${s.pending} skipped\n`);
      // scripts/test.ts puts the counts of each tier in its closing summary.
      if (process.env.TICKLER_TIER_COUNTS) fs.writeFileSync(process.env.TICKLER_TIER_COUNTS, JSON.stringify({ passes: s.passes, failures: s.failures, pending: s.pending, failed: failures.slice(0, 20) }));
    });
  }
}
module.exports = SpecWithTotals;
