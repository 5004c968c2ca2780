/** dapr.yaml, tye.yaml and components/ describe the same apps and names as the code and the stack scripts. */
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { parse, parseAllDocuments } from "yaml";
import { ROOT } from "../../scripts/root.js";
import { APP_IDS, profile } from "../../scripts/stack/profile.js";
import { TOPICS as STACK_TOPICS } from "../../scripts/stack/infra.js";
import { TOPICS } from "../../src/events/topics.js";
import { loadConfig } from "../../src/infra/config.js";

const read = (file: string) => parse(fs.readFileSync(path.join(ROOT, file), "utf8"));
const dev = profile("dev", ROOT, undefined, 0);

function components(): Record<string, any> {
  const dir = path.join(ROOT, "components");
  const out: Record<string, any> = {};
  for (const file of fs.readdirSync(dir)) {
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(dir, file), "utf8"))) {
      const value = doc.toJS();
      out[value.metadata.name] = value;
    }
  }
  return out;
}

describe("run files and components", () => {
  it("dapr.yaml runs every app on the dev profile's ports and control plane", () => {
    const run = read("dapr.yaml");
    expect(run.apps.map((a: any) => a.appID)).to.deep.equal([...APP_IDS]);
    expect(run.common.placementHostAddress).to.equal(`127.0.0.1:${dev.placement}`);
    expect(run.common.schedulerHostAddress).to.equal(`127.0.0.1:${dev.scheduler}`);
    expect(run.common.env).to.deep.equal({
      MONGODB_URI: `mongodb://127.0.0.1:${dev.mongo}/tickler`,
      KAFKA_BROKERS: `127.0.0.1:${dev.kafka}`,
      REDIS_HOST: `127.0.0.1:${dev.redis}`,
    });
    for (const app of run.apps) {
      const ports = dev.apps[app.appID as (typeof APP_IDS)[number]];
      expect(app).to.include({ appPort: ports.app, daprHTTPPort: ports.daprHttp, daprGRPCPort: ports.daprGrpc, metricsPort: ports.daprMetrics });
      expect(app.env).to.deep.equal({ ROLE: app.appID, PORT: String(ports.app) });
      expect(app.command).to.deep.equal(["node", "--import", "tsx", "src/main.ts"]);
    }
  });

  it("tye.yaml describes the same apps on the same ports", () => {
    const tye = read("tye.yaml");
    expect(tye.services.map((s: any) => s.name)).to.deep.equal([...APP_IDS]);
    for (const service of tye.services) {
      expect(service.bindings[0].port).to.equal(dev.apps[service.name as (typeof APP_IDS)[number]].app);
      const env = Object.fromEntries(service.env.map((e: any) => [e.name, e.value]));
      expect(env.ROLE).to.equal(service.name);
      expect(env.MONGODB_URI).to.equal(`mongodb://127.0.0.1:${dev.mongo}/tickler`);
    }
    expect(tye.extensions[0].name).to.equal("dapr");
    expect(tye.extensions[0]["placement-port"]).to.equal(dev.placement);
  });

  it("components declare the pub/sub and actor state store the code uses", () => {
    const all = components();
    const pubsubName = loadConfig({ ROLE: "audit", DAPR_API_TOKEN: "x".repeat(16), APP_API_TOKEN: "y".repeat(16), MONGODB_URI: "mongodb://h/db", KAFKA_BROKERS: "h:1" }).PUBSUB_NAME;
    expect(all[pubsubName]?.spec.type).to.equal("pubsub.kafka");
    const actorStores = Object.values(all).filter((c: any) => c.spec?.metadata?.some((m: any) => m.name === "actorStateStore" && m.value === "true"));
    expect(actorStores).to.have.length(1);
    expect(actorStores[0].spec.type).to.equal("state.redis");
    expect(actorStores[0].scopes).to.deep.equal(["api"]);
  });

  it("the stack creates exactly the topics the code publishes to", () => {
    expect([...STACK_TOPICS].sort()).to.deep.equal(Object.values(TOPICS).sort());
  });
});

describe("Kafka cluster ids", () => {
  it("are 22 URL-safe base64 characters that never start with a dash (the storage tool would read an option)", async () => {
    const { kafkaClusterId } = await import("../../scripts/stack/infra.js");
    for (let i = 0; i < 2000; i++) {
      const id = kafkaClusterId();
      expect(id).to.match(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    }
  });
});
