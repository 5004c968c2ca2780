/**
 * The cluster network the chart renders (docs/security.md, "Cluster network"):
 * a default deny for the namespace, then per pod exactly the peers and ports
 * it needs; Dapr accessControl allowing only the service invocations the
 * apps make; a token pair per app; and, with Strimzi, a Kafka that
 * authenticates every client as a per-app user with ACLs for its own topics
 * and groups only.
 */
import { expect } from "chai";
import { TOPICS, STREAM_HEARTBEAT_TOPIC } from "../../src/events/topics.js";
import { ROLES, type Role } from "../../src/infra/config.js";
import { CRON_ROUTE } from "../../src/notifications/cron.js";
import { byKind, manifestValidator, named, render, TARGETS, type Target } from "./lib/chart.js";
import type { Manifest } from "./lib/manifestValidator.js";
import { declaredByRoles, type Declared } from "./lib/roles.js";

type Peer = { podSelector?: any; namespaceSelector?: any; ipBlock?: { cidr: string; except?: string[] } };
type Port = { port: number; protocol?: string };
type Rule = { from?: Peer[]; to?: Peer[]; ports?: Port[] };

const DAPR_INTERNAL_PORT = 50002;
const APP_PORT = 8080;
const rendered = new Map<Target, Manifest[]>();
const docsOf = (t: Target) => rendered.get(t)!;
const policy = (docs: Manifest[], name: string) => named(docs, "NetworkPolicy", name) as any;
const appPolicy = (docs: Manifest[], app: Role) => policy(docs, `tickler-${app}`);
const portsOf = (rule: Rule) => (rule.ports ?? []).map((p) => `${p.port}/${p.protocol ?? "TCP"}`).sort();
/** The app ids a podSelector of the release's apps selects. */
const appsSelected = (peer: Peer): string[] | null => {
  const s = peer.podSelector;
  if (!s || peer.namespaceSelector || peer.ipBlock) return null;
  if (s.matchLabels?.["app.kubernetes.io/instance"] !== "tickler" || s.matchLabels?.["app.kubernetes.io/name"] !== "tickler") return null;
  const component = s.matchExpressions?.find((e: any) => e.key === "app.kubernetes.io/component");
  return component?.operator === "In" ? [...component.values].sort() : null;
};
const rulesOnPort = (rules: Rule[], port: number) => rules.filter((r) => (r.ports ?? []).some((p) => p.port === port));
const namespaceOf = (peer: Peer) => peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"];

/** The private, loopback, link-local and shared ranges no webhook or mail may go to. */
const MUST_EXCLUDE_V4 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10", "0.0.0.0/8"];
// Not ::ffff:0:0/96: the API server parses an IPv4-mapped prefix as IPv4 and
// refuses it in the except list of ::/0 (found by the install of docs/cluster.md).
const MUST_EXCLUDE_V6 = ["::1/128", "fc00::/7", "fe80::/10"];

/** Who may reach the api per target: the ingress controller of each target's values file. */
const API_FROM: Record<Target, (peers: Peer[]) => void> = {
  minikube: (peers) => expect(peers.map(namespaceOf)).to.include("ingress-nginx"),
  aks: (peers) => expect(peers).to.deep.equal([{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "app-routing-system" } } }]),
  gke: (peers) => expect(peers.map((p) => p.ipBlock?.cidr)).to.deep.equal(["130.211.0.0/22", "35.191.0.0/16"]),
  oke: (peers) => expect(peers.every((p) => p.ipBlock && !p.ipBlock.cidr.startsWith("0.0.0.0"))).to.equal(true),
};

