/**
 * /api/v1/webhooks and /api/v1/notifications. The notification service owns
 * this data; the api app authenticates the user and forwards through Dapr
 * service invocation, always naming the caller as the owner.
 */
import { newRouter, type Router } from "../../infra/http/router.js";
import { isRefusedHost, NO_EXCEPTIONS, type EgressAllowList } from "../../infra/egress.js";
import type { Context, Middleware } from "koa";
import { z } from "zod";
import { SidecarError } from "../../infra/sidecar.js";
import type { NotificationsClient } from "../../infra/clients/notifications.js";
import type { AuthState } from "../auth.js";
import { readJson } from "../../http/body.js";
import { badRequest, HttpProblem, notFoundProblem } from "../../http/problem.js";
import { parseOr400 } from "../../http/validate.js";


export const webhookInput = z.strictObject({
  url: z
    .string()
    .max(2000)
    .url("must be an absolute http(s) URL")
    // Runs even when .url() failed: a string URL cannot parse must be refused, not thrown (a 500, found by the fuzzer).
    .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), "must be an http or https URL")
    .meta({ pattern: "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+([/?#][^\\s]*)?$" }),
  secret: z.string().min(16, "must be at least 16 characters").max(256),
});

const WEBHOOK_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** GET /notifications: other parameters are ignored. */
export const notificationsQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) });

/** The notifications app's limit_reached answer, passed on as it is (the cap lives with the data it counts). */
function passedOnLimit(body: string): HttpProblem | null {
  try {
    const problem = JSON.parse(body) as { detail?: unknown; limit?: { name?: unknown; max?: unknown } };
    const { name, max } = problem.limit ?? {};
    if (typeof name !== "string" || typeof max !== "number") return null;
    return new HttpProblem(409, "limit_reached", "Conflict", typeof problem.detail === "string" ? problem.detail : undefined, undefined, {}, { name, max });
  } catch {
    return null;
  }
}

export function notificationApiRoutes(deps: { guard: Middleware[]; notifications: NotificationsClient; allowPrivateWebhooks: boolean; allowedWebhookAddresses?: EgressAllowList }): Router {
  const router = newRouter({ prefix: "/api/v1" });
  router.use(["/webhooks", "/notifications"], ...deps.guard);
  const owner = (ctx: Context) => (ctx.state as AuthState).userId;
  const notFoundAs404 = async <T>(call: Promise<T>): Promise<T> => {
    try {
      return await call;
    } catch (err) {
      if (err instanceof SidecarError && err.status === 404) throw notFoundProblem("no such webhook");
      if (err instanceof SidecarError && err.status === 409) throw passedOnLimit(err.body) ?? err;
      throw err;
    }
  };

  router.post("/webhooks", async (ctx) => {
    const input = parseOr400(webhookInput, await readJson(ctx));
    if (!deps.allowPrivateWebhooks && isRefusedHost(new URL(input.url).hostname, deps.allowedWebhookAddresses ?? NO_EXCEPTIONS)) {
      throw badRequest("the webhook URL is not allowed", [{ path: "url", message: "must not point at a loopback, private or link-local address" }]);
    }
    ctx.status = 201;
    ctx.body = await notFoundAs404(deps.notifications.addWebhook({ ...input, ownerId: owner(ctx) }));
  });
  router.get("/webhooks", async (ctx) => {
    ctx.body = await notFoundAs404(deps.notifications.webhooks(owner(ctx)));
  });
  router.delete("/webhooks/:id", async (ctx) => {
    const id = String(ctx.params.id);
    // Ids are UUIDs: anything else names no webhook, and is not passed on to the notifications app (its path broke the invocation: a 500).
    if (!WEBHOOK_ID.test(id)) throw notFoundProblem("no such webhook");
    await notFoundAs404(deps.notifications.removeWebhook(owner(ctx), id));
    ctx.status = 204;
  });
  router.get("/notifications", async (ctx) => {
    const limit = notificationsQuerySchema.shape.limit.safeParse(ctx.query.limit ?? undefined);
    if (!limit.success || Array.isArray(ctx.query.limit)) throw badRequest("limit must be 1 to 100", [{ path: "limit", message: "must be 1 to 100" }]);
    ctx.body = await notFoundAs404(deps.notifications.inbox(owner(ctx), limit.data));
  });
  return router;
}
