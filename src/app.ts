/**
 * Starts one app (ROLE=api|notifications|audit). Config is validated first; a
 * bad config exits with the list of problems. Entry points (src/main.ts, and
 * the test stack's test/support/testMain.ts) import the telemetry SDK before
 * this module and may add hooks that only tests use.
 */
import { stopTelemetry } from "./telemetry/sdk.js";
import type { Server } from "node:http";
import type Koa from "koa";
import { setTimeout as sleep } from "node:timers/promises";
import { createApp, routeTable, type AppRouters, type RouteTable } from "./http/app.js";
import { DependencyMonitor, healthRouter, internalHealthRouter, type HealthChecks } from "./http/health.js";
import { ConfigError, loadConfig, type Config } from "./infra/config.js";
import { createLogger, type Logger } from "./infra/logger.js";
import { connectMongo, mongoHealthy } from "./infra/mongo.js";
import { Metrics } from "./infra/metrics.js";
import { KafkaProbe } from "./infra/kafkaProbe.js";
import { Sidecar } from "./infra/sidecar.js";
import { untilSidecarGone } from "./infra/sidecarGone.js";
import type { Router } from "./infra/http/router.js";
import { composeApi, type ApiHooks } from "./api/compose.js";
import { composeAudit } from "./audit/compose.js";
import { composeNotifications } from "./notifications/compose.js";
import type { AppContext, AppParts } from "./http/appParts.js";
import { lifecycle, type Lifecycle, type Worker } from "./infra/lifecycle.js";
import { subscriptionRouter, type TopicSubscriber } from "./http/subscriptions/adapter.js";

async function connectWithRetry(config: Config, log: Logger) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connectMongo(config.MONGODB_URI);
    } catch (err) {
      if (attempt >= 30) throw err;
      log.warn({ attempt, err: (err as Error).message }, "MongoDB not reachable yet; retrying");
      await sleep(1000);
    }
  }
}

export interface AppHooks extends ApiHooks {
  /** More routes daprd calls (behind the app token like every callback route). */
  sidecarRouters?(role: Config["ROLE"]): Router[];
}

export interface BuiltApp {
  app: Koa;
  parts: AppParts;
  /** Starts the app's workers in order; stop() stops them in reverse. Building started none. */
  workers: Lifecycle;
  /** Every route the app serves, sidecar-only or not (test/unit/routeGuard.test.ts walks it). */
  routes: RouteTable;
}

/** Each app's composition module. */
const COMPOSE: Record<Config["ROLE"], (ctx: AppContext, hooks: AppHooks) => AppParts> = {
  api: composeApi,
  audit: composeAudit,
  notifications: composeNotifications,
};

/** The app of one role, routes and all, with no background work started and no port opened. */
/** `draining`: the process is shutting down and still serving (/readyz answers 503). */
export function buildApp(ctx: AppContext, hooks: AppHooks = {}, draining: () => boolean = () => false): BuiltApp {
  const { config, log, sidecar, mongo, metrics } = ctx;
  const parts = COMPOSE[config.ROLE](ctx, hooks);
  const kafka = new KafkaProbe(config.KAFKA_BROKERS);
  const health: HealthChecks = {
    ready: { sidecar: () => sidecar.healthy(), ...parts.checks.ready },
    dependencies: { mongo: () => mongoHealthy(mongo), broker: () => kafka.check(), ...parts.checks.dependencies },
  };
  // Checked in the background over held connections; /healthz and /metrics read the last round.
  const monitor = new DependencyMonitor(health.dependencies, config.HEALTH_CHECK_INTERVAL_MS);
  metrics.watchDependencies(async () => monitor.state);
  const routers: AppRouters = {
    sidecarRouters: [
      ...(hooks.sidecarRouters?.(config.ROLE) ?? []),
      subscriptionRouter(config.PUBSUB_NAME, parts.subscribers as TopicSubscriber<unknown>[], log, metrics, {
        // Every consumer of these apps writes to the read store: its outage defers, never dead-letters.
        storeUp: () => mongoHealthy(mongo),
        giveUpAfterMs: config.SUBSCRIBER_GIVE_UP_AFTER_MS,
      }),
      ...parts.sidecarRouters,
      // Not called by daprd: mounted here for the app-token gate (operators and the test stack read it).
      internalHealthRouter(health, monitor),
    ],
    routers: [healthRouter(health, monitor, draining), metrics.router(), ...parts.routers],
  };
  const app = createApp({
    log,
    appApiToken: config.APP_API_TOKEN,
    metrics,
    trustedProxies: config.TRUSTED_PROXIES,
    hstsMaxAgeSeconds: config.HSTS_MAX_AGE_SECONDS,
    ...routers,
  });
  // The monitor checks over the parts' held connections: started after them, stopped before them.
  const healthMonitor: Worker = {
    name: "health monitor",
    start: () => monitor.start(),
    stop: () => {
      monitor.stop();
      kafka.close();
    },
  };
  return { app, parts, workers: lifecycle([...parts.workers, healthMonitor]), routes: routeTable(routers) };
}

export async function startApp(hooks: AppHooks = {}): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL, { app: config.ROLE });
  const sidecar = new Sidecar({ host: config.DAPR_HOST, httpPort: config.DAPR_HTTP_PORT, apiToken: config.DAPR_API_TOKEN });
  const mongo = await connectWithRetry(config, log);
  const metrics = new Metrics(config.ROLE);
  let stopping = false;
  const { app, workers } = buildApp({ config, log, sidecar, mongo, metrics }, hooks, () => stopping);
  workers.start();
  const server: Server = app.listen(config.PORT, config.HOST, () =>
    log.info({ port: config.PORT, host: config.HOST }, `${config.ROLE} listening`),
  );
  // Node's 5 s default closed connections daprd and the ingress were about to reuse (ADR 0023).
  server.keepAliveTimeout = config.HTTP_KEEP_ALIVE_MS;

  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Keep serving while draining: daprd is still registered as the host of this
    // replica's actors and forwards their calls here until its own shutdown
    // (dapr.io/block-shutdown-duration) hands them to another replica. Closing
    // at once failed those calls; so did closing at a fixed time when daprd
    // left later than planned, hence the wait until it is gone (ADR 0024).
    const drainMs = config.SHUTDOWN_DRAIN_MS;
    const sidecarWaitMs = config.SHUTDOWN_SIDECAR_WAIT_MS;
    log.info({ signal, drainMs, sidecarWaitMs }, "shutting down");
    setTimeout(() => {
      const started = Date.now();
      untilSidecarGone(async () => !(await sidecar.stopped()), sidecarWaitMs)
        .then((how) => {
          if (sidecarWaitMs > 0) log.info({ sidecar: how, waitedMs: Date.now() - started }, how === "gone" ? "daprd is gone: closing" : "daprd still answers at the bound: closing");
        })
        .finally(() => closeServer())
        .catch(() => undefined);
    }, drainMs).unref();
    setTimeout(() => process.exit(0), drainMs + sidecarWaitMs + 10_000).unref();
  };
  const closeServer = () => {
    server.close(() => {
      workers.stop()
        .then(() => mongo.close())
        .then(() => sidecar.close())
        .then(() => stopTelemetry())
        .then(
          () => process.exit(0),
          () => process.exit(0),
        );
    });
    server.closeIdleConnections(); // sidecars keep connections alive
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}
