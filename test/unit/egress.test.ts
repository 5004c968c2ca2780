/** Which addresses webhooks may be sent to (src/infra/egress.ts): one row per special-purpose block, its edges and its neighbours. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { addressClass, EgressAllowList, EgressRefused, guardedLookup, isPrivateAddress, isPrivateHost, isRefusedHost, postOutside, publicOnlyLookup } from "../../src/infra/egress.js";
import { ConfigError, loadConfig } from "../../src/infra/config.js";

/** [address, the block it is in]: each is refused. */
const REFUSED: [string, RegExp][] = [
  // IANA IPv4 Special-Purpose Address Registry (and multicast, 240/4).
  ["0.0.0.0", /this network/],
  ["0.255.255.255", /this network/],
  ["10.0.0.1", /private use/],
  ["10.255.255.255", /private use/],
  ["100.64.0.0", /shared address space/],
  ["100.127.255.255", /shared address space/],
  ["127.0.0.1", /loopback/],
  ["127.255.255.254", /loopback/],
  ["169.254.169.254", /link local/],
  ["172.16.0.0", /private use/],
  ["172.31.255.255", /private use/],
  ["192.0.0.8", /IETF protocol assignments/],
  ["192.0.0.170", /IETF protocol assignments/],
  ["192.0.2.1", /TEST-NET-1/],
  ["192.31.196.1", /AS112-v4/],
  ["192.52.193.1", /AMT/],
  ["192.88.99.1", /6to4 relay/],
  ["192.168.0.1", /private use/],
  ["192.175.48.1", /AS112 service/],
  ["198.18.0.1", /benchmarking/],
  ["198.19.255.255", /benchmarking/],
  ["198.51.100.7", /TEST-NET-2/],
  ["203.0.113.9", /TEST-NET-3/],
  ["224.0.0.1", /multicast/],
  ["239.255.255.255", /multicast/],
  ["240.0.0.1", /reserved/],
  ["255.255.255.255", /reserved/],
  // IANA IPv6 Special-Purpose Address Registry, and everything outside 2000::/3.
  ["::", /unspecified/],
  ["::1", /loopback/],
  ["[::1]", /loopback/],
  ["::10.0.0.1", /IPv4-compatible/],
  ["::8.8.8.8", /IPv4-compatible/],
  ["::ffff:127.0.0.1", /IPv4-mapped loopback/],
  ["::ffff:7f00:1", /IPv4-mapped loopback/],
  ["::ffff:a9fe:a9fe", /IPv4-mapped link local/],
  ["::ffff:100.64.1.1", /IPv4-mapped shared address space/],
  ["::ffff:0:10.0.0.1", /IPv4-translated/],
  ["64:ff9b::10.0.0.1", /NAT64 of private use/],
  ["64:ff9b::7f00:1", /NAT64 of loopback/],
  ["64:ff9b::a9fe:a9fe", /NAT64 of link local/],
  ["64:ff9b:1::8.8.8.8", /local-use IPv4\/IPv6 translation/],
  ["100::1", /discard-only/],
  ["100:0:0:1::1", /dummy IPv6 prefix/],
  ["2001::1", /Teredo/],
  ["2001:0:4136:e378:8000:63bf:3fff:fdd2", /Teredo/],
  ["2001:2::1", /IETF protocol assignments/],
  ["2001:1ff:ffff::1", /IETF protocol assignments/],
  ["2001:db8::1", /documentation/],
  ["2002:0a00:0001::1", /6to4 of private use/],
  ["2002:7f00:1::", /6to4 of loopback/],
  ["2002:c0a8:101::1", /6to4 of private use/],
  ["2002:6440:1::1", /6to4 of shared address space/],
  ["2620:4f:8000::1", /AS112 service/],
  ["3fff::1", /documentation/],
  ["3fff:fff:ffff::1", /documentation/],
  ["5f00::1", /segment routing/],
  ["fc00::1", /unique local/],
  ["fd12:3456::1", /unique local/],
  ["fe80::1", /link local/],
  ["fe80::1%eth0", /link local/],
  ["febf:ffff::1", /link local/],
  ["fec0::1", /site local/],
  ["feff::1", /site local/],
  ["ff02::1", /multicast/],
  ["4000::1", /outside global unicast/],
  ["1::1", /outside global unicast/],
];

/** Public addresses, several right next to a refused block. */
const ALLOWED = [
  "1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255", "128.0.0.0",
  "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "192.0.1.0", "192.0.3.0", "192.167.255.255", "192.169.0.0",
  "198.17.255.255", "198.20.0.0", "223.255.255.255",
  "2001:4860:4860::8888", "2606:4700:4700::1111", "2001:200::1", "2001:db7:ffff::1", "2001:db9::1", "2620:4f:8001::1", "3ffe::1", "3fff:1000::1",
  "::ffff:8.8.8.8", "::ffff:808:808", "64:ff9b::8.8.8.8", "64:ff9b::808:808", "2002:0808:0808::1", "[2001:4860:4860::8844]",
];

