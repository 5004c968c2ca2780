/** The audit app: task-events → the immutable history, and the history feeds the api app reads through Dapr. */
import type { AppContext, AppParts } from "../http/appParts.js";
import type { TopicSubscriber } from "../http/subscriptions/adapter.js";
import { auditRoutes } from "./routes.js";
import { AuditLog } from "./store.js";
import { auditSubscriber } from "./subscriber.js";

export function composeAudit({ mongo }: AppContext): AppParts {
  const audit = new AuditLog(mongo);
  return {
    sidecarRouters: [auditRoutes(audit)],
    routers: [],
    subscribers: [auditSubscriber(audit, () => new Date())] as TopicSubscriber<never>[],
    checks: {},
    workers: [],
  };
}
