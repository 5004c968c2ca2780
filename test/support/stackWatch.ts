/**
 * Root hooks of every stack tier (scripts/test.ts passes `--require` with
 * this file): after each test, and before the next, the stack's api must
 * answer /healthz. Once it does not (within a short grace), every remaining
 * test of the tier fails at once with a message naming the dead pieces from
 * the stack's process table, instead of each one waiting out its own timeout
 * on a dead stack. Nothing is hidden: each remaining test is still run as a
 * (failing) test and reported.
 */
import type { Context, Hook, Runnable, Suite, Test } from "mocha";
import { setTimeout as sleep } from "node:timers/promises";
import { isAlive, readPid } from "../../scripts/stack/processes.js";
import { PIECES, pieceAnswers } from "../../scripts/stack/restart.js";
import { stack } from "./stack.js";

/** How long the api may take to answer again (an app a test just restarted) before the stack counts as dead. */
const GRACE_MS = 15_000;
/** The most an `after` hook may take once the stack is dead: it cleans up after tests that did not run. */
const CLEANUP_MS = 5_000;

let dead: string | null = null;

async function apiAnswers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(3000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/** What the process table (the pid files under the stack's state folder) says about each piece. */
export async function deadPieces(): Promise<string[]> {
  const info = stack();
  const out: string[] = [];
  for (const piece of PIECES) {
    const pid = readPid(info.profile.stateDir, piece);
    if (pid === null) out.push(`${piece} (no pid file: stopped)`);
    else if (!isAlive(pid)) out.push(`${piece} (pid ${pid} exited)`);
    else if (!(await pieceAnswers(info, piece))) out.push(`${piece} (pid ${pid} alive but not answering)`);
  }
  return out;
}

/** Null while the api answers /healthz (waiting up to GRACE_MS for it), else why the stack is dead. */
async function checkStack(after: string): Promise<string | null> {
  const { apiUrl } = stack();
  const deadline = Date.now() + GRACE_MS;
  while (!(await apiAnswers(apiUrl))) {
    if (Date.now() > deadline) {
      const pieces = await deadPieces();
      return (
        `the test stack is dead: its api (${apiUrl}) has not answered /healthz for ${GRACE_MS / 1000} s since ${after}; ` +
        `${pieces.length > 0 ? `dead pieces: ${pieces.join(", ")}` : "every piece in its process table is alive and answering (the api app hangs?)"}. ` +
        "This test did not run; the stack logs are under its state folder's logs/."
      );
    }
    await sleep(500);
  }
  return null;
}

function rootOf(suite: Suite): Suite {
  let s = suite;
  while (s.parent) s = s.parent;
  return s;
}

function eachSuite(suite: Suite, visit: (s: Suite) => void): void {
  visit(suite);
  for (const child of suite.suites) eachSuite(child, visit);
}

/**
 * Every test not run yet fails with `reason`; the `before`/`beforeEach` hooks
 * not run yet do nothing (they would wait on the dead stack); `after` hooks
 * still clean up, bounded and quiet.
 */
function failTheRest(root: Suite, reason: string): void {
  const fail = () => {
    throw new Error(reason);
  };
  eachSuite(root, (suite) => {
    for (const test of suite.tests) if (test.state === undefined && !test.isPending()) test.fn = fail;
    if (suite.root) return; // the root's hooks are these ones
    const internal = suite as unknown as { _beforeAll: Hook[]; _beforeEach: Hook[]; _afterEach: Hook[]; _afterAll: Hook[] };
    for (const hook of [...internal._beforeAll, ...internal._beforeEach]) hook.fn = () => {};
    for (const hook of [...internal._afterEach, ...internal._afterAll]) {
      const original = hook.fn;
      if (!original || original.length > 0) continue; // a done-callback hook keeps its own contract
      hook.fn = async function (this: Context) {
        await Promise.race([Promise.resolve(original.call(this, () => {})).catch(() => {}), sleep(CLEANUP_MS)]);
      };
    }
  });
}

async function watch(ctx: Context, test: Runnable | undefined, when: string): Promise<void> {
  if (!test) return;
  if (dead === null) dead = await checkStack(when);
  if (dead !== null) failTheRest(rootOf(test.parent!), dead);
}

export const mochaHooks = {
  async beforeEach(this: Context) {
    await watch(this, this.currentTest, `before "${this.currentTest?.fullTitle() ?? "?"}"`);
  },
  async afterEach(this: Context) {
    const test = this.currentTest as Test | undefined;
    await watch(this, test, `the end of "${test?.fullTitle() ?? "?"}"`);
  },
};
