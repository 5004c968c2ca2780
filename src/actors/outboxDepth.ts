/**
 * Sum of pending outbox entries over the task actors this process has
 * touched. Kept per task (not as a running +/-) so that an outbox flushed
 * twice, or flushed by a later activation, never drives the total negative.
 */
export class OutboxDepth {
  private readonly pendingByTask = new Map<string, number>();
  private total = 0;

  constructor(private readonly onChange: (total: number) => void) {}

  report(taskId: string, pending: number): void {
    this.total += pending - (this.pendingByTask.get(taskId) ?? 0);
    if (pending > 0) this.pendingByTask.set(taskId, pending);
    else this.pendingByTask.delete(taskId);
    this.onChange(this.total);
  }
}
