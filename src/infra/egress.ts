/**
 * Calls our servers make to URLs users gave us (webhooks). A URL naming a
 * loopback, private or link-local address would let a user probe the inside
 * of the deployment, and checking the name as written is not enough: a
 * public name can resolve to a private address, or change what it resolves
 * to between a check and the connection (DNS rebinding). So the address is
 * checked where the connection is made, on every attempt, and redirects are
 * never followed. A refusal names the host as the user wrote it, never the
 * address an internal name resolved to (that would map the inside for them).
 */
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net, { isIP, type LookupFunction } from "node:net";
import { proxyEntryProblem } from "./netAddress.js";

/**
 * IPv4 ranges never called: every entry of IANA's IPv4 Special-Purpose
 * Address Registry (also the few marked globally reachable: no webhook lives
 * on an anycast relay or an AS112 sink), plus multicast and 240/4.
 */
const V4_SPECIAL: readonly (readonly [string, number, string])[] = [
  ["0.0.0.0", 8, "\"this network\""],
  ["10.0.0.0", 8, "private use"],
  ["100.64.0.0", 10, "shared address space (carrier-grade NAT)"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link local"],
  ["172.16.0.0", 12, "private use"],
  ["192.0.0.0", 24, "IETF protocol assignments"],
  ["192.0.2.0", 24, "documentation (TEST-NET-1)"],
  ["192.31.196.0", 24, "AS112-v4"],
  ["192.52.193.0", 24, "AMT"],
  ["192.88.99.0", 24, "deprecated 6to4 relay anycast"],
  ["192.168.0.0", 16, "private use"],
  ["192.175.48.0", 24, "direct delegation AS112 service"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation (TEST-NET-2)"],
  ["203.0.113.0", 24, "documentation (TEST-NET-3)"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved (and 255.255.255.255, limited broadcast)"],
];

const v4Number = (text: string) => text.split(".").reduce((n, part) => n * 256 + Number(part), 0);
const V4_TABLE = V4_SPECIAL.map(([base, bits, name]) => ({ base: v4Number(base), size: 2 ** (32 - bits), name }));

function v4Class(n: number): string | null {
  // Ranges are aligned on their size, so the base is n rounded down to it.
  return V4_TABLE.find((r) => n - (n % r.size) === r.base)?.name ?? null;
}

/** The eight 16-bit groups of a valid IPv6 address (a trailing dotted IPv4 included). */
function v6Groups(text: string): number[] {
  let tail: number[] = [];
  let head = text;
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const n = v4Number(dotted[2]!);
    tail = [Math.floor(n / 65536), n % 65536];
    head = dotted[1]!.endsWith("::") ? dotted[1]! : dotted[1]!.slice(0, -1);
  }
  const [left, right] = head.split("::") as [string, string | undefined];
  const part = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const l = part(left);
  const r = [...part(right), ...tail];
  if (right === undefined) return [...l, ...tail];
  return [...l, ...Array<number>(8 - l.length - r.length).fill(0), ...r];
}

const embeddedV4 = (hi: number, lo: number) => hi * 65536 + lo;

/**
 * Why an IPv6 address is not called, or null if it is public. Only global
 * unicast (2000::/3) is called, minus the special-purpose blocks inside it
 * (IANA's IPv6 Special-Purpose Address Registry); an address that carries an
 * IPv4 address (IPv4-mapped, NAT64's 64:ff9b::/96, 6to4's 2002::/16) is
 * judged by that IPv4 address, since that is where the packets end up.
 */
function v6Class(g: number[]): string | null {
  const [a, b, c, d, e, f, h, i] = g as [number, number, number, number, number, number, number, number];
  const within = (v4: string | null, what: string) => (v4 === null ? null : `${what} ${v4}`);
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff) return within(v4Class(embeddedV4(h, i)), "IPv4-mapped");
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return within(v4Class(embeddedV4(h, i)), "NAT64 of");
  if (a === 0x2002) return within(v4Class(embeddedV4(b, c)), "6to4 of");
  if (a >= 0x2000 && a <= 0x3fff) {
    if (a === 0x2001 && b === 0) return "Teredo";
    if (a === 0x2001 && b < 0x200) return "IETF protocol assignments";
    if (a === 0x2001 && b === 0xdb8) return "documentation";
    if (a === 0x2620 && b === 0x4f && c === 0x8000) return "direct delegation AS112 service";
    if (a === 0x3fff && b < 0x1000) return "documentation";
    return null;
  }
  // Outside 2000::/3 nothing is public; the names say which block it is.
  if (g.every((x, k) => x === (k === 7 ? 1 : 0))) return "loopback";
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0) return h === 0 && i === 0 ? "unspecified" : "IPv4-compatible (deprecated)";
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0xffff && f === 0) return "IPv4-translated";
  if (a === 0x64 && b === 0xff9b && c === 1) return "local-use IPv4/IPv6 translation";
  if (a === 0x100 && b === 0 && c === 0 && d === 0) return "discard-only";
  if (a === 0x100 && b === 0 && c === 0 && d === 1) return "dummy IPv6 prefix";
  if (a >= 0xfc00 && a <= 0xfdff) return "unique local";
  if (a >= 0xfe80 && a <= 0xfebf) return "link local";
  if (a >= 0xfec0 && a <= 0xfeff) return "site local (deprecated)";
  if (a >= 0xff00) return "multicast";
  if (a === 0x5f00) return "segment routing (SRv6) SIDs";
  return "reserved (outside global unicast 2000::/3)";
}

