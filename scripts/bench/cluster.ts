/**
 * `npm run bench -- --cluster`: create latency at fixed arrival rates through
 * the local Kubernetes cluster's ingress (`npm run cluster`, read from its
 * cluster.env), then the same open loop against a fresh bench stack in the
 * same run, and the memory of the whole cluster (its cgroup tree: daemons,
 * shims, pods) at rest and at the end of each rate's load, and its CPU by
 * pod per create at each rate (bench/clusterCpu.ts).
 */
import fs from "node:fs";
import { SignJWT } from "jose";
import { log } from "../stack/processes.js";
import type { StackInfo } from "../stack/stack.js";
import { drive, fmt } from "./measure.js";
import { openLoop, type OpenLoopResult } from "./openLoop.js";
import { cpuPerOp, cpuTable, sampleClusterCpu, type CpuSample, type CpuShare } from "./clusterCpu.js";

const CLUSTER_ENV = process.env.TICKLER_CLUSTER_ENV ?? "/var/lib/tickler-cluster/cluster.env";
const MEMORY_STAT = "/sys/fs/cgroup/memory/tickler-cluster/memory.stat";
/** cluster.env is a handful of KEY=value lines. */
const MAX_ENV_BYTES = 64 * 1024;

export interface ClusterTarget {
  url: string;
  jwtSecret: string;
  /** kubectl and its kubeconfig, for the CPU by pod (absent from an older cluster.env). */
  kubectl?: string;
  kubeconfig?: string;
}

export function clusterTarget(): ClusterTarget {
  if (!fs.existsSync(CLUSTER_ENV)) throw new Error(`no cluster: ${CLUSTER_ENV} is missing; run \`npm run cluster\` first`);
  if (fs.statSync(CLUSTER_ENV).size > MAX_ENV_BYTES) throw new Error(`${CLUSTER_ENV} is over ${MAX_ENV_BYTES} bytes: not a cluster.env`);
  const env = Object.fromEntries(fs.readFileSync(CLUSTER_ENV, "utf8").split("\n").flatMap((l) => {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(l.trim());
    return m ? [[m[1]!, m[2]!]] : [];
  }));
  if (!env.TICKLER_CLUSTER_URL || !env.TICKLER_CLUSTER_JWT_SECRET_FILE) throw new Error(`${CLUSTER_ENV} lacks the URL or the JWT secret file`);
  return {
    url: env.TICKLER_CLUSTER_URL,
    jwtSecret: fs.readFileSync(env.TICKLER_CLUSTER_JWT_SECRET_FILE, "utf8").trim(),
    ...(env.TICKLER_CLUSTER_KUBECTL && env.KUBECONFIG ? { kubectl: env.TICKLER_CLUSTER_KUBECTL, kubeconfig: env.KUBECONFIG } : {}),
  };
}

/** Resident memory of the cluster's cgroup tree, MiB (rss of every process in it), or null off a cluster host. */
export function clusterMemoryMiB(): number | null {
  try {
    const rss = /^total_rss (\d+)$/m.exec(fs.readFileSync(MEMORY_STAT, "utf8"));
    return rss ? Math.round(Number(rss[1]) / 1048576) : null;
  } catch {
    return null;
  }
}

async function creator(url: string, secret: string, user: string) {
  const token = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(user).setIssuedAt()
    .setExpirationTime("2h").sign(new TextEncoder().encode(secret));
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  return (i: number, signal?: AbortSignal) =>
    fetch(`${url}/api/v1/tasks`, { method: "POST", headers, signal, body: JSON.stringify({ title: `task ${i}`, tags: ["bench"] }) });
}

export interface TargetFigures {
  target: string;
  rate: number;
  result: OpenLoopResult;
  memoryMiB?: number | null;
  /** The cluster's CPU by pod over this rate (the cluster only). */
  cpu?: CpuShare[];
}

/** Warm-up, then an open loop per rate against one target. */
export async function openLoopAgainst(label: string, url: string, secret: string, rates: number[], seconds: number, maxInFlight: number, memory = false, cpuOf?: () => CpuSample | null): Promise<TargetFigures[]> {
  const create = await creator(url, secret, `bench-${label}`);
  await drive(50, 4, create);
  const out: TargetFigures[] = [];
  for (const rate of rates) {
    let peak = 0;
    const sampler = memory ? setInterval(() => (peak = Math.max(peak, clusterMemoryMiB() ?? 0)), 1000) : null;
    try {
      const cpuBefore = cpuOf?.() ?? null;
      const started = Date.now();
      const result = await openLoop(rate, seconds, create, { maxInFlight });
      const cpuAfter = cpuBefore ? cpuOf?.() ?? null : null;
      const cpu = cpuBefore && cpuAfter ? cpuPerOp(cpuBefore, cpuAfter, result.ok, (Date.now() - started) / 1000) : undefined;
      out.push({ target: label, rate, result, ...(memory ? { memoryMiB: peak } : {}), ...(cpu ? { cpu } : {}) });
      log(`${label} ${rate}/s: ok ${result.ok}/${result.scheduled}, p50 ${fmt(result.p50)}, p95 ${fmt(result.p95)}, p99 ${fmt(result.p99)}${memory ? `, cluster memory peak ${peak} MiB` : ""}`);
    } finally {
      if (sampler) clearInterval(sampler);
    }
  }
  return out;
}

/** The table printed at the end: one row per target and rate. */
export function clusterTable(rows: TargetFigures[], atRestMiB: number | null): string {
  const lines = [
    "",
    "| target | rate (/s) | ok / scheduled | errors | p50 | p95 | p99 | max | cluster memory (MiB, peak) |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ...rows.map((r) => `| ${r.target} | ${r.rate} | ${r.result.ok} / ${r.result.scheduled} | ${r.result.errors} | ${fmt(r.result.p50)} | ${fmt(r.result.p95)} | ${fmt(r.result.p99)} | ${fmt(r.result.max)} | ${r.memoryMiB ?? ""} |`),
    "",
    `cluster memory at rest (resident, the whole cgroup tree): ${atRestMiB ?? "n/a"} MiB`,
    "",
    ...rows.flatMap((r) => (r.cpu ? [cpuTable(`${r.target} at ${r.rate}/s`, r.cpu)] : [])),
  ];
  return lines.join("\n");
}

/** The cluster first (the bench stack not yet up), then the bench stack: both measured in one run. */
export async function clusterThenLocal(rates: number[], seconds: number, maxInFlight: number, local: () => Promise<StackInfo>): Promise<string> {
  const cluster = clusterTarget();
  const atRest = clusterMemoryMiB();
  log(`cluster ${cluster.url}: memory at rest ${atRest ?? "n/a"} MiB`);
  const { kubectl, kubeconfig } = cluster;
  const cpuOf = kubectl && kubeconfig ? () => sampleClusterCpu(kubectl, kubeconfig) : undefined;
  const rows = await openLoopAgainst("cluster (ingress)", cluster.url, cluster.jwtSecret, rates, seconds, maxInFlight, true, cpuOf);
  const info = await local();
  rows.push(...(await openLoopAgainst("local stack", info.apiUrl, info.secrets.jwtSecret, rates, seconds, maxInFlight)));
  return clusterTable(rows, atRest);
}
