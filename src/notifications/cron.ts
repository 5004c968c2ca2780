/**
 * The Dapr cron input binding's callback (components/cron-tick.yaml, route
 * /internal/cron/tick, so it needs the app token like every daprd call):
 * every few minutes, the daily digests and the reminder reconcile. One tick
 * at a time per process; a tick arriving while one runs is answered at once
 * (the running one covers it). Answered 200 even when the work failed: the
 * next tick retries, and daprd would only log the error.
 */
import Router from "@koa/router";
import type { Logger } from "../infra/logger.js";

export const CRON_ROUTE = "/internal/cron/tick";

export function cronRoutes(work: { name: string; run: (now: Date) => Promise<number> }[], log: Logger, now: () => Date = () => new Date()): Router {
  const router = new Router();
  let running: Promise<void> | null = null;
  const tick = async () => {
    const at = now();
    const results: Record<string, number> = {};
    for (const w of work) {
      try {
        results[w.name] = await w.run(at);
      } catch (err) {
        log.error({ err, work: w.name }, "cron tick work failed; the next tick retries");
      }
    }
    log.debug({ results }, "cron tick");
  };
  router.post(CRON_ROUTE, async (ctx) => {
    if (!running) {
      running = tick().finally(() => {
        running = null;
      });
      await running;
    }
    ctx.status = 200;
    ctx.body = "";
  });
  router.options(CRON_ROUTE, (ctx) => {
    ctx.status = 200;
  });
  return router;
}