describe("egress to user-given URLs", () => {
  for (const [address, block] of REFUSED) {
    it(`refuses ${address} (${block.source})`, () => {
      expect(addressClass(address), address).to.match(block);
      expect(isPrivateAddress(address)).to.equal(true);
      expect(isPrivateHost(address)).to.equal(true);
    });
  }

  it("calls public addresses, also right next to a special-purpose block", () => {
    for (const address of ALLOWED) expect(addressClass(address), address).to.equal(null);
  });

  it("names that only exist inside are refused as written; names are not addresses", () => {
    for (const host of ["localhost", "api.localhost", "metadata.google.internal", "printer.local"]) expect(isPrivateHost(host), host).to.equal(true);
    for (const host of ["example.com", "hooks.slack.com", "fd.example.com"]) expect(isPrivateHost(host), host).to.equal(false);
  });

  it("refuses a name at connect time when it resolves to a private address, without saying which", async () => {
    const err = await new Promise<Error | null>((resolve) => publicOnlyLookup("localhost", { family: 0 }, (e) => resolve(e)));
    expect(err?.message).to.equal("localhost resolves to a private address");
    expect(err?.message).not.to.match(/127\.0\.0\.1|::1/);
  });
});

describe("egress: WEBHOOK_ALLOW_ADDRESSES, the named exceptions to the guard", () => {
  const allowed = new EgressAllowList(["127.0.0.1/32", "10.213.0.1", "fd00:1::/64"]);

  it("lets through exactly the listed addresses and ranges, and every other private address stays refused", () => {
    for (const host of ["127.0.0.1", "10.213.0.1", "[fd00:1::5]", "fd00:1::ffff"]) expect(isRefusedHost(host, allowed), host).to.equal(false);
    for (const host of ["127.0.0.2", "10.213.0.2", "10.214.0.17", "169.254.169.254", "[fd00:2::1]", "::1", "localhost", "api.internal"]) {
      expect(isRefusedHost(host, allowed), host).to.equal(true);
    }
    // Without a list, the guard is as before.
    expect(isRefusedHost("127.0.0.1")).to.equal(true);
    expect(isRefusedHost("example.com")).to.equal(false);
  });

  it("checks what a name resolves to against the list too, never naming the address", async () => {
    const lookup = (l: EgressAllowList) => new Promise<Error | null>((resolve) => guardedLookup(l)("localhost", { family: 4 }, (e) => resolve(e)));
    expect((await lookup(new EgressAllowList([])))?.message).to.equal("localhost resolves to a private address");
    expect(await lookup(new EgressAllowList(["127.0.0.0/8"]))).to.equal(null);
  });

  it("posts to a listed private address and refuses an unlisted one before connecting", async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.url ?? "");
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const opts = { timeoutMs: 5000, maxBytes: 1024, allowPrivate: false };
      expect(await postOutside(url, {}, "{}", { ...opts, allowed })).to.deep.equal({ status: 200 });
      let refused: unknown;
      await postOutside(url, {}, "{}", { ...opts, allowed: new EgressAllowList(["10.213.0.1"]) }).catch((e: unknown) => (refused = e));
      expect(refused).to.be.instanceOf(EgressRefused);
      expect(seen).to.deep.equal(["/hook"]);
    } finally {
      server.close();
    }
  });

  it("is empty by default and refuses bad or too many entries at start-up", () => {
    const base = { ROLE: "notifications", DAPR_API_TOKEN: "d".repeat(16), APP_API_TOKEN: "a".repeat(16), MONGODB_URI: "mongodb://h/db", KAFKA_BROKERS: "h:1" };
    expect(loadConfig(base).WEBHOOK_ALLOW_ADDRESSES).to.deep.equal([]);
    expect(loadConfig({ ...base, WEBHOOK_ALLOW_ADDRESSES: " 10.213.0.1/32 ,fd00::1" }).WEBHOOK_ALLOW_ADDRESSES).to.deep.equal(["10.213.0.1/32", "fd00::1"]);
    const tooMany = Array.from({ length: 17 }, (_, i) => `10.0.0.${i}`).join(",");
    for (const value of ["receiver.internal", "10.0.0.0/33", "10.0.0.0/8/1", tooMany]) {
      expect(() => loadConfig({ ...base, WEBHOOK_ALLOW_ADDRESSES: value }), value).to.throw(ConfigError, /WEBHOOK_ALLOW_ADDRESSES/);
    }
  });
});
