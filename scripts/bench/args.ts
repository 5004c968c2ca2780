/** Command-line flags of `npm run bench -- ...`. */
import { parseArgs } from "node:util";
import { positiveFlag } from "./runInfo.js";

export const USAGE = `npm run bench -- [parts] [options]
parts (none given: all four, in this order):
  --baselines          B1 (Koa + JWT + zod + Redis MULTI/EXEC), B2 (no-op actor via daprd),
                       B3 (B2 + actor-state transaction through the SDK's state manager + Kafka
                       publish), B3d (the same transaction posted to daprd directly):
                       c=1, c=8 and open loop
  --closed             Tickler create at c=1 and c=8 (closed loop), event lag, list, actor → audit latency,
                       update (PATCH) at c=1 and c=8
  --open               Tickler create at fixed arrival rates (open loop), event lag per rate
  --reminders          reminders due at one instant (100; --reminder-count N)
  --pending-reminders N  register N reminders 30 days out and report the RSS of the api app,
                       its daprd and the scheduler before and after (alone)
  --rebuild            seed 10,000 then 100,000 tasks and time the read-model rebuild and its
                       memory at each size (alone)
  --read               the read side at 1,000 and 100,000 stored tasks (alone; see bench/read.ts)
  --read-cases A,B     with --read: only the cases whose label holds A or B (any case; the seeding runs all the same)
  --parse              quick-add parse time on adversarial text of 100 to 100,000 characters
                       (alone, no stack; see bench/quickAddParse.ts)
  --web                the web app in Chromium: Lighthouse scores, LCP, TBT, CLS and first-load
                       bytes on Today and a 500-task list, installability, checkbox click to
                       list updated (alone; see bench/web.ts)
  --cluster            create at --rates through the ingress of \`npm run cluster\` (its cluster.env),
                       then the same against the bench stack, and the cluster's memory at rest
                       and under each rate, and its CPU by pod per create (alone; see bench/cluster.ts)
options:
  --rates 25,50,100,150     open-loop arrival rates, creates/s (Tickler and baselines)
  --seconds 30              open-loop seconds per rate (Tickler)
  --baseline-seconds 8      open-loop seconds per rate (baselines)
  --max-in-flight 512       open loop: calls in flight at most (later ones wait, their latency still counting)
  --b3 sdk,direct           which B3 variants run: sdk (B3) and/or direct (B3d)
  --reminder-count 100       how many reminders fall due at the same instant
  --no-cpu                  leave out the CPU-per-operation tables
  --cpu-profile             run the apps under V8's sampling profiler and print where each
                            spends its time (files kept in .stack/bench-cpu-profiles)
  --out DIR                 where bench.md (every table, and all it printed) and bench-open-loop.svg
                            (rate against p50/p95/p99, Tickler beside the baselines) go
                            (default test-artifacts/bench/<timestamp>/)
environment: SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS and ACTOR_IDLE_TIMEOUT, when set, reach
  the bench stack's apps (load shedding on and off in one session; docs/operations.md)`;

export interface BenchArgs {
  parse: boolean;
  web: boolean;
  cluster: boolean;
  read: boolean;
  /** --read measures only the cases whose label holds one of these (lower case); null: all. */
  readCases: string[] | null;
  rebuild: boolean;
  baselines: boolean;
  closed: boolean;
  open: boolean;
  reminders: boolean;
  rates: number[];
  seconds: number;
  baselineSeconds: number;
  maxInFlight: number;
  b3: ("sdk" | "direct")[];
  cpu: boolean;
  cpuProfile: boolean;
  reminderCount: number;
  pendingReminders: number;
  out: string | null;
}

export function benchArgs(argv: string[] = process.argv.slice(2)): BenchArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        parse: { type: "boolean", default: false },
        web: { type: "boolean", default: false },
        cluster: { type: "boolean", default: false },
        read: { type: "boolean", default: false },
        "read-cases": { type: "string" },
        rebuild: { type: "boolean", default: false },
        baselines: { type: "boolean", default: false },
        closed: { type: "boolean", default: false },
        open: { type: "boolean", default: false },
        reminders: { type: "boolean", default: false },
        rates: { type: "string", default: "25,50,100,150" },
        seconds: { type: "string", default: "30" },
        "baseline-seconds": { type: "string", default: "8" },
        "max-in-flight": { type: "string", default: "512" },
        b3: { type: "string", default: "sdk,direct" },
        "no-cpu": { type: "boolean", default: false },
        "cpu-profile": { type: "boolean", default: false },
        "reminder-count": { type: "string", default: "100" },
        "pending-reminders": { type: "string", default: "0" },
        out: { type: "string" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (err) {
    throw new Error(`${(err as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const b3 = values.b3.split(",").map((v) => v.trim());
  const bad = b3.find((v) => v !== "sdk" && v !== "direct");
  if (bad !== undefined) throw new Error(`--b3 takes sdk and/or direct, not "${bad}"\n\n${USAGE}`);
  const alone = values.parse || values.web || values.cluster || values.read || values.rebuild || values["pending-reminders"] !== "0";
  const all = !alone && !values.baselines && !values.closed && !values.open && !values.reminders;
  return {
    parse: values.parse,
    web: values.web,
    cluster: values.cluster,
    read: values.read,
    readCases: values["read-cases"]?.toLowerCase().split(",").map((c) => c.trim()).filter((c) => c !== "") ?? null,
    rebuild: values.rebuild,
    baselines: !values.read && !values.parse && !values.web && (all || values.baselines),
    closed: !values.read && !values.parse && !values.web && (all || values.closed),
    open: !values.read && !values.parse && !values.web && (all || values.open),
    reminders: !values.read && !values.parse && !values.web && (all || values.reminders),
    reminderCount: positiveFlag("reminder-count", values["reminder-count"], USAGE),
    rates: values.rates.split(",").map((r) => positiveFlag("rates", r.trim(), USAGE)),
    seconds: positiveFlag("seconds", values.seconds, USAGE),
    baselineSeconds: positiveFlag("baseline-seconds", values["baseline-seconds"], USAGE),
    maxInFlight: Math.floor(positiveFlag("max-in-flight", values["max-in-flight"], USAGE)),
    b3: b3 as ("sdk" | "direct")[],
    cpu: !values["no-cpu"],
    cpuProfile: values["cpu-profile"],
    pendingReminders: values["pending-reminders"] === "0" ? 0 : Math.floor(positiveFlag("pending-reminders", values["pending-reminders"], USAGE)),
    out: values.out ?? null,
  };
}
