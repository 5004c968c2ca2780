/** placement, scheduler and one daprd per app. */
import fs from "node:fs";
import YAML from "yaml";
import path from "node:path";
import { APP_IDS, appPorts, replicaName, type AppId, type AppPorts, type Profile } from "./profile.js";
import { httpOk, launch, waitFor } from "./processes.js";
import { pubsubRetryFrom, renderResiliency } from "./resiliency.js";

/**
 * How fast the stack's control plane notices a frozen or lost replica
 * (ADR 0017), read from the environment so a run can compare with Dapr's
 * defaults: placement pings each daprd's stream after KEEPALIVE_TIME without
 * traffic and drops it (with its actors) KEEPALIVE_TIMEOUT later (Dapr's
 * defaults 2s and 3s; its minimum, 1s, here). DAPR_APP_HEALTH_CHECK=true:
 * daprd probes its app's /healthz every second and, after two probes
 * unanswered within 500 ms, unregisters its actors (off, as in Dapr and the
 * chart: in daprd 1.18 it moved no actor off a frozen or killed app, ADR 0017).
 */
export function failureDetection(env: NodeJS.ProcessEnv = process.env) {
  return {
    placementKeepAliveTime: env.DAPR_PLACEMENT_KEEPALIVE_TIME ?? "1s",
    placementKeepAliveTimeout: env.DAPR_PLACEMENT_KEEPALIVE_TIMEOUT ?? "1s",
    appHealthCheck: env.DAPR_APP_HEALTH_CHECK === "true",
  };
}

export async function startPlacement(p: Profile, daprBin: string): Promise<void> {
  const detection = failureDetection();
  launch(p.stateDir, {
    name: "placement",
    command: path.join(daprBin, "placement"),
    args: [
      "--port", String(p.placement),
      "--listen-address", "127.0.0.1",
      "--healthz-port", String(p.placementHealth),
      "--healthz-listen-address", "127.0.0.1",
      "--metrics-port", String(p.placementMetrics),
      "--metrics-listen-address", "127.0.0.1",
      "--initial-cluster", `dapr-placement-0=127.0.0.1:${p.placementRaft}`,
      "--keepalive-time", detection.placementKeepAliveTime,
      "--keepalive-timeout", detection.placementKeepAliveTimeout,
      "--log-level", "warn",
    ],
  });
  await waitFor(p.stateDir, "placement", "healthy", () => httpOk(`http://127.0.0.1:${p.placementHealth}/healthz`), 30_000);
}

export async function startScheduler(p: Profile, daprBin: string): Promise<void> {
  const data = path.join(p.stateDir, "scheduler");
  fs.mkdirSync(data, { recursive: true });
  launch(p.stateDir, {
    name: "scheduler",
    command: path.join(daprBin, "scheduler"),
    args: [
      "--port", String(p.scheduler),
      "--listen-address", "127.0.0.1",
      "--healthz-port", String(p.schedulerHealth),
      "--healthz-listen-address", "127.0.0.1",
      "--metrics-port", String(p.schedulerMetrics),
      "--metrics-listen-address", "127.0.0.1",
      "--etcd-data-dir", data,
      "--etcd-client-port", String(p.schedulerEtcdClient),
      "--etcd-client-listen-address", "127.0.0.1",
      "--etcd-initial-cluster", `dapr-scheduler-server-0=http://127.0.0.1:${p.schedulerEtcdPeer}`,
      "--log-level", "warn",
    ],
  });
  await waitFor(p.stateDir, "scheduler", "healthy", () => httpOk(`http://127.0.0.1:${p.schedulerHealth}/healthz`), 60_000);
}

export interface SidecarEnv {
  DAPR_API_TOKEN: string;
  APP_API_TOKEN: string;
  REDIS_HOST: string;
  KAFKA_BROKERS: string;
}

/** daprd's flags for one app of a stack: every listener on loopback, the stack's control plane. */
export function daprdArgs(p: Profile, sidecar: { appId: string; ports: AppPorts; resourcesPath: string; configPath: string }): string[] {
  const { ports } = sidecar;
  return [
    "--app-id", sidecar.appId,
    "--app-port", String(ports.app),
    "--app-protocol", "http",
    "--app-channel-address", "127.0.0.1",
    "--dapr-http-port", String(ports.daprHttp),
    "--dapr-grpc-port", String(ports.daprGrpc),
    "--dapr-internal-grpc-port", String(ports.daprInternalGrpc),
    // Without mTLS the internal (sidecar-to-sidecar) API is unauthenticated:
    // keep it, like the public API and metrics, on loopback.
    "--dapr-internal-grpc-listen-address", "127.0.0.1",
    "--dapr-listen-addresses", "127.0.0.1",
    "--metrics-port", String(ports.daprMetrics),
    "--metrics-listen-address", "127.0.0.1",
    "--placement-host-address", `127.0.0.1:${p.placement}`,
    "--scheduler-host-address", `127.0.0.1:${p.scheduler}`,
    "--resources-path", sidecar.resourcesPath,
    "--config", sidecar.configPath,
    "--log-level", process.env.TICKLER_DAPRD_LOG_LEVEL ?? "warn",
    // Diagnostics only: Go's pprof (goroutine dumps) on the port after the metrics port.
    ...(process.env.TICKLER_DAPRD_PROFILING === "1" ? ["--enable-profiling", "--profile-port", String(profilePort(ports))] : []),
    ...(failureDetection().appHealthCheck
      ? ["--enable-app-health-check", "--app-health-check-path", "/healthz", "--app-health-probe-interval", "1", "--app-health-probe-timeout", "500", "--app-health-threshold", "2"]
      : []),
  ];
}

