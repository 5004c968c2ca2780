/**
 * The outermost middleware of every app: one SERVER span per request
 * (continuing the caller's trace from `traceparent`, which daprd sends on
 * actor calls, service invocation and event delivery) and the request
 * duration histogram. Both are labelled with the matched route pattern, never
 * the raw path, so ids do not explode the label set. Probes and /metrics are
 * not traced.
 */
import { propagation, ROOT_CONTEXT } from "@opentelemetry/api";
import type { Context, Middleware } from "koa";
import type { Metrics } from "../infra/metrics.js";
import { inSpan, SpanKind } from "../telemetry/tracing.js";

const UNTRACED = new Set(["/healthz", "/readyz", "/metrics"]);
/** Event deliveries: the consumer span continues the publisher's trace from the envelope instead. */
const untraced = (path: string) => UNTRACED.has(path) || path.startsWith("/events/");

const routeOf = (ctx: Context): string => (ctx as Context & { _matchedRoute?: string })._matchedRoute ?? "unmatched";

export function observeRequests(metrics?: Pick<Metrics, "httpDuration">): Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    const record = () =>
      metrics?.httpDuration.observe({ method: ctx.method, route: routeOf(ctx), status: String(ctx.status) }, (performance.now() - started) / 1000);
    if (untraced(ctx.path)) {
      try {
        await next();
      } finally {
        record();
      }
      return;
    }
    const parent = propagation.extract(ROOT_CONTEXT, ctx.headers);
    await inSpan(`${ctx.method}`, { kind: SpanKind.SERVER, parent, attributes: { "http.request.method": ctx.method, "url.path": ctx.path } }, async (span) => {
      try {
        await next();
      } finally {
        // The problem middleware inside has turned errors into a status by now.
        span.updateName(`${ctx.method} ${routeOf(ctx)}`);
        span.setAttributes({ "http.route": routeOf(ctx), "http.response.status_code": ctx.status });
        record();
      }
    });
  };
}
