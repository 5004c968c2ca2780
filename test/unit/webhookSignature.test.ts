/** Webhook signatures with the timestamp inside what is signed (src/notifications/webhookSignature.ts, docs/webhooks.md). */
import { createHmac } from "node:crypto";
import { expect } from "chai";
import { signWebhook, verifyWebhook } from "../../src/notifications/webhookSignature.js";

const SECRET = "whsec-0123456789abcdef";
const BODY = '{"type":"reminder.due","deliveryId":"t1:r-1"}';
const AT = new Date("2026-03-01T09:00:00.000Z");
const T = AT.getTime() / 1000;
const later = (s: number) => new Date(AT.getTime() + s * 1000);

describe("webhook signatures", () => {
  it("signs \"t.body\" with HMAC-SHA256 and carries t in the header", () => {
    const header = signWebhook(SECRET, BODY, AT);
    expect(header).to.equal(`t=${T},v1=${createHmac("sha256", SECRET).update(`${T}.${BODY}`).digest("hex")}`);
    // A known vector, so a receiver in another language can check its own code.
    expect(signWebhook("key", "The quick brown fox jumps over the lazy dog", new Date(1_700_000_000_000))).to.equal(
      `t=1700000000,v1=${createHmac("sha256", "key").update("1700000000.The quick brown fox jumps over the lazy dog").digest("hex")}`,
    );
  });

  it("verifies within 5 minutes either way, and refuses a replay after that", () => {
    const header = signWebhook(SECRET, BODY, AT);
    expect(verifyWebhook(SECRET, header, BODY, AT)).to.deep.equal({ ok: true, t: T });
    expect(verifyWebhook(SECRET, header, BODY, later(300)).ok).to.equal(true);
    expect(verifyWebhook(SECRET, header, BODY, later(-300)).ok, "a receiver's clock a little behind").to.equal(true);
    expect(verifyWebhook(SECRET, header, BODY, later(301))).to.deep.equal({ ok: false, reason: "outside tolerance" });
    expect(verifyWebhook(SECRET, header, BODY, later(-301))).to.deep.equal({ ok: false, reason: "outside tolerance" });
  });

  it("a replay with a fresh t, another body or another secret does not verify", () => {
    const header = signWebhook(SECRET, BODY, AT);
    const v1 = header.split("v1=")[1]!;
    expect(verifyWebhook(SECRET, `t=${T + 600},v1=${v1}`, BODY, later(600))).to.deep.equal({ ok: false, reason: "mismatch" });
    expect(verifyWebhook(SECRET, header, BODY.replace("t1", "t2"), AT)).to.deep.equal({ ok: false, reason: "mismatch" });
    expect(verifyWebhook("another-secret-0123456", header, BODY, AT)).to.deep.equal({ ok: false, reason: "mismatch" });
  });

  it("accepts any of several v1 values (a receiver rotating secrets), and refuses malformed headers", () => {
    const header = signWebhook(SECRET, BODY, AT);
    const other = signWebhook("old-secret-0123456789", BODY, AT).split(",")[1]!;
    expect(verifyWebhook(SECRET, `${header},${other}`, BODY, AT).ok).to.equal(true);
    for (const bad of [undefined, "", "sha256=abc", `v1=${header.split("v1=")[1]}`, `t=${T}`, `t=${T},t=${T},v1=${header.split("v1=")[1]}`, `t=abc,v1=${header.split("v1=")[1]}`, `t=${T},v1=zz`, "x".repeat(2000)]) {
      expect(verifyWebhook(SECRET, bad, BODY, AT), String(bad)).to.deep.equal({ ok: false, reason: "malformed" });
    }
  });
});
