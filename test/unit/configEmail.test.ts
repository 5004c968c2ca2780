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
    expect(smtpSettings(loadConfig({ ...base, ...complete, SMTP_URL: "smtps://u:p@mail:465" }))).to.deep.equal({ from: "Tickler <t@example.com>", timeoutMs: 10_000, requireTLS: true, url: "smtps://u:p@mail:465" });
    expect(smtpSettings(loadConfig({ ...base, ...complete, SMTP_HOST: "mail", SMTP_USER: "u", SMTP_PASS: "p" }))).to.deep.equal({
      from: "Tickler <t@example.com>", timeoutMs: 10_000, requireTLS: true, host: "mail", port: 587, secure: false, user: "u", pass: "p",
    });
    // Only the notifications app sends email: the other roles start without the rest of the set.
    expect(() => loadConfig({ ...base, ROLE: "audit", SMTP_URL: "smtp://mail:25" })).not.to.throw();
  });

  describe("STARTTLS", () => {
    const complete = { SMTP_FROM: "Tickler <t@example.com>", ACTION_LINK_SECRET: "x".repeat(32), PUBLIC_BASE_URL: "https://t.example" };

    it("is required unless SMTP_REQUIRE_TLS=false says otherwise", () => {
      expect(smtpSettings(loadConfig({ ...base, ...complete, SMTP_URL: "smtp://mail:587" }))?.requireTLS).to.equal(true);
      expect(smtpSettings(loadConfig({ ...base, ...complete, SMTP_URL: "smtp://127.0.0.1:2525", SMTP_REQUIRE_TLS: "false" }))?.requireTLS).to.equal(false);
      expect(() => loadConfig({ ...base, ...complete, SMTP_URL: "smtp://mail:587", SMTP_REQUIRE_TLS: "no" })).to.throw(ConfigError, /SMTP_REQUIRE_TLS/);
    });

    it("refuses TLS options in SMTP_URL's query, which nodemailer would let win over SMTP_REQUIRE_TLS", () => {
      for (const query of ["requireTLS=false", "ignoreTLS=true", "IGNORETLS=true", "opportunisticTLS=true", "secure=false", "tls.rejectUnauthorized=false"]) {
        expect(() => loadConfig({ ...base, ...complete, SMTP_URL: `smtp://u:p@mail:587/?${query}` }), query).to.throw(ConfigError, /SMTP_URL: must not set .* in its query/);
      }
      expect(() => loadConfig({ ...base, ...complete, SMTP_URL: "smtp://mail:587/?pool=true" })).not.to.throw();
    });

    it("refuses to turn it off while signing in over a plain connection (the password would travel in clear)", () => {
      expect(() => loadConfig({ ...base, ...complete, SMTP_URL: "smtp://u:p@mail:587", SMTP_REQUIRE_TLS: "false" })).to.throw(ConfigError, /SMTP_REQUIRE_TLS: must stay true/);
      expect(() => loadConfig({ ...base, ...complete, SMTP_HOST: "mail", SMTP_USER: "u", SMTP_PASS: "p", SMTP_REQUIRE_TLS: "false" })).to.throw(ConfigError, /SMTP_REQUIRE_TLS/);
      // TLS from the first byte: nothing travels in clear.
      expect(() => loadConfig({ ...base, ...complete, SMTP_URL: "smtps://u:p@mail:465", SMTP_REQUIRE_TLS: "false" })).not.to.throw();
      expect(() => loadConfig({ ...base, ...complete, SMTP_HOST: "mail", SMTP_SECURE: "true", SMTP_USER: "u", SMTP_PASS: "p", SMTP_REQUIRE_TLS: "false" })).not.to.throw();
    });
  });
});
