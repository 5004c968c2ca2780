/**
 * One turn at a time per actor id in this process, whatever daprd thinks:
 * daprd may deactivate an actor whose call is still running here and send the
 * next call to a fresh activation, whose commit the old one's save would then
 * overwrite. Every call and deactivation of an id waits for the one in flight.
 * See docs/adr/0004-one-turn-per-actor.md.
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
