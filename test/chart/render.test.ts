/**
 * The chart lints and renders for every target, and every rendered manifest
 * is valid against the pinned Kubernetes, Dapr and Strimzi schemas.
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { byKind, CHART_DIR, helm, KUBE_VERSION, manifestValidator, named, render, RELEASE, schemasDir, TARGETS, valuesFile, type Target } from "./lib/chart.js";
import type { Manifest } from "./lib/manifestValidator.js";

const APP_IDS = ["api", "notifications", "audit"];
const rendered = new Map<Target, Manifest[]>();
const docsOf = (target: Target) => rendered.get(target)!;

/** Every pod spec of a workload (Deployment, StatefulSet). */
const podSpecs = (docs: Manifest[]) =>
  docs.filter((d) => ["Deployment", "StatefulSet"].includes(String(d.kind))).map((d) => ({ name: `${String(d.kind)}/${String(d.metadata?.name)}`, pod: (d as any).spec.template.spec }));

/** The dapr.io/* annotation keys the pinned sidecar injector reads (its annotations.go). */
function knownDaprAnnotations(): Set<string> {
  const source = fs.readFileSync(path.join(schemasDir(), "dapr-annotations.go"), "utf8");
  return new Set([...source.matchAll(/"(dapr\.io\/[a-z0-9-]+)"/g)].map((m) => m[1]!));
}

