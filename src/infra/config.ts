/**
 * Configuration from the environment, validated once at start-up. A bad or
 * missing value stops the process with the full list of problems rather than
 * failing later on first use.
 */
import { z } from "zod";
import type { SmtpSettings } from "./mailer.js";
import { DEFAULT_JWKS_ALGORITHMS, JWKS_ALGORITHMS } from "./jwtAlgorithms.js";
// Tracing settings: read by the telemetry module, which starts before the rest of the config is loaded.
import { telemetryFields } from "../telemetry/settings.js";
import { proxyEntryProblem } from "./netAddress.js";

export const ROLES = ["api", "notifications", "audit"] as const;
export type Role = (typeof ROLES)[number];

/** WEBHOOK_ALLOW_ADDRESSES is a handful of test receivers, not a policy language. */
const MAX_WEBHOOK_ALLOW_ADDRESSES = 16;
const port = z.coerce.number().int().min(1).max(65535);
const token = z.string().min(16, "must be at least 16 characters");
const hostPort = z.string().regex(/^[^\s:]+:\d+$/, "must be host:port");

const schema = z
  .object({
    ...telemetryFields,
    ROLE: z.enum(ROLES).default("api"),
    PORT: port.default(8080),
    HOST: z.string().default("0.0.0.0"),
    LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
    DAPR_HOST: z.string().default("127.0.0.1"),
    DAPR_HTTP_PORT: port.default(3500),
    // daprd's gRPC API: reminders are registered there (with a failure policy).
    DAPR_GRPC_PORT: port.default(50001),
    DAPR_API_TOKEN: token,
    APP_API_TOKEN: token,
    PUBSUB_NAME: z.string().default("pubsub"),
    /** Dapr app ids the api calls by service invocation. */
    NOTIFICATIONS_APP_ID: z.string().min(1).default("notifications"),
    AUDIT_APP_ID: z.string().min(1).default("audit"),
    /** Pub/sub component for the live stream: same topics, one consumer group per api replica (default: PUBSUB_NAME + "-stream"). */
    STREAM_PUBSUB_NAME: z.string().optional(),
    MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, "must be a mongodb:// URI"),
    KAFKA_BROKERS: z.string().min(1).refine(
      (v) => v.split(",").every((b) => hostPort.safeParse(b.trim()).success),
      "must be a comma-separated list of host:port",
    ),
    REDIS_HOST: hostPort.optional(),
    /** The api reaches Redis (readiness probe, outbox journal) over TLS (managed Redis services). */
    REDIS_TLS: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
    /** Password of that Redis (the same as the actor state store component's), if it has one. */
    REDIS_PASSWORD: z.string().min(1).optional(),
    /** An outbox-journal mark older than this was left by a stopped process; the sweeper finishes it. */
    OUTBOX_SWEEP_AFTER_MS: z.coerce.number().int().min(1000).default(60_000),
    // A reminder trigger the app did not take is retried this often, for this long (then Dapr drops it).
    REMINDER_RETRY_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
    REMINDER_RETRY_FOR_MS: z.coerce.number().int().min(1000).default(86_400_000),
    OUTBOX_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(10_000),
    AUTH_JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    AUTH_JWKS_URL: z.string().url().optional(),
    /** Required with AUTH_JWKS_URL: the token's `iss` must equal it. */
    AUTH_ISSUER: z.string().optional(),
    /** Required with AUTH_JWKS_URL: the token's `aud` must name it (the client id Tickler is registered under). */
    AUTH_AUDIENCE: z.string().optional(),
    /** Signature algorithms accepted from the JWKS, comma-separated; never `none` or HS* (the HS256 secret accepts HS256 only). */
    AUTH_ALGORITHMS: z
      .string()
      .default(DEFAULT_JWKS_ALGORITHMS.join(","))
      .transform((v) => v.split(",").map((a) => a.trim()).filter(Boolean))
      .refine((list) => list.length > 0, "must name at least one algorithm")
      .refine(
        (list) => list.every((a) => (JWKS_ALGORITHMS as readonly string[]).includes(a)),
        `must be a comma-separated list of ${JWKS_ALGORITHMS.join(", ")} (never none or HS*)`,
      ),
    /** OIDC client id of the web app (authorization code + PKCE against AUTH_ISSUER). */
    AUTH_CLIENT_ID: z.string().min(1).optional(),
    /** Development sign-in: anyone may type a user name and get a short-lived HS256 token. Local stacks only. */
    AUTH_DEV_SIGN_IN: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
    /** Folder of the built web app (scripts/build-web.ts), relative to the working directory. */
    WEB_DIR: z.string().default("dist/web"),
    /** The image sets production; the development sign-in refuses to run there. */
    NODE_ENV: z.string().optional(),
    /**
     * Go duration after which an idle actor is deactivated (its state stays in the store). Five minutes, not Dapr's
     * hour: an active actor holds memory in the app and its daprd, and a task is rarely touched twice an hour apart
     * (docs/adr/0030-actors-idle-five-minutes.md).
     */
    ACTOR_IDLE_TIMEOUT: z.string().regex(/^\d+(ms|[smh])$/, "must be a Go duration such as 1h or 30s").default("5m"),
    /**
     * Public origin of the API (e.g. https://tickler.example.com) for links handed out to be used elsewhere, such as
     * calendar-feed URLs; unset: the origin the request came in on.
     */
    PUBLIC_BASE_URL: z.string().url().transform((u) => u.replace(/(?<!\/)\/+$/, "")).optional(),
    /** How often the background monitor checks the store, broker and Redis (over held connections) for /healthz, /internal/health and /metrics. */
    HEALTH_CHECK_INTERVAL_MS: z.coerce.number().int().min(500).max(300_000).default(5000),
    /**
     * On SIGTERM, how long the app keeps serving before it closes its listener:
     * until its daprd has left the actor placement (the chart sets it with
     * shutdown.drainSeconds; 0: close at once, as the local stack does).
     */
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(60_000).default(0),
    /**
     * After the drain, how long the app goes on serving while its daprd still
     * answers: daprd hands this replica's actors on only once it stops, and may
     * stop later than planned (ADR 0024). 0: close after the drain.
     */
    SHUTDOWN_SIDECAR_WAIT_MS: z.coerce.number().int().min(0).max(120_000).default(0),
    /**
     * How long the app keeps an idle keep-alive connection open. Above the idle
     * timeout of whatever sends it requests (daprd's and Traefik's 90 s), so the
     * client closes first: a close racing the client's next request on that
     * connection fails the request (ADR 0023).
     */
    HTTP_KEEP_ALIVE_MS: z.coerce.number().int().min(1000).max(900_000).default(100_000),
    /** Caps per user (docs/security.md): webhooks registered (the notifications app enforces it; the api reports it). */
    WEBHOOKS_MAX_PER_USER: z.coerce.number().int().min(1).max(1000).default(10),
    /** Open live streams per user and per client IP, in each api replica. */
    STREAMS_MAX_PER_USER: z.coerce.number().int().min(1).max(1000).default(10),
    STREAMS_MAX_PER_IP: z.coerce.number().int().min(1).max(100_000).default(100),
    /** Imports running at once per user, in each api replica. */
    IMPORTS_MAX_RUNNING_PER_USER: z.coerce.number().int().min(1).max(100).default(1),
    /**
     * Proxies whose X-Forwarded-For/-Proto/-Host are believed (comma-separated
     * addresses or CIDRs, e.g. the ingress controller's pod range); from any
     * other peer those headers are dropped. Empty: none.
     */
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((v) => v.split(",").map((e) => e.trim()).filter(Boolean))
      .superRefine((list, ctx) => {
        for (const entry of list) {
          const problem = proxyEntryProblem(entry);
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        }
      }),
    /** Strict-Transport-Security max-age on answers that went out over TLS (or forwarded as https by a trusted proxy); 0: no header. */
    HSTS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(63_072_000).default(31_536_000),
    /** Per-address budget on the routes that need no token (sign-in, session config, action pages, calendar feed, MCP metadata); 0 turns it off. */
    PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(120),
    PUBLIC_RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(100_000).default(60),
    /** Per-address budget on /dav/ (CalDAV with app passwords: a sync sends bursts of requests); 0 turns it off. */
    DAV_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(600),
    DAV_RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(100_000).default(300),
    /** Accept app passwords over plain http from other than loopback (behind a TLS-terminating proxy not in TRUSTED_PROXIES); off by default. */
    DAV_ALLOW_PLAIN_HTTP: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
    /** Per-user request budget on /api/v1 (0 turns limiting off). */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
    RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(200),
    WEBHOOK_ALLOW_PRIVATE: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
    /**
     * Private addresses webhooks may still reach while WEBHOOK_ALLOW_PRIVATE
     * is off (comma-separated addresses or CIDRs, at most 16), e.g. a test
     * receiver on a local cluster's host; every other private address stays
     * refused. Empty: none.
     */
    WEBHOOK_ALLOW_ADDRESSES: z
      .string()
      .default("")
      .transform((v) => v.split(",").map((e) => e.trim()).filter(Boolean))
      .superRefine((list, ctx) => {
        if (list.length > MAX_WEBHOOK_ALLOW_ADDRESSES) ctx.addIssue({ code: "custom", message: `at most ${MAX_WEBHOOK_ALLOW_ADDRESSES} entries` });
        for (const entry of list) {
          const problem = proxyEntryProblem(entry);
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        }
      }),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(6),
    WEBHOOK_BACKOFF_MS: z.coerce.number().int().positive().default(1000),
    PUBLISH_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
    /** How long a write waits for its task actor at most; past it the answer is 503 outcome-unknown (docs/operations.md). */
    WRITE_TIMEOUT_MS: z.coerce.number().int().min(500).max(25_000).default(5000),
    /** A safe actor call (a create's replay, a read) unanswered this long is sent again while WRITE_TIMEOUT_MS leaves room: its host may be frozen (ADR 0017); 0: never. */
    ACTOR_ATTEMPT_TIMEOUT_MS: z.coerce.number().int().min(0).max(25_000).default(1500),
    /** Load shedding (src/api/loadShedder.ts, ADR 0013): writes refused at once while this many write requests are in flight in the process (past the check, not yet answered); 0: off. */
    SHED_MAX_INFLIGHT_WRITES: z.coerce.number().int().min(0).max(100_000).default(64),
    /** ... or while the event loop lagged past this many ms in the last half second; 0 (the default): not watched, as on shared cores it measures the neighbours too. */
    SHED_EVENT_LOOP_LAG_MS: z.coerce.number().int().min(0).max(60_000).default(0),
    /**
     * Email (the notifications app): an SMTP server as a URL
     * (smtp[s]://user:pass@host:port) or as host/port/user/pass; unset: no
     * email channel. SMTP_FROM is the sender; the links in a reminder email
     * land on PUBLIC_BASE_URL and are signed with ACTION_LINK_SECRET, which
     * the api needs too, to honour them.
     */
    SMTP_URL: z.string().regex(/^smtps?:\/\/\S+$/, "must be an smtp:// or smtps:// URL").optional(),
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: port.default(587),
    /** TLS from the first byte (port 465); otherwise STARTTLS (see SMTP_REQUIRE_TLS). */
    SMTP_SECURE: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
    /**
     * A plain connection must upgrade with STARTTLS or the email is not sent
     * (docs/security.md). `false` only for a loopback test receiver without
     * TLS: then STARTTLS is still used when offered.
     */
    SMTP_REQUIRE_TLS: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
    SMTP_USER: z.string().min(1).optional(),
    SMTP_PASS: z.string().min(1).optional(),
    SMTP_FROM: z.string().regex(/^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/, "must be an address, optionally with a name: Tickler <tickler@example.com>").optional(),
    SMTP_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    ACTION_LINK_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** The daily digest: users handled per cron tick; reconcile: tasks checked per tick. */
    DIGEST_BATCH: z.coerce.number().int().min(1).default(500),
    RECONCILE_BATCH: z.coerce.number().int().min(0).default(50),
    /** Live-stream resume (docs/api.md: live stream): each replica's in-memory window per user, the fast path. */
    STREAM_RESUME_WINDOW_FRAMES: z.coerce.number().int().min(0).default(200),
    STREAM_RESUME_WINDOW_MS: z.coerce.number().int().min(0).default(5 * 60_000),
    /** How far before the last event's recorded time a resume from history starts (cross-consumer reordering). */
    STREAM_RESUME_OVERLAP_MS: z.coerce.number().int().min(0).default(2000),
    /** A resume that would replay more than this many events from history gets `resync` instead. */
    STREAM_RESUME_MAX_EVENTS: z.coerce.number().int().min(1).default(1000),
    /** Bytes one stream client may have waiting (not yet taken by its socket) before it is dropped as too slow. */
    STREAM_CLIENT_MAX_BUFFER_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
    /**
     * An event whose handling keeps failing this long while the app's own
     * store answers is dead-lettered (src/http/subscriptions/deliveryPolicy.ts);
     * while the store is down nothing is. Tests shorten it.
     */
    SUBSCRIBER_GIVE_UP_AFTER_MS: z.coerce.number().int().min(1000).default(300_000),
  })
  .superRefine((c, ctx) => {
    if (c.ROLE === "api" && !c.AUTH_JWT_SECRET && !c.AUTH_JWKS_URL) {
      ctx.addIssue({ code: "custom", path: ["AUTH_JWT_SECRET"], message: "set AUTH_JWT_SECRET or AUTH_JWKS_URL" });
    }
    if (c.AUTH_JWKS_URL) {
      // A shared identity provider signs tokens for every application with the same keys.
      for (const key of ["AUTH_ISSUER", "AUTH_AUDIENCE"] as const) {
        if (!c[key]) ctx.addIssue({ code: "custom", path: [key], message: "required with AUTH_JWKS_URL (otherwise a token the provider issued for another application or tenant would be accepted)" });
      }
    }
    if (c.AUTH_DEV_SIGN_IN && c.AUTH_ISSUER) {
      ctx.addIssue({ code: "custom", path: ["AUTH_DEV_SIGN_IN"], message: "must be off when AUTH_ISSUER is configured (an identity provider signs people in)" });
    }
    if (c.AUTH_DEV_SIGN_IN && c.NODE_ENV === "production") {
      ctx.addIssue({ code: "custom", path: ["AUTH_DEV_SIGN_IN"], message: "must be off in production (NODE_ENV=production, as in the image)" });
    }
    if (c.AUTH_DEV_SIGN_IN && !c.AUTH_JWT_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_DEV_SIGN_IN"], message: "needs AUTH_JWT_SECRET to sign the tokens it hands out" });
    }
    if (c.SMTP_URL && c.SMTP_HOST) {
      ctx.addIssue({ code: "custom", path: ["SMTP_HOST"], message: "set SMTP_URL or SMTP_HOST, not both" });
    }
    const smtpUrl = c.SMTP_URL ? smtpUrlParts(c.SMTP_URL) : null;
    const tlsInQuery = smtpUrl?.queryKeys.filter((k) => URL_TLS_OPTIONS.test(k)) ?? [];
    if (tlsInQuery.length > 0) {
      ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: `must not set ${tlsInQuery.join(", ")} in its query: TLS is SMTP_REQUIRE_TLS's (or smtps://)` });
    }
    const implicitTls = smtpUrl ? smtpUrl.implicitTls : c.SMTP_SECURE;
    const credentials = smtpUrl ? smtpUrl.credentials : c.SMTP_USER !== undefined;
    if (!c.SMTP_REQUIRE_TLS && !implicitTls && credentials) {
      ctx.addIssue({ code: "custom", path: ["SMTP_REQUIRE_TLS"], message: "must stay true when signing in to the SMTP server over smtp:// (the password would cross the network in clear)" });
    }
    if (c.ROLE === "notifications" && (c.SMTP_URL || c.SMTP_HOST)) {
      for (const key of ["SMTP_FROM", "ACTION_LINK_SECRET", "PUBLIC_BASE_URL"] as const) {
        if (!c[key]) ctx.addIssue({ code: "custom", path: [key], message: "required when SMTP is configured (reminder emails name a sender and carry signed links to the API)" });
      }
    }
    if (c.ROLE === "api" && !c.REDIS_HOST) {
      ctx.addIssue({ code: "custom", path: ["REDIS_HOST"], message: "required for the api role (actor state store)" });
    }
  });

