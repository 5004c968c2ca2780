/** Address helpers shared by the config check (TRUSTED_PROXIES) and http/proxy.ts. */
import net from "node:net";

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
export function plainAddress(address: string): string {
  const a = address.trim();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a) ? a.slice(7) : a;
}

/** An address or CIDR (`10.0.0.0/8`, `fd00::/8`, `192.0.2.7`) is well formed; else why not. */
export function proxyEntryProblem(entry: string): string | null {
  const [address, prefix, extra] = entry.split("/");
  const family = net.isIP(address ?? "");
  if (!family || extra !== undefined) return `${entry} is not an IP address or CIDR`;
  if (prefix === undefined) return null;
  const bits = Number(prefix);
  if (!/^\d{1,3}$/.test(prefix) || bits > (family === 4 ? 32 : 128)) return `${entry}: the prefix must be 0 to ${family === 4 ? 32 : 128}`;
  return null;
}
