/**
 * kafka.mode=pods: Kafka in KRaft mode run by the chart itself (where the
 * Strimzi operator cannot run). It renders valid manifests, two brokers and a
 * controller-only node (three voters, so the quorum outlives any one pod),
 * topics with replication factor 2 created by a Job, and the pub/sub
 * component pointed at the brokers; no Strimzi resource is rendered.
 */
import { expect } from "chai";
import { byKind, CHART_DIR, helm, KUBE_VERSION, manifestValidator, named, render, valuesFile } from "./lib/chart.js";
import type { Manifest } from "./lib/manifestValidator.js";

const POD_MODE = ["--set", "kafka.mode=pods", "--set", "kafka.pods.image=localhost/kafka:4.1.1", "--set", "kafka.pods.pullPolicy=Never", "--set", "kafka.pods.storage.storageClass=local-path"];

/** The shared server.properties of the Kafka ConfigMap as a map. */
function serverProperties(docs: Manifest[]): Record<string, string> {
  const text = String((named(docs, "ConfigMap", "tickler-kafka-config") as any).data["server.properties"]);
  return Object.fromEntries(
    text
      .split("\n")
      .filter((l) => l.includes("=") && !l.startsWith("#"))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}

/** Every `create <topic> <partitions> <retention>` line of the topics Job's script. */
function createdTopics(docs: Manifest[]): { topic: string; partitions: number; retentionMs: number }[] {
  const script = String((named(docs, "ConfigMap", "tickler-kafka-config") as any).data["create-topics.sh"]);
  return [...script.matchAll(/^[ \t]*create (\S+) (\d+) (\d+) &/gm)].map((m) => ({ topic: m[1]!, partitions: Number(m[2]), retentionMs: Number(m[3]) }));
}

const env = (container: any) => Object.fromEntries(container.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));

