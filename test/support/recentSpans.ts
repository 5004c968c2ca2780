/**
 * The test stack's span store: the most recent finished spans of this
 * process, bounded so that a long test run cannot grow memory without limit.
 */
import { core, type tracing } from "@opentelemetry/sdk-node";

export class RecentSpans implements tracing.SpanExporter {
  private spans: tracing.ReadableSpan[] = [];

  constructor(private readonly capacity = 50_000) {}

  export(spans: tracing.ReadableSpan[], done: (result: core.ExportResult) => void): void {
    this.spans.push(...spans);
    // Drop the oldest quarter at once rather than one by one on every export.
    if (this.spans.length > this.capacity) this.spans = this.spans.slice(Math.floor(this.capacity / 4));
    done({ code: core.ExportResultCode.SUCCESS });
  }

  finished(): readonly tracing.ReadableSpan[] {
    return this.spans;
  }

  async shutdown(): Promise<void> {
    this.spans = [];
  }
}
