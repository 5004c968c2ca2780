/** Start-up validation of the email settings (src/infra/config.ts). */
import { expect } from "chai";
import { ConfigError, loadConfig, smtpSettings } from "../../src/infra/config.js";

const base = { DAPR_API_TOKEN: "d".repeat(16), APP_API_TOKEN: "a".repeat(16), MONGODB_URI: "mongodb://h/db", KAFKA_BROKERS: "h:1", ROLE: "notifications" };

describe("config: email", () => {
  it("no SMTP: no email channel", () => {
    expect(smtpSettings(loadConfig(base))).to.equal(null);
  });

  it("an SMTP server needs a sender, the link secret and the public origin, listed together", () => {
    expect(() => loadConfig({ ...base, SMTP_URL: "smtp://mail:25" })).to.throw(ConfigError, /SMTP_FROM[\s\S]*ACTION_LINK_SECRET[\s\S]*PUBLIC_BASE_URL/);
    expect(() => loadConfig({ ...base, SMTP_URL: "http://mail", SMTP_HOST: "mail" })).to.throw(/smtp:\/\/ or smtps:\/\/[\s\S]*not both/);
    expect(() => loadConfig({ ...base, SMTP_HOST: "mail", SMTP_FROM: "no address", ACTION_LINK_SECRET: "x".repeat(32), PUBLIC_BASE_URL: "https://t.example" })).to.throw(/SMTP_FROM/);
  });

  it("reads a URL or host, port and credentials", () => {
    const complete = { SMTP_FROM: "Tickler <t@example.com>", ACTION_LINK_SECRET: "x".repeat(32), PUBLIC_BASE_URL: "https://t.example" };
    expect(smtpSettings(loadConfig({ ...base, ...complete, SMTP_URL: "smtps://u:p@mail:465" }))).to.deep.equal({ from: "Tickler <t@example.com>", timeoutMs: 10_000, url: "smtps://u:p@mail:465" });
    expect(smtpSettings(loadConfig({ ...base, ...complete, SMTP_HOST: "mail", SMTP_USER: "u", SMTP_PASS: "p" }))).to.deep.equal({
      from: "Tickler <t@example.com>", timeoutMs: 10_000, host: "mail", port: 587, secure: false, user: "u", pass: "p",
    });
    // Only the notifications app sends email: the other roles start without the rest of the set.
    expect(() => loadConfig({ ...base, ROLE: "audit", SMTP_URL: "smtp://mail:25" })).not.to.throw();
  });
});
