/**
 * The broker's health over one held connection: an ApiVersions request (the
 * one request every Kafka broker answers before any authentication) sent on
 * each check. The connection is opened once and kept; only when it is lost
 * is a new one opened, to the next bootstrap broker in turn. So the number of
 * connections this probe opens does not grow with how often it is asked.
 */
import net from "node:net";
import { splitHostPort } from "./probes.js";

const API_VERSIONS = 18;
const CLIENT_ID = Buffer.from("tickler-health");

export class KafkaProbe {
  private socket: net.Socket | null = null;
  private next = 0;
  private correlation = 0;
  private received = Buffer.alloc(0);
  private waiting: { id: number; done: (ok: boolean) => void } | null = null;
  /** Connections opened so far (tests assert it stays flat). */
  connectionsOpened = 0;

  private readonly brokers: { host: string; port: number }[];

  constructor(brokers: string, private readonly timeoutMs = 2000) {
    this.brokers = brokers.split(",").map((b) => splitHostPort(b.trim()));
  }

  /** True if a broker answered ApiVersions within the timeout. Calls must not overlap (DependencyMonitor runs one at a time). */
  async check(): Promise<boolean> {
    try {
      const socket = this.socket ?? (await this.connect());
      return await this.apiVersions(socket);
    } catch {
      this.drop();
      return false;
    }
  }

  close(): void {
    this.drop();
  }

  private connect(): Promise<net.Socket> {
    const { host, port } = this.brokers[this.next++ % this.brokers.length]!;
    this.connectionsOpened++;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error("connect timeout"));
      }, this.timeoutMs);
      socket.once("connect", () => {
        clearTimeout(timer);
        socket.setKeepAlive(true, 10_000);
        socket.on("data", (chunk: Buffer) => this.onData(chunk));
        socket.on("close", () => {
          if (this.socket === socket) this.drop();
        });
        this.socket = socket;
        resolve(socket);
      });
      socket.once("error", (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  private apiVersions(socket: net.Socket): Promise<boolean> {
    const id = (this.correlation = (this.correlation + 1) & 0x7fffffff);
    // Request header v1 (api key, version 0, correlation id, client id); ApiVersions v0 has no body.
    const frame = Buffer.alloc(4 + 2 + 2 + 4 + 2 + CLIENT_ID.length);
    frame.writeInt32BE(frame.length - 4, 0);
    frame.writeInt16BE(API_VERSIONS, 4);
    frame.writeInt16BE(0, 6);
    frame.writeInt32BE(id, 8);
    frame.writeInt16BE(CLIENT_ID.length, 12);
    CLIENT_ID.copy(frame, 14);
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(false), this.timeoutMs);
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.waiting = null;
        // No answer in time: this connection is not trusted again.
        if (!ok) this.drop();
        resolve(ok);
      };
      this.waiting = { id, done: finish };
      socket.write(frame);
    });
  }

  private onData(chunk: Buffer): void {
    this.received = Buffer.concat([this.received, chunk]);
    while (this.received.length >= 4) {
      const size = this.received.readInt32BE(0);
      if (size < 0 || size > 1 << 20) return this.drop();
      if (this.received.length < 4 + size) return;
      const body = this.received.subarray(4, 4 + size);
      this.received = this.received.subarray(4 + size);
      // Response: correlation id, then error code; any answer to our id means the broker is serving.
      if (body.length >= 6 && this.waiting && body.readInt32BE(0) === this.waiting.id) this.waiting.done(body.readInt16BE(4) === 0 || body.readInt16BE(4) === 35);
    }
  }

  private drop(): void {
    const socket = this.socket;
    this.socket = null;
    this.received = Buffer.alloc(0);
    socket?.destroy();
    this.waiting?.done(false);
  }
}
