/**
 * One source of truth for names: the code (src/events/topics.ts, the roles'
 * subscriptions, config defaults, the actor type) decides the topics,
 * subscriptions, pub/sub and state store names and app ids; the chart, the
 * local components/, dapr.yaml and tye.yaml must all agree with it.
 *
 * Subscriptions are programmatic (GET /dapr/subscribe), so the chart renders
 * no declarative Subscription: both would subscribe the same app twice. This
 * test asks each role's real /dapr/subscribe what it declares.
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { parse, parseAllDocuments } from "yaml";
import { ROOT } from "../../scripts/root.js";
import { TASK_ACTOR_TYPE } from "../../src/actors/taskActor.js";
import { deadLetterTopic, STREAM_HEARTBEAT_TOPIC, TOPICS } from "../../src/events/topics.js";
import { loadConfig, ROLES, type Role } from "../../src/infra/config.js";
import { byKind, manifestValidator, render, schemasDir, TARGETS } from "./lib/chart.js";
import type { Manifest } from "./lib/manifestValidator.js";
import { declaredByRoles, type Subscription } from "./lib/roles.js";

const ALL_TOPICS = [...Object.values(TOPICS).flatMap((t) => [t, deadLetterTopic(t)]), STREAM_HEARTBEAT_TOPIC].sort();

function localComponents(): Manifest[] {
  const dir = path.join(ROOT, "components");
  return fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")).flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), "utf8")).map((d) => d.toJS() as Manifest));
}

/** An app container's plain environment values (name → value). */
function appEnv(docs: Manifest[], role: Role): Record<string, string | undefined> {
  const d = byKind(docs, "Deployment").find((x: any) => x.spec.template.metadata.annotations?.["dapr.io/app-id"] === role) as any;
  const container = d.spec.template.spec.containers.find((c: any) => c.name === role);
  return Object.fromEntries(container.env.map((e: any) => [e.name, e.value]));
}

const componentNamed = (docs: Manifest[], name: string) => docs.find((d) => d.kind === "Component" && d.metadata?.name === name) as any;
const actorStores = (docs: Manifest[]) =>
  docs.filter((d: any) => d.kind === "Component" && d.spec?.metadata?.some((m: any) => m.name === "actorStateStore" && m.value === "true")) as any[];

