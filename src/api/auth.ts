/**
 * Bearer JWT authentication. `sub` is the user id that owns tasks. HS256 with a
 * shared secret for self-hosted setups, or a JWKS URL for an identity provider.
 */
import type { Context, Next } from "koa";
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import { unauthorized } from "./problem.js";

export interface AuthOptions {
  jwtSecret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
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
    const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(opts.jwksUrl));
    verify = (token) => jwtVerify(token, jwks, verifyOpts);
  } else if (opts.jwtSecret) {
    const key = new TextEncoder().encode(opts.jwtSecret);
    verify = (token) => jwtVerify(token, key, { ...verifyOpts, algorithms: ["HS256"] });
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
