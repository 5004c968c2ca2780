/**
 * Serves daprd's actor callbacks from Koa through the SDK's ActorRuntime.
 * We dispatch ourselves instead of using the SDK's express handlers: ours
 * reset the state cache when a method throws, answer errors with a message,
 * treat deactivating a non-active actor as done, and pass reminder data
 * through untouched (the SDK mangles object payloads).
 * See docs/adr/0003-own-actor-host.md.
 */
import { newRouter, type Router } from "../infra/http/router.js";
import { AbstractActor, ActorId, type DaprClient } from "@dapr/dapr";
import ActorRuntimeModule from "@dapr/dapr/actors/runtime/ActorRuntime.js";
import ActorsUtilModule from "@dapr/dapr/utils/Actors.util.js";
import type { Context } from "koa";
import { readRaw } from "../infra/http/rawBody.js";
import type { Logger } from "../infra/logger.js";
import type { Metrics } from "../infra/metrics.js";
import { inSpan } from "../telemetry/tracing.js";
import { ActorTurns } from "./actorTurns.js";

// CommonJS deep imports: Node hands ESM the whole exports object.
const ActorRuntime = (ActorRuntimeModule as unknown as { default: typeof ActorRuntimeModule.default }).default ?? ActorRuntimeModule;
const { getRegisteredActorResponse } = ActorsUtilModule as unknown as typeof import("@dapr/dapr/utils/Actors.util.js");

export interface HostedActorClass {
  new (client: DaprClient, id: ActorId): AbstractActor;
  readonly callable: ReadonlySet<string>;
  readonly name: string;
}

type Callable = AbstractActor & Record<string, (...args: unknown[]) => Promise<unknown>>;

export function createActorHost(
  client: DaprClient,
  actorClasses: HostedActorClass[],
  log: Logger,
  metrics?: Pick<Metrics, "actorMethodDuration">,
): Router {
  const runtime = ActorRuntime.getInstanceByDaprClient(client);
  const classes = new Map<string, HostedActorClass>();
  const turns = new ActorTurns();
  const turnKey = (type: string, id: string) => `${type}||${id}`;
  for (const cls of actorClasses) {
    runtime.registerActor(cls as never);
    classes.set(cls.name, cls);
  }

  async function dispatch(type: string, id: string, method: string, args: unknown[]): Promise<unknown> {
    const cls = classes.get(type);
    if (!cls || !cls.callable.has(method)) throw new NotCallable(`${type}.${method} is not callable`);
    const started = performance.now();
    let outcome = "error";
    try {
      const result = await turns.run(turnKey(type, id), () =>
        inSpan(`${type}.${method}`, { attributes: { "dapr.actor.type": type, "dapr.actor.id": id, "dapr.actor.method": method } }, () => run(type, id, method, args)),
      );
      outcome = "ok";
      return result;
    } finally {
      metrics?.actorMethodDuration.observe({ actor_type: type, method, outcome }, (performance.now() - started) / 1000);
    }
  }

  async function run(type: string, id: string, method: string, args: unknown[]): Promise<unknown> {
    const actor = (await runtime.getActorManager(type).getActiveActor(new ActorId(id))) as Callable;
    await actor.onActorMethodPreInternal();
    try {
      const result = await actor[method]!(...args);
      await actor.onActorMethodPostInternal();
      return result;
    } catch (err) {
      // Drop cached changes of the failed call so a later call cannot flush them.
      await actor.resetStateInternal();
      throw err;
    }
  }

  async function answer(ctx: Context, work: () => Promise<unknown>) {
    try {
      const result = await work();
      ctx.status = 200;
      ctx.type = "application/json";
      ctx.body = JSON.stringify(result ?? null);
    } catch (err) {
      if (err instanceof NotCallable) {
        ctx.status = 404;
        ctx.body = { message: err.message };
        return;
      }
      log.error({ err, path: ctx.path }, "actor call failed");
      ctx.status = 500;
      ctx.set("X-DaprErrorResponseHeader", "true");
      ctx.body = { message: err instanceof Error ? err.message : String(err) };
    }
  }

  const router = newRouter();
  router.get("/dapr/config", (ctx) => {
    ctx.body = getRegisteredActorResponse(runtime.getRegisteredActorTypes(), runtime.getActorRuntimeOptions());
  });
  // Reminder and timer routes come before the generic method route.
  router.put("/actors/:type/:id/method/remind/:name", async (ctx) => {
    const body = parseJson(await readRaw(ctx)) as { data?: unknown } | null;
    await answer(ctx, () => dispatch(ctx.params.type!, ctx.params.id!, "onReminder", [ctx.params.name, body?.data ?? null]));
  });
  router.put("/actors/:type/:id/method/timer/:name", async (ctx) => {
    const body = parseJson(await readRaw(ctx)) as { callback?: string; data?: unknown } | null;
    await answer(ctx, () => dispatch(ctx.params.type!, ctx.params.id!, body?.callback ?? "", [body?.data ?? null]));
  });
  router.put("/actors/:type/:id/method/:method", async (ctx) => {
    const body = parseJson(await readRaw(ctx));
    const args = body === null ? [] : Array.isArray(body) ? body : [body];
    await answer(ctx, () => dispatch(ctx.params.type!, ctx.params.id!, ctx.params.method!, args));
  });
  router.delete("/actors/:type/:id", (ctx) => {
    const [type, id] = [ctx.params.type!, ctx.params.id!];
    // Queued behind the turn in flight (src/actors/actorTurns.ts), never beside it, but answered at once:
    // daprd holds a lock over every actor of the type until this answers (docs/adr/0014-deactivate-without-waiting.md).
    turns.run(turnKey(type, id), () => runtime.deactivate(type, id)).catch((err: unknown) => {
      // Not active in this process (e.g. after a restart): already deactivated.
      log.debug({ err, actor: `${type}/${id}` }, "deactivate of inactive actor");
    });
    ctx.status = 200;
    ctx.body = "";
  });
  return router;
}

class NotCallable extends Error {}

function parseJson(raw: Buffer): unknown {
  const text = raw.toString("utf8").trim();
  return text === "" ? null : (JSON.parse(text) as unknown);
}
