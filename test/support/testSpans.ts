/**
 * GET /internal/test/spans?trace=<id>: the spans this process finished in a
 * trace, and those linking to it (the test stack only; behind the app token
 * like every /internal route). The tracing tests gather them from all apps.
 */
import { newRouter, type Router } from "../../src/infra/http/router.js";
import type { RecentSpans } from "./recentSpans.js";

export function testSpanRoutes(exporter: RecentSpans, app: string): Router {
  const router = newRouter();
  router.get("/internal/test/spans", (ctx) => {
    const traceId = String(ctx.query.trace ?? "");
    ctx.body = exporter
      .finished()
      .filter((s) => s.spanContext().traceId === traceId || s.links.some((l) => l.context.traceId === traceId))
      .map((s) => ({
        app,
        name: s.name,
        kind: s.kind,
        traceId: s.spanContext().traceId,
        spanId: s.spanContext().spanId,
        parentSpanId: s.parentSpanContext?.spanId ?? null,
        links: s.links.map((l) => ({ traceId: l.context.traceId, spanId: l.context.spanId })),
        attributes: s.attributes,
        status: s.status.code,
        startMs: s.startTime[0] * 1000 + s.startTime[1] / 1e6,
      }));
  });
  return router;
}
