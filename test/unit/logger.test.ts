/** Log redaction: secret-named fields at any depth and in any case, and email addresses, never reach a line. */
import { Writable } from "node:stream";
import { expect } from "chai";
import { createLogger, redactDeep } from "../../src/infra/logger.js";

function capture(level = "debug") {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger(level, { app: "test" }, sink), lines };
}

describe("log redaction", () => {
  it("censors token, authorization and cookie fields whatever their case and depth", () => {
    const { log, lines } = capture();
    log.info(
      {
        req: { headers: { Authorization: "Bearer eyJhbGciOi.secret-jwt", COOKIE: "sid=s3ss10n", "Dapr-Api-Token": "dapr-secret-1" } },
        res: { headers: { "set-cookie": ["a=cookie-value"] } },
        deep: { a: { b: { c: { accessToken: "deep-token-value", Client_Secret: "client-secret-value", items: [{ refresh_token: "array-token-value" }] } } } },
        smtp: { SMTP_PASS: "smtp-password-value", password: "pw-value" },
        kept: { taskId: "t-1", count: 3 },
      },
      "request",
    );
    const line = lines.join("");
    for (const secret of ["secret-jwt", "s3ss10n", "dapr-secret-1", "cookie-value", "deep-token-value", "client-secret-value", "array-token-value", "smtp-password-value", "pw-value"]) {
      expect(line, secret).not.to.include(secret);
    }
    const parsed = JSON.parse(line) as { kept: unknown; deep: { a: { b: { c: { accessToken: string } } } } };
    expect(parsed.kept).to.deep.equal({ taskId: "t-1", count: 3 });
    expect(parsed.deep.a.b.c.accessToken).to.equal("[redacted]");
  });

  it("masks email addresses in fields, in the message, and in errors, at debug level", () => {
    const { log, lines } = capture();
    log.debug({ notification: { to: "Alice.Smith+tickler@Example.COM", body: "mail bob@example.org now" }, err: new Error("550 rejected carol@mail.example.net") }, "sending to dave@example.com");
    const line = lines.join("");
    for (const address of ["Alice.Smith+tickler@Example.COM", "bob@example.org", "carol@mail.example.net", "dave@example.com"]) expect(line).not.to.include(address);
    const parsed = JSON.parse(line) as { msg: string; err: { type: string; message: string; stack: string } };
    expect(parsed.msg).to.equal("sending to [email]");
    // Errors are still serialized as errors (type, message, stack), only masked.
    expect(parsed.err.type).to.equal("Error");
    expect(parsed.err.message).to.equal("550 rejected [email]");
  });

  it("leaves the logged object itself untouched, and survives cycles", () => {
    const input: Record<string, unknown> = { token: "t", nested: { Authorization: "a" } };
    input.self = input;
    const out = redactDeep(input) as Record<string, unknown>;
    expect(out.token).to.equal("[redacted]");
    expect(out.self).to.equal("[circular]");
    expect(input.token).to.equal("t");
    expect((input.nested as Record<string, string>).Authorization).to.equal("a");
  });

  // Linear by construction: every quantifier of EMAIL is bounded, and the regexp lint
  // (no-super-linear-backtracking) refuses one that is not. A test asserts behaviour, not speed.
  it("leaves a long string with an @ but no address as it is, and masks an address inside a long one", () => {
    const long = `${"a".repeat(200_000)}@${"b".repeat(200_000)}`;
    expect((redactDeep({ long }) as { long: string }).long).to.equal(long);
    const padded = `${"x ".repeat(50_000)}mail bob@example.org now`;
    expect((redactDeep({ padded }) as { padded: string }).padded).to.equal(`${"x ".repeat(50_000)}mail [email] now`);
  });
});
