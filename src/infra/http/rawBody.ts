/** A callback's raw request body (actor and subscription callbacks parse their own). */
import type { Context } from "koa";
import getRawBody from "raw-body";

export async function readRaw(ctx: Context, limit = "4mb"): Promise<Buffer> {
  return getRawBody(ctx.req, { limit });
}
