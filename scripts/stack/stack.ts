/**
 * The local stack: brings every piece up in order with progress, and down in
 * reverse. Used by `npm start`, `npm test` and `npm run stack:*`.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { appEnv, launchApp, launchWithSidecar, waitApp } from "./apps.js";
import { startPlacement, startScheduler, waitDaprd } from "./dapr.js";
import { writeInfo } from "./info.js";
import { createTopics, startKafka, startReadStore, startRedis } from "./infra.js";
import { obtainTools } from "./obtain.js";
import { APP_IDS, type AppId, type Profile } from "./profile.js";
import { ensurePortFree, httpOk, kill9, log, readPid, stop, waitFor } from "./processes.js";
import { apiReplica, apiReplicaCount, extraReplicaNames, waitReplicaReady, type ApiReplica } from "./replicas.js";

export { appEnv } from "./apps.js";

export interface Secrets {
  daprApiToken: string;
  appApiToken: string;
  jwtSecret: string;
}

export interface StackInfo {
  profile: Profile;
  secrets: Secrets;
  mongoUri: string;
  kafkaBrokers: string;
  redisHost: string;
  /** Replica 1's API (what every test uses unless it asks for another replica). */
  apiUrl: string;
  /** Every running api replica, replica 1 first (older stack.json files lack it: just the one). */
  apiReplicas?: ApiReplica[];
  daprBin: string;
  /** Extra environment the apps were started with (kept for restarts). */
  appExtraEnv: NodeJS.ProcessEnv;
}

/** Every process a stack may have started, in the order they are stopped. */
const PIECES = [
  ...extraReplicaNames(),
  ...APP_IDS.flatMap((id) => [`daprd-${id}`, `app-${id}`]),
  "scheduler",
  "placement",
  "kafka",
  "readstore",
  "redis",
];

export async function down(p: Profile): Promise<void> {
  for (const name of PIECES) {
    if (readPid(p.stateDir, name) !== null) {
      log(`stopping ${name}`);
      await stop(p.stateDir, name);
    }
  }
}

