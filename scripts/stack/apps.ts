/** The Tickler app processes (one per Dapr app id), run from source with tsx. */
import path from "node:path";
import { launchDaprd } from "./dapr.js";
import { appPorts, replicaName, type AppId, type Profile } from "./profile.js";
import { httpOk, launch, waitFor } from "./processes.js";
import type { StackInfo } from "./stack.js";

export interface AppEnv {
  DAPR_API_TOKEN: string;
  APP_API_TOKEN: string;
  AUTH_JWT_SECRET: string;
  MONGODB_URI: string;
  KAFKA_BROKERS: string;
  REDIS_HOST: string;
  LOG_LEVEL?: string;
}

export function launchApp(p: Profile, root: string, appId: AppId, env: AppEnv, extra: NodeJS.ProcessEnv = {}, replica = 1): void {
  const ports = appPorts(p, appId, replica);
  launch(p.stateDir, {
    name: `app-${replicaName(appId, replica)}`,
    command: process.execPath,
    // The test stack names its own entry point (test/support/testMain.ts: the app plus test hooks).
    args: ["--enable-source-maps", "--import", "tsx", path.join(root, extra.TICKLER_APP_ENTRY ?? path.join("src", "main.ts"))],
    cwd: root,
    env: {
      ...process.env,
      ...env,
      ...extra,
      ROLE: appId,
      // A local stack's apps are reached through their sidecars on this machine only.
      HOST: "127.0.0.1",
      NOTIFICATIONS_APP_ID: p.daprAppIds.notifications,
      AUDIT_APP_ID: p.daprAppIds.audit,
      PORT: String(ports.app),
      DAPR_HTTP_PORT: String(ports.daprHttp),
      DAPR_GRPC_PORT: String(ports.daprGrpc),
    },
  });
}

export async function waitApp(p: Profile, appId: AppId, replica = 1): Promise<void> {
  const port = appPorts(p, appId, replica).app;
  await waitFor(p.stateDir, `app-${replicaName(appId, replica)}`, "answering /healthz", () => httpOk(`http://127.0.0.1:${port}/healthz`), 60_000);
}

export function appEnv(info: StackInfo): AppEnv {
  return {
    DAPR_API_TOKEN: info.secrets.daprApiToken,
    APP_API_TOKEN: info.secrets.appApiToken,
    AUTH_JWT_SECRET: info.secrets.jwtSecret,
    MONGODB_URI: info.mongoUri,
    KAFKA_BROKERS: info.kafkaBrokers,
    REDIS_HOST: info.redisHost,
  };
}

/** One replica of an app and its sidecar, with the stack's environment. */
export function launchWithSidecar(info: StackInfo, root: string, id: AppId, replica = 1): void {
  const p = info.profile;
  const env = appEnv(info);
  launchApp(p, root, id, env, info.appExtraEnv, replica);
  launchDaprd(p, info.daprBin, root, id, {
    DAPR_API_TOKEN: env.DAPR_API_TOKEN,
    APP_API_TOKEN: env.APP_API_TOKEN,
    REDIS_HOST: env.REDIS_HOST,
    KAFKA_BROKERS: env.KAFKA_BROKERS,
  }, replica);
}
