/**
 * Bearer JWT authentication. `sub` is the user id that owns tasks. HS256 with a
 * shared secret for self-hosted setups, or a JWKS URL for an identity provider.
 *
 * With a JWKS URL the issuer and the audience are required and the accepted
 * algorithms are pinned: a shared provider (Google, Microsoft's `common`)
 * signs tokens for every application with the same keys, so a valid signature
 * alone says nothing about whom the token was meant for.
 */
import type { Context, Next } from "koa";
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import { DEFAULT_JWKS_ALGORITHMS, JWKS_ALGORITHMS } from "../infra/jwtAlgorithms.js";
import { unauthorized } from "../http/problem.js";


export interface AuthOptions {
  jwtSecret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Algorithms accepted from the JWKS (default RS256 and ES256); the HS256 secret accepts HS256 only. */
  algorithms?: string[];
}

export type Authenticator = (token: string) => Promise<string>;

export function createAuthenticator(opts: AuthOptions): Authenticator {
  const verifyOpts = {
    ...(opts.issuer ? { issuer: opts.issuer } : {}),
    ...(opts.audience ? { audience: opts.audience } : {}),
    requiredClaims: ["sub", "exp"],
  };
  let verify: (token: string) => Promise<{ payload: { sub?: string } }>;
  if (opts.jwksUrl) {
    // Also refused by config.ts at start-up; repeated here so no other caller can build an open verifier.
    if (!opts.issuer || !opts.audience) throw new Error("a JWKS URL needs an issuer and an audience (AUTH_ISSUER, AUTH_AUDIENCE)");
    const algorithms = opts.algorithms ?? DEFAULT_JWKS_ALGORITHMS;
    const unsafe = algorithms.filter((a) => !(JWKS_ALGORITHMS as readonly string[]).includes(a));
    if (algorithms.length === 0 || unsafe.length > 0) throw new Error(`algorithms not accepted with a JWKS: ${unsafe.join(", ") || "(empty list)"}`);
    const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(opts.jwksUrl));
    verify = (token) => jwtVerify(token, jwks, { ...verifyOpts, algorithms });
  } else if (opts.jwtSecret) {
    // Imported once: given the raw bytes, jose imports the key again on every request (docs/results/2026-12-07-cpu-per-create.md).
    const key = crypto.subtle.importKey("raw", new TextEncoder().encode(opts.jwtSecret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
    // A failed import fails every verification (401), never the process with an unhandled rejection.
    key.catch(() => undefined);
    verify = async (token) => jwtVerify(token, await key, { ...verifyOpts, algorithms: ["HS256"] });
  } else {
    throw new Error("no JWT verification configured");
  }
  return async (token) => {
    const { payload } = await verify(token);
    if (!payload.sub) throw new Error("token has no subject");
    return payload.sub;
  };
}

export interface AuthState {
  userId: string;
}

export function requireUser(authenticate: Authenticator) {
  return async (ctx: Context, next: Next) => {
    const header = ctx.get("authorization");
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw unauthorized("send Authorization: Bearer <token>");
    let userId: string;
    try {
      userId = await authenticate(match[1]);
    } catch {
      throw unauthorized("the token is invalid or expired");
    }
    (ctx.state as AuthState).userId = userId;
    await next();
  };
}
