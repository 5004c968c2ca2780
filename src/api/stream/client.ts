/**
 * One connected live-stream client: its frames go through a PassThrough that
 * Koa pipes into the response. What one client may hold in memory is bounded
 * (`maxBytes`): a client that does not read fast enough is dropped (its
 * connection closed) rather than buffered without end; it reconnects with
 * `Last-Event-ID` and resumes, so a drop loses nothing.
 *
 * A client starts out *holding*: while its resume (window or history) is being
 * written, live frames wait in order in `held` and are written after it, the
 * ones the resume already carried left out. It is *live* once `held` has been
 * emptied; from then on every frame is written as it comes.
 */
import { once } from "node:events";
import type { PassThrough } from "node:stream";
import type { ReplayFrame } from "./resume.js";

export type DropReason = "slow" | "stalled";

export class StreamClient {
  private held: ReplayFrame[] | null = [];
  private heldBytes = 0;
  private closed = false;

  constructor(
    private readonly stream: PassThrough,
    private readonly maxBytes: number,
    /** Called once when the client is dropped: close its connection. */
    private readonly onDrop: (reason: DropReason) => void,
    /** How long a paced write may wait for the client to take its frames. */
    private readonly stallMs = 30_000,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** Bytes this client holds: frames waiting to be written and written frames its socket has not taken yet. */
  get bufferedBytes(): number {
    return this.closed ? 0 : this.stream.writableLength + this.stream.readableLength + this.heldBytes;
  }

  /** A live frame: held while a resume is written, else written now. */
  deliver(frame: ReplayFrame): void {
    if (this.closed) return;
    if (this.held) {
      this.held.push(frame);
      this.heldBytes += Buffer.byteLength(frame.text);
      if (this.heldBytes > this.maxBytes) this.drop("slow");
      return;
    }
    this.write(frame.text);
  }

  /** Writes now; a client whose backlog passes the bound is dropped. */
  write(text: string): void {
    if (this.closed) return;
    this.stream.write(text);
    if (this.bufferedBytes > this.maxBytes) this.drop("slow");
  }

  /**
   * Writes and, when the stream's buffer is full, waits for the client to take
   * it (a resume may be far larger than the bound). False once dropped.
   */
  async writePaced(text: string): Promise<boolean> {
    if (this.closed) return false;
    if (this.stream.write(text)) return true;
    const waiting = new AbortController();
    const timer = setTimeout(() => waiting.abort(), this.stallMs);
    try {
      // Drained, or the connection went away (close() destroys the stream).
      await Promise.race([once(this.stream, "drain", { signal: waiting.signal }), once(this.stream, "close", { signal: waiting.signal })]);
    } catch {
      this.drop("stalled");
    } finally {
      clearTimeout(timer);
      waiting.abort();
    }
    return !this.closed;
  }

  /** Writes the held frames (not those `skip` says the resume carried) in order, then goes live. */
  async goLive(skip: (id: string) => boolean = () => false): Promise<void> {
    while (this.held && this.held.length > 0 && !this.closed) {
      const frame = this.held.shift()!;
      this.heldBytes -= Buffer.byteLength(frame.text);
      if (!skip(frame.id)) await this.writePaced(frame.text);
    }
    // Empty now, and nothing can be appended between that check and this line.
    this.held = null;
    this.heldBytes = 0;
  }

  drop(reason: DropReason): void {
    if (this.closed) return;
    this.close();
    this.onDrop(reason);
  }

  /** The connection ended (or was dropped): nothing more is written or held. */
  close(): void {
    this.closed = true;
    this.held = null;
    this.heldBytes = 0;
  }
}