export type Config = z.infer<typeof schema>;

export const streamPubsubName = (c: Pick<Config, "PUBSUB_NAME" | "STREAM_PUBSUB_NAME">): string => c.STREAM_PUBSUB_NAME ?? `${c.PUBSUB_NAME}-stream`;

/** The SMTP server of the email channel, or null when none is configured. */
export function smtpSettings(c: Config): SmtpSettings | null {
  if (!c.SMTP_FROM || (!c.SMTP_URL && !c.SMTP_HOST)) return null;
  const common = { from: c.SMTP_FROM, timeoutMs: c.SMTP_TIMEOUT_MS, requireTLS: c.SMTP_REQUIRE_TLS };
  if (c.SMTP_URL) return { ...common, url: c.SMTP_URL };
  return { ...common, host: c.SMTP_HOST, port: c.SMTP_PORT, secure: c.SMTP_SECURE, user: c.SMTP_USER, pass: c.SMTP_PASS };
}

/** SMTP_URL query keys that would change TLS behind SMTP_REQUIRE_TLS's back (nodemailer lets the URL's query win). */
const URL_TLS_OPTIONS = /^(?:requiretls|ignoretls|opportunistictls|secure|tls\..*)$/i;

/** What start-up validation needs of an SMTP_URL (the regex above has already checked its scheme). */
function smtpUrlParts(url: string): { implicitTls: boolean; credentials: boolean; queryKeys: string[] } {
  try {
    const u = new URL(url);
    return { implicitTls: u.protocol === "smtps:", credentials: u.username !== "" || u.password !== "", queryKeys: [...u.searchParams.keys()] };
  } catch {
    return { implicitTls: false, credentials: false, queryKeys: [] };
  }
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${problems.join("\n")}`);
  }
  return parsed.data;
}
