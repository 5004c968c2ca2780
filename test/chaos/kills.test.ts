/**
 * The part of the chaos suite that fits `npm test`'s budget (the full run is
 * `npm run chaos`): SIGKILL and restart of the api's sidecar, Redis, the
 * scheduler and the read store under a steady write load with reminders
 * falling due. In the destructive tier, on a stack of its own (test/tiers.ts):
 * each fault waits until the stack is whole again, and one that does not
 * recover fails the rest of this tier at once, never a test outside it.
 */
import { chaosCases } from "./suite.js";

// Every effect settles within seconds of a kill here; 60 s (not the full
// run's 120) keeps a failing fault inside the CI budget.
chaosCases(
  "chaos (CI subset): pieces killed under a steady write load",
  [
    { piece: "daprd-api", kind: "kill" },
    { piece: "redis", kind: "kill" },
    { piece: "scheduler", kind: "kill" },
    { piece: "readstore", kind: "kill" },
  ],
  60_000,
);
