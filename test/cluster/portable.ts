/**
 * The portable set: the specs (and, where a spec also has tests that need the
 * local stack's internals, the tests by title) that run against any
 * deployment given its URL and JWT secret (test/support/stack.ts: target()).
 * `npm run test:cluster` and `npm run test:target` run exactly these; a title
 * listed here that no longer exists fails the run, so the list cannot rot.
 *
 * Not portable: tests that kill or restart processes, read daprd logs or an
 * app's /metrics, Kafka lag, the SMTP receiver, or rely on the test stack's
 * compressed windows (scripts/stack/testEnv.ts).
 */
export interface PortableSpec {
  /** Path from the repository root. */
  spec: string;
  /** Only these tests (their `it` titles); absent: every test of the spec. */
  tests?: string[];
  /** What it covers, and why tests of the spec are left out. */
  why: string;
  /** Settings the target must have (scripts/test-target.ts probes them; a spec whose need is unmet is reported as not run, and the run fails). */
  needs?: TargetNeed[];
}

/** privateWebhooks: the receiver's address let through the webhook guard (WEBHOOK_ALLOW_ADDRESSES) on the api and notifications. */
export type TargetNeed = "privateWebhooks";

export const PORTABLE: PortableSpec[] = [
  {
    spec: "test/browser/tasks.test.ts",
    why: "sign-in, a task with a reminder toast, the keyboard flow, in Chromium; against an external target the test answers the sign-in form's two calls with tokens of the target's secret (test/browser/browser.ts), since a production image has no development sign-in",
  },
  {
    spec: "test/e2e/tasks-crud.test.ts",
    tests: [
      "create → list at once → update → complete → delete, with the audit trail in order",
      "keeps a per-user history across tasks, paged in recording order, and only the caller's",
      "keeps users apart: another user's task is 404 on every route",
    ],
    why: "create/list/complete/delete and the audit history; the 401 test also calls Dapr's callback routes, which an ingress does not route",
  },
  {
    spec: "test/e2e/reminders.test.ts",
    tests: [
      "posts a reminder 5 s ahead once, signed, on time, and records it in the inbox",
      "moves a reminder when it is edited before it fires",
      "fires a reminder relative to the due date",
      "cancels reminders of completed and deleted tasks, and delays snoozed ones",
    ],
    why: "reminders reaching a webhook receiver on this machine (TICKLER_TARGET_WEBHOOK_HOST; the target needs that address in WEBHOOK_ALLOW_ADDRESSES); retries need the test stack's 300 ms backoff, the rest /metrics or a restart",
    needs: ["privateWebhooks"],
  },
  {
    spec: "test/e2e/stream.test.ts",
    why: "the live stream: the user's changes and reminders, nobody else's; 401 without a token",
  },
  {
    spec: "test/e2e/stream-resume.test.ts",
    tests: ["replays the frames after the last one a client saw, and asks for a resync when it cannot"],
    why: "resume with Last-Event-ID; the history-path test needs the test stack's 4-frame window and the api's /metrics",
  },
  {
    spec: "test/e2e/mcp.test.ts",
    why: "MCP over Streamable HTTP and stdio: tools/list, every tool called, errors and users kept apart",
  },
  {
    spec: "test/e2e/calendar-feed.test.ts",
    why: "the calendar feed read by URL alone and parsed with ical.js",
  },
];
