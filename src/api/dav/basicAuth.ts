/**
 * Basic authentication with an app password (src/infra/appPasswords.ts), for
 * the CalDAV routes only: calendar and task apps cannot do OIDC. The address's
 * budget is spent before the password is checked, so guessing is slow from any
 * one place; plain http is refused except from loopback (local development)
 * unless DAV_ALLOW_PLAIN_HTTP says a proxy outside TRUSTED_PROXIES terminates TLS.
 */
import type { Context, Next } from "koa";
import { HttpProblem } from "../../http/problem.js";
import type { AppPasswordStore } from "../../infra/appPasswords.js";
import type { AuthState } from "../auth.js";

export const DAV_REALM = 'Basic realm="Tickler CalDAV", charset="UTF-8"';
/** An Authorization header longer than this is not an app password. */
const MAX_AUTHORIZATION = 1024;

const challenge = (detail: string) => new HttpProblem(401, "unauthorized", "Unauthorized", detail, undefined, { "WWW-Authenticate": DAV_REALM });

const LOOPBACK = /^(?:127\.|::1$|::ffff:127\.)/;

export function isLoopback(ip: string): boolean {
  return LOOPBACK.test(ip);
}

/** `user` and `password` of a Basic header, or null. */
export function parseBasic(header: string): { user: string; password: string } | null {
  if (header.length > MAX_AUTHORIZATION) return null;
  const m = /^Basic +([\w+/]+={0,2})$/i.exec(header.trim());
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export interface BasicAuthOptions {
  store: Pick<AppPasswordStore, "verify">;
  allowPlainHttp: boolean;
  now?: () => Date;
}

export function requireAppPassword(opts: BasicAuthOptions) {
  const now = opts.now ?? (() => new Date());
  return async (ctx: Context, next: Next) => {
    if (ctx.protocol !== "https" && !opts.allowPlainHttp && !isLoopback(ctx.ip)) {
      throw new HttpProblem(403, "tls_required", "Forbidden", "app passwords are accepted over https only");
    }
    const basic = parseBasic(ctx.get("authorization"));
    if (!basic) throw challenge("send Authorization: Basic with your user id and an app password (/api/v1/me/app-passwords)");
    const ownerId = await opts.store.verify(basic.password, now());
    // The user name must be the password's owner: a password pasted under another account's name is refused, not silently switched.
    if (ownerId === null || ownerId !== basic.user) throw challenge("the user name or app password is not valid (or was revoked)");
    (ctx.state as AuthState).userId = ownerId;
    await next();
  };
}
