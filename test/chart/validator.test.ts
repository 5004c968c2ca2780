/**
 * The manifest validator catches what the API server would refuse: a
 * misspelled field, a wrong type, an unknown kind, a bad quantity or name;
 * and it accepts free-form fields only where the schema allows them.
 */
import { expect } from "chai";
import { manifestValidator, named, render } from "./lib/chart.js";
import type { Manifest } from "./lib/manifestValidator.js";

/** A rendered manifest, deep-copied so a test can break it. */
function renderedCopy(kind: string, name: string): any {
  return structuredClone(named(render("aks"), kind, name));
}

const problemsOf = (doc: Manifest) => manifestValidator().validate(doc);

describe("manifest validation catches broken manifests", function () {

  it("the unbroken manifests are valid (so each failure below is the one change)", () => {
    for (const [kind, name] of [["Deployment", "tickler-api"], ["Component", "pubsub-api"], ["KafkaUser", "tickler-api"], ["NetworkPolicy", "tickler-api"], ["KafkaTopic", "task-events"], ["Kafka", "tickler-kafka"], ["Resiliency", "tickler-resiliency"], ["Configuration", "tickler-api"]] as const) {
      expect(problemsOf(renderedCopy(kind, name)), `${kind}/${name}`).to.deep.equal([]);
    }
  });

  it("a misspelled field of a built-in kind fails, however deep", () => {
    const top = renderedCopy("Deployment", "tickler-api");
    top.spec.replica = 3;
    expect(problemsOf(top).join("\n")).to.match(/unknown field "replica"/);

    const deep = renderedCopy("Deployment", "tickler-api");
    deep.spec.template.spec.containers[0].readinessProbe.httpGet.paht = "/readyz";
    expect(problemsOf(deep).join("\n")).to.match(/containers\/0\/readinessProbe\/httpGet: unknown field "paht"/);

    const security = renderedCopy("Deployment", "tickler-api");
    security.spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem = true;
    expect(problemsOf(security).join("\n")).to.match(/unknown field "readOnlyRootFileSystem"/);
  });

  it("a wrong type or a bad quantity fails", () => {
    const wrongType = renderedCopy("Deployment", "tickler-api");
    wrongType.spec.revisionHistoryLimit = "five";
    expect(problemsOf(wrongType).join("\n")).to.match(/revisionHistoryLimit: must be integer/);

    const quantity = renderedCopy("Deployment", "tickler-api");
    quantity.spec.template.spec.containers[0].resources.limits.memory = "512MB";
    expect(problemsOf(quantity).join("\n")).to.match(/limits\/memory: must match pattern/);

    const port = renderedCopy("Service", "tickler-api");
    port.spec.ports[0].port = "80";
    expect(problemsOf(port).join("\n")).to.match(/ports\/0\/port: must be integer/);
  });

  it("a misspelled field or wrong type in a Dapr resource fails", () => {
    const component = renderedCopy("Component", "pubsub-api");
    component.spec.metdata = component.spec.metadata;
    expect(problemsOf(component).join("\n")).to.match(/unknown field "metdata"/);

    const scopes = renderedCopy("Component", "pubsub-api");
    scopes.scopes = "api";
    expect(problemsOf(scopes).join("\n")).to.match(/\/scopes: must be array/);

    const resiliency = renderedCopy("Resiliency", "tickler-resiliency");
    resiliency.spec.policies.retries.subscriberDelivery.maxRetry = 3;
    expect(problemsOf(resiliency).join("\n")).to.match(/unknown field "maxRetry"/);

    const config = renderedCopy("Configuration", "tickler-api");
    config.spec.tracing = { samplingRate: 1, otel: { endpointAddress: "x:4317", isSecure: false, protocol: "grpc" } };
    expect(problemsOf(config).join("\n")).to.match(/samplingRate: must be string/);
  });

  it("a misspelled field or wrong type in a Strimzi resource fails", () => {
    const topic = renderedCopy("KafkaTopic", "task-events");
    topic.spec.partition = 3;
    expect(problemsOf(topic).join("\n")).to.match(/unknown field "partition"/);

    const replicas = renderedCopy("KafkaTopic", "task-events");
    replicas.spec.replicas = "3";
    expect(problemsOf(replicas).join("\n")).to.match(/replicas: must be integer/);

    const listener = renderedCopy("Kafka", "tickler-kafka");
    listener.spec.kafka.listeners[0].type = "internl";
    expect(problemsOf(listener).join("\n")).to.match(/must be equal to one of the allowed values/);

    const acl = renderedCopy("KafkaUser", "tickler-api");
    acl.spec.authorization.acls[0].operations = ["Reed"];
    expect(problemsOf(acl).join("\n")).to.match(/must be equal to one of the allowed values/);
  });

  it("free-form fields are accepted only where the schema preserves unknown fields", () => {
    const topic = renderedCopy("KafkaTopic", "task-events");
    topic.spec.config["cleanup.policy"] = "compact"; // spec.config preserves unknown fields
    expect(problemsOf(topic)).to.deep.equal([]);

    const component = renderedCopy("Component", "pubsub-api");
    component.spec.metadata.push({ name: "maxMessageBytes", value: 1048576 }); // value preserves unknown fields
    expect(problemsOf(component)).to.deep.equal([]);
  });

  it("metadata is checked as ObjectMeta for custom resources too, with Kubernetes name and label rules", () => {
    const typo = renderedCopy("KafkaTopic", "task-events");
    typo.metadata.lables = { a: "b" };
    expect(problemsOf(typo).join("\n")).to.match(/\/metadata: unknown field "lables"/);

    const name = renderedCopy("Service", "tickler-api");
    name.metadata.name = "Tickler_API";
    expect(problemsOf(name).join("\n")).to.match(/not a valid name/);

    const label = renderedCopy("Deployment", "tickler-api");
    label.metadata.labels["app.kubernetes.io/component"] = "x".repeat(64);
    expect(problemsOf(label).join("\n")).to.match(/invalid value/);
  });

  it("an unknown or misspelled kind or apiVersion fails", () => {
    expect(problemsOf({ apiVersion: "apps/v1", kind: "Deploymnt", metadata: { name: "x" } }).join("\n")).to.match(/no schema for apps\/v1\/Deploymnt/);
    expect(problemsOf({ apiVersion: "dapr.io/v1", kind: "Component", metadata: { name: "x" } }).join("\n")).to.match(/no schema/);
    expect(problemsOf({ apiVersion: "kafka.strimzi.io/v1beta2", kind: "KafkaTopic", metadata: { name: "x" } }).join("\n")).to.match(/no schema/);
  });
});
