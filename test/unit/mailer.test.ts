/**
 * The SMTP transport's options (src/infra/mailer.ts): STARTTLS required
 * unless turned off, timeouts for a URL as for the parts; and what that
 * means against real SMTP servers on loopback (nodemailer's smtp-server).
 */
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { smtpMailer, transportOptions, type SmtpSettings } from "../../src/infra/mailer.js";

const mail = { to: "reader@example.test", subject: "s", text: "t", html: "<p>t</p>", deliveryId: "task:r-1" };

async function server(options: SMTPServerOptions): Promise<{ url: string; received: number; close(): Promise<void> }> {
  const state = { received: 0 };
  const srv = new SMTPServer({
    authOptional: true,
    logger: false,
    ...options,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on("end", () => {
        state.received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const { port } = srv.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    get received() {
      return state.received;
    },
    close: () => new Promise((resolve) => srv.close(() => resolve())),
  };
}

describe("SMTP transport", function () {
  const settings = (over: Partial<SmtpSettings>): SmtpSettings => ({ from: "Tickler <t@tickler.test>", timeoutMs: 3000, requireTLS: true, ...over });

  it("requires STARTTLS by default, for a URL and for host and port alike, with the timeouts on both", () => {
    const timeouts = { connectionTimeout: 3000, greetingTimeout: 3000, socketTimeout: 3000 };
    expect(transportOptions(settings({ url: "smtp://mail:587" }))).to.deep.equal({ url: "smtp://mail:587", requireTLS: true, ...timeouts });
    expect(transportOptions(settings({ host: "mail", port: 587, user: "u", pass: "p" }))).to.deep.equal({
      host: "mail", port: 587, secure: false, auth: { user: "u", pass: "p" }, requireTLS: true, ...timeouts,
    });
    expect(transportOptions(settings({ url: "smtp://127.0.0.1:2525", requireTLS: false })).requireTLS).to.equal(false);
    expect(transportOptions(settings({ host: "mail", port: 465, secure: true })).secure).to.equal(true);
  });

  it("sends nothing to a server that offers no STARTTLS, unless STARTTLS was turned off", async () => {
    const plain = await server({ disabledCommands: ["STARTTLS", "AUTH"] });
    try {
      const strict = smtpMailer(settings({ url: plain.url }));
      const err = await strict.send(mail).then(() => null, (e: Error) => e);
      strict.close();
      expect(err?.message, "refused before any message data").to.match(/STARTTLS/);
      expect(plain.received).to.equal(0);

      const relaxed = smtpMailer(settings({ url: plain.url, requireTLS: false }));
      await relaxed.send(mail);
      relaxed.close();
      expect(plain.received).to.equal(1);
    } finally {
      await plain.close();
    }
  });

  it("a STARTTLS whose certificate does not verify is an error, never a fall-back to plaintext", async () => {
    // smtp-server's built-in certificate is self-signed: nothing trusts it.
    const untrusted = await server({ disabledCommands: ["AUTH"] });
    try {
      const strict = smtpMailer(settings({ url: untrusted.url }));
      const err = await strict.send(mail).then(() => null, (e: Error) => e);
      strict.close();
      expect(err, "the send failed").to.be.instanceOf(Error);
      expect(untrusted.received).to.equal(0);
    } finally {
      await untrusted.close();
    }
  });
});