/** Why an IP address is never called (which special-purpose block it is in), or null if it is a public address. */
export function addressClass(address: string): string | null {
  // A zone index (fe80::1%eth0) names an interface, not part of the address.
  const host = address.replace(/^\[|\]$/g, "").split("%", 1)[0]!.toLowerCase();
  if (isIP(host) === 4) return v4Class(v4Number(host));
  if (isIP(host) === 6) return v6Class(v6Groups(host));
  return null;
}

export function isPrivateAddress(address: string): boolean {
  return addressClass(address) !== null;
}

/** A host name as written: private if it is a private address or a name that only exists inside. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local")) return true;
  return isPrivateAddress(host);
}

export class EgressRefused extends Error {}

/**
 * Private addresses a deployment still lets webhooks reach
 * (WEBHOOK_ALLOW_ADDRESSES: addresses or CIDRs), e.g. a test receiver on the
 * host of a local cluster. The guard stays on for every other address; a
 * name as written (localhost, *.internal) is never in it, only what it
 * resolves to can be.
 */
export class EgressAllowList {
  private readonly list = new net.BlockList();
  readonly size: number;

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const problem = proxyEntryProblem(entry);
      if (problem) throw new Error(problem);
      const [address, prefix] = entry.split("/") as [string, string | undefined];
      const type = isIP(address) === 4 ? "ipv4" : "ipv6";
      if (prefix === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, Number(prefix), type);
    }
    this.size = entries.length;
  }

  /** An IP address (bracketed or not) inside the list; a name never is. */
  has(address: string): boolean {
    const host = address.replace(/^\[|\]$/g, "").split("%", 1)[0]!.toLowerCase();
    const family = isIP(host);
    return family !== 0 && this.size > 0 && this.list.check(host, family === 4 ? "ipv4" : "ipv6");
  }
}

export const NO_EXCEPTIONS = new EgressAllowList([]);

/** A URL's host that must not be called: private as written, and not an allowed address. */
export function isRefusedHost(hostname: string, allowed: EgressAllowList = NO_EXCEPTIONS): boolean {
  return isPrivateHost(hostname) && !allowed.has(hostname);
}

/** dns.lookup that refuses any private address it resolves to, unless `allowed` lists it. */
export function guardedLookup(allowed: EgressAllowList): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const list = addresses as dns.LookupAddress[];
      const inside = list.find((a) => isPrivateAddress(a.address) && !allowed.has(a.address));
      // The address itself stays out of the message: it lands in the user's inbox (lastError).
      if (inside) return callback(new EgressRefused(`${hostname} resolves to a private address`), "", 0);
      if (list.length === 0) return callback(new EgressRefused(`${hostname} resolves to no address`), "", 0);
      if (options.all) return callback(null, list as never, 0);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** dns.lookup that refuses any private address it resolves to. */
export const publicOnlyLookup: LookupFunction = guardedLookup(NO_EXCEPTIONS);

export interface PostResult {
  status: number;
}

/**
 * POSTs `body` and reads at most `maxBytes` of the answer (a hostile
 * receiver cannot make us buffer more). With `allowPrivate` off, an address
 * inside the deployment is refused, whether written in the URL or resolved,
 * unless `allowed` lists that address.
 */
export function postOutside(
  url: string,
  headers: Record<string, string>,
  body: string,
  opts: { timeoutMs: number; maxBytes: number; allowPrivate: boolean; allowed?: EgressAllowList },
): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const allowed = opts.allowed ?? NO_EXCEPTIONS;
    if (!opts.allowPrivate && isRefusedHost(target.hostname, allowed)) return reject(new EgressRefused(`${target.hostname} is a private address`));
    const client = target.protocol === "https:" ? https : http;
    const req = client.request(target, {
      method: "POST",
      headers: { ...headers, "content-length": Buffer.byteLength(body) },
      timeout: opts.timeoutMs,
      ...(opts.allowPrivate ? {} : { lookup: guardedLookup(allowed) }),
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
