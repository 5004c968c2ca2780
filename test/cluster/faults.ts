/**
 * The faults of the local Kubernetes cluster (`npm run cluster`), measured
 * with the chaos suite's writer, ledger and accounting (test/chaos/harness.ts:
 * measureFault) at a steady pace, half of what the node can take and at
 * most 25 creates/s (test/cluster/pace.ts, ADR 0021), every second create
 * with a reminder due 2–6 s ahead: the api pod deleted, a Kafka broker pod deleted, a
 * `helm upgrade` that changes the image tag (a rolling update), the api
 * scaled 1 → 3 → 1, and the node's kubelet and containerd restarted.
 *
 * The cluster is seen from this machine as a user sees it (the ingress URL)
 * plus what its operator has: kubectl and helm with the admin kubeconfig
 * (cluster.env), the read store through its Service address and each app
 * pod's /metrics at its pod address (the host routes both ranges to the
 * node; scripts/cluster/node.sh).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { Connection } from "mongoose";
import { ROOT } from "../../scripts/root.js";
import { scrape, total, type Sample } from "../../scripts/promScrape.js";
import { connectMongo } from "../../src/infra/mongo.js";
import type { FaultEnv } from "../chaos/harness.js";
import type { Scrapes } from "../chaos/observe.js";
import type { Write } from "../chaos/writer.js";
import { target } from "../support/stack.js";

const run = promisify(execFile);
export const NAMESPACE = "tickler";
const RELEASE = "tickler";
/** Every kubectl or helm call is bounded; a rolling upgrade is waited for by the harness, not by helm. */
const CALL_TIMEOUT_MS = 120_000;
/**
 * The writer at `rate` creates/s, with room for every create of 40 s to hang
 * during a fault (the writer's request timeout), and five seconds of writes
 * acknowledged before the fault and after recovery.
 */
export function clusterPace(rate: number): Pick<FaultEnv, "writer" | "ackedBefore" | "ackedAfter"> {
  return { writer: { intervalMs: Math.round(1000 / rate), maxInFlight: 1000 }, ackedBefore: 5 * rate, ackedAfter: 5 * rate };
}

export interface ClusterTools {
  kubectl: string;
  kubeconfig: string;
  helm: string;
  dir: string;
}

/** From the environment scripts/test-target.ts set from cluster.env. */
export function clusterTools(env: NodeJS.ProcessEnv = process.env): ClusterTools {
  const kubectl = env.TICKLER_CLUSTER_KUBECTL;
  const kubeconfig = env.KUBECONFIG;
  const helm = env.TICKLER_CLUSTER_HELM;
  const dir = env.TICKLER_CLUSTER_DIR ?? "/var/lib/tickler-cluster";
  if (!kubectl || !kubeconfig || !helm) {
    throw new Error("the cluster faults need TICKLER_CLUSTER_KUBECTL, KUBECONFIG and TICKLER_CLUSTER_HELM (cluster.env): run them with `npm run test:cluster`");
  }
  return { kubectl, kubeconfig, helm, dir };
}

export async function kubectl(t: ClusterTools, ...args: string[]): Promise<string> {
  const { stdout } = await run(t.kubectl, ["--kubeconfig", t.kubeconfig, "-n", NAMESPACE, ...args], { timeout: CALL_TIMEOUT_MS, maxBuffer: 32 * 1024 * 1024 });
  return stdout;
}

interface PodJson {
  metadata: { name: string; labels?: Record<string, string>; deletionTimestamp?: string; ownerReferences?: { kind: string }[] };
  status: { phase: string; podIP?: string; conditions?: { type: string; status: string }[]; containerStatuses?: { name: string; ready: boolean; restartCount: number }[] };
}
interface WorkloadJson {
  kind: string;
  metadata: { name: string; generation: number };
  spec: { replicas: number };
  status: { replicas?: number; readyReplicas?: number; updatedReplicas?: number; observedGeneration?: number; currentRevision?: string; updateRevision?: string };
}

