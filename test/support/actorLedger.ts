/**
 * GET /internal/test/actors (the test stack only; behind the app token like
 * every /internal route): which actors this process has served. It watches
 * daprd's actor callbacks on their way to the actor host, so it shows where
 * placement actually sent each actor (which replica hosts it), which
 * reminders fired here, and deactivations, without touching the actor code.
 */
import { newRouter, type Router } from "../../src/infra/http/router.js";
import type { Context, Next } from "koa";

export interface LedgerEntry {
  type: string;
  id: string;
  /** Method calls (reminders included) this process served, and when the last one started. */
  calls: number;
  lastCallAt: number;
  /** Reminder callbacks: name, when, and the status this process answered. */
  reminders: { name: string; at: number; status: number }[];
  deactivatedAt: number | null;
}

/** Bounded: the oldest entries go first once a long test run has filled it. */
const MAX_ENTRIES = 100_000;

export function actorLedgerRoutes(): Router {
  const ledger = new Map<string, LedgerEntry>();
  const entry = (type: string, id: string): LedgerEntry => {
    const key = `${type}/${id}`;
    let e = ledger.get(key);
    if (!e) {
      if (ledger.size >= MAX_ENTRIES) ledger.delete(ledger.keys().next().value!);
      ledger.set(key, (e = { type, id, calls: 0, lastCallAt: 0, reminders: [], deactivatedAt: null }));
    }
    return e;
  };
  const called = async (ctx: Context, next: Next) => {
    const e = entry(ctx.params.type!, ctx.params.id!);
    e.calls++;
    e.lastCallAt = Date.now();
    e.deactivatedAt = null;
    await next();
  };

  const router = newRouter();
  // Each observes, then hands the call on (next) to the actor host's routes.
  router.put("/actors/:type/:id/method/remind/:name", called, async (ctx, next) => {
    const at = Date.now();
    await next();
    entry(ctx.params.type!, ctx.params.id!).reminders.push({ name: ctx.params.name!, at, status: ctx.status });
  });
  router.put("/actors/:type/:id/method/:method", called);
  router.delete("/actors/:type/:id", async (ctx, next) => {
    await next();
    entry(ctx.params.type!, ctx.params.id!).deactivatedAt = Date.now();
  });
  router.get("/internal/test/actors", (ctx) => {
    const type = typeof ctx.query.type === "string" ? ctx.query.type : undefined;
    ctx.body = { pid: process.pid, actors: [...ledger.values()].filter((e) => !type || e.type === type) };
  });
  return router;
}
