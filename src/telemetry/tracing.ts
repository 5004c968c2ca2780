/**
 * Spans at Tickler's own boundaries (HTTP in, daprd calls out, actor methods,
 * publish, consume, webhook delivery) with the OpenTelemetry API. The W3C
 * `traceparent` is carried explicitly wherever work crosses a process or a
 * delay: HTTP headers to and from daprd, the CloudEvent envelope, the actor
 * outbox and the notification inbox. That is what keeps an event flushed
 * minutes later, or a reminder fired days later, attached to the request
 * that caused it.
 */
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Link, type Span } from "@opentelemetry/api";

export { SpanKind };

const tracer = () => trace.getTracer("tickler");

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  links?: Link[];
  /** Parent context; the active one when absent. */
  parent?: Context;
}

/** Runs `work` in a new active span; an exception marks the span as an error and is rethrown. */
export function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const { parent, ...spanOptions } = options;
  return tracer().startActiveSpan(name, spanOptions, parent ?? context.active(), async (span) => {
    try {
      return await work(span);
    } catch (err) {
      span.recordException(err instanceof Error ? err : String(err));
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
      throw err;
    } finally {
      span.end();
    }
  });
}

export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** The active span as W3C headers (empty when there is none). */
export function currentTraceHeaders(ctx: Context = context.active()): TraceCarrier {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return { ...(carrier.traceparent ? { traceparent: carrier.traceparent } : {}), ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}) };
}

export function currentTraceparent(): string | undefined {
  return currentTraceHeaders().traceparent;
}

/** A parent context from a stored or received traceparent (the root context when absent or malformed). */
export function contextFrom(carrier: TraceCarrier | undefined): Context {
  return carrier?.traceparent ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
}

/** A link to the span a traceparent names, for work that follows it later (a reminder firing). */
export function linkTo(traceparent: string | undefined): Link[] {
  const spanContext = trace.getSpanContext(contextFrom({ traceparent }));
  return spanContext ? [{ context: spanContext }] : [];
}

/** Trace and span id of the active span, for log lines. */
export function activeIds(): { trace_id: string; span_id: string } | Record<string, never> {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext ? { trace_id: spanContext.traceId, span_id: spanContext.spanId } : {};
}

/**
 * Continues the trace a stored traceparent names (work deferred through an
 * outbox or inbox): a span under that parent, linked to whatever is running
 * now (an outbox reminder, a dispatcher round) when that is another trace.
 */
export function resumeTrace<T>(traceparent: string | undefined, name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const now = trace.getActiveSpan()?.spanContext();
  const stored = trace.getSpanContext(contextFrom({ traceparent }));
  if (!stored || stored.traceId === now?.traceId) return inSpan(name, options, work);
  return inSpan(name, { ...options, parent: contextFrom({ traceparent }), links: [...(options.links ?? []), ...(now ? [{ context: now }] : [])] }, work);
}