export async function pods(t: ClusterTools, selector?: string): Promise<PodJson[]> {
  return (JSON.parse(await kubectl(t, "get", "pods", "-o", "json", ...(selector ? ["-l", selector] : []))) as { items: PodJson[] }).items;
}

const isJobPod = (p: PodJson) => (p.metadata.ownerReferences ?? []).some((o) => o.kind === "Job");
const podReady = (p: PodJson) => p.status.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

/**
 * null when the release is whole: the node Ready; every Deployment and
 * StatefulSet at its replicas, all updated and Ready, no pod terminating;
 * `/healthz` through the ingress 200 with every dependency up.
 */
export async function clusterNotWhole(t: ClusterTools): Promise<string | null> {
  const missing: string[] = [];
  try {
    const node = JSON.parse(await kubectl(t, "get", "nodes", "-o", "json")) as { items: { metadata: { name: string }; status: { conditions: { type: string; status: string }[] } }[] };
    for (const n of node.items) if (!n.status.conditions.some((c) => c.type === "Ready" && c.status === "True")) missing.push(`node ${n.metadata.name} not Ready`);
    const workloads = (JSON.parse(await kubectl(t, "get", "deployments,statefulsets", "-o", "json")) as { items: WorkloadJson[] }).items;
    for (const w of workloads) {
      const s = w.status;
      const want = w.spec.replicas;
      const settled = (s.observedGeneration ?? 0) >= w.metadata.generation && (s.replicas ?? 0) === want && (s.readyReplicas ?? 0) === want && (s.updatedReplicas ?? 0) === want &&
        (w.kind !== "StatefulSet" || s.currentRevision === s.updateRevision || s.currentRevision === undefined);
      if (!settled) missing.push(`${w.kind} ${w.metadata.name}: ${s.readyReplicas ?? 0}/${want} ready, ${s.updatedReplicas ?? 0} updated, ${s.replicas ?? 0} in all`);
    }
    for (const p of await pods(t)) {
      if (isJobPod(p)) continue;
      if (p.metadata.deletionTimestamp) missing.push(`pod ${p.metadata.name} terminating`);
      else if (!podReady(p)) missing.push(`pod ${p.metadata.name} not Ready`);
    }
  } catch (err) {
    missing.push(`kubectl: ${(err as Error).message.split("\n")[0]}`);
  }
  try {
    const res = await fetch(`${target().apiUrl}/healthz`, { signal: AbortSignal.timeout(5000) });
    const body = await res.text();
    if (res.status !== 200 || /"(down|unknown)"/.test(body)) missing.push(`GET /healthz through the ingress: ${res.status} ${body.slice(0, 200)}`);
  } catch (err) {
    missing.push(`GET /healthz through the ingress: ${(err as Error).message}`);
  }
  return missing.length > 0 ? missing.join("; ") : null;
}

/** The app pods' metrics, each pod scraped at its own address (a pod that does not answer: none). */
async function appScrape(t: ClusterTools, app: string): Promise<{ samples: Sample[]; answered: number; pods: number }> {
  const list = (await pods(t, `app.kubernetes.io/component=${app}`)).filter((p) => p.status.podIP && !p.metadata.deletionTimestamp);
  const scrapes = await Promise.all(list.map((p) => Promise.race([
    scrape(`http://${p.status.podIP}:8080/metrics`).catch(() => null),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000).unref()),
  ])));
  return { samples: scrapes.flatMap((s) => s ?? []), answered: scrapes.filter((s) => s !== null).length, pods: list.length };
}

