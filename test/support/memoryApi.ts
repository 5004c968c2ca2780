/**
 * The REST app on the pure domain held in memory (no daprd, no store), for
 * unit tests of what sits on top of the HTTP layer: quick add, the OpenAPI
 * document, the MCP tools. Writes are applied to an in-memory list that
 * stands in for the read model.
 */
import { SignJWT } from "jose";
import type { Middleware } from "koa";
import { pino } from "pino";
import type { Router } from "../../src/infra/http/router.js";
import type { TaskActors } from "../../src/actors/client.js";
import { createApp } from "../../src/http/app.js";
import { createAuthenticator, requireUser } from "../../src/api/auth.js";
import { taskRoutes } from "../../src/api/tasks/routes.js";
import { contentAt, decide, visibleTask, type List, type Task, type TaskRecord } from "../../src/domain/index.js";
import type { Lists } from "../../src/api/lists/lists.js";
import { inboxIdOf } from "../../src/infra/ids.js";

/**
 * Lists stand-in: every user may use their own Inbox and any list id (the
 * access rules themselves are tested in test/unit/access.test.ts and on the real stack).
 */
export function memoryLists(): Pick<Lists, "authorize" | "check" | "forNewTask" | "inbox"> {
  const inbox = (userId: string): List => ({
    id: inboxIdOf(userId), ownerId: userId, name: "Inbox", colour: null, archived: false, position: "i", inbox: true, members: [],
    createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z", version: 1,
  });
  return {
    inbox: async (userId) => inbox(userId),
    authorize: async (listId, userId) => ({ ...inbox(userId), id: listId, inbox: listId === inboxIdOf(userId) }),
    check: async () => undefined,
    forNewTask: async (userId, listId) => listId ?? inboxIdOf(userId),
  };
}

export const MEMORY_SECRET = "unit-test-secret-unit-test-secret-0123456789";

export function inMemoryActors(records = new Map<string, TaskRecord>()): TaskActors & { calls: number } {
  const actors = {
    calls: 0,
    async handle(id: string, command: Parameters<TaskActors["handle"]>[1]) {
      actors.calls++;
      const { record, events } = decide(records.get(id) ?? null, command, new Date());
      records.set(id, record);
      return { task: record.task, deleted: record.deletedAt !== null, changed: events.length > 0, nextOccurrenceId: null };
    },
    async read(id: string, ownerId: string) {
      return visibleTask(records.get(id) ?? null, ownerId);
    },
    async readVersion(id: string, ownerId: string, viaList: string | undefined, version: number) {
      const record = records.get(id) ?? null;
      return { ...visibleTask(record, ownerId, viaList), ...contentAt(record!, version) };
    },
  };
  return actors;
}

/** `actors`: what the routes call (default: the domain in memory; a test may put a fake sidecar under taskActorsVia). */
export function memoryApi<A extends TaskActors = ReturnType<typeof inMemoryActors>>(
  extraRouters: (guard: ReturnType<typeof requireUser>[]) => Router[] = () => [],
  actors: A = inMemoryActors() as unknown as A,
  /** Middleware after authentication in every router's guard (as the api's load shedder sits). */
  guardAfterAuth: Middleware[] = [],
) {
  const live = new Map<string, Task>();
  const guard: Middleware[] = [requireUser(createAuthenticator({ jwtSecret: MEMORY_SECRET })), ...guardAfterAuth];
  const app = createApp({
    log: pino({ level: "silent" }),
    appApiToken: "app-token-0123456789",
    sidecarRouters: [],
    routers: [
      ...extraRouters(guard),
      taskRoutes({
        guard,
        actors,
        lists: memoryLists(),
        readModel: {
          applyAfterWrite: async (task, deleted) => void (deleted ? live.delete(task.id) : live.set(task.id, task)),
          list: async (planned) => {
            const owner = JSON.stringify(planned.filter).match(/"ownerId":"([^"]+)"/)?.[1];
            return { items: [...live.values()].filter((t) => t.ownerId === owner), next: null };
          },
          tags: async () => [],
          // Not held: each task is its maker's alone (owner semantics), as in the real routes for a task not yet in the read model.
          get: async () => null,
          children: async () => [],
        },
        listsOf: async (userId) => [inboxIdOf(userId)],
        history: async () => [],
      }),
    ],
  });
  return { app, server: app.callback(), actors, live };
}

export const memoryToken = (sub: string, exp = "1h") =>
  new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(sub).setIssuedAt().setExpirationTime(exp).sign(new TextEncoder().encode(MEMORY_SECRET));
