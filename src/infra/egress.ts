/**
 * Calls our servers make to URLs users gave us (webhooks). A URL naming a
 * loopback, private or link-local address would let a user probe the inside
 * of the deployment, and checking the name as written is not enough: a
 * public name can resolve to a private address, or change what it resolves
 * to between a check and the connection (DNS rebinding). So the address is
 * checked where the connection is made, on every attempt, and redirects are
 * never followed.
 */
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";

export function isPrivateAddress(address: string): boolean {
  const host = address.replace(/^\[|\]$/g, "").toLowerCase();
  if (isIP(host) === 4) {
    const [a, b] = host.split(".").map(Number) as [number, number];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  if (isIP(host) === 6) {
    if (host.startsWith("::ffff:")) return isPrivateAddress(host.slice(7)) || !host.includes(".");
    return host === "::1" || host === "::" || host.startsWith("fc") || host.startsWith("fd") || host.startsWith("fe80") || host.startsWith("ff");
  }
  return false;
}

/** A host name as written: private if it is a private address or a name that only exists inside. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local")) return true;
  return isPrivateAddress(host);
}

export class EgressRefused extends Error {}

/** dns.lookup that refuses any private address it resolves to. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "", 0);
    const list = addresses as dns.LookupAddress[];
    const inside = list.find((a) => isPrivateAddress(a.address));
    if (inside || list.length === 0) return callback(new EgressRefused(`${hostname} resolves to a private address (${inside?.address ?? "none"})`), "", 0);
    if (options.all) return callback(null, list as never, 0);
    callback(null, list[0]!.address, list[0]!.family);
  });
};

export interface PostResult {
  status: number;
}

/**
 * POSTs `body` and reads at most `maxBytes` of the answer (a hostile
 * receiver cannot make us buffer more). With `allowPrivate` off, an address
 * inside the deployment is refused, whether written in the URL or resolved.
 */
export function postOutside(url: string, headers: Record<string, string>, body: string, opts: { timeoutMs: number; maxBytes: number; allowPrivate: boolean }): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    if (!opts.allowPrivate && isPrivateHost(target.hostname)) return reject(new EgressRefused(`${target.hostname} is a private address`));
    const client = target.protocol === "https:" ? https : http;
    const req = client.request(target, {
      method: "POST",
      headers: { ...headers, "content-length": Buffer.byteLength(body) },
      timeout: opts.timeoutMs,
      ...(opts.allowPrivate ? {} : { lookup: publicOnlyLookup }),
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    req.once("timeout", () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    req.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.once("response", (res) => {
      let read = 0;
      res.on("data", (chunk: Buffer) => {
        read += chunk.length;
        if (read > opts.maxBytes) res.destroy();
      });
      const done = () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0 });
      };
      res.once("end", done);
      res.once("close", done);
      res.once("error", done);
    });
    req.end(body);
  });
}
