/**
 * Health. The public /healthz (routed by the Ingress) and /metrics read what a
 * background monitor last saw through the connections the app already holds;
 * no request to them opens a connection to anything. /healthz says "up" or
 * "down" only; which dependency is down, and since when, is on
 * /internal/health, which answers only with the app API token.
 *
 * Why a token-guarded route rather than a separate internal port: the app
 * token already guards every sidecar route (it is mounted with them, behind
 * the gate: http/app.ts), the Ingress never forwards it, and a second listener
 * would need its own Service port, probe wiring and network policy in every
 * deployment, for one JSON document.
 */
import { newRouter, type Router } from "../infra/http/router.js";

export type HealthCheck = () => Promise<boolean>;
export type CheckState = "ok" | "down";

export interface HealthChecks {
  /** What this process itself needs to serve: its own sidecar, its own live-stream consumer. */
  ready: Record<string, HealthCheck>;
  /**
   * Shared dependencies (store, broker, Redis). Not part of readiness: when
   * Kafka or the read store is down, every replica would leave the Service at
   * once, while the outbox exists precisely to keep accepting writes then.
   * They show in /internal/health and in the tickler_dependency_up metric.
   */
  dependencies: Record<string, HealthCheck>;
}

export async function runChecks(checks: Record<string, HealthCheck>, timeoutMs = 3000): Promise<Record<string, CheckState>> {
  const names = Object.keys(checks);
  const results = await Promise.all(names.map((name) => withTimeout(checks[name]!(), timeoutMs).catch(() => false)));
  return Object.fromEntries(names.map((name, i) => [name, results[i] ? "ok" : "down"]));
}

function withTimeout(check: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([check, late]).finally(() => clearTimeout(timer));
}

/**
 * Runs the dependency checks in the background, one round at a time, every
 * `intervalMs`, and keeps the last result. Until the first round ends every
 * dependency reads "down" (nothing has been seen yet).
 */
export class DependencyMonitor {
  private states: Record<string, CheckState>;
  private since: Record<string, string> = {};
  private checkedAt: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;

  constructor(
    private readonly checks: Record<string, HealthCheck>,
    private readonly intervalMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.states = Object.fromEntries(Object.keys(checks).map((name) => [name, "down" as const]));
  }

  start(): void {
    if (this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.intervalMs);
    this.timer.unref();
  }

  /** One round now (a round already running is joined, never doubled). */
  refresh(): Promise<void> {
    this.round ??= runChecks(this.checks, Math.max(500, Math.min(3000, this.intervalMs)))
      .then((states) => {
        const at = this.now().toISOString();
        for (const [name, state] of Object.entries(states)) if (this.states[name] !== state || !this.since[name]) this.since[name] = at;
        this.states = states;
        this.checkedAt = at;
      })
      .finally(() => (this.round = null));
    return this.round;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get state(): Record<string, CheckState> {
    return { ...this.states };
  }

  get up(): boolean {
    return Object.values(this.states).every((s) => s === "ok");
  }

  get details() {
    return {
      status: this.up ? "up" : "down",
      checkedAt: this.checkedAt,
      intervalMs: this.intervalMs,
      dependencies: Object.fromEntries(Object.entries(this.states).map(([name, state]) => [name, { state, since: this.since[name] ?? null }])),
    };
  }
}

/**
 * /healthz: alive (always 200: it is the liveness probe, and a broker outage
 * must not restart every pod), "up" or "down". /readyz: this process can
 * serve; not while it drains for shutdown (`draining`, src/app.ts).
 */
export function healthRouter(checks: HealthChecks, monitor: Pick<DependencyMonitor, "up">, draining: () => boolean = () => false): Router {
  const router = newRouter();
  router.get("/healthz", (ctx) => {
    ctx.set("Cache-Control", "no-store");
    ctx.body = { status: monitor.up ? "up" : "down" };
  });
  router.get("/readyz", async (ctx) => {
    const status: Record<string, CheckState> = { ...(await runChecks(checks.ready)), ...(draining() ? { shutdown: "down" } : {}) };
    const ready = Object.values(status).every((s) => s === "ok");
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? "ready" : "not ready", checks: status };
  });
  return router;
}

/**
 * /internal/health: each dependency's state and since when, and this
 * process's readiness checks. Mounted with the sidecar routers, so only a
 * caller with the app token reaches it (operators: see docs/security.md).
 */
export function internalHealthRouter(checks: HealthChecks, monitor: Pick<DependencyMonitor, "details">): Router {
  const router = newRouter();
  router.get("/internal/health", async (ctx) => {
    ctx.set("Cache-Control", "no-store");
    ctx.body = { ...monitor.details, ready: await runChecks(checks.ready) };
  });
  return router;
}
