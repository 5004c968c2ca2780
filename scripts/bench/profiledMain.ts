/**
 * `npm run bench -- --cpu-profile`: the apps start through this entry, which
 * runs V8's sampling profiler between two SIGUSR2 signals (the bench sends
 * one after its warm-up and one after the measured phases, so start-up and
 * module loading stay out) and then writes `<role>-<pid>.cpuprofile` into
 * BENCH_CPU_PROFILE_DIR.
 * Open the file in Chrome DevTools (Performance → Load profile) or summarise
 * it with scripts/bench/profileSummary.ts. The production entry stays as is.
 */
import fs from "node:fs";
import path from "node:path";
import { Session } from "node:inspector/promises";

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (!dir) throw new Error("BENCH_CPU_PROFILE_DIR is not set");
const session = new Session();
session.connect();
await session.post("Profiler.enable");
// 250 µs between samples: fine enough for per-request costs of a millisecond.
await session.post("Profiler.setSamplingInterval", { interval: 250 });

let running = false;
process.on("SIGUSR2", () => {
  running = !running;
  if (running) {
    session.post("Profiler.start").catch((err: unknown) => process.stderr.write(`cpu profile failed: ${String(err)}\n`));
    return;
  }
  session
    .post("Profiler.stop")
    .then(({ profile }) => {
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${process.env.ROLE ?? "app"}-${process.pid}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      process.stderr.write(`cpu profile written: ${file}\n`);
    })
    .catch((err: unknown) => process.stderr.write(`cpu profile failed: ${String(err)}\n`));
});

await import("../../src/main.js");
