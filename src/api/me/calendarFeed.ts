/**
 * The secret calendar feed. POST /api/v1/me/calendar-feed issues a feed URL
 * (a new one replaces the old), DELETE revokes it; GET /api/v1/calendar/{token}.ics
 * serves the open dated tasks of the lists the owner may read at that moment as iCalendar to whoever holds the URL,
 * with no other credentials (calendar apps cannot send a bearer token). The
 * token is the credential: 256 random bits, only its hash stored, and an
 * unknown or revoked one answers 404 like any missing resource. The owner's
 * request budget applies to the feed as to every other route.
 */
import { newRouter, type Router } from "../../infra/http/router.js";
import type { Context, Middleware } from "koa";
import { calendarFeed, feedEntries } from "../../domain/icalFeed.js";
import type { CalendarFeeds } from "../../infra/calendarFeeds.js";
import type { ReadModel } from "../../infra/readModel.js";
import type { AuthState } from "../auth.js";
import { notFoundProblem } from "../../http/problem.js";
import { allTasksOf } from "../export/allTasks.js";
import rrule from "rrule";

const { RRule } = rrule;

export interface CalendarFeedDeps {
  guard: Middleware[];
  /** The per-user rate limit alone (the feed has no bearer token; its owner is found by the token). */
  limit: Middleware;
  feeds: Pick<CalendarFeeds, "issue" | "revoke" | "ownerOf">;
  readModel: Pick<ReadModel, "list" | "get">;
  /** The lists the owner may read now (src/domain/access.ts, surface `calendarFeed`): their tasks, whoever made them, are in the feed. */
  readable(userId: string): Promise<string[]>;
  /** The lists of `userId` that have members: their tasks' assignees are in the feed as ATTENDEEs. */
  sharedLists?(userId: string): Promise<ReadonlySet<string>>;
  /** Origin for the URLs handed out; else the request's own. */
  publicBaseUrl?: string;
  /** The per-address limit of the routes that need no token, checked before a feed token is looked up. */
  publicLimit?: Middleware;
  now?: () => Date;
}

export const FEED_PATH = "/api/v1/calendar";

export function calendarFeedRoutes(deps: CalendarFeedDeps): Router {
  const router = newRouter();
  const now = deps.now ?? (() => new Date());
  const userId = (ctx: Context) => (ctx.state as AuthState).userId;

  router.post("/api/v1/me/calendar-feed", ...deps.guard, async (ctx) => {
    const token = await deps.feeds.issue(userId(ctx), now());
    ctx.status = 201;
    // Built from protocol and host: ctx.origin answers null under Koa 3 (tried).
    const origin = deps.publicBaseUrl ?? `${ctx.protocol}://${ctx.host}`;
    // Asked over TLS: the secret URL is never handed out as plain http (a calendar app would send it in clear).
    const secureOrigin = ctx.protocol === "https" ? origin.replace(/^http:/i, "https:") : origin;
    ctx.body = { url: `${secureOrigin}${FEED_PATH}/${token}.ics` };
  });

  router.delete("/api/v1/me/calendar-feed", ...deps.guard, async (ctx) => {
    await deps.feeds.revoke(userId(ctx));
    ctx.status = 204;
  });

  const owner: Middleware = async (ctx, next) => {
    const token = String(ctx.params.feed).replace(/\.ics$/, "");
    const ownerId = await deps.feeds.ownerOf(token);
    if (ownerId === null) throw notFoundProblem("no such calendar feed");
    (ctx.state as AuthState).userId = ownerId;
    await next();
  };

  router.get(`${FEED_PATH}/:feed`, deps.publicLimit ?? ((_ctx, next) => next()), owner, deps.limit, async (ctx) => {
    const ownerId = userId(ctx);
    const { tasks } = await allTasksOf(deps.readModel, ownerId, { status: "open", dueOnly: true, sort: "dueAt", inLists: await deps.readable(ownerId) }, now());
    const seriesStarts = await startsOfCountedSeries(deps.readModel, ownerId, feedEntries(tasks).map((e) => e.task));
    ctx.type = "text/calendar; charset=utf-8";
    // The URL is a secret: keep it out of shared caches.
    ctx.set("Cache-Control", "private, max-age=300");
    const sharedLists = deps.sharedLists ? await deps.sharedLists(ownerId) : new Set<string>();
    ctx.body = calendarFeed(tasks, { now: now(), name: "Tickler", seriesStarts, sharedLists });
  });

  return router;
}

/** dueAt of the first occurrence of each listed series whose rule has a COUNT (the series id is that task's id). */
async function startsOfCountedSeries(readModel: Pick<ReadModel, "get">, ownerId: string, tasks: { seriesId: string | null; recurrence: { rule: string } | null }[]) {
  const ids = [...new Set(tasks.filter((t) => t.seriesId && t.recurrence && RRule.parseString(t.recurrence.rule).count).map((t) => t.seriesId!))];
  const starts = new Map<string, string>();
  for (const id of ids) {
    const first = await readModel.get(id);
    if (first && first.ownerId === ownerId && first.dueAt) starts.set(id, first.dueAt);
  }
  return starts;
}
