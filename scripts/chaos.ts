/**
 * `npm run chaos`: starts a fresh stack of its own (the test profile, on
 * TICKLER_STACK_SLOT's ports and state folder; the app with the tests' entry
 * point and the same compressed windows as `npm test`), runs test/chaos/full
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
import { testAppEnv, TEST_DELIVERY_WINDOWS } from "./stack/testEnv.js";
import { tierNamed } from "../test/tiers.js";

// The delivery windows of `npm test`, so a 30 s freeze outlasts every window.
Object.assign(process.env, TEST_DELIVERY_WINDOWS);

const p = profile("test", ROOT);
let ok = false;
try {
  const info = await up(p, {
    root: ROOT,
    fresh: true,
    // The stack `npm test` runs (scripts/stack/testEnv.ts).
    appExtraEnv: testAppEnv(p),
  });
  const specs = process.argv.slice(2);
  const env = { ...process.env, TZ: "UTC", TICKLER_STACK: path.join(info.profile.stateDir, "stack.json") };
  const code = await new Promise<number | string>((resolve) => {
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "mocha"), ["--timeout", String(tierNamed("chaos").timeoutMs), ...(specs.length > 0 ? specs : ["test/chaos/full/*.test.ts"])], { stdio: "inherit", cwd: ROOT, env });
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