describe("names agree: code, chart, components/, dapr.yaml and tye.yaml", function () {
  let subscriptions: Record<Role, Subscription[]>;
  const pubsubName = loadConfig({ ROLE: "audit", DAPR_API_TOKEN: "d".repeat(16), APP_API_TOKEN: "a".repeat(16), MONGODB_URI: "mongodb://h/db", KAFKA_BROKERS: "h:1" }).PUBSUB_NAME;

  before(async () => {
    subscriptions = (await declaredByRoles()).subscriptions;
  });

  it("the code subscribes every app through the pub/sub the code names, to its topics and their dead-letter topics", () => {
    const all = Object.values(subscriptions).flat();
    expect(all.length).to.be.greaterThan(0);
    for (const s of all) {
      expect([pubsubName, `${pubsubName}-stream`]).to.include(s.pubsubname);
      expect(ALL_TOPICS).to.include(s.topic);
      if (s.deadLetterTopic) expect(s.deadLetterTopic).to.equal(`${s.topic}-dlq`);
    }
    // Only the api's live stream reads through the per-replica stream pub/sub, without a dead-letter topic of its own.
    const streamed = Object.entries(subscriptions).flatMap(([role, subs]) => subs.filter((s) => s.pubsubname !== pubsubName).map((s) => [role, s] as const));
    expect(streamed.map(([role, s]) => `${role} ${s.topic}`).sort()).to.deep.equal(["api reminders", "api stream-heartbeats", "api task-updates"]);
    for (const [, s] of streamed) expect(s.deadLetterTopic).to.equal(undefined);
  });

  it("the stream pub/sub gives every api replica its own consumer group, locally and in the chart", () => {
    for (const docs of [localComponents(), render("aks"), render("minikube")]) {
      const stream = componentNamed(docs, `${pubsubName}-stream`);
      expect(stream?.spec.type).to.equal("pubsub.kafka");
      expect(stream.scopes).to.deep.equal(["api"]);
      const meta = Object.fromEntries(stream.spec.metadata.map((m: any) => [m.name, m.value]));
      expect(meta.consumerGroup).to.match(/\{uuid\}/);
      expect(meta.initialOffset).to.equal("newest");
    }
  });

  for (const target of TARGETS) {
    it(`${target}: the chart's apps, components and topics are the ones the code uses`, () => {
      const docs = render(target);
      // App ids: one Deployment per role, app id = ROLE.
      const appIds = byKind(docs, "Deployment")
        .map((d: any) => d.spec.template.metadata.annotations?.["dapr.io/app-id"])
        .filter(Boolean);
      expect(appIds).to.deep.equal([...ROLES]);

      // Pub/sub: each app has its own Kafka component (its own credentials), scoped to it alone and
      // named in its PUBSUB_NAME; the api's live stream reads through STREAM_PUBSUB_NAME.
      for (const role of ROLES) {
        const env = appEnv(docs, role);
        const pubsub = componentNamed(docs, env.PUBSUB_NAME!);
        expect(pubsub?.spec.type, role).to.equal("pubsub.kafka");
        expect(pubsub.scopes, role).to.deep.equal([role]);
        expect(env.PUBSUB_NAME!.startsWith(pubsubName), role).to.equal(true);
      }
      expect(appEnv(docs, "api").STREAM_PUBSUB_NAME).to.equal(`${pubsubName}-stream`);
      const kafkaComponents = byKind(docs, "Component").filter((c: any) => c.spec.type === "pubsub.kafka").map((c) => c.metadata?.name);
      expect(kafkaComponents.sort()).to.deep.equal([...ROLES.map((r) => appEnv(docs, r).PUBSUB_NAME!), `${pubsubName}-stream`].sort());

      // Actor state store: exactly one, Redis, scoped to the api (which hosts the actors), same name as locally.
      const stores = actorStores(docs);
      expect(stores).to.have.length(1);
      expect(stores[0].spec.type).to.equal("state.redis");
      expect(stores[0].scopes).to.deep.equal(["api"]);
      expect(stores[0].metadata.name).to.equal(actorStores(localComponents())[0].metadata.name);

      // Topics: exactly the code's topics and their dead-letter topics; every subscribed topic exists.
      const topics = byKind(docs, "KafkaTopic").map((t: any) => t.spec.topicName).sort();
      expect(topics).to.deep.equal(ALL_TOPICS);
      for (const s of Object.values(subscriptions).flat()) {
        expect(topics).to.include(s.topic);
        if (s.deadLetterTopic) expect(topics).to.include(s.deadLetterTopic);
      }

      // Declarative subscriptions would double the programmatic ones.
      expect(byKind(docs, "Subscription")).to.deep.equal([]);

      // Every secret a component names is readable by the Role of each app that loads it (the Role bound to that app's ServiceAccount).
      const readableBy = (role: Role): string[] => {
        const account = (byKind(docs, "Deployment").find((d: any) => d.spec.template.metadata.annotations?.["dapr.io/app-id"] === role) as any).spec.template.spec.serviceAccountName;
        const bindings = byKind(docs, "RoleBinding").filter((b: any) => b.subjects.some((s: any) => s.kind === "ServiceAccount" && s.name === account)) as any[];
        return bindings.flatMap((b) => (byKind(docs, "Role").find((r) => r.metadata?.name === b.roleRef.name) as any)?.rules[0].resourceNames ?? []);
      };
      for (const c of byKind(docs, "Component") as any[]) {
        if (c.spec.type.startsWith("secretstores.")) continue;
        expect(componentNamed(docs, c.auth?.secretStore)?.spec.type, `${c.metadata.name}'s secret store`).to.equal("secretstores.kubernetes");
        for (const role of c.scopes as Role[]) {
          for (const m of c.spec.metadata) if (m.secretKeyRef) expect(readableBy(role), `${role}: ${c.metadata.name}.${m.name}`).to.include(m.secretKeyRef.name);
        }
      }
    });
  }

  it("the chart's resiliency is components/resiliency.yaml's, its pub/sub policies applied to each app's pub/sub, and targets the actor type and pub/sub the code uses", () => {
    const local = localComponents().find((d) => d.kind === "Resiliency") as any;
    for (const target of TARGETS) {
      const docs = render(target);
      const chart = byKind(docs, "Resiliency")[0] as any;
      const { components, ...otherTargets } = chart.spec.targets;
      const { [pubsubName]: pubsubPolicies, ...otherComponents } = local.spec.targets.components;
      const { components: _localComponents, ...localOtherTargets } = local.spec.targets;
      expect({ ...chart.spec, targets: otherTargets }, target).to.deep.equal({ ...local.spec, targets: localOtherTargets });
      const perApp = Object.fromEntries(ROLES.map((r) => [appEnv(docs, r).PUBSUB_NAME!, pubsubPolicies]));
      expect(components, target).to.deep.equal({ ...otherComponents, ...perApp });
    }
    expect(Object.keys(local.spec.targets.actors ?? {})).to.deep.equal([TASK_ACTOR_TYPE]);
    expect(Object.keys(local.spec.targets.components ?? {})).to.deep.equal([pubsubName]);
  });

  it("the local components are valid Dapr resources and use only metadata their component type declares", () => {
    const contrib = path.join(schemasDir(), "components-contrib");
    for (const doc of localComponents()) {
      expect(manifestValidator().validate(doc), String(doc.metadata?.name)).to.deep.equal([]);
    }
    const components = [...localComponents(), ...render("aks"), ...render("aks", ["--set", "kafka.mode=external", "--set", "kafka.external.brokers=k:9093", "--set", "kafka.external.caCert.name=ca"])]
      .filter((d) => d.kind === "Component") as any[];
    // Runtime-level settings daprd reads itself, whatever the component type.
    // (direction and route: daprd's own settings of an input binding.)
    const runtime = new Set(["actorStateStore", "keyPrefix", "consumerID", "direction", "route"]);
    const unknown: string[] = [];
    for (const c of components) {
      // "pubsub.kafka" → pubsub/kafka/metadata.yaml, "secretstores.local.env" → secretstores/local/env/metadata.yaml
      const declared = declaredMetadataNames(path.join(contrib, ...String(c.spec.type).split("."), "metadata.yaml"));
      for (const m of c.spec.metadata) {
        if (!declared.has(m.name) && !runtime.has(m.name)) unknown.push(`${c.metadata.name}: "${m.name}" is not a ${c.spec.type} setting (daprd would ignore it)`);
      }
    }
    expect([...new Set(unknown)], [...new Set(unknown)].join("\n")).to.deep.equal([]);
  });

  it("dapr.yaml and tye.yaml run the same apps as the chart, with ROLE = app id", () => {
    const run = parse(fs.readFileSync(path.join(ROOT, "dapr.yaml"), "utf8"));
    const tye = parse(fs.readFileSync(path.join(ROOT, "tye.yaml"), "utf8"));
    const chartApps = byKind(render("minikube"), "Deployment").map((d: any) => d.spec.template.metadata.annotations?.["dapr.io/app-id"]).filter(Boolean);
    expect(run.apps.map((a: any) => a.appID)).to.deep.equal(chartApps);
    expect(tye.services.map((s: any) => s.name)).to.deep.equal(chartApps);
    for (const a of run.apps) expect(a.env.ROLE).to.equal(a.appID);
    for (const s of tye.services) expect(s.env.find((e: any) => e.name === "ROLE").value).to.equal(s.name);
    // Local runs use the same component files the chart mirrors.
    expect(path.normalize(run.common.resourcesPath)).to.equal("components");
  });
});

/** Metadata names a component's metadata.yaml declares (its own and those of its auth profiles). */
function declaredMetadataNames(file: string): Set<string> {
  expect(fs.existsSync(file), `no metadata.yaml at ${file}`).to.equal(true);
  const spec = parse(fs.readFileSync(file, "utf8")) as any;
  const names = new Set<string>();
  for (const m of spec.metadata ?? []) names.add(m.name);
  for (const profile of spec.authenticationProfiles ?? []) for (const m of profile.metadata ?? []) names.add(m.name);
  for (const m of spec.builtinAuthenticationProfiles ?? []) for (const n of m.metadata ?? []) names.add(n.name);
  return names;
}
