/**
 * The test stack's entry point: the production app (src/app.ts) plus what
 * only tests use: spans kept in memory and served at /internal/test/spans,
 * the ProbeActor, the actor ledger (which actors this process served, at
 * /internal/test/actors), and fault points armed by a file in
 * TICKLER_FAULT_DIR (the process SIGKILLs itself there, once).
 * scripts/test.ts starts the apps with this file; src/main.ts has none of it.
 */
import fs from "node:fs";
import path from "node:path";
// Before the SDK starts (src/app.ts imports it).
import { recentSpans } from "./testTelemetry.js";
import { startApp } from "../../src/app.js";
import { ProbeActor } from "./probeActor.js";
import { testSpanRoutes } from "./testSpans.js";
import { actorLedgerRoutes } from "./actorLedger.js";

const faultDir = process.env.TICKLER_FAULT_DIR;

function faultPoint(name: string): void {
  if (!faultDir) return;
  const file = path.join(faultDir, name);
  if (!fs.existsSync(file)) return;
  fs.rmSync(file, { force: true });
  process.stderr.write(`fault injected at ${name}: killing this process\n`);
  process.kill(process.pid, "SIGKILL");
}

startApp({
  // The ledger first: it watches actor callbacks before the actor host answers them.
  sidecarRouters: (role) => [actorLedgerRoutes(), testSpanRoutes(recentSpans, role)],
  actors: [ProbeActor],
  faultPoint,
}).catch((err: unknown) => {
  process.stderr.write(`fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