/** The cluster's FaultEnv, writing at `rate` creates/s (clusterPace). */
export function clusterEnv(t: ClusterTools, rate: number): FaultEnv {
  return {
    notWhole: () => clusterNotWhole(t),
    async openStore(): Promise<Connection> {
      const ip = (await kubectl(t, "get", "service", `${RELEASE}-mongodb`, "-o", "jsonpath={.spec.clusterIP}")).trim();
      return connectMongo(`mongodb://${ip}:27017/tickler?directConnection=true`);
    },
    async outboxPending(): Promise<number> {
      const api = await appScrape(t, "api");
      // A replica that does not answer may hold events: not drained until each one says so.
      if (api.answered < api.pods || api.pods === 0) return Number.POSITIVE_INFINITY;
      return total(api.samples, "tickler_outbox_pending_events");
    },
    async scrapeAll(): Promise<Scrapes> {
      const [api, notifications, audit] = await Promise.all(["api", "notifications", "audit"].map((app) => appScrape(t, app)));
      return { api: api!.samples, notifications: notifications!.samples, audit: audit!.samples };
    },
    ...clusterPace(rate),
    // A rolling upgrade of three apps, or the node's runtime restarted, on two loaded cores.
    recoverMs: 420_000,
  };
}

/** A kubectl wait for a state the fault itself needs (not the recovery the harness measures). */
async function waitFor(what: string, check: () => Promise<boolean>, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Until a reminder planned before `faultAt` has fallen due (at most 8 s): reminders fall due during every fault. */
function reminderDue(writes: Write[], faultAt: number): Promise<void> {
  const next = Math.min(...writes.map((w) => w.remindAt ?? Infinity).filter((at) => at > faultAt));
  const until = Math.min(Number.isFinite(next) ? next + 1000 : faultAt + 2000, faultAt + 8000);
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now())));
}

const TAGS = ["dev", "v2"] as const;

export interface ClusterFault {
  name: string;
  /** What must hold beyond nothing lost (test/chaos/suite.ts: expectNothingLost). */
  zeroFailedRequests: boolean;
  apply(t: ClusterTools, writes: Write[]): Promise<void>;
}

export const CLUSTER_FAULTS: ClusterFault[] = [
  {
    name: "delete the api pod",
    zeroFailedRequests: false,
    async apply(t) {
      await kubectl(t, "delete", "pod", "-l", "app.kubernetes.io/component=api", "--wait=false");
    },
  },
  {
    name: "delete one Kafka broker pod",
    zeroFailedRequests: false,
    async apply(t, writes) {
      const brokers = (await pods(t, "app.kubernetes.io/component=kafka")).map((p) => p.metadata.name).filter((n) => !/controller/.test(n)).sort();
      const victim = brokers.at(-1);
      if (!victim) throw new Error("no Kafka broker pod (app.kubernetes.io/component=kafka)");
      await kubectl(t, "delete", "pod", victim, "--wait=false");
      await reminderDue(writes, Date.now());
    },
  },
  {
    name: "helm upgrade to another image tag (rolling update)",
    zeroFailedRequests: true,
    async apply(t) {
      const current = (await kubectl(t, "get", "deployment", `${RELEASE}-api`, "-o", "jsonpath={.spec.template.spec.containers[?(@.name==\"api\")].image}")).trim();
      const next = current.endsWith(":v2") ? TAGS[0] : TAGS[1];
      await run(t.helm, ["--kubeconfig", t.kubeconfig, "upgrade", RELEASE, path.join(ROOT, "charts", "tickler"), "-n", NAMESPACE, "--reset-then-reuse-values", "--set", `image.tag=${next}`], { timeout: CALL_TIMEOUT_MS });
    },
  },
  {
    name: "scale the api 1 → 3 → 1",
    zeroFailedRequests: true,
    async apply(t, writes) {
      await kubectl(t, "scale", "deployment", `${RELEASE}-api`, "--replicas=3");
      await waitFor("3 api replicas Ready", async () => (await pods(t, "app.kubernetes.io/component=api")).filter((p) => podReady(p) && !p.metadata.deletionTimestamp).length === 3, 300_000);
      // Writes and reminders on three replicas, actors spread over them.
      await reminderDue(writes, Date.now());
      await kubectl(t, "scale", "deployment", `${RELEASE}-api`, "--replicas=1");
    },
  },
  {
    // Issue 27's target with two replicas: a pod replaced (an eviction, a node drain) while its
    // twin serves; the survivor takes over its actors, and the Service routes around it.
    name: "delete one of two api pods",
    zeroFailedRequests: true,
    async apply(t, writes) {
      const serving = async () => (await pods(t, "app.kubernetes.io/component=api")).filter((p) => podReady(p) && !p.metadata.deletionTimestamp);
      await kubectl(t, "scale", "deployment", `${RELEASE}-api`, "--replicas=2");
      await waitFor("2 api replicas Ready", async () => (await serving()).length === 2, 300_000);
      // Writes and reminders on both, actors spread over them.
      await reminderDue(writes, Date.now());
      const [victim, twin] = (await serving()).map((p) => p.metadata.name).sort();
      await kubectl(t, "delete", "pod", victim!, "--wait=false");
      await waitFor("the deleted pod's replacement Ready", async () => {
        const now = (await serving()).map((p) => p.metadata.name);
        return now.length === 2 && now.includes(twin!) && !now.includes(victim!);
      }, 300_000);
      await kubectl(t, "scale", "deployment", `${RELEASE}-api`, "--replicas=1");
    },
  },
  {
    name: "restart the node's kubelet and containerd",
    // Kubernetes 1.35's kubelet keeps each container's readiness across its restart
    // (KEP-4781); 1.34's reset it, and the pod left its Service for up to a probe period (ADR 0031).
    zeroFailedRequests: true,
    async apply() {
      await run("bash", [path.join(ROOT, "scripts", "cluster", "restart-daemons.sh")], { timeout: CALL_TIMEOUT_MS });
    },
  },
];

