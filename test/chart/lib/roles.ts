/**
 * What each role (Dapr app) of the real code declares, built from the real
 * role wiring with an unopened MongoDB connection (no I/O): its
 * subscriptions (GET /dapr/subscribe) and the HTTP routes it serves. The
 * chart tests hold the chart's topics, ACLs and access control to these.
 */
import Koa from "koa";
import mongoose from "mongoose";
import request from "supertest";
import { loadConfig, ROLES, type Role } from "../../../src/infra/config.js";
import { createLogger } from "../../../src/infra/logger.js";
import { Metrics } from "../../../src/infra/metrics.js";
import { Sidecar } from "../../../src/infra/sidecar.js";
import { composeApi } from "../../../src/api/compose.js";
import { composeAudit } from "../../../src/audit/compose.js";
import { composeNotifications } from "../../../src/notifications/compose.js";
import type { AppParts } from "../../../src/http/appParts.js";
import { lifecycle } from "../../../src/infra/lifecycle.js";
import { subscriptionRouter, type TopicSubscriber } from "../../../src/http/subscriptions/adapter.js";

export interface Subscription {
  pubsubname: string;
  topic: string;
  deadLetterTopic?: string;
}

export interface Route {
  method: string;
  path: string;
}

export interface Declared {
  subscriptions: Record<Role, Subscription[]>;
  routes: Record<Role, Route[]>;
}

const BUILDERS = { api: composeApi, notifications: composeNotifications, audit: composeAudit };

export async function declaredByRoles(): Promise<Declared> {
  const subscriptions = {} as Record<Role, Subscription[]>;
  const routes = {} as Record<Role, Route[]>;
  for (const role of ROLES) {
    const config = loadConfig({
      ROLE: role,
      DAPR_API_TOKEN: "d".repeat(16),
      APP_API_TOKEN: "a".repeat(16),
      MONGODB_URI: "mongodb://127.0.0.1:1/tickler",
      KAFKA_BROKERS: "127.0.0.1:1",
      REDIS_HOST: "127.0.0.1:1",
      AUTH_JWT_SECRET: "s".repeat(32),
    });
    const log = createLogger("silent");
    const mongo = mongoose.createConnection();
    const sidecar = new Sidecar({ host: config.DAPR_HOST, httpPort: config.DAPR_HTTP_PORT, apiToken: config.DAPR_API_TOKEN });
    const parts: AppParts = BUILDERS[role]({ config, log, sidecar, mongo, metrics: new Metrics(role) });
    await lifecycle(parts.workers).stop();
    const app = new Koa().use(subscriptionRouter(config.PUBSUB_NAME, parts.subscribers as TopicSubscriber<unknown>[], log).routes());
    const res = await request(app.callback()).get("/dapr/subscribe").expect(200);
    subscriptions[role] = res.body as Subscription[];
    // Sidecar routers (daprd's callbacks, service invocation) and public ones alike.
    routes[role] = [...parts.sidecarRouters, ...parts.routers].flatMap((r) =>
      r.stack.flatMap((layer) => layer.methods.filter((m) => m !== "HEAD").map((method) => ({ method, path: String(layer.path) }))),
    );
    await mongo.destroy();
  }
  return { subscriptions, routes };
}
