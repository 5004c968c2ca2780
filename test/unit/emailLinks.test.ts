/** Reminder emails and their one-click links: the text, the signature, tampering, expiry, the Message-ID. */
import { expect } from "chai";
import { reminderEmail } from "../../src/domain/index.js";
import { actionUrl, signAction, verifyAction } from "../../src/infra/actionLinks.js";
import { messageIdOf } from "../../src/infra/mailer.js";

const SECRET = "s".repeat(32);
const claim = { action: "complete" as const, taskId: "t1", ownerId: "u1", deliveryId: "t1:r-1", expires: 2_000_000_000 };

describe("reminder email and action links", () => {
  it("writes title, due time in the user's zone and both links, in text and HTML", () => {
    const m = reminderEmail({ title: "Pay <rent>", dueAt: "2026-06-10T07:00:00Z", remindAt: "2026-06-10T06:45:00Z", timeZone: "America/New_York", completeUrl: "https://x/c?a=1&b=2", snoozeUrl: "https://x/s" });
    expect(m.subject).to.equal("Reminder: Pay <rent>");
    expect(m.text).to.include("Due Wed 10 Jun 2026, 03:00 (America/New_York)").and.include("Complete: https://x/c?a=1&b=2").and.include("Snooze 1 h: https://x/s");
    expect(m.html).to.include("Pay &lt;rent&gt;").and.include('href="https://x/c?a=1&amp;b=2"');
    expect(reminderEmail({ title: "a\r\nBcc: x", dueAt: null, remindAt: "2026-06-10T06:45:00Z", timeZone: "UTC", completeUrl: "", snoozeUrl: "" }).subject).to.equal("Reminder: a Bcc: x");
  });

  it("verifies its own links and refuses tampered, foreign and expired ones", () => {
    const token = signAction(claim, SECRET);
    expect(verifyAction(token, SECRET, new Date("2030-01-01T00:00:00Z"))).to.deep.equal({ ok: true, claim });
    const [body, sig] = token.split(".");
    const forged = Buffer.from(JSON.stringify(["complete", "t2", "u1", "t1:r-1", 2_000_000_000])).toString("base64url");
    expect(verifyAction(`${forged}.${sig}`, SECRET, new Date())).to.deep.equal({ ok: false, reason: "invalid" });
    expect(verifyAction(`${body}.${sig!.slice(0, -2)}xx`, SECRET, new Date())).to.deep.equal({ ok: false, reason: "invalid" });
    expect(verifyAction(token, "t".repeat(32), new Date())).to.deep.equal({ ok: false, reason: "invalid" });
    expect(verifyAction("garbage", SECRET, new Date())).to.deep.equal({ ok: false, reason: "invalid" });
    expect(verifyAction(token, SECRET, new Date(2_000_000_001_000))).to.deep.equal({ ok: false, reason: "expired", action: "complete" });
  });

  it("hands out links on the public origin that expire in 7 days", () => {
    const now = new Date("2026-06-10T00:00:00Z");
    const url = actionUrl("https://tickler.example.com/", { action: "snooze", taskId: "t1", ownerId: "u1", deliveryId: "d" }, SECRET, now);
    expect(url).to.match(/^https:\/\/tickler\.example\.com\/api\/v1\/actions\/[\w-]+\.[\w-]+$/);
    const v = verifyAction(url.split("/").pop()!, SECRET, now);
    expect(v.ok && v.claim.expires).to.equal(Date.parse("2026-06-17T00:00:00Z") / 1000);
  });

  it("uses the delivery id as Message-ID at the sender's domain", () => {
    expect(messageIdOf("task-1:r-123", "Tickler <tickler@example.com>")).to.equal("<task-1_r-123@example.com>");
  });
});
