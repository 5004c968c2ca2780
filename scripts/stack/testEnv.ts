/**
 * What `npm test` and `npm run chaos` run the stack with, so the two stay
 * the same stack: the tests' entry point and hooks, and every window
 * compressed so a fault and its recovery fit in a test.
 */
import path from "node:path";
import type { Profile } from "./profile.js";

/**
 * Compressed delivery windows (docs/operations.md: dead letters): daprd redelivers every
 * 500 ms, and a consumer gives up on an event after 4 s of failures while its
 * store answers, so a long outage or a 30 s freeze outlasts the window many
 * times over. daprd's half is rendered from the environment
 * (scripts/stack/resiliency.ts), so the caller also puts them in process.env.
 */
export const TEST_DELIVERY_WINDOWS = { PUBSUB_RETRY_INTERVAL: "500ms", SUBSCRIBER_GIVE_UP_AFTER_MS: "4000" };

export function testAppEnv(p: Profile): NodeJS.ProcessEnv {
  return {
    // The app with the tests' hooks: spans kept in memory, the probe actor, the actor ledger, fault points.
    TICKLER_APP_ENTRY: "test/support/testMain.ts",
    ACTOR_IDLE_TIMEOUT: "4s",
    // The oracle tests page through hundreds of lists as one user; the
    // rate-limit test still exceeds this burst on purpose.
    RATE_LIMIT_PER_MINUTE: "6000",
    RATE_LIMIT_BURST: "300",
    // The webhook receivers of the tests listen on loopback; retries are
    // made quick so a retried delivery fits in a test.
    WEBHOOK_ALLOW_PRIVATE: "true",
    WEBHOOK_BACKOFF_MS: "300",
    // The tests stand in for a proxy on loopback, to send X-Forwarded-For/-Proto
    // (per-address caps and limits, HSTS and https feed URLs: test/e2e/hardening.test.ts).
    TRUSTED_PROXIES: "127.0.0.1,::1",
    // Every test's page loads, feeds and action links come from loopback: a
    // per-address budget that a whole run stays within; the e2e test of it
    // exceeds the burst on purpose from an address of its own.
    PUBLIC_RATE_LIMIT_PER_MINUTE: "600",
    PUBLIC_RATE_LIMIT_BURST: "300",
    // A leftover outbox-journal mark is swept after 3 s (not a minute), so
    // the crash tests see a killed process's change finished quickly.
    OUTBOX_SWEEP_AFTER_MS: "3000",
    OUTBOX_SWEEP_INTERVAL_MS: "1000",
    // Fault points the fault tests arm by creating a file here.
    TICKLER_FAULT_DIR: path.join(p.stateDir, "faults"),
    ...TEST_DELIVERY_WINDOWS,
  };
}
