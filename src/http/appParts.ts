/**
 * What each app's composition module (src/api/compose.ts,
 * src/notifications/compose.ts, src/audit/compose.ts) builds from the shared
 * context and hands to src/app.ts, which adds health, metrics and the
 * subscription router and owns the process.
 */
import type { Connection } from "mongoose";
import type { Config } from "../infra/config.js";
import type { Router } from "../infra/http/router.js";
import type { Worker } from "../infra/lifecycle.js";
import type { Logger } from "../infra/logger.js";
import type { Metrics } from "../infra/metrics.js";
import type { Sidecar } from "../infra/sidecar.js";
import type { HealthChecks } from "./health.js";
import type { TopicSubscriber } from "./subscriptions/adapter.js";

export interface AppContext {
  config: Config;
  log: Logger;
  sidecar: Sidecar;
  mongo: Connection;
  metrics: Metrics;
}

export interface AppParts {
  /** Routes daprd calls (actor callbacks, service invocation, bindings): behind the app token. */
  sidecarRouters: Router[];
  /** Routes for users: each guards itself or is public by design (see test/unit/routeGuard.test.ts). */
  routers: Router[];
  subscribers: TopicSubscriber<never>[];
  /** This app's part of readiness, and the shared dependencies it reports (see http/health.ts). */
  checks: Partial<HealthChecks>;
  /** Background work and held connections, none started yet: src/app.ts starts them in order and stops them in reverse. */
  workers: Worker[];
}
