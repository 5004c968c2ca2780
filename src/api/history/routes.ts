/**
 * GET /api/v1/history: the caller's change history across all their tasks,
 * oldest first, paged with an opaque cursor. Served by the audit app (through
 * Dapr service invocation); this route authenticates, validates and pages.
 */
import { newRouter, type Router } from "../../infra/http/router.js";
import type { Middleware } from "koa";
import type { HistoryEntry } from "../../infra/clients/audit.js";
import type { AuthState } from "../auth.js";
import { decodeHistoryCursor, encodeHistoryCursor, type HistoryPosition } from "./cursor.js";
import { z } from "zod";
import { badRequest } from "../../http/problem.js";
import { flatQuery, parseOr400 } from "../../http/validate.js";

export interface HistoryFeed {
  /** Up to `limit` entries of the owner after `after`, oldest first. */
  (ownerId: string, after: HistoryPosition | null, limit: number): Promise<HistoryEntry[]>;
}

export const historyQuerySchema = z.strictObject({
  limit: z.coerce.number().int("must be an integer from 1 to 200").min(1, "must be an integer from 1 to 200").max(200, "must be an integer from 1 to 200").default(50),
  cursor: z.string().min(1).max(1024).optional().meta({ description: "nextCursor of the previous page (x-rules)" }),
});

const BASE = "/api/v1/history";

export function historyRoutes(deps: { guard: Middleware[]; feed: HistoryFeed; visibleTo(userId: string): Promise<(entry: HistoryEntry) => boolean> }): Router {
  const router = newRouter();
  router.use(...deps.guard);
  router.get(BASE, async (ctx) => {
    const { limit, cursor } = parseOr400(historyQuerySchema, flatQuery(ctx));
    let after: HistoryPosition | null = null;
    if (cursor !== undefined) {
      after = decodeHistoryCursor(cursor);
      if (!after) throw badRequest("the request is not valid", [{ path: "cursor", message: "is not a cursor this API issued" }]);
    }
    const userId = (ctx.state as AuthState).userId;
    // One more than asked tells whether another page exists.
    const [entries, visible] = await Promise.all([deps.feed(userId, after, limit + 1), deps.visibleTo(userId)]);
    const page = entries.slice(0, limit);
    const last = page[page.length - 1];
    ctx.body = {
      // The maker's entries of lists they no longer read are left out (src/api/history/visible.ts): a page may hold fewer than `limit`.
      items: page.filter(visible),
      nextCursor: entries.length > limit && last ? encodeHistoryCursor({ recordedAt: last.recordedAt, id: last.eventId }) : null,
    };
  });
  return router;
}
