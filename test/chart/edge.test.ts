/**
 * TRUSTED_PROXIES from the chart: rendered into the apps' ConfigMap for every
 * target, accepted by the apps' own config check, and emptied on request
 * (docs/security.md: proxies).
 */
import { expect } from "chai";
import { loadConfig } from "../../src/infra/config.js";
import { named, render, TARGETS } from "./lib/chart.js";

const appEnv = (data: Record<string, string>) => ({
  ...data,
  ROLE: "api",
  DAPR_API_TOKEN: "d".repeat(16),
  APP_API_TOKEN: "a".repeat(16),
  MONGODB_URI: "mongodb://h/db",
  REDIS_HOST: "h:6379",
  AUTH_JWT_SECRET: "s".repeat(32),
});

describe("chart: trusted proxies", function () {

  for (const target of ["defaults", ...TARGETS] as const) {
    it(`${target}: the ConfigMap's TRUSTED_PROXIES are the private ranges the ingress controller sends from, and the app accepts them`, () => {
      const data = (named(render(target), "ConfigMap", "tickler-config") as { data: Record<string, string> }).data;
      expect(data.TRUSTED_PROXIES).to.equal("10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10,fc00::/7");
      expect(loadConfig(appEnv(data)).TRUSTED_PROXIES).to.have.length(5);
    });
  }

  it("config.trustedProxies empty: no proxy is trusted", () => {
    const data = (named(render("defaults", ["--set", "config.trustedProxies="]), "ConfigMap", "tickler-config") as { data: Record<string, string> }).data;
    expect(data.TRUSTED_PROXIES).to.equal("");
    expect(loadConfig(appEnv(data)).TRUSTED_PROXIES).to.deep.equal([]);
  });

  it("a value that is no address list is refused by the chart's schema", () => {
    expect(() => render("defaults", ["--set", "config.trustedProxies=ingress-nginx"])).to.throw(/trustedProxies/);
  });
});
