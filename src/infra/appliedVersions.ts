/**
 * The newest version of each document this process has seen stored, for the
 * most recent `capacity` documents. Stored versions only ever grow (writes are
 * version-guarded), so "seen version ≥ v" proves a write of v would change
 * nothing, and the store need not be asked. The api process applies most
 * snapshots itself (read-your-writes) before the projection's copy of the same
 * event arrives: this turns those duplicates into a map lookup instead of a
 * database round trip. A miss (another replica wrote it, or it was evicted)
 * just falls back to the store.
 */
export class AppliedVersions {
  private readonly newest = new Map<string, number>();

  constructor(private readonly capacity = 10_000) {}

  covers(id: string, version: number): boolean {
    return (this.newest.get(id) ?? 0) >= version;
  }

  record(id: string, version: number): void {
    const known = this.newest.get(id) ?? 0;
    // Re-insert so the map's order is least recently written first.
    this.newest.delete(id);
    this.newest.set(id, Math.max(known, version));
    if (this.newest.size > this.capacity) this.newest.delete(this.newest.keys().next().value!);
  }
}

/**
 * Writes of a document under way in this process, by the version each
 * writes. The api's read-your-writes apply and the projection's copy of the
 * same event often arrive within the same few milliseconds: both missed
 * AppliedVersions, both went to the store, and the later upsert failed on the
 * duplicate key. A write of a version no newer than one under way now waits
 * for that one instead (and writes itself only if that one failed).
 */
export class WritesUnderWay {
  private readonly writing = new Map<string, { version: number; done: Promise<unknown> }>();

  /** Settles when the write under way of `id` at `version` or newer does (never rejects); undefined when there is none. */
  covering(id: string, version: number): Promise<void> | undefined {
    const under = this.writing.get(id);
    return under && under.version >= version ? under.done.then(() => undefined, () => undefined) : undefined;
  }

  /** Runs `write` as the write under way of `id` at `version` until it settles. */
  async run<T>(id: string, version: number, write: () => Promise<T>): Promise<T> {
    const done = write();
    const under = this.writing.get(id);
    // An older write under way is left to finish; a newer one stays the one to wait for.
    if (!under || under.version < version) this.writing.set(id, { version, done });
    try {
      return await done;
    } finally {
      if (this.writing.get(id)?.done === done) this.writing.delete(id);
    }
  }

  get size(): number {
    return this.writing.size;
  }
}
