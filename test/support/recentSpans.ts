/**
 * The test stack's span store: the most recent finished spans of this
 * process, bounded so that a long test run cannot grow memory without limit.
 */
import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace";

export class RecentSpans implements SpanExporter {
  private spans: ReadableSpan[] = [];

  constructor(private readonly capacity = 50_000) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.spans.push(...spans);
    // Drop the oldest quarter at once rather than one by one on every export.
    if (this.spans.length > this.capacity) this.spans = this.spans.slice(Math.floor(this.capacity / 4));
    done({ code: ExportResultCode.SUCCESS });
  }

  finished(): readonly ReadableSpan[] {
    return this.spans;
  }

  async shutdown(): Promise<void> {
    this.spans = [];
  }
}
