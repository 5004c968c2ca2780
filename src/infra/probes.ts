/** Reachability probes used by /readyz (and by the local stack scripts). */
import net from "node:net";

export function tcpReachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.setTimeout(timeoutMs, () => done(false));
  });
}

export function redisPing(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => socket.write("PING\r\n"));
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
    socket.once("error", () => done(false));
    socket.setTimeout(timeoutMs, () => done(false));
  });
}

export function splitHostPort(hostPort: string): { host: string; port: number } {
  const i = hostPort.lastIndexOf(":");
  return { host: hostPort.slice(0, i), port: Number(hostPort.slice(i + 1)) };
}

/** The broker list is reachable if any bootstrap broker accepts a connection. */
export async function anyReachable(hostPorts: string): Promise<boolean> {
  const results = await Promise.all(
    hostPorts.split(",").map((hp) => {
      const { host, port } = splitHostPort(hp.trim());
      return tcpReachable(host, port);
    }),
  );
  return results.some(Boolean);
}
