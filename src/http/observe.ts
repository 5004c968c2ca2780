/**
 * The outermost middleware of every app: one SERVER span per request
 * (continuing the caller's trace from `traceparent`, which daprd sends on
 * actor calls, service invocation and event delivery) and the request
 * duration histogram. Both are labelled with the matched route pattern, never
 * the raw path, so ids do not explode the label set. Probes and /metrics are
 * not traced.
 *
 * Whose `traceparent` is trusted: daprd's, on the callback routes (they need
 * the app token). A public client's only becomes a link from a new root span:
 * otherwise any caller could force sampling past TRACE_SAMPLE_RATIO or graft
 * requests onto someone else's trace, and an operator can still follow the
 * link from the client's trace to ours.
 */
import { propagation, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import type { Context, Middleware } from "koa";
import type { Metrics } from "../infra/metrics.js";
import { inSpan, SpanKind } from "../telemetry/tracing.js";
import { loggablePath } from "./secretPaths.js";

const UNTRACED = new Set(["/healthz", "/readyz", "/metrics"]);
/** Callback routes: only daprd (holding the app token) reaches them. */
const CALLBACK_PREFIXES = ["/actors/", "/dapr/", "/internal/"];
const isCallback = (path: string) => CALLBACK_PREFIXES.some((p) => path.startsWith(p));
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
    const incoming = propagation.extract(ROOT_CONTEXT, ctx.headers);
    const callback = isCallback(ctx.path);
    const clientSpan = callback ? undefined : trace.getSpanContext(incoming);
    const options = {
      kind: SpanKind.SERVER,
      parent: callback ? incoming : ROOT_CONTEXT,
      links: clientSpan ? [{ context: clientSpan, attributes: { "tickler.link": "client" } }] : [],
      attributes: { "http.request.method": ctx.method, "url.path": loggablePath(ctx.path) },
    };
    await inSpan(`${ctx.method}`, options, async (span) => {
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
