/**
 * `npm test` starts the slow obtains (scripts/obtain/*.sh, the chart's
 * schemas) in the background at its very start, so that on a cold machine
 * their downloads and single-threaded link phases overlap the typecheck, lint
 * and unit tests instead of running one after another later. A step that
 * needs a tool awaits it first (printing what it waits for); the step's own
 * obtain then finds the tool built. The scripts hold a lock per tool
 * (scripts/obtain/common.sh), so two obtains of one tool never build at once.
 *
 * A prefetch that fails is only reported: the step that needs the tool runs
 * its obtain again and that failure is the one that fails the run. One still
 * running when `npm test` exits is stopped (its build resumes next time).
 */
import { spawn } from "node:child_process";
import path from "node:path";

/** What can be prefetched: name → script (relative to the repository root). */
const SCRIPTS = {
  dapr: "scripts/obtain/dapr.sh",
  secantus: "scripts/obtain/secantus.sh",
  kafka: "scripts/obtain/kafka.sh",
  helm: "scripts/obtain/helm.sh",
  "chart-schemas": "scripts/chart/obtain-schemas.sh",
  promrules: "scripts/obtain/promrules.sh",
  redis: "scripts/obtain/redis.sh",
  chromium: "scripts/obtain/chromium.sh",
  davclients: "scripts/obtain/davclients.sh",
} as const;
export type Prefetchable = keyof typeof SCRIPTS;

/** The tools of a test stack (scripts/stack/obtain.ts), without those the environment provides. */
export function stackTools(env: NodeJS.ProcessEnv = process.env): Prefetchable[] {
  return [
    "dapr" as const,
    ...(env.KAFKA_BROKERS ? [] : ["kafka" as const]),
    ...(env.REDIS_HOST ? [] : ["redis" as const]),
    ...(env.MONGODB_URI ? [] : ["secantus" as const]),
  ];
}

/** The tools a run of these test tiers (test/tiers.ts) needs. */
export function toolsForTiers(tiers: { name: string; stack: "none" | "shared" | "own" }[]): Prefetchable[] {
  return [
    ...(tiers.some((t) => t.stack !== "none") ? stackTools() : []),
    ...(tiers.some((t) => t.name === "chart") ? (["helm", "chart-schemas", "promrules"] as const) : []),
    ...(tiers.some((t) => t.name === "browser") ? (["chromium"] as const) : []),
    // The CalDAV e2e tests' clients (PyPI).
    ...(tiers.some((t) => t.name === "e2e") ? (["davclients"] as const) : []),
  ];
}

/** Obtains run one after another in a chain; chains run side by side. */
const CHAINS: Prefetchable[][] = [
  ["dapr"],
  ["secantus"],
  // The chart step's tools, in the order it uses them.
  ["helm", "chart-schemas", "promrules"],
  // Downloads from Maven Central.
  ["kafka"],
  // Both install Debian packages, and apt-get allows one at a time (each also
  // waits up to 10 min for dpkg's lock: CI builds the cluster's packages beside them).
  ["redis", "chromium"],
  // From PyPI.
  ["davclients"],
];

export interface Prefetch {
  /** Resolves when these tools' obtains have ended (ok or not), logging what it waits for. */
  ready(names: Prefetchable[]): Promise<void>;
}

/**
 * Starts the obtains of `wanted`, each at low CPU priority (nice 19) so that
 * the tests running meanwhile keep the cores they need; progress lines go to
 * our stderr prefixed with the tool's name.
 */
export function prefetchTools(root: string, wanted: Prefetchable[], log: (msg: string) => void): Prefetch {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  const done = new Map<Prefetchable, Promise<void>>();
  const finished = new Set<Prefetchable>();
  const running = new Set<number>();
  // Each obtain runs in a process group of its own (its go/cargo children
  // too), stopped as a whole if this process exits first.
  process.once("exit", () => {
    for (const pid of running) {
      try {
        process.kill(-pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  });

  function obtain(name: Prefetchable): Promise<void> {
    return new Promise<void>((resolve) => {
      const child = spawn("nice", ["-n", "19", "bash", path.join(root, SCRIPTS[name])], { cwd: root, stdio: ["ignore", "ignore", "pipe"], detached: true });
      if (child.pid !== undefined) running.add(child.pid);
      let partial = "";
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (chunk: string) => {
        const lines = (partial + chunk).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) if (line.trim()) process.stderr.write(`[prefetch ${name}] ${line.replace(/^\[obtain\] /, "")}\n`);
      });
      const end = (outcome: string) => {
        if (partial.trim()) process.stderr.write(`[prefetch ${name}] ${partial}\n`);
        finished.add(name);
        if (child.pid !== undefined) running.delete(child.pid);
        log(`prefetch ${name}: ${outcome} (${seconds()} s after start)`);
        resolve();
      };
      child.once("exit", (code, signal) => end(code === 0 ? "ready" : `FAILED (exit ${code ?? signal}); the step that needs it obtains it again`));
      child.once("error", (err) => end(`FAILED (${err.message}); the step that needs it obtains it again`));
    });
  }

  for (const chain of CHAINS) {
    const names = chain.filter((n) => wanted.includes(n));
    let previous = Promise.resolve();
    for (const name of names) {
      previous = previous.then(() => obtain(name));
      done.set(name, previous);
    }
  }
  if (wanted.length > 0) log(`prefetch: obtaining ${wanted.join(", ")} in the background`);

  return {
    async ready(names) {
      const pending = names.filter((n) => done.has(n) && !finished.has(n));
      if (pending.length === 0) return;
      log(`waiting for the prefetch of ${pending.join(", ")} ...`);
      const waitStarted = Date.now();
      // A line a minute, so a long cold build does not look like a hang.
      const ticker = setInterval(() => {
        const still = pending.filter((n) => !finished.has(n));
        log(`still waiting for ${still.join(", ")} (${Math.round((Date.now() - waitStarted) / 1000)} s)`);
      }, 60_000);
      try {
        await Promise.all(pending.map((n) => done.get(n)));
      } finally {
        clearInterval(ticker);
      }
      log(`prefetch of ${pending.join(", ")} done after ${Math.round((Date.now() - waitStarted) / 1000)} s of waiting`);
    },
  };
}
