/**
 * The test tiers, in the order `npm test` runs them (scripts/test.ts reads
 * this table; docs/development.md#tests explains it). A spec file's tier is
 * its folder. Each tier is one mocha run with its own default timeout; a
 * suite's own `this.timeout` stays only where its tier's default does not fit.
 *
 * Stack tiers: `shared` ones run one after another on one fresh test stack;
 * `own` (the destructive tier: tests that kill or freeze a piece of the stack)
 * gets a second fresh stack of its own, started after the first one is down,
 * so a piece it leaves broken can never fail a test outside it.
 */
import path from "node:path";

export const TIER_NAMES = ["unit", "chart", "integration", "e2e", "browser", "chaos"] as const;
export type TierName = (typeof TIER_NAMES)[number];

export interface Tier {
  name: TierName;
  /** The folder of its spec files, relative to the repository root. */
  dir: string;
  /** Mocha's spec glob: only the folder's own files (test/chaos/full is `npm run chaos`, not a tier). */
  glob: string;
  stack: "none" | "shared" | "own";
  /** Mocha's default timeout per test and hook in this tier. */
  timeoutMs: number;
  what: string;
}

export const TIERS: readonly Tier[] = [
  { name: "unit", dir: "test/unit", glob: "test/unit/**/*.test.ts", stack: "none", timeoutMs: 30_000, what: "pure code, in-memory fakes, fake timers" },
  // Chart renders run helm and the validators as processes: seconds each on 2 busy cores.
  { name: "chart", dir: "test/chart", glob: "test/chart/**/*.test.ts", stack: "none", timeoutMs: 180_000, what: "helm lint, renders and schema checks of charts/" },
  { name: "integration", dir: "test/integration", glob: "test/integration/**/*.test.ts", stack: "shared", timeoutMs: 120_000, what: "one piece at a time on the real stack (actors, pub/sub, the read store)" },
  { name: "e2e", dir: "test/e2e", glob: "test/e2e/**/*.test.ts", stack: "shared", timeoutMs: 180_000, what: "the REST API, MCP, email and reminders end to end on the real stack" },
  { name: "browser", dir: "test/browser", glob: "test/browser/**/*.test.ts", stack: "shared", timeoutMs: 120_000, what: "the web app in headless Chromium on the real stack" },
  // A fault, its recovery and the settling of every effect: minutes per test.
  { name: "chaos", dir: "test/chaos", glob: "test/chaos/*.test.ts", stack: "own", timeoutMs: 420_000, what: "destructive: pieces killed, frozen or stopped for long, on a stack of its own" },
];

export function tierNamed(name: string): Tier {
  const tier = TIERS.find((t) => t.name === name);
  if (!tier) throw new Error(`no test tier "${name}" (tiers: ${TIER_NAMES.join(", ")})`);
  return tier;
}

/** The tier of a spec file (a path relative to `root`, or absolute), or an error naming the tiers' folders. */
export function tierOf(file: string, root: string): Tier {
  const rel = path.relative(root, path.resolve(root, file)).split(path.sep).join("/");
  const dir = path.posix.dirname(rel);
  const tier = TIERS.find((t) => (t.glob.includes("**") ? dir === t.dir || dir.startsWith(`${t.dir}/`) : dir === t.dir));
  if (!tier) throw new Error(`${file} is in no test tier: spec files live in ${TIERS.map((t) => t.dir).join(", ")} (test/chaos/full runs with \`npm run chaos\`)`);
  return tier;
}
