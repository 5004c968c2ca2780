/** Reachability probes of the local stack scripts (the apps check their dependencies over held connections: api/health.ts). */
import net from "node:net";
import tls from "node:tls";

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

/**
 * Redis answers: `+PONG`, or `-NOAUTH` from a password-protected server. Both
 * mean it is up; authenticating is daprd's business (its state store has the
 * password), not the readiness probe's.
 */
export function redisPing(host: string, port: number, timeoutMs = 1000, useTls = false): Promise<boolean> {
  return new Promise((resolve) => {
    const ping = () => socket.write("PING\r\n");
    const socket = useTls ? tls.connect({ host, port, servername: host }, ping) : net.connect({ host, port }, ping);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("data", (data) => done(/^(?:\+PONG|-NOAUTH)/.test(data.toString())));
    socket.once("error", () => done(false));
    socket.setTimeout(timeoutMs, () => done(false));
  });
}

export function splitHostPort(hostPort: string): { host: string; port: number } {
  const i = hostPort.lastIndexOf(":");
  return { host: hostPort.slice(0, i), port: Number(hostPort.slice(i + 1)) };
}
