import Router from "@koa/router";

export type HealthCheck = () => Promise<boolean>;

/** /healthz: the process is alive. /readyz: every dependency it needs answers. */
export function healthRouter(checks: Record<string, HealthCheck>): Router {
  const router = new Router();
  router.get("/healthz", (ctx) => {
    ctx.body = { status: "ok" };
  });
  router.get("/readyz", async (ctx) => {
    const names = Object.keys(checks);
    const results = await Promise.all(names.map((name) => checks[name]!().catch(() => false)));
    const status = Object.fromEntries(names.map((name, i) => [name, results[i] ? "ok" : "down"]));
    const ready = results.every(Boolean);
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? "ready" : "not ready", checks: status };
  });
  return router;
}
