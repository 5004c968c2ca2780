/**
 * Where each piece of a local stack listens. `dev` is what `npm start` and
 * dapr.yaml use; `test` and `bench` are shifted so `npm test` and
 * `npm run bench` can run beside a running `npm start`. Every port is on
 * 127.0.0.1.
 */
import path from "node:path";

export type ProfileName = "dev" | "test" | "bench";
export const APP_IDS = ["api", "notifications", "audit"] as const;
export type AppId = (typeof APP_IDS)[number];

export interface AppPorts {
  app: number;
  daprHttp: number;
  daprGrpc: number;
  daprInternalGrpc: number;
  daprMetrics: number;
}

export interface Profile {
  name: ProfileName;
  stateDir: string;
  redis: number;
  mongo: number;
  ferretDebug: number;
  kafka: number;
  kafkaController: number;
  placement: number;
  placementHealth: number;
  placementMetrics: number;
  placementRaft: number;
  scheduler: number;
  schedulerHealth: number;
  schedulerMetrics: number;
  schedulerEtcdClient: number;
  schedulerEtcdPeer: number;
  apps: Record<AppId, AppPorts>;
}

// Below the kernel's ephemeral range (32768+), so no outgoing connection can hold one of them.
const BASE: Record<ProfileName, number> = { dev: 30000, test: 31000, bench: 29000 };

export function profile(name: ProfileName, root: string, apiPort?: number): Profile {
  const b = BASE[name];
  const app = (offset: number, appPort: number): AppPorts => ({
    app: appPort,
    daprHttp: b + offset,
    daprGrpc: b + offset + 1,
    daprInternalGrpc: b + offset + 2,
    daprMetrics: b + offset + 3,
  });
  return {
    name,
    stateDir: path.join(root, ".stack", name),
    redis: b + 1,
    mongo: b + 2,
    ferretDebug: b + 3,
    kafka: b + 4,
    kafkaController: b + 5,
    placement: b + 6,
    placementHealth: b + 7,
    placementMetrics: b + 8,
    placementRaft: b + 14,
    scheduler: b + 9,
    schedulerHealth: b + 10,
    schedulerMetrics: b + 11,
    schedulerEtcdClient: b + 12,
    schedulerEtcdPeer: b + 13,
    apps: {
      api: app(20, apiPort ?? (name === "dev" ? 8080 : b + 80)),
      notifications: app(30, b + 81),
      audit: app(40, b + 82),
    },
  };
}
