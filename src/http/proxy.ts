/**
 * Who is asking, and over what: `X-Forwarded-*` (and `Forwarded`) are taken
 * only from the proxies named in TRUSTED_PROXIES. From any other peer they
 * are removed before anything reads them, so `ctx.ip`, `ctx.protocol` and
 * `ctx.host` are the socket's own. From a trusted proxy, the client is the
 * first address in X-Forwarded-For, read right to left, that is not itself a
 * trusted proxy (an address the client wrote further left is not believed).
 *
 * Also here: HSTS on every answer that went out over TLS (directly, or
 * forwarded as https by a trusted proxy).
 */
import net from "node:net";
import type { Context, Next } from "koa";
import { plainAddress, proxyEntryProblem } from "../infra/netAddress.js";

const FORWARDED_HEADERS = ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-forwarded-prefix", "forwarded"];

export class TrustedProxies {
  private readonly list = new net.BlockList();
  readonly any: boolean;

  constructor(entries: string[]) {
    for (const entry of entries) {
      const problem = proxyEntryProblem(entry);
      if (problem) throw new Error(problem);
      const [address, prefix] = entry.split("/") as [string, string | undefined];
      const type = net.isIP(address) === 4 ? "ipv4" : "ipv6";
      if (prefix === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, Number(prefix), type);
    }
    this.any = entries.length > 0;
  }

  has(address: string): boolean {
    const a = plainAddress(address);
    const family = net.isIP(a);
    return family !== 0 && this.list.check(a, family === 4 ? "ipv4" : "ipv6");
  }

  /** The client behind `peer`, given the X-Forwarded-For it sent (only called for a trusted peer). */
  clientOf(peer: string, forwardedFor: string): string {
    const hops = forwardedFor.split(",").map((h) => plainAddress(h)).filter(Boolean);
    let client = plainAddress(peer);
    for (let i = hops.length - 1; i >= 0; i--) {
      // A hop that is no address ends the walk at the proxy that wrote it.
      if (!net.isIP(hops[i]!)) break;
      client = hops[i]!;
      if (!this.has(client)) break;
    }
    return client;
  }
}

export interface ForwardedOptions {
  trusted: TrustedProxies;
  /** Strict-Transport-Security max-age on answers over TLS; 0: no header. */
  hstsMaxAgeSeconds: number;
}

/** First in the chain: the Koa app is built with `proxy` on only when some proxy is trusted (api/app.ts). */
export function forwardedFromTrustedProxies(opts: ForwardedOptions) {
  return async (ctx: Context, next: Next) => {
    const peer = ctx.req.socket.remoteAddress ?? "";
    if (opts.trusted.has(peer)) {
      ctx.request.ip = opts.trusted.clientOf(peer, ctx.get("x-forwarded-for"));
    } else {
      for (const name of FORWARDED_HEADERS) delete ctx.req.headers[name];
      ctx.request.ip = plainAddress(peer);
    }
    if (opts.hstsMaxAgeSeconds > 0 && ctx.protocol === "https") ctx.set("Strict-Transport-Security", `max-age=${opts.hstsMaxAgeSeconds}`);
    await next();
  };
}
