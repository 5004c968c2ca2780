/**
 * What `npm run bench` and `npm run soak` share to start: a fresh stack on the
 * bench profile's ports with the load-test settings, and signed tokens for
 * the users that drive it.
 */
import { SignJWT } from "jose";
import { ROOT } from "../root.js";
import { up, type StackInfo } from "../stack/stack.js";
import type { Profile } from "../stack/profile.js";

/**
 * Webhooks to this machine allowed (the receiver listens on loopback), no
 * rate limit (one generator speaks for many users), and the load-shedding
 * settings and actor idle timeout of the caller's environment passed on, to
 * compare them in one session (docs/operations.md).
 */
export function loadTestEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const passed = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => (e[0].startsWith("SHED_") || e[0] === "ACTOR_IDLE_TIMEOUT") && e[1] !== undefined));
  return { WEBHOOK_ALLOW_PRIVATE: "true", RATE_LIMIT_PER_MINUTE: "0", ...passed };
}

export function startLoadStack(p: Profile, extraEnv: NodeJS.ProcessEnv = {}): Promise<StackInfo> {
  return up(p, { root: ROOT, fresh: true, appExtraEnv: { ...loadTestEnv(), ...extraEnv } });
}

/** A bearer token for `subject`, signed with the stack's secret (valid for `hours`). */
export function signToken(info: StackInfo, subject: string, hours = 1): Promise<string> {
  return new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(subject).setIssuedAt()
    .setExpirationTime(`${hours}h`).sign(new TextEncoder().encode(info.secrets.jwtSecret));
}

/** Request headers of a JSON call as that token's user. */
export const jsonHeaders = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });
