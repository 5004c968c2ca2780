/** JWT verification: HS256 secret and JWKS (served by an in-test HTTP server on loopback). */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { exportJWK, generateKeyPair, importJWK, SignJWT } from "jose";
import { createAuthenticator, type AuthOptions } from "../../src/api/auth.js";
import { ConfigError, loadConfig } from "../../src/infra/config.js";

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
    // The same secret under another HMAC algorithm is not HS256.
    const hs384 = await new SignJWT({}).setProtectedHeader({ alg: "HS384" }).setSubject("alice").setExpirationTime("5m").sign(key);
    const hs512 = await new SignJWT({}).setProtectedHeader({ alg: "HS512" }).setSubject("alice").setExpirationTime("5m").sign(key);
    for (const token of [expired, noExp, noSub, otherKey, unsigned, hs384, hs512, "garbage"]) expect(await rejects(token)).to.equal(true);
    // The key is imported once: the same verifier keeps accepting.
    expect(await auth(good)).to.equal("alice");
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

  describe("with a JWKS (a shared identity provider)", () => {
    const ISSUER = "https://idp.example";
    const AUDIENCE = "tickler";
    let server: http.Server;
    let jwksUrl: string;
    let rsa: CryptoKeyPair;
    let ec: CryptoKeyPair;

    before(async () => {
      rsa = await generateKeyPair("RS256", { extractable: true });
      ec = await generateKeyPair("ES256", { extractable: true });
      // The provider publishes keys without `alg` (as many do): only the verifier's pin stops an algorithm switch.
      const keys = [{ ...(await exportJWK(rsa.publicKey)), kid: "rsa" }, { ...(await exportJWK(ec.publicKey)), kid: "ec" }];
      server = http.createServer((_req, res) => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ keys }));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    });
    after(() => server.close());

    const sign = (alg: string, kid: string, key: CryptoKey | Uint8Array, claims: { iss?: string; aud?: string } = {}) =>
      new SignJWT({})
        .setProtectedHeader({ alg, kid })
        .setSubject("carol")
        .setIssuer(claims.iss ?? ISSUER)
        .setAudience(claims.aud ?? AUDIENCE)
        .setExpirationTime("5m")
        .sign(key);
    const accepts = (auth: (t: string) => Promise<string>, token: string) => auth(token).then(() => true, () => false);
    const authFor = (opts: Partial<AuthOptions> = {}) => createAuthenticator({ jwksUrl, issuer: ISSUER, audience: AUDIENCE, ...opts });

    it("accepts RS256 and ES256 tokens for this issuer and audience", async () => {
      const auth = authFor();
      expect(await auth(await sign("RS256", "rsa", rsa.privateKey))).to.equal("carol");
      expect(await auth(await sign("ES256", "ec", ec.privateKey))).to.equal("carol");
    });

    it("refuses a token for another audience and one from another issuer", async () => {
      const auth = authFor();
      expect(await accepts(auth, await sign("RS256", "rsa", rsa.privateKey, { aud: "another-app" }))).to.equal(false);
      expect(await accepts(auth, await sign("RS256", "rsa", rsa.privateKey, { iss: "https://login.example/common" }))).to.equal(false);
    });

    it("refuses an algorithm outside the pinned list, even under a key the JWKS holds", async () => {
      // Same RSA key, alg switched to PS256 / RS512: a valid signature, but not an accepted algorithm.
      const privateJwk = await exportJWK(rsa.privateKey);
      for (const alg of ["PS256", "RS512"]) {
        const sameKey = (await importJWK({ ...privateJwk, alg }, alg)) as CryptoKey;
        expect(await accepts(authFor(), await sign(alg, "rsa", sameKey)), alg).to.equal(false);
        // The pin is what refuses it: listed, the same token passes.
        expect(await accepts(authFor({ algorithms: ["RS256", alg] }), await sign(alg, "rsa", sameKey)), `${alg} listed`).to.equal(true);
      }
      // Pinned to ES256 only: the RS256 token is refused, the ES256 one accepted.
      const ecOnly = authFor({ algorithms: ["ES256"] });
      expect(await accepts(ecOnly, await sign("RS256", "rsa", rsa.privateKey))).to.equal(false);
      expect(await accepts(ecOnly, await sign("ES256", "ec", ec.privateKey))).to.equal(true);
    });

    it("refuses alg none and HS256 signed with the public key (algorithm confusion)", async () => {
      const auth = authFor();
      const body = Buffer.from(JSON.stringify({ sub: "carol", iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 })).toString("base64url");
      const none = `${Buffer.from(JSON.stringify({ alg: "none", kid: "rsa" })).toString("base64url")}.${body}.`;
      expect(await accepts(auth, none)).to.equal(false);
      const publicPem = new TextEncoder().encode(JSON.stringify(await exportJWK(rsa.publicKey)));
      expect(await accepts(auth, await sign("HS256", "rsa", publicPem))).to.equal(false);
    });

    it("cannot be built without issuer and audience, or with none or HS* algorithms", () => {
      expect(() => createAuthenticator({ jwksUrl, audience: AUDIENCE })).to.throw(/issuer and an audience/);
      expect(() => createAuthenticator({ jwksUrl, issuer: ISSUER })).to.throw(/issuer and an audience/);
      for (const algorithms of [["none"], ["HS256"], ["RS256", "HS512"], []]) expect(() => authFor({ algorithms })).to.throw(/algorithms not accepted/);
    });
  });

  describe("configuration", () => {
    const base = { ROLE: "api", DAPR_API_TOKEN: "d".repeat(16), APP_API_TOKEN: "a".repeat(16), MONGODB_URI: "mongodb://h/db", KAFKA_BROKERS: "h:1", REDIS_HOST: "h:2" };

    it("refuses to start with a JWKS URL and no issuer or audience, naming both settings", () => {
      expect(() => loadConfig({ ...base, AUTH_JWKS_URL: "https://idp.example/jwks" })).to.throw(ConfigError, /AUTH_ISSUER: required with AUTH_JWKS_URL[\s\S]*AUTH_AUDIENCE: required with AUTH_JWKS_URL/);
      expect(() => loadConfig({ ...base, AUTH_JWKS_URL: "https://idp.example/jwks", AUTH_ISSUER: "https://idp.example" })).to.throw(ConfigError, /AUTH_AUDIENCE/);
      const ok = loadConfig({ ...base, AUTH_JWKS_URL: "https://idp.example/jwks", AUTH_ISSUER: "https://idp.example", AUTH_AUDIENCE: "tickler" });
      expect(ok.AUTH_ALGORITHMS).to.deep.equal(["RS256", "ES256"]);
    });

    it("takes a list of asymmetric algorithms and refuses none and HS*", () => {
      const jwks = { ...base, AUTH_JWKS_URL: "https://idp.example/jwks", AUTH_ISSUER: "https://idp.example", AUTH_AUDIENCE: "tickler" };
      expect(loadConfig({ ...jwks, AUTH_ALGORITHMS: "ES384, PS256" }).AUTH_ALGORITHMS).to.deep.equal(["ES384", "PS256"]);
      for (const bad of ["none", "HS256", "RS256,HS512", " , "]) expect(() => loadConfig({ ...jwks, AUTH_ALGORITHMS: bad }), bad).to.throw(ConfigError, /AUTH_ALGORITHMS/);
    });
  });
});
