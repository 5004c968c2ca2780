/** The Tickler app processes (one per Dapr app id), run from source with tsx. */
import path from "node:path";
import type { AppId, Profile } from "./profile.js";
import { httpOk, launch, waitFor } from "./processes.js";

export interface AppEnv {
  DAPR_API_TOKEN: string;
  APP_API_TOKEN: string;
  AUTH_JWT_SECRET: string;
  MONGODB_URI: string;
  KAFKA_BROKERS: string;
  REDIS_HOST: string;
  LOG_LEVEL?: string;
}

export function launchApp(p: Profile, root: string, appId: AppId, env: AppEnv, extra: NodeJS.ProcessEnv = {}): void {
  const ports = p.apps[appId];
  launch(p.stateDir, {
    name: `app-${appId}`,
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

export async function waitApp(p: Profile, appId: AppId): Promise<void> {
  const port = p.apps[appId].app;
  await waitFor(p.stateDir, `app-${appId}`, "answering /healthz", () => httpOk(`http://127.0.0.1:${port}/healthz`), 60_000);
}
