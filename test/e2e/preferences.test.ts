/** Preferences against the real stack: defaults, a whole-object PUT, validation, and default reminders on create. */
import { expect } from "chai";
import { apiAs } from "../support/stack.js";

describe("preferences (e2e)", function () {

  it("answers defaults, stores a whole object, and refuses an unknown zone", async () => {
    const ada = await apiAs(`prefs-${Date.now()}`);
    const initial = await ada.call("GET", "/me/preferences");
    expect(initial.status).to.equal(200);
    expect(initial.body).to.deep.equal({
      timeZone: "UTC", email: null, emailConfirmed: false, channels: { reminders: ["webhook", "inbox"], digest: ["inbox"], assignments: ["webhook", "inbox"] },
      quietHours: null, digestTime: null, defaultReminders: [],
    });
    const wanted = {
      timeZone: "Europe/Berlin", email: "ada@example.com", channels: { reminders: ["email"], digest: ["email"], assignments: ["email", "webhook"] },
      quietHours: { start: "22:00", end: "07:00" }, digestTime: "07:30", defaultReminders: ["PT15M"],
    };
    const put = await ada.call("PUT", "/me/preferences", wanted);
    expect(put.status).to.equal(200);
    // A new address is stored unconfirmed (test/e2e/email.test.ts follows the link that confirms it).
    const stored = { ...wanted, emailConfirmed: false, channels: { reminders: ["email", "inbox"], digest: ["email", "inbox"], assignments: ["webhook", "email", "inbox"] } };
    expect(put.body).to.deep.equal(stored);
    expect((await ada.call("GET", "/me/preferences")).body).to.deep.equal(stored);

    const bad = await ada.call("PUT", "/me/preferences", { ...wanted, timeZone: "Mars/Olympus_Mons" });
    expect(bad.status).to.equal(400);
    expect(bad.headers.get("content-type")).to.match(/^application\/problem\+json/);
    expect(bad.body.errors).to.deep.include({ path: "timeZone", message: "must be an IANA time zone such as Europe/Berlin" });
    expect((await ada.call("GET", "/me/preferences")).body, "a refused PUT changes nothing").to.deep.equal(stored);
    const claimed = await ada.call("PUT", "/me/preferences", { ...wanted, emailConfirmed: true });
    expect(claimed.status, "the confirmation is the server's").to.equal(400);
    expect((await ada.call("GET", "/me/preferences")).body).to.deep.equal(stored);

    // Another user still sees the defaults.
    const bob = await apiAs(`prefs-other-${Date.now()}`);
    expect((await bob.call("GET", "/me/preferences")).body.timeZone).to.equal("UTC");
  });

  it("applies default reminders to a new task with a due date that names none", async () => {
    const ada = await apiAs(`prefs-defaults-${Date.now()}`);
    expect((await ada.call("PUT", "/me/preferences", { defaultReminders: ["PT15M", "P1D"] })).status).to.equal(200);
    const due = "2030-03-01T09:00:00Z";
    const plain = await ada.call("POST", "/tasks", { title: "with defaults", dueAt: due });
    expect(plain.status).to.equal(201);
    expect(plain.body.reminders).to.deep.equal([{ before: "PT15M" }, { before: "P1D" }]);
    const explicit = await ada.call("POST", "/tasks", { title: "explicitly none", dueAt: due, reminders: [] });
    expect(explicit.body.reminders).to.deep.equal([]);
    const undated = await ada.call("POST", "/tasks", { title: "no due date" });
    expect(undated.body.reminders).to.deep.equal([]);
    const quick = await ada.call("POST", "/tasks/quick", { text: "dentist tomorrow 10am" });
    expect(quick.status).to.equal(201);
    expect(quick.body.reminders).to.deep.equal([{ before: "PT15M" }, { before: "P1D" }]);
  });

  it("sends at most 5 confirmation emails a day per user: the 6th address is a 429 that changes nothing", async () => {
    const eve = await apiAs(`prefs-cap-${Date.now()}`);
    const address = (n: number) => `cap-${n}-${Date.now()}@example.test`;
    const fifth = address(5);
    for (const email of [address(1), address(2), address(3), address(4), fifth]) {
      const put = await eve.call("PUT", "/me/preferences", { email });
      expect(put.status, email).to.equal(200);
      expect(put.body).to.include({ email, emailConfirmed: false });
    }
    // Each was recorded as a confirmation email in the inbox (sent by the notifications app).
    const sent = (await eve.call("GET", "/notifications")).body.items.filter((n: any) => n.kind === "confirmation");
    expect(sent).to.have.length(5);
    const sixth = await eve.call("PUT", "/me/preferences", { email: address(6), timeZone: "Europe/Berlin" });
    expect(sixth.status).to.equal(429);
    expect(sixth.headers.get("content-type")).to.match(/^application\/problem\+json/);
    expect(sixth.body.type).to.equal("https://tickler.dev/problems/too_many_confirmations");
    expect(Number(sixth.headers.get("retry-after"))).to.be.within(1, 24 * 3600);
    expect((await eve.call("GET", "/me/preferences")).body, "nothing changed").to.include({ email: fifth, timeZone: "UTC", emailConfirmed: false });
    expect((await eve.call("POST", "/me/preferences/email-confirmation")).status, "a resend counts too").to.equal(429);
    // Keeping the address (or removing it) sends nothing and is not limited.
    expect((await eve.call("PUT", "/me/preferences", { email: fifth, timeZone: "Europe/Berlin" })).status).to.equal(200);
    expect((await eve.call("PUT", "/me/preferences", { email: null })).body).to.include({ email: null, emailConfirmed: false });
    expect((await eve.call("GET", "/notifications")).body.items.filter((n: any) => n.kind === "confirmation")).to.have.length(5);
  });
});