describe("helm chart: Kafka KRaft pods (kafka.mode=pods)", function () {
  let docs: Manifest[];

  before(() => {
    docs = render("minikube", POD_MODE);
  });

  it("lints and renders manifests valid against the Kubernetes and Dapr schemas, with no Strimzi resource", () => {
    const lint = helm(["lint", CHART_DIR, "--strict", "--kube-version", KUBE_VERSION, "-f", valuesFile("minikube"), ...POD_MODE]);
    expect(lint.ok, lint.stdout + lint.stderr).to.equal(true);
    const problems = docs.flatMap((d) => manifestValidator().validate(d));
    expect(problems, problems.join("\n")).to.deep.equal([]);
    for (const kind of ["Kafka", "KafkaNodePool", "KafkaTopic"]) expect(byKind(docs, kind), kind).to.have.length(0);
  });

  it("runs two brokers and one controller-only node, and the quorum's voters are exactly those three", () => {
    const brokers = named(docs, "StatefulSet", "tickler-kafka") as any;
    const controllers = named(docs, "StatefulSet", "tickler-kafka-controller") as any;
    expect(brokers.spec.replicas).to.equal(2);
    expect(controllers.spec.replicas).to.equal(1);
    expect(env(brokers.spec.template.spec.containers[0]).KAFKA_PROCESS_ROLES).to.equal("broker,controller");
    expect(env(controllers.spec.template.spec.containers[0]).KAFKA_PROCESS_ROLES).to.equal("controller");
    // Node ids: brokers 0 and 1 (their ordinals), the controller 100.
    expect(env(brokers.spec.template.spec.containers[0]).KAFKA_NODE_ID_BASE).to.equal("0");
    expect(env(controllers.spec.template.spec.containers[0]).KAFKA_NODE_ID_BASE).to.equal("100");
    const domain = "tickler-kafka-nodes.tickler.svc";
    expect(serverProperties(docs)["controller.quorum.voters"]!.split(",")).to.deep.equal([
      `0@tickler-kafka-0.${domain}:9093`,
      `1@tickler-kafka-1.${domain}:9093`,
      `100@tickler-kafka-controller-0.${domain}:9093`,
    ]);
    // The voters find each other before any is ready, through the headless Service.
    const nodes = named(docs, "Service", "tickler-kafka-nodes") as any;
    expect(nodes.spec.clusterIP).to.equal("None");
    expect(nodes.spec.publishNotReadyAddresses).to.equal(true);
    for (const set of [brokers, controllers]) {
      expect(set.spec.serviceName).to.equal("tickler-kafka-nodes");
      expect(set.spec.podManagementPolicy).to.equal("Parallel");
      expect(set.spec.template.spec.containers[0].image).to.equal("localhost/kafka:4.1.1");
      expect(set.spec.template.spec.containers[0].imagePullPolicy).to.equal("Never");
      expect(set.spec.volumeClaimTemplates[0].spec.storageClassName).to.equal("local-path");
      // Selectors of the two sets do not overlap, and both are selected by the headless Service.
      for (const [k, v] of Object.entries(nodes.spec.selector)) expect(set.spec.template.metadata.labels[k]).to.equal(v);
    }
    expect(brokers.spec.selector.matchLabels["tickler.io/kafka-role"]).to.not.equal(controllers.spec.selector.matchLabels["tickler.io/kafka-role"]);
    expect(byKind(docs, "PodDisruptionBudget").map((p: any) => [p.metadata.name, p.spec.maxUnavailable])).to.deep.include(["tickler-kafka", 1]);
  });

  it("every topic and the internal topics have replication factor 2; min ISR 1 keeps writes accepted with one broker down", () => {
    const props = serverProperties(docs);
    expect(props).to.include({
      "default.replication.factor": "2",
      "offsets.topic.replication.factor": "2",
      "transaction.state.log.replication.factor": "2",
      "min.insync.replicas": "1",
      "unclean.leader.election.enable": "false",
      "auto.create.topics.enable": "false",
      "log.dirs": "/var/lib/kafka/data",
    });
    const script = String((named(docs, "ConfigMap", "tickler-kafka-config") as any).data["create-topics.sh"]);
    expect(script).to.include("--replication-factor 2").and.to.include("--config min.insync.replicas=1");
    // The same topics Strimzi mode renders as KafkaTopics, with the same retention.
    const strimzi = (byKind(render("minikube"), "KafkaTopic") as any[]).map((t) => ({ topic: t.spec.topicName, retentionMs: t.spec.config["retention.ms"] }));
    expect(createdTopics(docs).map(({ topic, retentionMs }) => ({ topic, retentionMs }))).to.have.deep.members(strimzi);
    expect(strimzi).to.have.length(7);
    const job = byKind(docs, "Job")[0] as any;
    expect(job.spec.template.spec.containers[0].command).to.deep.equal(["/bin/bash", "/etc/kafka/create-topics.sh"]);
    expect(env(job.spec.template.spec.containers[0]).BOOTSTRAP).to.equal("tickler-kafka-bootstrap.tickler.svc:9092");
  });

  it("the pub/sub components use the brokers' bootstrap Service, in plaintext with no credentials", () => {
    for (const name of ["pubsub-api", "pubsub-notifications", "pubsub-audit", "pubsub-stream"]) {
      const meta = Object.fromEntries((named(docs, "Component", name) as any).spec.metadata.map((m: any) => [m.name, m]));
      expect(meta.brokers.value).to.equal("tickler-kafka-bootstrap.tickler.svc:9092");
      expect(meta.authType.value).to.equal("none");
      expect(meta.disableTls.value).to.equal("true");
      expect(meta).to.not.have.property("caCert");
    }
    const bootstrap = named(docs, "Service", "tickler-kafka-bootstrap") as any;
    expect(bootstrap.spec.selector["tickler.io/kafka-role"]).to.equal("broker");
    expect(String((named(docs, "ConfigMap", "tickler-config") as any).data.KAFKA_BROKERS)).to.equal("tickler-kafka-bootstrap.tickler.svc:9092");
  });

  it("the cluster id is a valid KRaft id (16 bytes, URL-safe base64), the same on every render of a release and different for another", () => {
    const id = (d: Manifest[]) => env((named(d, "StatefulSet", "tickler-kafka") as any).spec.template.spec.containers[0]).KAFKA_CLUSTER_ID as string;
    const first = id(docs);
    expect(first).to.match(/^[0-9a-f]{21}A$/);
    expect(Buffer.from(first, "base64url")).to.have.length(16);
    expect(id(render("minikube", [...POD_MODE, "--set", "config.logLevel=debug"]))).to.equal(first);
    const other = helm(["template", "other", CHART_DIR, "--namespace", "tickler", "--kube-version", KUBE_VERSION, "-f", valuesFile("minikube"), ...POD_MODE]);
    expect(other.ok, other.stderr).to.equal(true);
    expect(other.stdout).to.match(/KAFKA_CLUSTER_ID\n\s+value: "[0-9a-f]{21}A"/);
    expect(other.stdout).to.not.include(first);
  });

  it("refuses more topic replicas than brokers, a min ISR above the replicas, and a negative count of controllers", () => {
    const refused = (extra: string[], why: RegExp) => {
      const result = helm(["template", "x", CHART_DIR, "--kube-version", KUBE_VERSION, "-f", valuesFile("minikube"), ...POD_MODE, ...extra]);
      expect(result.ok, extra.join(" ")).to.equal(false);
      expect(result.stderr, extra.join(" ")).to.match(why);
    };
    refused(["--set", "kafka.pods.topics.replicas=3"], /kafka.pods.topics.replicas \(3\) cannot exceed kafka.pods.brokers \(2\)/);
    refused(["--set", "kafka.pods.topics.minInSyncReplicas=3"], /minInSyncReplicas cannot exceed/);
    refused(["--set", "kafka.pods.controllerOnly.replicas=-1"], /controllerOnly/);
  });

  it("with no controller-only node, only the brokers vote and no controller StatefulSet is rendered", () => {
    const two = render("minikube", [...POD_MODE, "--set", "kafka.pods.controllerOnly.replicas=0"]);
    expect(byKind(two, "StatefulSet").map((s) => s.metadata?.name)).to.not.include("tickler-kafka-controller");
    expect(serverProperties(two)["controller.quorum.voters"]!.split(",")).to.have.length(2);
  });
});
