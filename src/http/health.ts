import { newRouter, type Router } from "../infra/http/router.js";

export type HealthCheck = () => Promise<boolean>;

export interface HealthChecks {
  /** What this process itself needs to serve: its own sidecar, its own live-stream consumer. */
  ready: Record<string, HealthCheck>;
  /**
   * Shared dependencies (store, broker, Redis). Not part of readiness: when
   * Kafka or the read store is down, every replica would leave the Service at
   * once, while the outbox exists precisely to keep accepting writes then.
   * They show in /healthz and in the tickler_dependency_up metric.
   */
  dependencies: Record<string, HealthCheck>;
}

export async function runChecks(checks: Record<string, HealthCheck>): Promise<Record<string, "ok" | "down">> {
  const names = Object.keys(checks);
  const results = await Promise.all(names.map((name) => checks[name]!().catch(() => false)));
  return Object.fromEntries(names.map((name, i) => [name, results[i] ? "ok" : "down"]));
}

/** /healthz: alive (always 200), with each dependency's state. /readyz: this process can serve. */
export function healthRouter(checks: HealthChecks): Router {
  const router = newRouter();
  router.get("/healthz", async (ctx) => {
    ctx.body = { status: "ok", dependencies: await runChecks(checks.dependencies) };
  });
  router.get("/readyz", async (ctx) => {
    const status = await runChecks(checks.ready);
    const ready = Object.values(status).every((s) => s === "ok");
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? "ready" : "not ready", checks: status };
  });
  return router;
}