/** The image tag the upgrade fault switches to must be in containerd already (scripts/cluster/images.sh). */
export async function ensureTagImported(t: ClusterTools): Promise<void> {
  const sock = path.join(t.dir, "run", "containerd", "containerd.sock");
  await run("bash", [path.join(ROOT, "scripts", "cluster", "images.sh"), "--only", "tickler", "--import", sock], {
    timeout: 900_000, env: { ...process.env, TICKLER_IMAGE_TAG: "v2" },
  });
}

/** Bounds of the log collection: pods followed at once, and bytes kept per pod. */
const MAX_FOLLOWED_PODS = 16;
const MAX_LOG_BYTES_PER_POD = 32 * 1024 * 1024;

/**
 * Follows the logs of every app pod (each container: the app and its daprd)
 * while a fault runs, into `dir`, one file per pod: a pod replaced during a
 * rolling upgrade or a scale-down takes its logs with it, and they are what
 * says why a request failed. New pods are picked up every 2 s; lines from
 * before the collection started are left out.
 */
export function collectAppLogs(t: ClusterTools, dir: string): { stop(): Promise<void> } {
  fs.mkdirSync(dir, { recursive: true });
  const followed = new Map<string, ChildProcess>();
  let stopped = false;
  // From now on only: a pod that outlives the fault must not bring the earlier faults' lines into this one's logs.
  const since = new Date().toISOString();
  const poll = async () => {
    if (stopped) return;
    const list = await pods(t, "app.kubernetes.io/part-of=tickler").catch(() => [] as PodJson[]);
    for (const p of list) {
      const name = p.metadata.name;
      if (followed.has(name) || followed.size >= MAX_FOLLOWED_PODS || isJobPod(p) || !/-(api|notifications|audit)-/.test(name)) continue;
      const out = fs.createWriteStream(path.join(dir, `${name}.log`));
      const child = spawn(t.kubectl, ["--kubeconfig", t.kubeconfig, "-n", NAMESPACE, "logs", "-f", "--all-containers", "--prefix", "--timestamps", `--since-time=${since}`, name], { stdio: ["ignore", "pipe", "pipe"] });
      let bytes = 0;
      const write = (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= MAX_LOG_BYTES_PER_POD) out.write(chunk);
      };
      child.stdout.on("data", write);
      child.stderr.on("data", write);
      child.once("exit", () => {
        out.end();
        // A container not started yet: follow it again on a later poll.
        if (!stopped && bytes < 200) followed.delete(name);
      });
      followed.set(name, child);
    }
  };
  const timer = setInterval(() => void poll(), 2000);
  void poll();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...followed.values()].map((child) => new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      })));
    },
  };
}
