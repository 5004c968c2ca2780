/** JWT verification: HS256 secret and JWKS (served by an in-test HTTP server on loopback). */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { createAuthenticator } from "../../src/api/auth.js";

const SECRET = "a-secret-of-at-least-thirty-two-characters";

describe("authentication", () => {
  it("accepts an HS256 token with sub and exp, and nothing else", async () => {
    const auth = createAuthenticator({ jwtSecret: SECRET });
    const key = new TextEncoder().encode(SECRET);
    const good = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject("alice").setExpirationTime("5m").sign(key);
    expect(await auth(good)).to.equal("alice");
    const rejects = async (token: string) => {
      try {
        await auth(token);
        return false;
      } catch {
        return true;
      }
    };
    const expired = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject("alice").setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(key);
    const noExp = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject("alice").sign(key);
    const noSub = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setExpirationTime("5m").sign(key);
    const otherKey = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject("alice").setExpirationTime("5m").sign(new TextEncoder().encode("another-secret-another-secret-another"));
    const unsigned = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify({ sub: "alice", exp: 9e9 })).toString("base64url")}.`;
    for (const token of [expired, noExp, noSub, otherKey, unsigned, "garbage"]) expect(await rejects(token)).to.equal(true);
  });

  it("verifies tokens against a JWKS URL", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    const server = http.createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const auth = createAuthenticator({ jwksUrl: `http://127.0.0.1:${port}/jwks.json`, issuer: "https://idp.example", audience: "tickler" });
      const sign = (iss: string, aud: string) =>
        new SignJWT({}).setProtectedHeader({ alg: "RS256", kid: "k1" }).setSubject("carol").setIssuer(iss).setAudience(aud).setExpirationTime("5m").sign(privateKey);
      expect(await auth(await sign("https://idp.example", "tickler"))).to.equal("carol");
      const failed = await auth(await sign("https://evil.example", "tickler")).then(() => false, () => true);
      expect(failed).to.equal(true);
      const wrongAudience = await auth(await sign("https://idp.example", "other")).then(() => false, () => true);
      expect(wrongAudience).to.equal(true);
    } finally {
      server.close();
    }
  });
});
