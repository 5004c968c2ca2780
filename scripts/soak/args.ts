/** Command-line flags of `npm run soak -- ...` (pure: parsed from argv, checked, no I/O). */
import { parseArgs } from "node:util";
import { positiveFlag } from "../bench/runInfo.js";

export const USAGE = `npm run soak -- [options]
  --minutes 30        how long the load runs
  --rate 25           creates per second; updates, completes and list reads come on top
                      (the mix is in scripts/soak/mix.ts: as many other calls as creates)
  --warmup 5          minutes before the RSS baseline is taken: a process's RSS at the end may
                      be at most 10 % above its RSS at this mark (for a short run, e.g.
                      --minutes 6 --warmup 2, so both windows fit)
  --users 100         users the load is spread over (each with its own tasks and webhook)
  --out DIR           where the CSV, the chart and the summary go
                      (default test-artifacts/soak/<timestamp>/)
Environment: SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS and ACTOR_IDLE_TIMEOUT, when set,
reach the stack's apps, as for the bench.
Fails (exit 1) when a stack process's RSS grew more than 10 % after the warm-up, when any
request errs, or when a reminder due during the run was not delivered.`;

export interface SoakArgs {
  minutes: number;
  rate: number;
  warmupMinutes: number;
  users: number;
  out: string | null;
}

export function soakArgs(argv: string[]): SoakArgs | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        minutes: { type: "string", default: "30" },
        rate: { type: "string", default: "25" },
        warmup: { type: "string", default: "5" },
        users: { type: "string", default: "100" },
        out: { type: "string" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (err) {
    throw new Error(`${(err as Error).message}\n\n${USAGE}`);
  }
  if (values.help) return "help";
  return {
    minutes: positiveFlag("minutes", values.minutes, USAGE),
    rate: positiveFlag("rate", values.rate, USAGE),
    warmupMinutes: positiveFlag("warmup", values.warmup, USAGE),
    users: Math.ceil(positiveFlag("users", values.users, USAGE)),
    out: values.out ?? null,
  };
}
