/**
 * A real HTTP server that records the webhook requests it gets: on loopback,
 * or, against an external target, on TICKLER_TARGET_WEBHOOK_HOST, the one
 * address of this machine the target's pods can reach (for the local
 * cluster, the host end of the node's veth: never a wildcard address).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  at: number;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: any;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Answer with this status for the next `times` requests (then 200 again). */
  failNext(times: number, status?: number): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let failures = 0;
  let failStatus = 500;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      received.push({ at: Date.now(), headers: req.headers, raw, body: JSON.parse(raw) });
      if (failures > 0) {
        failures--;
        res.statusCode = failStatus;
      }
      res.end();
    });
  });
  const host = process.env.TICKLER_TARGET_URL ? (process.env.TICKLER_TARGET_WEBHOOK_HOST ?? "127.0.0.1") : "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/hook`,
    received,
    failNext(times, status = 500) {
      failures = times;
      failStatus = status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
