/**
 * daprd authenticates itself to the app with the app API token. Every route
 * daprd calls (actor callbacks, subscriptions, /dapr/config, service
 * invocation) requires it, so nothing reachable on the app's port can drive an
 * actor or inject an event without it.
 */
import { timingSafeEqual } from "node:crypto";
import type { Context, Next } from "koa";
import { unauthorized } from "./problem.js";

export const CALLBACK_PREFIXES = ["/dapr/", "/actors/", "/events/", "/internal/"];

export function isCallbackPath(path: string): boolean {
  return CALLBACK_PREFIXES.some((prefix) => path.startsWith(prefix));
}

export function requireAppToken(appApiToken: string) {
  const expected = Buffer.from(appApiToken);
  return async (ctx: Context, next: Next) => {
    if (isCallbackPath(ctx.path)) {
      const given = Buffer.from(ctx.get("dapr-api-token"));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw unauthorized("this route is for the Dapr sidecar only");
      }
    }
    await next();
  };
}
