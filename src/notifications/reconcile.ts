/**
 * The reconcile on the cron tick: walks the reminder plans the notifications
 * app keeps (reminder_plans, from task-updates) a page per tick, and asks
 * each task with a reminder still to come, or one overdue that was never
 * delivered (ADR 0025), to compare what it wants with what the Dapr
 * scheduler holds (TaskActor.reconcile), registering again what is missing. Cheap and bounded: `batch` tasks per tick, the page remembered in
 * memory (a restart starts over, which only costs a pass).
 */
import type { Logger } from "../infra/logger.js";
import type { Metrics } from "../infra/metrics.js";
import type { NotificationStore } from "./store.js";
import { overdueCandidates } from "../domain/index.js";

/** Tasks asked at once. */
const CONCURRENCY = 4;
/** Reminders due this soon are left alone: they are about to fire, or firing. */
const SETTLE_MS = 5_000;

export class Reconciler {
  private after = "";

  constructor(
    private readonly store: Pick<NotificationStore, "plansAfter" | "existing">,
    /** TaskActor.reconcile through daprd, with the task's overdue undelivered delivery ids: how many reminders it registered again. */
    private readonly reconcileTask: (taskId: string, undelivered: string[]) => Promise<number>,
    private readonly batch: number,
    private readonly log: Logger,
    private readonly metrics?: Pick<Metrics, "remindersRepaired">,
  ) {}

  async tick(now: Date): Promise<number> {
    if (this.batch === 0) return 0;
    const plans = await this.store.plansAfter(this.after, this.batch);
    this.after = plans.length < this.batch ? "" : plans[plans.length - 1]!._id;
    // Overdue reminders with no delivery recorded: their job may be lost in the scheduler (ADR 0025). One query per page.
    const overdue = new Map(plans.map((p) => [p._id, overdueCandidates(p.planned, now)]));
    const delivered = await this.store.existing([...overdue.values()].flat());
    const undelivered = new Map([...overdue].map(([id, ids]) => [id, ids.filter((d) => !delivered.has(d))]));
    const queue = plans
      .filter((p) => p.planned.some((r) => Date.parse(r.remindAt) > now.getTime() + SETTLE_MS) || undelivered.get(p._id)!.length > 0)
      .map((p) => p._id);
    let repaired = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          try {
            const n = await this.reconcileTask(id, undelivered.get(id) ?? []);
            repaired += n;
            // Counted as each task answers, not at the end of the pass: one slow actor call must not hide the others.
            if (n > 0) {
              this.metrics?.remindersRepaired.inc(n);
              this.log.warn({ taskId: id, repaired: n }, "reconcile registered missing reminders again");
            }
          } catch (err) {
            this.log.warn({ err, taskId: id }, "reconcile of a task failed; the next pass tries again");
          }
        }
      }),
    );
    return repaired;
  }
}