describe("helm chart: lint, render and schema validation", function () {

  before(() => {
    for (const target of TARGETS) rendered.set(target, render(target));
  });

  for (const target of TARGETS) {
    it(`${target}: helm lint --strict passes`, () => {
      const result = helm(["lint", CHART_DIR, "--strict", "--kube-version", KUBE_VERSION, "--namespace", RELEASE.namespace, "-f", valuesFile(target)]);
      expect(result.ok, result.stdout + result.stderr).to.equal(true);
    });

    it(`${target}: every rendered manifest is valid against the Kubernetes, Dapr and Strimzi schemas`, () => {
      const docs = docsOf(target);
      expect(docs.length).to.be.greaterThan(15);
      const problems = docs.flatMap((d) => manifestValidator().validate(d));
      expect(problems, problems.join("\n")).to.deep.equal([]);
    });
  }

  it("the chart's defaults (values.yaml alone) lint and render valid manifests too", () => {
    const lint = helm(["lint", CHART_DIR, "--strict", "--kube-version", KUBE_VERSION]);
    expect(lint.ok, lint.stdout + lint.stderr).to.equal(true);
    const problems = render("defaults").flatMap((d) => manifestValidator().validate(d));
    expect(problems, problems.join("\n")).to.deep.equal([]);
  });

  it("external Kafka with SASL/TLS and with mTLS renders valid components that read their credentials from Secrets", () => {
    for (const auth of ["password", "mtls"]) {
      const docs = render("aks", [
        "--set", "kafka.mode=external",
        "--set", "kafka.external.brokers=b-1.kafka.example:9096\\,b-2.kafka.example:9096",
        "--set", `kafka.external.authType=${auth}`,
        "--set", "kafka.external.caCert.name=kafka-ca",
        "--set", "kafka.external.clientCert.name=kafka-client", "--set", "kafka.external.clientKey.name=kafka-client",
      ]);
      const problems = docs.flatMap((d) => manifestValidator().validate(d));
      expect(problems, problems.join("\n")).to.deep.equal([]);
      expect(byKind(docs, "Kafka")).to.have.length(0);
      expect(byKind(docs, "KafkaTopic")).to.have.length(0);
      const meta = Object.fromEntries((named(docs, "Component", "pubsub-api") as any).spec.metadata.map((m: any) => [m.name, m]));
      expect(meta.brokers.value).to.equal("b-1.kafka.example:9096,b-2.kafka.example:9096");
      expect(meta.authType.value).to.equal(auth);
      expect(meta.disableTls.value).to.equal("false");
      expect(meta.caCert.secretKeyRef).to.deep.equal({ name: "kafka-ca", key: "ca.crt" });
      const secretFields = auth === "password" ? ["saslUsername", "saslPassword"] : ["clientCert", "clientKey"];
      for (const field of secretFields) expect(meta[field].secretKeyRef, field).to.have.property("name");
      for (const app of APP_IDS) expect((named(docs, "Role", `tickler-${app}-component-secrets`) as any).rules[0].resourceNames, app).to.include("kafka-ca");
    }
  });

  it("tracing renders an OTLP exporter with the sampling rate from values", () => {
    const docs = render("gke", ["--set", "dapr.tracing.enabled=true", "--set", "dapr.tracing.samplingRate=0.25", "--set", "dapr.tracing.otlpEndpoint=otel.example:4317"]);
    const config = named(docs, "Configuration", "tickler-api") as any;
    expect(config.spec.tracing).to.deep.equal({ samplingRate: "0.25", otel: { endpointAddress: "otel.example:4317", protocol: "grpc", isSecure: false } });
    const problems = docs.flatMap((d) => manifestValidator().validate(d));
    expect(problems, problems.join("\n")).to.deep.equal([]);
  });

  it("every dapr.io annotation is one the pinned Dapr sidecar injector knows", () => {
    const known = knownDaprAnnotations();
    expect(known.size).to.be.greaterThan(40);
    for (const target of TARGETS) {
      for (const d of byKind(docsOf(target), "Deployment")) {
        const annotations = Object.keys((d as any).spec.template.metadata.annotations ?? {}).filter((k) => k.startsWith("dapr.io/"));
        expect(annotations.filter((a) => !known.has(a)), `${target} ${String(d.metadata?.name)}`).to.deep.equal([]);
      }
    }
  });

  it("each app is a Deployment with its Dapr app id, app port, config, tokens and log level", () => {
    for (const target of TARGETS) {
      const docs = docsOf(target);
      for (const appId of APP_IDS) {
        const deployment = named(docs, "Deployment", `tickler-${appId}`) as any;
        const annotations = deployment.spec.template.metadata.annotations;
        const container = deployment.spec.template.spec.containers[0];
        expect(annotations).to.include({
          "dapr.io/enabled": "true",
          "dapr.io/app-id": appId,
          "dapr.io/app-port": String(container.ports[0].containerPort),
          "dapr.io/config": `tickler-${appId}`,
          "dapr.io/api-token-secret": `tickler-${appId}-dapr-api-token`,
          "dapr.io/app-token-secret": `tickler-${appId}-app-api-token`,
          "dapr.io/enable-metrics": "true",
          "dapr.io/log-level": "info",
        });
        expect(annotations["checksum/config"]).to.match(/^[0-9a-f]{64}$/);
        const env = Object.fromEntries(container.env.map((e: any) => [e.name, e]));
        expect(env.ROLE.value).to.equal(appId);
        // The app presents and expects its own tokens, the ones the injector gives its daprd (key "token").
        expect(env.DAPR_API_TOKEN.valueFrom.secretKeyRef).to.deep.equal({ name: `tickler-${appId}-dapr-api-token`, key: "token" });
        expect(env.APP_API_TOKEN.valueFrom.secretKeyRef).to.deep.equal({ name: `tickler-${appId}-app-api-token`, key: "token" });
        expect(named(docs, "Configuration", `tickler-${appId}`)).to.have.property("spec");
        expect(env.MONGODB_URI.valueFrom.secretKeyRef.name).to.equal("tickler-mongodb");
        expect(container.startupProbe.httpGet.path).to.equal("/healthz");
        expect(container.livenessProbe.httpGet.path).to.equal("/healthz");
        expect(container.readinessProbe.httpGet.path).to.equal("/readyz");
        expect(container.resources.requests).to.have.keys("cpu", "memory");
        expect(container.resources.limits).to.have.property("memory");
        expect(named(docs, "Service", `tickler-${appId}`)).to.have.property("spec");
      }
    }
  });

  it("pods run non-root with a read-only root filesystem, no capabilities and the runtime's seccomp profile", () => {
    for (const target of TARGETS) {
      for (const { name, pod } of podSpecs(docsOf(target))) {
        expect(pod.securityContext.runAsNonRoot, `${target} ${name}`).to.equal(true);
        expect(pod.securityContext.seccompProfile, `${target} ${name}`).to.deep.equal({ type: "RuntimeDefault" });
        for (const c of pod.containers) {
          expect(c.securityContext, `${target} ${name} ${c.name}`).to.deep.include({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
          expect(c.securityContext.capabilities.drop, `${target} ${name} ${c.name}`).to.deep.equal(["ALL"]);
        }
      }
    }
  });

  it("only the api autoscales; PodDisruptionBudgets guard the multi-pod apps; every app rolls out without downtime", () => {
    for (const target of TARGETS) {
      const docs = docsOf(target);
      const hpas = byKind(docs, "HorizontalPodAutoscaler") as any[];
      expect(hpas.map((h) => h.spec.scaleTargetRef.name)).to.deep.equal(target === "minikube" ? [] : ["tickler-api"]);
      if (target !== "minikube") {
        expect(named(docs, "Deployment", "tickler-api").spec).to.not.have.property("replicas");
        expect(byKind(docs, "PodDisruptionBudget").map((p) => p.metadata?.name).sort()).to.deep.equal(["tickler-api", "tickler-audit", "tickler-notifications"]);
      }
      // Webhook deliveries are leased per notification, so notifications scales like the rest.
      const notifications = named(docs, "Deployment", "tickler-notifications") as any;
      expect(notifications.spec.replicas).to.equal(target === "minikube" ? 1 : 2);
      for (const d of byKind(docs, "Deployment") as any[]) {
        if (!d.metadata.name.startsWith("tickler-") || d.metadata.name.endsWith("-mongodb") || d.metadata.name.endsWith("-redis")) continue;
        expect(d.spec.strategy, d.metadata.name).to.deep.equal({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
      }
    }
  });

  it("the write path weighs most on a contended node: the api and its sidecar request more CPU than any other app pod (ADR 0022)", () => {
    const millicores = (q: string) => (q.endsWith("m") ? Number(q.slice(0, -1)) : Number(q) * 1000);
    for (const target of TARGETS) {
      const docs = docsOf(target);
      const podCpu = (app: string) => {
        const d = named(docs, "Deployment", `tickler-${app}`) as any;
        const app0 = d.spec.template.spec.containers.find((c: any) => c.name === app);
        return millicores(app0.resources.requests.cpu) + millicores(String(d.spec.template.metadata.annotations["dapr.io/sidecar-cpu-request"]));
      };
      const api = podCpu("api");
      for (const other of ["notifications", "audit"]) expect(api, `${target}: api pod vs ${other} pod`).to.be.greaterThan(2 * podCpu(other));
      // The cluster suite scales the api to 3 on a 2-core node: three api pods must fit next to the rest.
      if (target === "minikube") expect(3 * api, "three api pods' CPU requests (millicores)").to.be.at.most(1200);
    }
  });

  it("a stopping app pod answers what it took: preStop while it leaves the endpoints, daprd kept up through the app's drain, the app up until daprd is gone, grace for both", () => {
    for (const target of TARGETS) {
      for (const id of APP_IDS) {
        const d = named(docsOf(target), "Deployment", `tickler-${id}`) as any;
        const app = d.spec.template.spec.containers.find((c: any) => c.name === id);
        expect(app.lifecycle, `${target} ${id}`).to.deep.equal({ preStop: { sleep: { seconds: 5 } } });
        // The app serves for 15 s after SIGTERM (src/app.ts) ...
        expect(app.env.find((e: any) => e.name === "SHUTDOWN_DRAIN_MS")?.value, `${target} ${id}`).to.equal("15000");
        // ... and its daprd leaves the actor placement 5 s before that: preStop 5 s + 15 s - 5 s ...
        expect(d.spec.template.metadata.annotations["dapr.io/block-shutdown-duration"], `${target} ${id}`).to.equal("15s");
        // ... then serves on while its daprd answers, up to 30 s (ADR 0024) ...
        expect(app.env.find((e: any) => e.name === "SHUTDOWN_SIDECAR_WAIT_MS")?.value, `${target} ${id}`).to.equal("30000");
        // ... the app's preStop and drain, the longer of its wait for daprd and daprd's graceful shutdown, and 5 s to spare before SIGKILL.
        expect(d.spec.template.spec.terminationGracePeriodSeconds, `${target} ${id}`).to.equal(5 + 15 + 30 + 5);
        expect(app.livenessProbe, `${target} ${id}`).to.include({ timeoutSeconds: 10, failureThreshold: 6 });
      }
    }
  });

  it("checksum/config changes when a setting, a component or the resiliency changes, and only then", () => {
    const checksum = (extra: string[]) => (named(render("aks", extra), "Deployment", "tickler-api") as any).spec.template.metadata.annotations["checksum/config"];
    const base = checksum([]);
    expect(checksum([])).to.equal(base);
    expect(checksum(["--set", "config.rateLimitPerMinute=600"])).to.not.equal(base);
    expect(checksum(["--set", "kafka.strimzi.tls=false"])).to.not.equal(base);
    expect(checksum(["--set", "dapr.resiliency.policies.timeouts.publishAttempt=3s"])).to.not.equal(base);
    expect(checksum(["--set", "apps.api.autoscaling.maxReplicas=20"])).to.equal(base);
  });

  it("Strimzi: KRaft node pool and topics with replication of at least 2 outside minikube, on each target's storage class", () => {
    const storageClass: Record<Target, string> = { minikube: "standard", aks: "managed-csi", gke: "standard-rwo", oke: "oci-bv" };
    for (const target of TARGETS) {
      const docs = docsOf(target);
      const pool = byKind(docs, "KafkaNodePool")[0] as any;
      expect(pool.spec.roles).to.have.members(["controller", "broker"]);
      expect(pool.spec.storage.volumes[0].class).to.equal(storageClass[target]);
      const topics = byKind(docs, "KafkaTopic") as any[];
      // The three topics, their dead-letter topics and the stream heartbeats.
      expect(topics).to.have.length(7);
      for (const t of topics) {
        if (target === "minikube") expect(t.spec.replicas).to.equal(1);
        else {
          expect(t.spec.replicas, t.metadata.name).to.be.at.least(2);
          expect(t.spec.config["min.insync.replicas"]).to.be.at.least(2);
          expect(t.spec.replicas).to.be.at.most(pool.spec.replicas);
        }
      }
    }
    const tooMany = helm(["template", "x", CHART_DIR, "--kube-version", KUBE_VERSION, "-f", valuesFile("minikube"), "--set", "kafka.strimzi.topics.replicas=3"]);
    expect(tooMany.ok).to.equal(false);
    expect(tooMany.stderr).to.match(/cannot exceed kafka.strimzi.replicas/);
  });

  it("targets differ where the clouds differ: registry, ingress class, load balancer annotations", () => {
    const image = (t: Target) => (named(docsOf(t), "Deployment", "tickler-api") as any).spec.template.spec.containers[0].image as string;
    expect(image("minikube")).to.equal("tickler:dev");
    expect(image("aks")).to.match(/^[a-z0-9]+\.azurecr\.io\//);
    expect(image("gke")).to.match(/^[a-z0-9-]+-docker\.pkg\.dev\//);
    expect(image("oke")).to.match(/^[a-z]+\.ocir\.io\//);
    const ingressClass = (t: Target) => (byKind(docsOf(t), "Ingress")[0] as any)?.spec.ingressClassName;
    expect(ingressClass("minikube")).to.equal("nginx");
    expect(ingressClass("aks")).to.equal("webapprouting.kubernetes.azure.com");
    expect(ingressClass("gke")).to.equal("gce");
    expect(ingressClass("oke")).to.equal(undefined);
    const apiService = (t: Target) => named(docsOf(t), "Service", "tickler-api") as any;
    expect(apiService("gke").metadata.annotations["cloud.google.com/neg"]).to.equal('{"ingress": true}');
    expect(apiService("oke").spec.type).to.equal("LoadBalancer");
    expect(apiService("oke").metadata.annotations["service.beta.kubernetes.io/oci-load-balancer-shape"]).to.equal("flexible");
  });
});
