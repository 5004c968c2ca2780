/**
 * The bench's baseline app, its own process beside the stack (with its own
 * daprd, app id bench-baseline). B1: POST /b1/tasks, Koa + HS256 JWT check
 * (jose) + Tickler's create schema (zod) + one Redis MULTI/EXEC (record and
 * outbox). B2/B3/B3d: BenchActor through createActorHost, Tickler's own dispatch.
 * Never part of the production entry point.
 */
import { randomUUID } from "node:crypto";
import Koa from "koa";
import Router from "@koa/router";
import getRawBody from "raw-body";
import { jwtVerify } from "jose";
import { CommunicationProtocolEnum, DaprClient, LogLevel } from "@dapr/dapr";
import { createActorHost } from "../../src/actors/host.js";
import { createTaskSchema } from "../../src/api/tasks/schema.js";
import { createLogger } from "../../src/infra/logger.js";
import { BenchActor, setSidecar } from "./benchActor.js";
import { RespClient } from "./resp.js";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const port = Number(env("PORT"));
const daprHttpPort = Number(env("DAPR_HTTP_PORT"));
const daprApiToken = env("DAPR_API_TOKEN");
const jwtKey = new TextEncoder().encode(env("AUTH_JWT_SECRET"));
const [redisHost, redisPort] = env("REDIS_HOST").split(":") as [string, string];

const log = createLogger("warn", { app: "bench-baseline" });
const redis = await RespClient.connect(redisHost, Number(redisPort));
const dapr = new DaprClient({
  daprHost: "127.0.0.1",
  daprPort: String(daprHttpPort),
  communicationProtocol: CommunicationProtocolEnum.HTTP,
  daprApiToken,
  logger: { level: LogLevel.Warn },
  actor: { actorIdleTimeout: "1h", drainOngoingCallTimeout: "10s", drainRebalancedActors: true, reentrancy: { enabled: false } },
});
setSidecar({ daprHttpPort, daprApiToken, pubsub: "pubsub" });

const b1 = new Router();
b1.post("/b1/tasks", async (ctx) => {
  const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.get("authorization"))?.[1];
  let owner: string | undefined;
  try {
    owner = bearer ? (await jwtVerify(bearer, jwtKey, { algorithms: ["HS256"], requiredClaims: ["sub", "exp"] })).payload.sub : undefined;
  } catch {
    owner = undefined;
  }
  if (!owner) {
    ctx.status = 401;
    return;
  }
  const parsed = createTaskSchema.safeParse(JSON.parse(await getRawBody(ctx.req, { limit: 64 * 1024, encoding: "utf8" })));
  if (!parsed.success) {
    ctx.status = 400;
    ctx.body = { issues: parsed.error.issues };
    return;
  }
  const now = new Date().toISOString();
  const task = { id: randomUUID(), ownerId: owner, ...parsed.data, status: "open", version: 1, createdAt: now, updatedAt: now };
  const event = JSON.stringify({ id: randomUUID(), type: "task.created", task });
  await redis.setBoth(`b1:task:${task.id}`, JSON.stringify(task), `b1:outbox:${task.id}`, event);
  ctx.status = 201;
  ctx.body = task;
});
b1.get("/healthz", (ctx) => {
  ctx.body = { ok: true };
});

const app = new Koa();
app.use(b1.routes());
app.use(createActorHost(dapr, [BenchActor], log).routes());
const server = app.listen(port, "127.0.0.1", () => log.warn({ port }, "bench baseline app listening"));
process.on("SIGTERM", () => {
  server.close();
  redis.close();
  process.exit(0);
});
