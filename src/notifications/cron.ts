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
import { newRouter, type Router } from "../infra/http/router.js";
import type { Logger } from "../infra/logger.js";

export const CRON_ROUTE = "/internal/cron/tick";

export interface CronWork {
  name: string;
  run(now: Date): Promise<number>;
}

/**
 * A pass still running after this long no longer keeps the next ticks out: a
 * pass stuck on a store that restarted under it would otherwise stop every
 * digest until the process restarts. Both kinds of work are idempotent (the
 * digest's unique key, the reconcile's "register what is missing"), so a
 * second pass beside a stuck one is safe; the stuck one is logged.
 */
export const CRON_PASS_LIMIT_MS = 30_000;

export function cronRoutes(work: CronWork[], log: Logger, now: () => Date = () => new Date(), passLimitMs = CRON_PASS_LIMIT_MS): Router & { idle(): Promise<void> } {
  const router = newRouter();
  const running = new Map<string, { pass: Promise<void>; startedAt: number }>();
  const start = (w: CronWork, at: Date) => {
    const current = running.get(w.name);
    if (current) {
      if (at.getTime() - current.startedAt < passLimitMs) return;
      log.warn({ work: w.name, runningMs: at.getTime() - current.startedAt }, "cron tick work still running past its limit; starting another pass beside it");
    }
    const pass: Promise<void> = w
      .run(at)
      .then((n) => log.debug({ work: w.name, n }, "cron tick work done"))
      .catch((err: unknown) => log.error({ err, work: w.name }, "cron tick work failed; the next tick retries"))
      .finally(() => {
        if (running.get(w.name)?.pass === pass) running.delete(w.name);
      });
    running.set(w.name, { pass, startedAt: at.getTime() });
  };
  router.post(CRON_ROUTE, (ctx) => {
    const at = now();
    for (const w of work) start(w, at);
    ctx.status = 200;
    ctx.body = "";
  });
  return Object.assign(router, { idle: async () => void (await Promise.all([...running.values()].map((r) => r.pass))) });
}
