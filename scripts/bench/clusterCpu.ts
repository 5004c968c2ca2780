/**
 * CPU of the local cluster by pod, for `npm run bench -- --cluster`: the
 * cgroup v1 cpuacct counters of every pod under tickler-cluster/kubepods,
 * of the node's own daemons (tickler-cluster/control) and of the whole
 * machine, read before and after each rate. The difference per acknowledged
 * create says where a create's CPU goes (ADR 0021, ADR 0022).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const CPUACCT = "/sys/fs/cgroup/cpuacct";
const CLUSTER = path.join(CPUACCT, "tickler-cluster");
const MACHINE = "the whole machine";
const NODE_DAEMONS = "the node's daemons (API server, etcd, kubelet, containerd)";

/** Nanoseconds of CPU per name at one instant. */
export type CpuSample = Map<string, number>;

function usage(dir: string): number {
  return Number(fs.readFileSync(path.join(dir, "cpuacct.usage"), "utf8").trim());
}

/** Pod uid → namespace/name, from kubectl. */
function podNames(kubectl: string, kubeconfig: string): Map<string, string> {
  const out = execFileSync(kubectl, ["--kubeconfig", kubeconfig, "get", "pods", "-A", "-o", "json"], { timeout: 30_000, maxBuffer: 32 * 1024 * 1024 });
  const pods = JSON.parse(out.toString()) as { items: { metadata: { uid: string; name: string } }[] };
  return new Map(pods.items.map((p) => [p.metadata.uid, p.metadata.name]));
}

/** Every pod's counter (a pod gone since is simply absent), the node's daemons' and the machine's; null off a cluster host. */
export function sampleClusterCpu(kubectl: string, kubeconfig: string): CpuSample | null {
  if (!fs.existsSync(path.join(CLUSTER, "kubepods"))) return null;
  const names = podNames(kubectl, kubeconfig);
  const sample: CpuSample = new Map([[MACHINE, usage(CPUACCT)], [NODE_DAEMONS, usage(path.join(CLUSTER, "control"))]]);
  for (const qos of ["burstable", "besteffort", ""]) {
    const dir = path.join(CLUSTER, "kubepods", qos);
    if (!fs.existsSync(dir)) continue;
    for (const entry of fs.readdirSync(dir)) {
      if (!entry.startsWith("pod")) continue;
      // cgroupfs names a pod's cgroup pod<uid>; the systemd driver would write underscores.
      const uid = entry.slice(3).replace(/_/g, "-");
      sample.set(names.get(uid) ?? entry, usage(path.join(dir, entry)));
    }
  }
  return sample;
}

export interface CpuShare {
  name: string;
  /** Core-milliseconds per operation. */
  msPerOp: number;
  /** Cores busy on average over the interval. */
  cores: number;
}

/** Pure: what each name used between two samples, per operation and as cores, largest first (names in both samples only). */
export function cpuPerOp(before: CpuSample, after: CpuSample, ops: number, seconds: number): CpuShare[] {
  const rows: CpuShare[] = [];
  for (const [name, end] of after) {
    const start = before.get(name);
    if (start === undefined) continue;
    const ms = (end - start) / 1e6;
    rows.push({ name, msPerOp: ops > 0 ? ms / ops : 0, cores: ms / 1000 / seconds });
  }
  return rows.sort((a, b) => b.msPerOp - a.msPerOp);
}

/** The table the bench prints: the machine, then every pod or daemon above `minCores`. */
export function cpuTable(label: string, rows: CpuShare[], minCores = 0.005): string {
  const shown = rows.filter((r) => r.name === MACHINE || r.cores >= minCores);
  return [
    "",
    `CPU by pod, ${label}:`,
    "",
    "| pod | core-ms per create | cores busy |",
    "|---|--:|--:|",
    ...shown.map((r) => `| ${r.name} | ${r.msPerOp.toFixed(1)} | ${r.cores.toFixed(2)} |`),
    "",
  ].join("\n");
}
