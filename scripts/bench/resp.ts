/**
 * The smallest Redis client baseline B1 needs: MULTI, SET, SET, EXEC over
 * RESP on one connection. A transaction is written in one piece, so those of
 * concurrent requests never interleave and their replies come back in order.
 */
import net from "node:net";

type Reply = string | Error | Reply[] | null;

/** One complete reply (only the types MULTI/SET/EXEC answer with) at `at`, or null if not all here yet. */
function parse(buf: Buffer, at: number): [Reply, number] | null {
  const eol = buf.indexOf("\r\n", at);
  if (eol < 0) return null;
  const head = buf.toString("utf8", at + 1, eol);
  const type = String.fromCharCode(buf[at]!);
  if (type === "+") return [head, eol + 2];
  if (type === "-") return [new Error(head), eol + 2];
  if (type !== "*") throw new Error(`unexpected RESP reply ${JSON.stringify(buf.toString("utf8", at, eol))}`);
  if (Number(head) < 0) return [null, eol + 2];
  const items: Reply[] = [];
  let pos = eol + 2;
  while (items.length < Number(head)) {
    const item = parse(buf, pos);
    if (!item) return null;
    items.push(item[0]);
    pos = item[1];
  }
  return [items, pos];
}

const command = (...args: string[]) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`;

export class RespClient {
  private buf: Buffer = Buffer.alloc(0);
  /** Per transaction in flight: the replies so far (MULTI, QUEUED, QUEUED, EXEC) and its settle. */
  private readonly waiting: { replies: Reply[]; done: (err: Error | null) => void }[] = [];

  private constructor(private readonly socket: net.Socket) {
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    socket.on("error", (err) => this.waiting.splice(0).forEach((w) => w.done(err)));
  }

  static connect(host: string, port: number): Promise<RespClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port, noDelay: true }, () => resolve(new RespClient(socket)));
      socket.once("error", reject);
    });
  }

  /** Both SETs in one MULTI/EXEC; settles once Redis answers EXEC (after its fsync under appendfsync always). */
  setBoth(k1: string, v1: string, k2: string, v2: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ replies: [], done: (err) => (err ? reject(err) : resolve()) });
      this.socket.write(command("MULTI") + command("SET", k1, v1) + command("SET", k2, v2) + command("EXEC"));
    });
  }

  private receive(chunk: Buffer) {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    let at = 0;
    for (let reply = parse(this.buf, at); reply; reply = parse(this.buf, at)) {
      at = reply[1];
      const tx = this.waiting[0]!;
      if (tx.replies.push(reply[0]) < 4) continue;
      this.waiting.shift();
      const exec = tx.replies[3];
      const failed = [...tx.replies, ...(Array.isArray(exec) ? exec : [])].find((r) => r instanceof Error);
      tx.done(failed ?? (Array.isArray(exec) ? null : new Error("EXEC aborted")));
    }
    this.buf = this.buf.subarray(at);
  }

  close(): void {
    this.socket.end();
  }
}
