/**
 * The Dapr cron input binding's callback (components/cron-tick.yaml, route
 * /internal/cron/tick, so it needs the app token like every daprd call):
 * every few minutes, the daily digests and the reminder reconcile. Each kind
 * of work runs at most once at a time per process, independently, so a slow
 * reconcile pass (an actor call waiting out its timeout) never delays a
 * digest; a tick that finds one still running skips it (the running pass
 * covers it). The call is answered at once, without waiting for the work:
 * daprd only logs a failed binding call, and the next tick retries anyway.
 */
import Router from "@koa/router";
import type { Logger } from "../infra/logger.js";

export const CRON_ROUTE = "/internal/cron/tick";

export interface CronWork {
  name: string;
  run(now: Date): Promise<number>;
}

export function cronRoutes(work: CronWork[], log: Logger, now: () => Date = () => new Date()): Router & { idle(): Promise<void> } {
  const router = new Router();
  const running = new Map<string, Promise<void>>();
  const start = (w: CronWork, at: Date) => {
    if (running.has(w.name)) return;
    const pass = w
      .run(at)
      .then((n) => log.debug({ work: w.name, n }, "cron tick work done"))
      .catch((err: unknown) => log.error({ err, work: w.name }, "cron tick work failed; the next tick retries"))
      .finally(() => running.delete(w.name));
    running.set(w.name, pass);
  };
  router.post(CRON_ROUTE, (ctx) => {
    const at = now();
    for (const w of work) start(w, at);
    ctx.status = 200;
    ctx.body = "";
  });
  return Object.assign(router, { idle: async () => void (await Promise.all(running.values())) });
}
