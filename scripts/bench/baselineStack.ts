/**
 * Starts and stops the baseline app (scripts/bench/baselineApp.ts) and its own
 * daprd beside a running bench stack: app id bench-baseline, the stack's
 * placement, scheduler, Redis and Kafka, the same components and config.
 */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { daprdArgs } from "../stack/dapr.js";
import type { StackInfo } from "../stack/stack.js";
import { ensurePortFree, httpOk, launch, readPid, stop, waitFor } from "../stack/processes.js";

export const BASELINE_APP_ID = "bench-baseline";
const APP = `app-${BASELINE_APP_ID}`;
const DAPRD = `daprd-${BASELINE_APP_ID}`;

export interface BaselinePorts {
  app: number;
  daprHttp: number;
  daprGrpc: number;
  daprInternalGrpc: number;
  daprMetrics: number;
}

/** Just above the bench profile's own ports (base..base+82) and well inside its slot's 1000. */
export function baselinePorts(info: StackInfo): BaselinePorts {
  const base = info.profile.redis - 1 + 90;
  return { app: base, daprHttp: base + 1, daprGrpc: base + 2, daprInternalGrpc: base + 3, daprMetrics: base + 4 };
}

/**
 * The repository's components, with bench-baseline added wherever the api app
 * is in scope (the actor state store is scoped to api).
 */
function resources(info: StackInfo, root: string): string {
  const dir = path.join(info.profile.stateDir, BASELINE_APP_ID, "resources");
  fs.mkdirSync(dir, { recursive: true });
  const source = path.join(root, "components");
  for (const file of fs.readdirSync(source).filter((f) => f.endsWith(".yaml"))) {
    const doc = YAML.parse(fs.readFileSync(path.join(source, file), "utf8")) as { scopes?: string[] };
    if (doc.scopes?.includes("api")) doc.scopes.push(BASELINE_APP_ID);
    fs.writeFileSync(path.join(dir, file), YAML.stringify(doc));
  }
  return dir;
}

export async function startBaseline(info: StackInfo, root: string): Promise<BaselinePorts> {
  const p = info.profile;
  const ports = baselinePorts(info);
  await stopBaseline(p.stateDir);
  for (const [what, port] of Object.entries(ports)) await ensurePortFree(`bench baseline ${what}`, port);
  const { secrets } = info;
  launch(p.stateDir, {
    name: APP,
    command: process.execPath,
    args: ["--enable-source-maps", "--import", "tsx", path.join(root, "scripts", "bench", "baselineApp.ts")],
    cwd: root,
    env: {
      ...process.env,
      PORT: String(ports.app),
      DAPR_HTTP_PORT: String(ports.daprHttp),
      DAPR_API_TOKEN: secrets.daprApiToken,
      AUTH_JWT_SECRET: secrets.jwtSecret,
      REDIS_HOST: info.redisHost,
    },
  });
  const resourcesDir = resources(info, root);
  // Its own app id and ports (not the profile's), with the stack's daprd flags.
  launch(p.stateDir, {
    name: DAPRD,
    command: path.join(info.daprBin, "daprd"),
    args: daprdArgs(p, { appId: BASELINE_APP_ID, ports, resourcesPath: resourcesDir, configPath: path.join(resourcesDir, "config.yaml") }),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DAPR_API_TOKEN: secrets.daprApiToken,
      APP_API_TOKEN: secrets.appApiToken,
      REDIS_HOST: info.redisHost,
      KAFKA_BROKERS: info.kafkaBrokers,
    },
  });
  await waitFor(p.stateDir, APP, "answering /healthz", () => httpOk(`http://127.0.0.1:${ports.app}/healthz`), 60_000);
  await waitFor(p.stateDir, DAPRD, "healthy", () => httpOk(`http://127.0.0.1:${ports.daprHttp}/v1.0/healthz`), 90_000);
  return ports;
}

export async function stopBaseline(stateDir: string): Promise<void> {
  for (const name of [DAPRD, APP]) if (readPid(stateDir, name) !== null) await stop(stateDir, name);
}

export const BASELINE_PIECES = [APP, DAPRD];
