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
  /**
   * Ports of api replicas 2, 3, ... (replica 1 is `apps.api`), used when a
   * stack runs more than one (see scripts/stack/replicas.ts). Every replica
   * has the same Dapr app id, so placement spreads TaskActor over them.
   */
  apiReplicas: AppPorts[];
  /**
   * Where the test stack's SMTP receiver listens (test/support/smtpReceiver.ts):
   * the test stack's apps are started with SMTP_URL pointing here (scripts/test.ts).
   */
  smtpReceiver: number;
  /**
   * The Dapr app id of each app. Self-hosted daprd finds other apps by mDNS,
   * which sees every stack on the machine: so only the dev stack of slot 0
   * (what dapr.yaml describes) uses the plain ids, and every other stack
   * suffixes them, or service invocation could reach another stack's app.
   */
  daprAppIds: Record<AppId, string>;
}

// Below the kernel's ephemeral range (32768+), so no outgoing connection can hold one of them.
const BASE: Record<ProfileName, number> = { dev: 30000, test: 31000, bench: 29000 };

/**
 * `TICKLER_STACK_SLOT=1..7` moves a profile to its own ports and state folder,
 * so several checkouts (or developers on one machine) can each run a test
 * stack at the same time. Unset: slot 0, the ports above.
 */
export function stackSlot(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TICKLER_STACK_SLOT ?? "0";
  const slot = Number(raw);
  if (!Number.isInteger(slot) || slot < 0 || slot > 7) throw new Error(`TICKLER_STACK_SLOT must be 0-7, not "${raw}"`);
  return slot;
}

export function profile(name: ProfileName, root: string, apiPort?: number, slot = stackSlot()): Profile {
  // Slots step down 3000 ports per slot: dev/test/bench of every slot stay apart (slot 7's lowest, bench, starts at 7500).
  const b = BASE[name] - slot * 3000 - (slot > 0 ? 500 : 0);
  const app = (offset: number, appPort: number): AppPorts => ({
    app: appPort,
    daprHttp: b + offset,
    daprGrpc: b + offset + 1,
    daprInternalGrpc: b + offset + 2,
    daprMetrics: b + offset + 3,
  });
  return {
    name,
    stateDir: path.join(root, ".stack", slot === 0 ? name : `${name}-${slot}`),
    redis: b + 1,
    mongo: b + 2,
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
    daprAppIds: Object.fromEntries(APP_IDS.map((id) => [id, name === "dev" && slot === 0 ? id : `${id}-${name}${slot || ""}`])) as Record<AppId, string>,
    apps: {
      api: app(20, apiPort ?? (name === "dev" && slot === 0 ? 8080 : b + 80)),
      notifications: app(30, b + 81),
      audit: app(40, b + 82),
    },
    apiReplicas: [app(50, b + 83), app(60, b + 84)],
    smtpReceiver: b + 90,
  };
}

/** The most api replicas a local stack runs: 1 + profile.apiReplicas. */
export const MAX_API_REPLICAS = 3;

/** Ports of one replica of an app; replicas after the first exist for the api only. */
export function appPorts(p: Profile, appId: AppId, replica = 1): AppPorts {
  if (replica === 1) return p.apps[appId];
  const ports = appId === "api" ? p.apiReplicas[replica - 2] : undefined;
  if (!ports) throw new Error(`${appId} replica ${replica}: a local stack runs the api ${MAX_API_REPLICAS} times at most, the other apps once`);
  return ports;
}

/** Name of a replica's processes (pid and log files): `api`, `api-2`, ... */
export const replicaName = (appId: AppId, replica = 1): string => (replica === 1 ? appId : `${appId}-${replica}`);
