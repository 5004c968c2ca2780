/**
 * `npm run chaos`: starts a fresh stack of its own (the test profile, on
 * TICKLER_STACK_SLOT's ports and state folder; the app with the tests' entry
 * point and the same compressed windows as `npm test`), runs test/chaos
 * (every piece killed and frozen under load, one table row per fault), and
 * stops the stack. `npm run chaos -- <spec files>` runs only those;
 * CHAOS_ONLY=kill:redis,freeze:kafka picks faults.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT } from "./root.js";
import { profile } from "./stack/profile.js";
import { log, StackError } from "./stack/processes.js";
import { down, up } from "./stack/stack.js";

// The delivery windows of `npm test`: daprd redelivers every 500 ms and a
// consumer gives up on an event after 4 s of failures while its store
// answers, so a 30 s freeze outlasts every window (scripts/test.ts explains).
const deliveryWindows = { PUBSUB_RETRY_INTERVAL: "500ms", SUBSCRIBER_GIVE_UP_AFTER_MS: "4000" };
Object.assign(process.env, deliveryWindows);

const p = profile("test", ROOT);
let ok = false;
try {
  const info = await up(p, {
    root: ROOT,
    fresh: true,
    appExtraEnv: {
      // The test entry point (fault points, actor ledger, spans), as in `npm test`.
      TICKLER_APP_ENTRY: "test/support/testMain.ts",
      ACTOR_IDLE_TIMEOUT: "4s",
      RATE_LIMIT_PER_MINUTE: "6000",
      RATE_LIMIT_BURST: "300",
      // The webhook receiver listens on loopback; quick webhook retries.
      WEBHOOK_ALLOW_PRIVATE: "true",
      WEBHOOK_BACKOFF_MS: "300",
      // A killed api's leftover journal marks are swept after 3 s, not a minute.
      OUTBOX_SWEEP_AFTER_MS: "3000",
      OUTBOX_SWEEP_INTERVAL_MS: "1000",
      TICKLER_FAULT_DIR: path.join(p.stateDir, "faults"),
      ...deliveryWindows,
    },
  });
  const specs = process.argv.slice(2);
  const env = { ...process.env, TZ: "UTC", TICKLER_STACK: path.join(info.profile.stateDir, "stack.json") };
  const code = await new Promise<number | string>((resolve) => {
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "mocha"), specs.length > 0 ? specs : ["test/chaos/**/*.test.ts"], { stdio: "inherit", cwd: ROOT, env });
    child.once("exit", (status, signal) => resolve(status ?? signal ?? "unknown"));
    child.once("error", (err) => resolve(err.message));
  });
  ok = code === 0;
  log(`chaos suite: ${ok ? "passed" : `FAILED (exit ${code})`}`);
} catch (err) {
  log(err instanceof StackError ? `ERROR: ${err.message}` : `ERROR: ${String((err as Error).stack ?? err)}`);
} finally {
  await down(p);
}
process.exit(ok ? 0 : 1);
