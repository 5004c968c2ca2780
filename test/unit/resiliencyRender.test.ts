/**
 * The local stack's delivery retry window from the environment
 * (scripts/stack/resiliency.ts): validated, and written into the real
 * components/resiliency.yaml without touching anything else.
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import YAML from "yaml";
import { ROOT } from "../../scripts/root.js";
import { pubsubRetryFrom, renderResiliency } from "../../scripts/stack/resiliency.js";

const source = fs.readFileSync(path.join(ROOT, "components", "resiliency.yaml"), "utf8");

describe("the stack's delivery retry window from the environment", () => {
  it("keeps the file as it is when nothing is set", () => {
    expect(pubsubRetryFrom({})).to.equal(null);
    expect(pubsubRetryFrom({ PUBSUB_RETRY_INTERVAL: " " })).to.equal(null);
  });

  it("the production default retries every 2 s without a limit (the apps decide when to dead-letter)", () => {
    const spec = YAML.parse(source).spec;
    expect(spec.policies.retries.subscriberDelivery).to.deep.equal({ policy: "constant", duration: "2s", maxRetries: -1 });
    expect(spec.targets.components.pubsub.inbound.retry).to.equal("subscriberDelivery");
  });

  it("sets the interval and the limit, and only those", () => {
    const rendered = renderResiliency(source, pubsubRetryFrom({ PUBSUB_RETRY_INTERVAL: "500ms", PUBSUB_RETRY_MAX: "10" })!);
    const before = YAML.parse(source);
    const after = YAML.parse(rendered);
    expect(after.spec.policies.retries.subscriberDelivery).to.deep.equal({ policy: "constant", duration: "500ms", maxRetries: 10 });
    after.spec.policies.retries.subscriberDelivery = before.spec.policies.retries.subscriberDelivery;
    expect(after).to.deep.equal(before);
    expect(rendered, "comments kept").to.include("# How daprd treats failures");
  });

  it("refuses values daprd would not take", () => {
    expect(() => pubsubRetryFrom({ PUBSUB_RETRY_INTERVAL: "5" })).to.throw(/Go duration/);
    expect(() => pubsubRetryFrom({ PUBSUB_RETRY_INTERVAL: "1.5s" })).to.throw(/Go duration/);
    expect(() => pubsubRetryFrom({ PUBSUB_RETRY_MAX: "many" })).to.throw(/integer/);
    expect(() => pubsubRetryFrom({ PUBSUB_RETRY_MAX: "-2" })).to.throw(/-1 or more/);
    expect(pubsubRetryFrom({ PUBSUB_RETRY_MAX: "-1" })).to.deep.equal({ maxRetries: -1 });
  });
});
