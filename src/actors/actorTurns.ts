/**
 * One turn at a time per actor id in this process, whatever daprd thinks.
 *
 * daprd serializes calls to an actor, but it can deactivate an actor whose
 * call is still running here (seen with a 4 s idle timeout and a drain
 * waiting on a frozen broker: daprd answered "actor is closed" and sent the
 * next call, a reminder, to a fresh activation). The SDK then runs the two
 * side by side, and the old one's save overwrote the new one's: a reminder
 * committed to the new activation's outbox was lost (chaos suite, SIGSTOP
 * kafka). Queuing every call and every deactivation of an id behind the one
 * in flight restores the turn: the next activation starts only after the
 * previous one has saved, and loads what it saved.
 */
export class ActorTurns {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    // The queue goes on whether this turn succeeds or fails.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Ids with a turn running or queued (for tests and diagnostics). */
  get busy(): number {
    return this.tails.size;
  }
}