function loadSecrets(p: Profile): Secrets {
  const file = path.join(p.stateDir, "secrets.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as Secrets;
  const secrets: Secrets = {
    daprApiToken: randomBytes(24).toString("hex"),
    appApiToken: randomBytes(24).toString("hex"),
    jwtSecret: process.env.AUTH_JWT_SECRET ?? randomBytes(32).toString("hex"),
  };
  fs.mkdirSync(p.stateDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function step<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  log(`${what} ...`);
  const result = await fn();
  log(`${what}: ok (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  return result;
}

export interface UpOptions {
  root: string;
  /** Start from empty stores (tests). */
  fresh?: boolean;
  appExtraEnv?: NodeJS.ProcessEnv;
  /** false: stores, broker and control plane only (for `dapr run -f dapr.yaml`). */
  apps?: boolean;
  /** How many api app + daprd pairs (default TICKLER_API_REPLICAS, else 1); see replicas.ts. */
  apiReplicas?: number;
}

export async function up(p: Profile, opts: UpOptions): Promise<StackInfo> {
  const started = Date.now();
  const replicas = Array.from({ length: apiReplicaCount(opts.apiReplicas) }, (_, i) => apiReplica(p, i + 1));
  await down(p); // whatever an earlier run left behind
  if (opts.fresh) fs.rmSync(p.stateDir, { recursive: true, force: true });
  fs.mkdirSync(p.stateDir, { recursive: true });

  const external = {
    kafka: Boolean(process.env.KAFKA_BROKERS),
    redis: Boolean(process.env.REDIS_HOST),
    mongo: Boolean(process.env.MONGODB_URI),
  };
  const tools = await step("obtaining tools", async () => obtainTools(opts.root, external));
  const info: StackInfo = {
    profile: p,
    secrets: loadSecrets(p),
    kafkaBrokers: process.env.KAFKA_BROKERS ?? `127.0.0.1:${p.kafka}`,
    redisHost: process.env.REDIS_HOST ?? `127.0.0.1:${p.redis}`,
    mongoUri: process.env.MONGODB_URI ?? `mongodb://127.0.0.1:${p.mongo}/tickler`,
    apiUrl: `http://127.0.0.1:${p.apps.api.app}`,
    daprBin: tools.daprBin,
    apiReplicas: replicas,
    appExtraEnv: opts.appExtraEnv ?? {},
  };

  const ports: [string, number][] = [
    ["placement", p.placement], ["scheduler", p.scheduler], ["scheduler etcd", p.schedulerEtcdClient],
    ["scheduler etcd peer", p.schedulerEtcdPeer], ["placement raft", p.placementRaft],
    ...APP_IDS.flatMap((id): [string, number][] => [[`app ${id}`, p.apps[id].app], [`daprd ${id}`, p.apps[id].daprHttp]]),
    ...replicas.slice(1).flatMap((r): [string, number][] => [[`app ${r.name}`, r.ports.app], [`daprd ${r.name}`, r.ports.daprHttp]]),
  ];
  if (!external.redis) ports.push(["redis", p.redis]);
  if (!external.mongo) ports.push(["read store", p.mongo]);
  if (!external.kafka) ports.push(["kafka", p.kafka], ["kafka controller", p.kafkaController]);
  for (const [name, port] of ports) await ensurePortFree(name, port);

  await step("starting Redis, the read store and Kafka", () =>
    Promise.all([
      tools.redisServer ? startRedis(p, tools.redisServer) : Promise.resolve(),
      tools.readStore ? startReadStore(p, tools.readStore) : Promise.resolve(),
      tools.kafkaLibs ? startKafka(p, tools.kafkaLibs) : Promise.resolve(),
    ]),
  );
  await step("starting Dapr placement and scheduler, creating Kafka topics", () =>
    Promise.all([
      startPlacement(p, tools.daprBin),
      startScheduler(p, tools.daprBin),
      tools.kafkaLibs ? createTopics(p, tools.kafkaLibs, info.kafkaBrokers) : Promise.resolve(),
    ]),
  );
  if (opts.apps === false) {
    writeInfo(info);
    log(`infrastructure is up in ${((Date.now() - started) / 1000).toFixed(1)}s; start the apps with \`dapr run -f dapr.yaml\``);
    return info;
  }
  const extra = replicas.slice(1);
  const names = [...APP_IDS, ...extra.map((r) => r.name)];
  await step(`starting apps (${names.join(", ")}) with their sidecars`, async () => {
    for (const id of APP_IDS) launchWithSidecar(info, opts.root, id);
    for (const r of extra) launchWithSidecar(info, opts.root, "api", r.replica);
    await Promise.all(APP_IDS.map((id) => Promise.all([waitApp(p, id), waitDaprd(p, id)])));
  });
  await step("waiting for the API to be ready", () =>
    // Ready, and (unlike readiness) every dependency answering: a fresh stack starts complete.
    waitFor(p.stateDir, "app-api", "ready (/readyz) with every dependency up (/internal/health)", () => readyWithDependencies(info), 60_000),
  );
  if (extra.length > 0) {
    await step(`waiting for api replica${extra.length > 1 ? "s" : ""} ${extra.map((r) => r.replica).join(", ")} to be ready`, () => Promise.all(extra.map((r) => waitReplicaReady(p, r.replica))));
    for (const r of extra) log(`api replica ${r.replica}: ${r.apiUrl}`);
  }
  writeInfo(info);
  log(`stack is up in ${((Date.now() - started) / 1000).toFixed(1)}s; logs in ${path.join(p.stateDir, "logs")}`);
  return info;
}

async function readyWithDependencies(info: StackInfo): Promise<boolean> {
  if (!(await httpOk(`${info.apiUrl}/readyz`))) return false;
  try {
    return Object.values(await dependencyStates(info)).every((state) => state === "ok");
  } catch {
    return false;
  }
}

/** Each shared dependency's state as the api's background monitor last saw it (/internal/health: the app token). */
export async function dependencyStates(info: Pick<StackInfo, "apiUrl" | "secrets">): Promise<Record<string, string>> {
  const res = await fetch(`${info.apiUrl}/internal/health`, { headers: { "dapr-api-token": info.secrets.appApiToken }, signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`/internal/health answered ${res.status}`);
  const body = (await res.json()) as { dependencies: Record<string, { state: string }> };
  return Object.fromEntries(Object.entries(body.dependencies).map(([name, d]) => [name, d.state]));
}

/** Restart one app process (not its sidecar), as a crash-and-recover would. */
export async function restartApp(info: StackInfo, root: string, id: AppId, hard = false): Promise<void> {
  const p = info.profile;
  if (hard) kill9(p.stateDir, `app-${id}`);
  await stop(p.stateDir, `app-${id}`);
  launchApp(p, root, id, appEnv(info), info.appExtraEnv);
  await waitApp(p, id);
}