/** daprd's pprof port with TICKLER_DAPRD_PROFILING=1: the one after its metrics port (free in every profile). */
export const profilePort = (ports: AppPorts): number => ports.daprMetrics + 1;

/** One daprd per app process; every replica of an app has the app's one Dapr app id. */
export function launchDaprd(p: Profile, daprBin: string, root: string, appId: AppId, env: SidecarEnv, replica = 1): void {
  launch(p.stateDir, {
    name: `daprd-${replicaName(appId, replica)}`,
    command: path.join(daprBin, "daprd"),
    args: daprdArgs(p, { appId: p.daprAppIds[appId], ports: appPorts(p, appId, replica), resourcesPath: componentsDir(p, root), configPath: daprConfigFile(p, root) }),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
}

/**
 * components/, with the app ids in component scopes replaced by this stack's
 * (see Profile.daprAppIds), the delivery retry window from the environment
 * (scripts/stack/resiliency.ts) and the cron binding's schedule from
 * TICKLER_CRON_SCHEDULE; the folder itself when none changes anything.
 */
function componentsDir(p: Profile, root: string): string {
  const source = path.join(root, "components");
  const retry = pubsubRetryFrom(process.env);
  const cron = process.env.TICKLER_CRON_SCHEDULE;
  if (APP_IDS.every((id) => p.daprAppIds[id] === id) && !retry && !cron) return source;
  const target = path.join(p.stateDir, "components");
  fs.mkdirSync(target, { recursive: true });
  for (const file of fs.readdirSync(source)) {
    const text = fs.readFileSync(path.join(source, file), "utf8");
    let scoped = text.replace(/^([ \t]*-[ \t]*)(api|notifications|audit)[ \t]*$/gm, (_m, dash: string, id: AppId) => `${dash}${p.daprAppIds[id]}`);
    if (cron && file === "cron-tick.yaml") scoped = scoped.replace(/(- name: schedule\n\s*value: ).*/, `$1${JSON.stringify(cron)}`);
    const rendered = retry && file === "resiliency.yaml" ? renderResiliency(scoped, retry) : scoped;
    // Only a real change is written: every running daprd watches this folder
    // and hot-reloads what is rewritten (an actor state store reload restarts
    // its actor runtime), so launching another daprd must not touch it.
    const out = path.join(target, file);
    if (!fs.existsSync(out) || fs.readFileSync(out, "utf8") !== rendered) fs.writeFileSync(out, rendered);
  }
  return target;
}

/**
 * components/config.yaml, plus daprd's own tracing into the same OTLP
 * collector as the apps when OTLP_ENDPOINT is set (daprd then adds its spans
 * for actor calls and pub/sub between ours). Without a collector daprd does
 * not trace, but it still passes our traceparent along.
 */
function daprConfigFile(p: Profile, root: string): string {
  const base = path.join(root, "components", "config.yaml");
  const endpoint = process.env.OTLP_ENDPOINT;
  if (!endpoint) return base;
  const url = new URL(endpoint);
  const config = YAML.parse(fs.readFileSync(base, "utf8")) as { spec: Record<string, unknown> };
  config.spec.tracing = {
    samplingRate: process.env.TRACE_SAMPLE_RATIO ?? "1",
    otel: { endpointAddress: url.host, isSecure: url.protocol === "https:", protocol: "http" },
  };
  const file = path.join(p.stateDir, "dapr-config.yaml");
  fs.writeFileSync(file, YAML.stringify(config));
  return file;
}

export async function waitDaprd(p: Profile, appId: AppId, replica = 1): Promise<void> {
  const port = appPorts(p, appId, replica).daprHttp;
  await waitFor(p.stateDir, `daprd-${replicaName(appId, replica)}`, "healthy", () => httpOk(`http://127.0.0.1:${port}/v1.0/healthz`), 90_000);
}
