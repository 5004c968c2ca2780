import { expect } from "chai";
import { isPrivateAddress, publicOnlyLookup } from "../../src/infra/egress.js";

describe("egress to user-given URLs", () => {
  it("knows the addresses inside a deployment", () => {
    for (const a of ["127.0.0.1", "10.0.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "fd12::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:7f00:1"]) {
      expect(isPrivateAddress(a), a).to.equal(true);
    }
    for (const a of ["8.8.8.8", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"]) expect(isPrivateAddress(a), a).to.equal(false);
  });

  it("refuses a name at connect time when it resolves to a private address", async () => {
    const err = await new Promise<Error | null>((resolve) => publicOnlyLookup("localhost", { family: 0 }, (e) => resolve(e)));
    expect(err?.message).to.match(/localhost resolves to a private address/);
  });
});
