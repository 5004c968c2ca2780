/**
 * Faults on one piece of a running local stack, for the chaos suite
 * (test/chaos): SIGKILL a piece and start it again with the same flags and
 * data folders, or freeze it (SIGSTOP) and thaw it (SIGCONT). Only processes
 * whose pid file lies under this stack's state folder are ever signalled.
 *
 * Redis (appendonly, appendfsync always), Kafka (its log dirs), the scheduler
 * (embedded etcd) and the read store (--sync-on-commit) restart on the data
 * they left behind, as a crashed process would on the same disk.
 */
import fs from "node:fs";
import path from "node:path";
import { appEnv, launchApp, waitApp } from "./apps.js";
import { daprdArgs, startPlacement, startScheduler, waitDaprd } from "./dapr.js";
import { startKafka, startReadStore, startRedis } from "./infra.js";
import { obtain } from "./obtain.js";
import { APP_IDS, type AppId } from "./profile.js";
import { httpOk, isAlive, kill9, launch, portOpen, readPid, StackError } from "./processes.js";
import type { StackInfo } from "./stack.js";
import { redisPing } from "../../src/infra/probes.js";
import { setTimeout as sleep } from "node:timers/promises";

export const PIECES = [
  ...APP_IDS.flatMap((id) => [`app-${id}`, `daprd-${id}`] as const),
  "redis", "scheduler", "placement", "kafka", "readstore",
] as const;
export type Piece = (typeof PIECES)[number];

export function isPiece(name: string): name is Piece {
  return (PIECES as readonly string[]).includes(name);
}

const appOf = (piece: Piece): AppId | null => {
  const m = /^(?:app|daprd)-(api|notifications|audit)$/.exec(piece);
  return m ? (m[1] as AppId) : null;
};

function pidOf(info: StackInfo, piece: Piece): number {
  const pid = readPid(info.profile.stateDir, piece);
  if (pid === null || !isAlive(pid)) throw new StackError(`${piece} is not running in ${info.profile.stateDir}`);
  return pid;
}

/** SIGKILL the piece's process group and wait until it is gone (its ports free again). */
export async function killPiece(info: StackInfo, piece: Piece, timeoutMs = 15_000): Promise<void> {
  const pid = pidOf(info, piece);
  kill9(info.profile.stateDir, piece);
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new StackError(`${piece} (pid ${pid}) still alive ${timeoutMs} ms after SIGKILL`);
    await sleep(50);
  }
}

/** SIGSTOP (freeze) or SIGCONT (thaw) the piece's whole process group. */
export function signalPiece(info: StackInfo, piece: Piece, signal: "SIGSTOP" | "SIGCONT"): void {
  const pid = pidOf(info, piece);
  try {
    process.kill(-pid, signal);
  } catch {
    process.kill(pid, signal);
  }
}

/** Cached paths of the obtained binaries (each obtain script is quick once cached, but not free). */
const tools = new Map<string, string>();
function tool(root: string, name: "redis" | "kafka" | "secantus"): string {
  if (!tools.has(name)) tools.set(name, obtain(root, name));
  return tools.get(name)!;
}

/**
 * Start a piece that is down (killed) again and wait until it answers, the
 * way `up()` started it.
 */
export async function restartPiece(info: StackInfo, root: string, piece: Piece): Promise<void> {
  const p = info.profile;
  const id = appOf(piece);
  if (piece.startsWith("app-") && id) {
    launchApp(p, root, id, appEnv(info), info.appExtraEnv);
    return waitApp(p, id);
  }
  if (piece.startsWith("daprd-") && id) {
    relaunchDaprd(info, root, id);
    return waitDaprd(p, id);
  }
  switch (piece) {
    case "redis": return startRedis(p, tool(root, "redis"));
    case "readstore": return startReadStore(p, tool(root, "secantus"));
    case "kafka": return startKafka(p, tool(root, "kafka"));
    case "scheduler": return startScheduler(p, info.daprBin);
    case "placement": return startPlacement(p, info.daprBin);
    default: throw new StackError(`no restart for ${piece}`);
  }
}

/** Whether the piece answers its health check (after a thaw: the same checks a start waits for). */
export async function pieceAnswers(info: StackInfo, piece: Piece): Promise<boolean> {
  const p = info.profile;
  const id = appOf(piece);
  if (piece.startsWith("app-") && id) return httpOk(`http://127.0.0.1:${p.apps[id].app}/healthz`);
  if (piece.startsWith("daprd-") && id) return httpOk(`http://127.0.0.1:${p.apps[id].daprHttp}/v1.0/healthz`);
  switch (piece) {
    case "redis": return redisPing("127.0.0.1", p.redis);
    case "readstore": return portOpen(p.mongo);
    case "kafka": return portOpen(p.kafka);
    case "scheduler": return httpOk(`http://127.0.0.1:${p.schedulerHealth}/healthz`);
    case "placement": return httpOk(`http://127.0.0.1:${p.placementHealth}/healthz`);
    default: return false;
  }
}

/**
 * daprd again with the flags `up()` gave it, on the resources folder `up()`
 * already rendered. Not through dapr.ts's launchDaprd: that renders the
 * folder again, and rewriting files every running daprd watches makes each
 * of them reinitialise (seen: the api's sidecar refusing connections for a
 * moment when the audit's was restarted), which would fault more than the
 * one piece.
 */
function relaunchDaprd(info: StackInfo, root: string, id: AppId): void {
  const p = info.profile;
  const rendered = path.join(p.stateDir, "components");
  const tracing = path.join(p.stateDir, "dapr-config.yaml");
  const env = appEnv(info);
  launch(p.stateDir, {
    name: `daprd-${id}`,
    command: path.join(info.daprBin, "daprd"),
    args: daprdArgs(p, {
      appId: p.daprAppIds[id],
      ports: p.apps[id],
      resourcesPath: fs.existsSync(rendered) ? rendered : path.join(root, "components"),
      configPath: process.env.OTLP_ENDPOINT && fs.existsSync(tracing) ? tracing : path.join(root, "components", "config.yaml"),
    }),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DAPR_API_TOKEN: env.DAPR_API_TOKEN, APP_API_TOKEN: env.APP_API_TOKEN, REDIS_HOST: env.REDIS_HOST, KAFKA_BROKERS: env.KAFKA_BROKERS },
  });
}