describe("helm chart: cluster network, Dapr access control, per-app tokens and Kafka users", function () {
  let declared: Declared;

  before(async () => {
    for (const target of TARGETS) rendered.set(target, render(target));
    declared = await declaredByRoles();
  });

  describe("NetworkPolicies", () => {
    it("every target denies all ingress and egress in the namespace by default", () => {
      for (const target of TARGETS) {
        const deny = policy(docsOf(target), "tickler-default-deny");
        expect(deny.spec, target).to.deep.equal({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
      }
    });

    it("the api's HTTP port admits only the ingress controller (and the scraper); no other app port is open to anyone but the scraper", () => {
      for (const target of TARGETS) {
        const docs = docsOf(target);
        for (const app of ROLES) {
          const p = appPolicy(docs, app);
          expect(p.spec.policyTypes, `${target} ${app}`).to.deep.equal(["Ingress", "Egress"]);
          const ingress: Rule[] = p.spec.ingress;
          // No rule admits everyone or every port.
          for (const rule of ingress) {
            expect(rule.from?.length ?? 0, `${target} ${app}`).to.be.greaterThan(0);
            expect(rule.ports?.length ?? 0, `${target} ${app}`).to.be.greaterThan(0);
          }
          const onAppPort = rulesOnPort(ingress, APP_PORT);
          const scraper = onAppPort.filter((r) => r.from!.every((peer) => namespaceOf(peer) === "monitoring" && !peer.podSelector));
          expect(scraper, `${target} ${app}: scraper`).to.have.length(1);
          expect(portsOf(scraper[0]!)).to.deep.equal([`${APP_PORT}/TCP`, "9090/TCP"]);
          const others = onAppPort.filter((r) => !scraper.includes(r));
          if (app === "api") {
            expect(others, target).to.have.length(1);
            expect(portsOf(others[0]!)).to.deep.equal([`${APP_PORT}/TCP`]);
            API_FROM[target](others[0]!.from!);
          } else {
            expect(others, `${target} ${app}`).to.deep.equal([]);
          }
        }
      }
    });

    it("the default apiFrom covers ingress-nginx and Traefik by namespace and pod labels", () => {
      const api = appPolicy(render("defaults"), "api");
      const from: Peer[] = rulesOnPort(api.spec.ingress, APP_PORT).find((r: Rule) => r.from!.some((p) => p.podSelector))!.from!;
      expect(from).to.deep.include({
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } },
        podSelector: { matchLabels: { "app.kubernetes.io/name": "ingress-nginx" } },
      });
      const traefik = from.find((p) => p.podSelector?.matchLabels?.["app.kubernetes.io/name"] === "traefik")!;
      expect(traefik.namespaceSelector.matchExpressions[0].values).to.include.members(["traefik", "kube-system"]);
    });

    it("daprd to daprd on the internal gRPC port only along the calls the apps make", () => {
      // Service invocation: the api calls audit and notifications. Actors: notifications calls the
      // api's TaskActor (reconcile), api replicas call each other's actors. Nobody calls audit's or
      // notifications' actors, and audit calls nobody.
      const callers: Record<Role, string[]> = { api: ["api", "notifications"], notifications: ["api"], audit: ["api"] };
      const callees: Record<Role, string[]> = { api: ["api", "audit", "notifications"], notifications: ["api"], audit: [] };
      for (const target of TARGETS) {
        for (const app of ROLES) {
          const p = appPolicy(docsOf(target), app);
          const inRules = rulesOnPort(p.spec.ingress, DAPR_INTERNAL_PORT);
          expect(inRules, `${target} ${app}`).to.have.length(1);
          expect(portsOf(inRules[0]!)).to.deep.equal([`${DAPR_INTERNAL_PORT}/TCP`]);
          expect(inRules[0]!.from!.map(appsSelected), `${target} ${app} callers`).to.deep.equal([callers[app].sort()]);
          const outRules = rulesOnPort(p.spec.egress, DAPR_INTERNAL_PORT);
          if (callees[app].length === 0) expect(outRules, `${target} ${app}`).to.deep.equal([]);
          else {
            expect(outRules).to.have.length(1);
            expect(portsOf(outRules[0]!)).to.deep.equal([`${DAPR_INTERNAL_PORT}/TCP`]);
            expect(outRules[0]!.to!.map(appsSelected), `${target} ${app} callees`).to.deep.equal([callees[app].sort()]);
          }
        }
      }
    });

    it("egress: DNS, the Dapr control plane, the API server, Kafka and the stores each app uses, on their ports only", () => {
      for (const target of TARGETS) {
        const docs = docsOf(target);
        for (const app of ROLES) {
          const egress: Rule[] = appPolicy(docs, app).spec.egress;
          const where = `${target} ${app}`;
          const dns = egress.find((r) => r.to?.some((p) => p.podSelector?.matchLabels?.["k8s-app"] === "kube-dns"));
          expect(dns && portsOf(dns), where).to.deep.equal(["53/TCP", "53/UDP"]);
          expect(namespaceOf(dns!.to![0]!)).to.equal("kube-system");

          const dapr = egress.find((r) => r.to?.some((p) => namespaceOf(p) === "dapr-system"))!;
          expect(portsOf(dapr), where).to.deep.equal(["50001/TCP", "50005/TCP", "50006/TCP", "6500/TCP"]);
          expect(dapr.to![0]!.podSelector.matchExpressions[0].values).to.have.members(["dapr-operator", "dapr-sentry", "dapr-placement-server", "dapr-scheduler-server"]);

          const apiServer = egress.find((r) => r.ports?.some((p) => [443, 6443, 8443].includes(p.port)) && !r.to)!;
          expect(portsOf(apiServer), where).to.deep.equal(target === "minikube" ? ["8443/TCP"] : ["443/TCP", "6443/TCP"]);

          const kafkaPort = target === "minikube" ? 9092 : 9093;
          const kafka = rulesOnPort(egress, kafkaPort);
          expect(kafka, where).to.have.length(1);
          expect(portsOf(kafka[0]!)).to.deep.equal([`${kafkaPort}/TCP`]);
          expect(kafka[0]!.to).to.deep.equal([{ podSelector: { matchLabels: { "strimzi.io/cluster": "tickler-kafka", "strimzi.io/broker-role": "true" } } }]);

          const mongoPorts = target === "aks" ? [10260, 27017] : [27017];
          const mongo = egress.filter((r) => r.ports?.some((p) => mongoPorts.includes(p.port)));
          expect(mongo, where).to.have.length(1);
          expect(portsOf(mongo[0]!)).to.deep.equal(mongoPorts.map((p) => `${p}/TCP`).sort());
          if (target === "minikube") expect(mongo[0]!.to![0]!.podSelector.matchLabels["app.kubernetes.io/component"]).to.equal("mongodb");

          const redisPort = { minikube: 6379, aks: 6380, gke: 6378, oke: 6379 }[target];
          const redis = rulesOnPort(egress, redisPort);
          // Only the api uses Redis (actor state store, outbox journal).
          expect(redis, where).to.have.length(app === "api" ? 1 : 0);
          if (app === "api") {
            expect(portsOf(redis[0]!)).to.deep.equal([`${redisPort}/TCP`]);
            if (target === "minikube") expect(redis[0]!.to![0]!.podSelector.matchLabels["app.kubernetes.io/component"]).to.equal("redis");
            if (target === "gke") expect(redis[0]!.to).to.deep.equal([{ ipBlock: { cidr: "10.0.0.3/32" } }]);
          }

          // Only the notifications app has a rule without ports (webhooks name their own), and it
          // reaches public addresses only; every other rule names its ports, and the only rule
          // without peers is the API server's (its address differs per cluster).
          const portless = egress.filter((r) => !r.ports);
          if (app === "notifications") {
            expect(portless, where).to.have.length(1);
            const blocks = portless[0]!.to!.map((p) => p.ipBlock!);
            const v4 = blocks.find((b) => b.cidr === "0.0.0.0/0")!;
            const v6 = blocks.find((b) => b.cidr === "::/0")!;
            expect(v4.except).to.include.members(MUST_EXCLUDE_V4);
            expect(v6.except).to.include.members(MUST_EXCLUDE_V6);
          } else expect(portless, where).to.deep.equal([]);
          expect(egress.filter((r) => !r.to).map(portsOf), where).to.deep.equal([portsOf(apiServer)]);
        }
      }
    });

    it("the api fetches a JWKS and the apps reach the tracing collector only when those are configured, on their ports", () => {
      const plain = appPolicy(render("aks"), "api").spec.egress as Rule[];
      expect(rulesOnPort(plain, 4317)).to.deep.equal([]);
      const docs = render("aks", [
        "--set", "config.auth.jwksUrl=https://login.example.com/keys", "--set", "config.auth.issuer=https://login.example.com/", "--set", "config.auth.audience=tickler",
        "--set", "dapr.tracing.enabled=true",
      ]);
      const egress = appPolicy(docs, "api").spec.egress as Rule[];
      const jwks = egress.filter((r) => r.to?.some((p) => p.ipBlock?.cidr === "0.0.0.0/0" && p.ipBlock.except?.includes("10.0.0.0/8")));
      expect(jwks.map(portsOf)).to.deep.equal([["443/TCP"]]);
      const tracing = rulesOnPort(egress, 4317);
      expect(portsOf(tracing[0]!)).to.deep.equal(["4317/TCP", "4318/TCP"]);
      expect(tracing[0]!.to!.map(namespaceOf)).to.deep.equal(["observability"]);
      for (const app of ["notifications", "audit"] as const) expect(rulesOnPort(appPolicy(docs, app).spec.egress, 4318), app).to.have.length(1);
      expect(docs.flatMap((d) => manifestValidator().validate(d))).to.deep.equal([]);
    });

    it("external Kafka: egress to the configured peers on the brokers' ports", () => {
      const docs = render("aks", ["--set", "kafka.mode=external", "--set", "kafka.external.brokers=b-1.kafka.example:9096\\,b-2.kafka.example:9094"]);
      for (const app of ROLES) {
        const rules = (appPolicy(docs, app).spec.egress as Rule[]).filter((r) => r.ports?.some((p) => [9094, 9096].includes(p.port)));
        expect(rules.map(portsOf), app).to.deep.equal([["9094/TCP", "9096/TCP"]]);
        expect(rules[0]!.to).to.deep.equal([{ ipBlock: { cidr: "0.0.0.0/0" } }]);
      }
      expect(byKind(docs, "NetworkPolicy").map((p) => p.metadata?.name)).not.to.include("tickler-kafka-egress");
    });

    it("kafka.mode=pods: the apps reach the Kafka pods on 9092; the Kafka pods admit the apps, the topics Job and each other (quorum on 9093 among themselves only) and send only to each other and DNS", () => {
      const docs = render("minikube", ["--set", "kafka.mode=pods", "--set", "kafka.pods.storage.storageClass=local-path"]);
      expect(docs.flatMap((d) => manifestValidator().validate(d))).to.deep.equal([]);
      const kafkaPods = { podSelector: { matchLabels: { "app.kubernetes.io/name": "tickler", "app.kubernetes.io/instance": "tickler", "app.kubernetes.io/component": "kafka" } } };
      for (const app of ROLES) {
        const rules = rulesOnPort(appPolicy(docs, app).spec.egress, 9092);
        expect(rules, app).to.have.length(1);
        expect(rules[0]!.to).to.deep.equal([kafkaPods]);
        expect(portsOf(rules[0]!)).to.deep.equal(["9092/TCP"]);
      }
      const kafka = policy(docs, "tickler-kafka");
      expect(kafka.spec.policyTypes).to.deep.equal(["Ingress", "Egress"]);
      const clients = rulesOnPort(kafka.spec.ingress, 9092)[0]!;
      expect(portsOf(clients)).to.deep.equal(["9092/TCP"]);
      expect(clients.from!.map(appsSelected)[0]).to.deep.equal(["api", "audit", "notifications"]);
      expect(clients.from!.map((p) => p.podSelector?.matchLabels?.["app.kubernetes.io/component"]).slice(1)).to.deep.equal(["kafka-topics", "kafka"]);
      const quorum = rulesOnPort(kafka.spec.ingress, 9093)[0]!;
      expect(quorum).to.deep.equal({ from: [kafkaPods], ports: [{ port: 9093, protocol: "TCP" }] });
      expect(kafka.spec.egress[0]).to.deep.equal({ to: [kafkaPods], ports: [{ port: 9092, protocol: "TCP" }, { port: 9093, protocol: "TCP" }] });
      expect(portsOf(kafka.spec.egress[1])).to.deep.equal(["53/TCP", "53/UDP"]);
      const job = policy(docs, "tickler-kafka-topics");
      expect(job.spec.ingress).to.deep.equal([]);
      expect(job.spec.egress[0]).to.deep.equal({ to: [kafkaPods], ports: [{ port: 9092, protocol: "TCP" }] });
      for (const c of byKind(docs, "Component").filter((x: any) => x.spec.type === "pubsub.kafka") as any[]) {
        expect(c.spec.metadata.find((m: any) => m.name === "authType").value, c.metadata.name).to.equal("none");
      }
    });

    it("the dev MongoDB admits the three apps, the dev Redis the api only, on their ports, and they send nothing", () => {
      const docs = docsOf("minikube");
      const mongo = policy(docs, "tickler-mongodb");
      expect(mongo.spec.ingress).to.have.length(1);
      expect(mongo.spec.ingress[0].from.map(appsSelected)).to.deep.equal([["api", "audit", "notifications"]]);
      expect(portsOf(mongo.spec.ingress[0])).to.deep.equal(["27017/TCP"]);
      const redis = policy(docs, "tickler-redis");
      expect(redis.spec.ingress[0].from.map(appsSelected)).to.deep.equal([["api"]]);
      expect(portsOf(redis.spec.ingress[0])).to.deep.equal(["6379/TCP"]);
      for (const p of [mongo, redis]) expect(p.spec.egress).to.deep.equal([]);
    });

    it("Strimzi's pods may reach each other, DNS and the API server; the client listener admits only the apps", () => {
      for (const target of TARGETS) {
        const docs = docsOf(target);
        const egress = policy(docs, "tickler-kafka-egress");
        expect(egress.spec.podSelector).to.deep.equal({ matchLabels: { "strimzi.io/cluster": "tickler-kafka" } });
        expect(egress.spec.policyTypes).to.deep.equal(["Egress"]);
        expect(egress.spec.egress[0]).to.deep.equal({ to: [{ podSelector: { matchLabels: { "strimzi.io/cluster": "tickler-kafka" } } }] });
        const kafka = named(docs, "Kafka", "tickler-kafka") as any;
        const listeners = kafka.spec.kafka.listeners;
        expect(listeners, target).to.have.length(1);
        expect(listeners[0].networkPolicyPeers.map(appsSelected)).to.deep.equal([["api", "audit", "notifications"]]);
      }
    });

    it("networkPolicy.enabled=false renders no NetworkPolicy (for clusters whose network plugin ignores them), and the listener has no peers", () => {
      const docs = render("minikube", ["--set", "networkPolicy.enabled=false"]);
      expect(byKind(docs, "NetworkPolicy")).to.deep.equal([]);
      expect((named(docs, "Kafka", "tickler-kafka") as any).spec.kafka.listeners[0]).not.to.have.property("networkPolicyPeers");
      // On by default.
      expect(byKind(render("defaults"), "NetworkPolicy").length).to.be.greaterThan(3);
    });
  });

  describe("Dapr accessControl", () => {
    /** The operations an app's Configuration allows a caller: "VERB /path" (Dapr matches the path as a prefix). */
    const allowed = (config: any, caller: string): string[] =>
      (config.spec.accessControl.policies ?? [])
        .filter((p: any) => p.appId === caller)
        .flatMap((p: any) => p.operations.filter((o: any) => o.action === "allow").flatMap((o: any) => o.httpVerb.map((v: string) => `${v} ${o.name}`)))
        .sort();
    const configOf = (docs: Manifest[], app: Role) => {
      const d = named(docs, "Deployment", `tickler-${app}`) as any;
      return named(docs, "Configuration", d.spec.template.metadata.annotations["dapr.io/config"]) as any;
    };

    it("each app has its own Configuration that denies every service invocation by default, in one trust domain and namespace", () => {
      for (const target of TARGETS) {
        const docs = docsOf(target);
        const names = new Set<string>();
        for (const app of ROLES) {
          const config = configOf(docs, app);
          names.add(config.metadata.name);
          const ac = config.spec.accessControl;
          expect(ac.defaultAction, `${target} ${app}`).to.equal("deny");
          expect(ac.trustDomain).to.equal("public");
          for (const p of ac.policies) expect(p, `${target} ${app}`).to.include({ defaultAction: "deny", trustDomain: "public", namespace: "tickler" });
        }
        expect(names.size, target).to.equal(3);
      }
      const other = render("aks", ["--set", "dapr.trustDomain=tickler.example"]);
      for (const app of ROLES) {
        const ac = configOf(other, app).spec.accessControl;
        expect(ac.trustDomain).to.equal("tickler.example");
        for (const p of ac.policies) expect(p.trustDomain).to.equal("tickler.example");
      }
    });

    it("only the api may invoke, and only the audit app's history and list activity reads and the notifications app's webhook, inbox and email-confirmation routes", () => {
      for (const target of TARGETS) {
        const docs = docsOf(target);
        // Nothing invokes the api (the notifications app reaches TaskActor through the actor runtime, which accessControl does not govern).
        expect(configOf(docs, "api").spec.accessControl.policies, target).to.deep.equal([]);
        for (const app of ["audit", "notifications"] as const) {
          expect(configOf(docs, app).spec.accessControl.policies.map((p: any) => p.appId), `${target} ${app}`).to.deep.equal(["api"]);
        }
        expect(allowed(configOf(docs, "audit"), "api")).to.deep.equal(["GET /internal/activity", "GET /internal/history", "GET /internal/history-entry"]);
        expect(allowed(configOf(docs, "notifications"), "api")).to.deep.equal([
          "DELETE /internal/webhooks",
          "GET /internal/notifications",
          "GET /internal/webhooks",
          "POST /internal/email-confirmations",
          "POST /internal/invitation-emails",
          "POST /internal/webhooks",
        ]);
      }
    });

    it("the allowed operations are the internal routes the apps serve: each one is served, and each served one (but the cron binding's) is allowed", () => {
      const docs = docsOf("aks");
      for (const app of ["audit", "notifications"] as const) {
        const ops = allowed(configOf(docs, app), "api").map((o) => {
          const [verb, path] = o.split(" ");
          return { verb: verb!, path: path! };
        });
        // Dapr's prefix match: /internal/history covers /internal/history/:taskId.
        const covers = (op: { verb: string; path: string }, route: { method: string; path: string }) =>
          op.verb === route.method && (route.path === op.path || route.path.startsWith(`${op.path}/`));
        const internal = declared.routes[app].filter((r) => r.path.startsWith("/internal/") && r.path !== CRON_ROUTE);
        expect(internal.length, app).to.be.greaterThan(1);
        for (const route of internal) expect(ops.some((op) => covers(op, route)), `${app}: ${route.method} ${route.path} is served but not allowed`).to.equal(true);
        for (const op of ops) expect(internal.some((route) => covers(op, route)), `${app}: ${op.verb} ${op.path} is allowed but not served`).to.equal(true);
      }
    });
  });

  describe("tokens", () => {
    it("each app has its own Dapr API token and app token, given to its daprd and its container alike", () => {
      for (const target of TARGETS) {
        const docs = docsOf(target);
        const seen = new Set<string>();
        for (const app of ROLES) {
          const d = named(docs, "Deployment", `tickler-${app}`) as any;
          const annotations = d.spec.template.metadata.annotations;
          const env = Object.fromEntries(d.spec.template.spec.containers[0].env.map((e: any) => [e.name, e]));
          const dapr = annotations["dapr.io/api-token-secret"];
          const appToken = annotations["dapr.io/app-token-secret"];
          expect(env.DAPR_API_TOKEN.valueFrom.secretKeyRef, `${target} ${app}`).to.deep.equal({ name: dapr, key: "token" });
          expect(env.APP_API_TOKEN.valueFrom.secretKeyRef, `${target} ${app}`).to.deep.equal({ name: appToken, key: "token" });
          seen.add(dapr);
          seen.add(appToken);
        }
        expect(seen.size, target).to.equal(6);
      }
      const custom = render("aks", ["--set", "secrets.appApiTokenSecrets.audit=vault-audit-app-token"]);
      expect((named(custom, "Deployment", "tickler-audit") as any).spec.template.metadata.annotations["dapr.io/app-token-secret"]).to.equal("vault-audit-app-token");
    });

    it("the old single-token keys are refused rather than silently ignored", () => {
      expect(() => render("aks", ["--set", "secrets.daprApiTokenSecret=tickler-dapr-api-token"])).to.throw(/daprApiTokenSecret/);
    });
  });

  describe("Kafka (Strimzi): authenticated clients, a user per app, ACLs per app", () => {
    interface Acl {
      resource: { type: string; name: string; patternType: string };
      operations: string[];
    }
    const aclsOf = (docs: Manifest[], app: Role): Acl[] => (named(docs, "KafkaUser", `tickler-${app}`) as any).spec.authorization.acls;
    const topicsWith = (acls: Acl[], op: string) => acls.filter((a) => a.resource.type === "topic" && a.operations.includes(op)).map((a) => a.resource.name).sort();

    it("the listener requires SCRAM-SHA-512 and the brokers authorize by ACL; the User Operator runs", () => {
      for (const target of TARGETS) {
        const kafka = named(docsOf(target), "Kafka", "tickler-kafka") as any;
        expect(kafka.spec.kafka.listeners[0].authentication, target).to.deep.equal({ type: "scram-sha-512" });
        expect(kafka.spec.kafka.authorization).to.deep.equal({ type: "simple" });
        expect(kafka.spec.entityOperator).to.have.property("userOperator");
      }
    });

    it("each app's user reads exactly the topics it subscribes to and writes what it publishes and dead-letters, with only its own consumer groups", () => {
      const subs = declared.subscriptions;
      // The api publishes the task events, updates and due reminders (src/infra/publisher.ts) and its stream heartbeats.
      const published: Record<Role, string[]> = { api: [...Object.values(TOPICS), STREAM_HEARTBEAT_TOPIC], notifications: [], audit: [] };
      for (const target of TARGETS) {
        const docs = docsOf(target);
        for (const app of ROLES) {
          const acls = aclsOf(docs, app);
          const where = `${target} ${app}`;
          const reads = [...new Set(subs[app].map((s) => s.topic))].sort();
          const writes = [...new Set([...published[app], ...subs[app].flatMap((s) => (s.deadLetterTopic ? [s.deadLetterTopic] : []))])].sort();
          expect(topicsWith(acls, "Read"), where).to.deep.equal(reads);
          expect(topicsWith(acls, "Write"), where).to.deep.equal(writes);
          const groups = acls.filter((a) => a.resource.type === "group").map((a) => `${a.resource.patternType}:${a.resource.name}`).sort();
          expect(groups, where).to.deep.equal(app === "api" ? ["literal:api", "prefix:api-stream-"] : [`literal:${app}`]);
          for (const a of acls) {
            expect(["topic", "group"], where).to.include(a.resource.type);
            expect(a.resource.name, where).not.to.include("*");
            expect(a.operations.every((op) => ["Read", "Write", "Describe"].includes(op)), where).to.equal(true);
            if (a.resource.type === "topic") expect(a.resource.patternType).to.equal("literal");
          }
        }
      }
    });

    it("each app runs as its own ServiceAccount, whose Role reads only its own Kafka user's Secret (and the CA; the api also Redis's password)", () => {
      for (const target of TARGETS) {
        const docs = docsOf(target);
        const accounts = new Set<string>();
        for (const app of ROLES) {
          const account = (named(docs, "Deployment", `tickler-${app}`) as any).spec.template.spec.serviceAccountName;
          accounts.add(account);
          expect(named(docs, "ServiceAccount", account)).to.have.property("metadata");
          const binding = named(docs, "RoleBinding", `tickler-${app}-component-secrets`) as any;
          expect(binding.subjects, `${target} ${app}`).to.deep.equal([{ kind: "ServiceAccount", name: account, namespace: "tickler" }]);
          expect(binding.roleRef.name).to.equal(`tickler-${app}-component-secrets`);
          const readable: string[] = (named(docs, "Role", `tickler-${app}-component-secrets`) as any).rules[0].resourceNames;
          const expected = [
            ...(target === "minikube" ? [] : ["tickler-kafka-cluster-ca-cert"]),
            `tickler-${app}`,
            ...(app === "api" && target !== "minikube" ? ["tickler-redis"] : []),
          ];
          expect(readable, `${target} ${app}`).to.have.members(expected);
        }
        expect(accounts.size, target).to.equal(3);
      }
    });

    it("the stream's consumer groups are the ones the api's prefix ACL covers", () => {
      const stream = named(docsOf("aks"), "Component", "pubsub-stream") as any;
      const group = stream.spec.metadata.find((m: any) => m.name === "consumerGroup").value as string;
      expect(group.replace("{appID}", "api").startsWith("api-stream-")).to.equal(true);
    });

    it("each app's pub/sub component logs in as that app's user with the password the User Operator keeps, and only that app loads it", () => {
      for (const target of TARGETS) {
        const docs = docsOf(target);
        for (const [component, app] of [["pubsub-api", "api"], ["pubsub-notifications", "notifications"], ["pubsub-audit", "audit"], ["pubsub-stream", "api"]] as const) {
          const c = named(docs, "Component", component) as any;
          const meta = Object.fromEntries(c.spec.metadata.map((m: any) => [m.name, m]));
          expect(c.scopes, `${target} ${component}`).to.deep.equal([app]);
          expect(meta.authType.value).to.equal("password");
          expect(meta.saslMechanism.value).to.equal("SHA-512");
          expect(meta.saslUsername.value).to.equal(`tickler-${app}`);
          expect(meta.saslPassword.secretKeyRef).to.deep.equal({ name: `tickler-${app}`, key: "password" });
          expect((named(docs, "Role", `tickler-${app}-component-secrets`) as any).rules[0].resourceNames).to.include(`tickler-${app}`);
        }
      }
    });
  });
});
