/**
 * GET and PUT /api/v1/me/preferences: the caller's notification preferences
 * (src/domain/preferences.ts), stored in the read store by PreferencesStore.
 * GET answers the defaults until the user saves something.
 */
import { newRouter, type Router } from "../../infra/http/router.js";
import type { Context, Middleware } from "koa";
import { DEFAULT_PREFERENCES, type Preferences } from "../../domain/index.js";
import type { Logger } from "../../infra/logger.js";
import type { PreferencesStore } from "../../infra/preferences.js";
import type { AuthState } from "../auth.js";
import { readJson } from "../../http/body.js";
import { preferencesInput } from "./schema.js";
import { parseOr400 } from "../../http/validate.js";

export interface PreferencesRoutesDeps {
  guard: Middleware[];
  store: Pick<PreferencesStore, "get" | "put">;
  now?: () => Date;
}

const BASE = "/api/v1/me/preferences";

export function preferencesRoutes(deps: PreferencesRoutesDeps): Router {
  const router = newRouter();
  router.use(...deps.guard);
  const userId = (ctx: Context) => (ctx.state as AuthState).userId;

  router.get(BASE, async (ctx) => {
    ctx.body = await deps.store.get(userId(ctx));
  });

  router.put(BASE, async (ctx) => {
    const prefs = parseOr400(preferencesInput, await readJson(ctx));
    ctx.body = await deps.store.put(userId(ctx), prefs, (deps.now ?? (() => new Date()))());
  });

  return router;
}

/** How long a create waits for the user's default reminders before going ahead without them. */
const DEFAULTS_WAIT_MS = 1000;

/**
 * The default reminders for POST /tasks. Creates must keep working while the
 * read store is down (docs/api.md: Preferences): if the preferences cannot be
 * read within a second, the task is created without default reminders and
 * the miss is logged, rather than the create failing.
 */
export function defaultRemindersOf(store: Pick<PreferencesStore, "get">, log: Logger): (ownerId: string) => Promise<readonly string[]> {
  return async (ownerId) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Preferences>((resolve) => {
      timer = setTimeout(() => {
        log.warn({ ownerId }, "preferences not readable in time: creating without default reminders");
        resolve(DEFAULT_PREFERENCES);
      }, DEFAULTS_WAIT_MS);
    });
    try {
      const prefs = await Promise.race([
        store.get(ownerId).catch((err: unknown) => {
          log.warn({ err, ownerId }, "preferences unreadable: creating without default reminders");
          return DEFAULT_PREFERENCES;
        }),
        timeout,
      ]);
      return prefs.defaultReminders;
    } finally {
      clearTimeout(timer);
    }
  };
}
