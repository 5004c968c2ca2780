/**
 * daprd authenticates itself to the app with the app API token. The check is
 * the first middleware of the router that holds every route daprd calls
 * (actor callbacks, subscriptions, /dapr/config, bindings, service
 * invocation; see createApp), so it runs before each of those handlers
 * whatever the request's path looks like: no path test decides whether it
 * applies. See docs/security.md.
 */
import { timingSafeEqual } from "node:crypto";
import type { Context, Next } from "koa";
import { unauthorized } from "./problem.js";

export function requireAppToken(appApiToken: string) {
  const expected = Buffer.from(appApiToken);
  return async (ctx: Context, next: Next) => {
    const given = Buffer.from(ctx.get("dapr-api-token"));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw unauthorized("this route is for the Dapr sidecar only");
    }
    await next();
  };
}
