/**
 * More than one api replica on a local stack, the way the chart runs them:
 * each replica is an app process with its own daprd, all under the api's one
 * Dapr app id, sharing placement, scheduler, Redis and Kafka. So placement
 * spreads TaskActor over them, the `pubsub` consumer group (= the app id)
 * splits the projection's partitions between them, and each daprd fills in
 * the `{uuid}` of pubsub-stream's consumer group itself: every replica's live
 * stream reads every event through a group of its own, as in the chart, with
 * nothing per replica to configure.
 *
 * `up()` starts `apiReplicas` of them (default TICKLER_API_REPLICAS, else 1);
 * a test can add one to a running stack with startApiReplica and take it away
 * again, so only that test pays for it.
 */
import { appEnv, launchApp, launchWithSidecar, waitApp } from "./apps.js";
import { waitDaprd } from "./dapr.js";
import { writeInfo } from "./info.js";
import { appPorts, MAX_API_REPLICAS, replicaName, type AppPorts, type Profile } from "./profile.js";
import { ensurePortFree, httpOk, isAlive, kill9, readPid, StackError, stop, waitFor } from "./processes.js";
import type { StackInfo } from "./stack.js";

export interface ApiReplica {
  /** 1, 2, ... */
  replica: number;
  /** Of its processes: `app-<name>`, `daprd-<name>` (pid and log files). */
  name: string;
  apiUrl: string;
  ports: AppPorts;
}

export function apiReplica(p: Profile, replica: number): ApiReplica {
  const ports = appPorts(p, "api", replica);
  return { replica, name: replicaName("api", replica), apiUrl: `http://127.0.0.1:${ports.app}`, ports };
}

/** How many api replicas `up()` starts: the option, else TICKLER_API_REPLICAS, else 1. */
export function apiReplicaCount(requested?: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = requested ?? Number(env.TICKLER_API_REPLICAS ?? "1");
  if (!Number.isInteger(raw) || raw < 1 || raw > MAX_API_REPLICAS) {
    throw new Error(`api replicas must be 1-${MAX_API_REPLICAS}, not "${requested ?? env.TICKLER_API_REPLICAS}"`);
  }
  return raw;
}

/** Every api replica process name a stack may have started (for `down`), extra replicas first. */
export function extraReplicaNames(): string[] {
  return Array.from({ length: MAX_API_REPLICAS - 1 }, (_, i) => replicaName("api", MAX_API_REPLICAS - i)).flatMap((n) => [`daprd-${n}`, `app-${n}`]);
}

/**
 * Up and ready: /readyz includes the live stream, which is ready only once the
 * replica has read its own heartbeat back through its own new consumer group,
 * so a stream client sent to it from now on misses nothing.
 */
export async function waitReplicaReady(p: Profile, replica: number): Promise<void> {
  await Promise.all([waitApp(p, "api", replica), waitDaprd(p, "api", replica)]);
  const { name, apiUrl } = apiReplica(p, replica);
  await waitFor(p.stateDir, `app-${name}`, "ready (/readyz)", () => httpOk(`${apiUrl}/readyz`), 90_000);
}

function replicasOf(info: StackInfo): ApiReplica[] {
  // A stack.json written before replicas were recorded: the one api.
  return info.apiReplicas ?? [apiReplica(info.profile, 1)];
}

/** Adds api replica `replica` (2 or more) to a running stack, waits until it is ready, records it in stack.json. */
export async function startApiReplica(info: StackInfo, root: string, replica: number): Promise<ApiReplica> {
  if (replica < 2) throw new Error("replica 1 is the stack's own api (up() starts it)");
  const added = apiReplica(info.profile, replica);
  if (replicasOf(info).some((r) => r.replica === replica)) throw new Error(`api replica ${replica} is already running`);
  await ensurePortFree(`app ${added.name}`, added.ports.app);
  await ensurePortFree(`daprd ${added.name}`, added.ports.daprHttp);
  launchWithSidecar(info, root, "api", replica);
  await waitReplicaReady(info.profile, replica);
  info.apiReplicas = [...replicasOf(info), added].sort((a, b) => a.replica - b.replica);
  writeInfo(info);
  return added;
}

/** SIGKILL a replica's app and its daprd at once, as a lost node would (no drain, no goodbye to placement). */
export function killApiReplica(info: StackInfo, replica: number): void {
  const { name } = apiReplica(info.profile, replica);
  kill9(info.profile.stateDir, `app-${name}`);
  kill9(info.profile.stateDir, `daprd-${name}`);
}

/** SIGKILL a replica's app alone: its daprd stays, still in the placement, as with a crashed app container. */
export function killApiReplicaApp(info: StackInfo, replica: number): void {
  kill9(info.profile.stateDir, `app-${apiReplica(info.profile, replica).name}`);
}

/** Starts a replica's app again (its daprd still running) and waits until it answers. */
export async function restartApiReplicaApp(info: StackInfo, root: string, replica: number): Promise<void> {
  launchApp(info.profile, root, "api", appEnv(info), info.appExtraEnv, replica);
  await waitApp(info.profile, "api", replica);
}

/** Which process of a replica: its app or its daprd. */
export type ReplicaPart = "app" | "daprd";

/** SIGSTOP (freeze) or SIGCONT (thaw) one process group of a replica: its app or its daprd alone. */
export function signalApiReplica(info: StackInfo, replica: number, part: ReplicaPart, signal: "SIGSTOP" | "SIGCONT"): void {
  const piece = `${part}-${apiReplica(info.profile, replica).name}`;
  const pid = readPid(info.profile.stateDir, piece);
  if (pid === null || !isAlive(pid)) throw new StackError(`${piece} is not running in ${info.profile.stateDir}`);
  try {
    process.kill(-pid, signal);
  } catch {
    process.kill(pid, signal);
  }
}

/** Whether a replica's app (/healthz) or daprd (/v1.0/healthz) answers. */
export function apiReplicaAnswers(info: StackInfo, replica: number, part: ReplicaPart): Promise<boolean> {
  const { apiUrl, ports } = apiReplica(info.profile, replica);
  return httpOk(part === "app" ? `${apiUrl}/healthz` : `http://127.0.0.1:${ports.daprHttp}/v1.0/healthz`);
}

/** Stops what is left of an added replica and takes it out of stack.json. */
export async function stopApiReplica(info: StackInfo, replica: number): Promise<void> {
  if (replica < 2) throw new Error("replica 1 is the stack's own api (down() stops it)");
  const { name } = apiReplica(info.profile, replica);
  await stop(info.profile.stateDir, `daprd-${name}`);
  await stop(info.profile.stateDir, `app-${name}`);
  info.apiReplicas = replicasOf(info).filter((r) => r.replica !== replica);
  writeInfo(info);
}
