/**
 * GET /api/v1/lists/{id}/activity: the audited changes of a list's tasks and
 * of the list itself (fields, invitations, members, roles), newest first,
 * paged with an opaque cursor, to every member (read access, asked of the
 * list's actor). Served by the audit app through Dapr service invocation.
 */
import type { Context, Middleware } from "koa";
import type { ActivityBefore, ActivityEntry } from "../../infra/clients/audit.js";
import { newRouter, type Router } from "../../infra/http/router.js";
import { badRequest, notFoundProblem } from "../../http/problem.js";
import { flatQuery, parseOr400 } from "../../http/validate.js";
import type { AuthState } from "../auth.js";
import { decodeHistoryCursor, encodeHistoryCursor } from "../history/cursor.js";
import { historyQuerySchema } from "../history/routes.js";
import type { Lists } from "./lists.js";

export interface ActivityRoutesDeps {
  guard: Middleware[];
  lists: Pick<Lists, "authorize">;
  /** Up to `limit` entries of the list before `before`, newest first. */
  activity(listId: string, before: ActivityBefore | null, limit: number): Promise<ActivityEntry[]>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const activityQuerySchema = historyQuerySchema;

export function activityRoutes(deps: ActivityRoutesDeps): Router {
  const router = newRouter();
  router.use(...deps.guard);
  router.get("/api/v1/lists/:id/activity", async (ctx: Context) => {
    const id = String(ctx.params.id);
    if (!UUID.test(id)) throw notFoundProblem(`list ${id} does not exist`);
    const { limit, cursor } = parseOr400(activityQuerySchema, flatQuery(ctx));
    // The history's cursor format, its instant being when the change occurred.
    let before: ActivityBefore | null = null;
    if (cursor !== undefined) {
      const position = decodeHistoryCursor(cursor);
      before = position && { occurredAt: position.recordedAt, id: position.id };
      if (!before) throw badRequest("the request is not valid", [{ path: "cursor", message: "is not a cursor this API issued" }]);
    }
    const listId = id.toLowerCase();
    await deps.lists.authorize(listId, (ctx.state as AuthState).userId, "read");
    // One more than asked tells whether another page exists.
    const entries = await deps.activity(listId, before, limit + 1);
    const items = entries.slice(0, limit);
    const last = items[items.length - 1];
    ctx.body = { items, nextCursor: entries.length > limit && last ? encodeHistoryCursor({ recordedAt: last.occurredAt, id: last.eventId }) : null };
  });
  return router;
}
