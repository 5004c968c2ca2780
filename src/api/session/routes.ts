/**
 * Public sign-in support for the web app:
 * - GET  /api/v1/session/config: which sign-in the app should offer (no secrets).
 * - POST /api/v1/session/dev: development sign-in (only when AUTH_DEV_SIGN_IN is
 *   on): `{ "user": "alice" }` → a short-lived HS256 token for that user.
 */
import { newRouter, type Router } from "../../infra/http/router.js";
import type { Middleware } from "koa";
import { SignJWT } from "jose";
import { z } from "zod";
import { readJson } from "../../http/body.js";
import { notFoundProblem } from "../../http/problem.js";
import { parseOr400 } from "../../http/validate.js";

export type SignInConfig =
  | { mode: "dev"; tokenTtlSeconds: number }
  | { mode: "oidc"; authority: string; clientId: string; audience?: string }
  | { mode: "none" };

export interface SessionDeps {
  signIn: SignInConfig;
  /** HS256 secret; required in dev mode. */
  jwtSecret?: string;
  /** The per-address limit of the routes that need no token. */
  publicLimit?: Middleware;
}

/** Short on purpose: the app keeps the token in memory and asks again before it runs out. */
export const DEV_TOKEN_TTL_SECONDS = 15 * 60;

export const devSignInSchema = z.strictObject({
  user: z.string().trim().min(1, "must not be empty").max(64, "must be at most 64 characters")
    .regex(/^[\w.@-]+$/, "may contain letters, digits and . _ @ - only"),
});

export function signInConfig(c: { AUTH_DEV_SIGN_IN: boolean; AUTH_ISSUER?: string; AUTH_CLIENT_ID?: string; AUTH_AUDIENCE?: string }): SignInConfig {
  if (c.AUTH_DEV_SIGN_IN) return { mode: "dev", tokenTtlSeconds: DEV_TOKEN_TTL_SECONDS };
  if (c.AUTH_ISSUER && c.AUTH_CLIENT_ID) {
    return { mode: "oidc", authority: c.AUTH_ISSUER, clientId: c.AUTH_CLIENT_ID, ...(c.AUTH_AUDIENCE ? { audience: c.AUTH_AUDIENCE } : {}) };
  }
  return { mode: "none" };
}

export function sessionRoutes(deps: SessionDeps): Router {
  const router = newRouter({ prefix: "/api/v1/session" });
  if (deps.publicLimit) router.use(deps.publicLimit);
  router.get("/config", (ctx) => {
    ctx.set("Cache-Control", "no-cache");
    ctx.body = deps.signIn;
  });
  router.post("/dev", async (ctx) => {
    if (deps.signIn.mode !== "dev" || !deps.jwtSecret) throw notFoundProblem("development sign-in is off");
    const { user } = parseOr400(devSignInSchema, await readJson(ctx));
    const expiresAt = Math.floor(Date.now() / 1000) + DEV_TOKEN_TTL_SECONDS;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(user)
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(new TextEncoder().encode(deps.jwtSecret));
    ctx.set("Cache-Control", "no-store");
    ctx.body = { token, user, expiresAt: new Date(expiresAt * 1000).toISOString() };
  });
  return router;
}
