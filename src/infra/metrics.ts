/**
 * Prometheus metrics of this process (prom-client), served on GET /metrics.
 * One registry per process; metric names are `tickler_*`.
 */
import Router from "@koa/router";
import { collectDefaultMetrics, Histogram, Registry } from "prom-client";

export class Metrics {
  readonly registry = new Registry();
  /** Reminder lateness: firedAt − remindAt, as seen by the actor when the scheduler calls it. */
  readonly reminderLateness = new Histogram({
    name: "tickler_reminder_lateness_seconds",
    help: "Time from a reminder's planned instant to its firing in the task actor",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  constructor(app: string) {
    this.registry.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this.registry });
  }

  router(): Router {
    const router = new Router();
    router.get("/metrics", async (ctx) => {
      ctx.type = this.registry.contentType;
      ctx.body = await this.registry.metrics();
    });
    return router;
  }
}
