/** Preferences: the pure rules (defaults, channels, default reminders) and the PUT body's validation. */
import { expect } from "chai";
import { confirmationEmail, DEFAULT_PREFERENCES, deliverableEmail, minutesOfDay, normalizeChannels, withDefaultReminders } from "../../src/domain/index.js";
import { preferencesInput } from "../../src/api/me/schema.js";

describe("preferences", () => {
  it("defaults keep the behaviour from before preferences: webhook + inbox, nothing held, no digest, no default reminders", () => {
    expect(DEFAULT_PREFERENCES).to.deep.equal({
      timeZone: "UTC", email: null, emailConfirmed: false, channels: { reminders: ["webhook", "inbox"], digest: ["inbox"], assignments: ["webhook", "inbox"] },
      quietHours: null, digestTime: null, defaultReminders: [],
    });
    // An empty PUT is the defaults (the confirmation is the server's, not part of a PUT).
    const { emailConfirmed, ...settable } = DEFAULT_PREFERENCES;
    expect(emailConfirmed).to.equal(false);
    expect(preferencesInput.parse({})).to.deep.equal(settable);
  });

  it("emails only a confirmed address; a PUT cannot claim one confirmed", () => {
    expect(deliverableEmail({ email: "ada@example.com", emailConfirmed: true })).to.equal("ada@example.com");
    expect(deliverableEmail({ email: "ada@example.com", emailConfirmed: false })).to.equal(null);
    expect(deliverableEmail({ email: null, emailConfirmed: false })).to.equal(null);
    const put = preferencesInput.safeParse({ email: "ada@example.com", emailConfirmed: true });
    expect(put.success, "emailConfirmed is server-owned").to.equal(false);
  });

  it("the confirmation email carries only the address and the link, none of the user's text", () => {
    const mail = confirmationEmail({ to: "ada@example.com", confirmUrl: "https://t.example/api/v1/actions/a.b", validHours: 48 });
    expect(mail.subject).to.equal("Confirm your email address for Tickler");
    expect(mail.text).to.include("ada@example.com").and.include("Confirm: https://t.example/api/v1/actions/a.b").and.include("48 hours");
    expect(mail.html).to.include('<a href="https://t.example/api/v1/actions/a.b">');
    const hostile = confirmationEmail({ to: "<b>x</b>@example.com", confirmUrl: "https://t.example/a?b=1&c=2", validHours: 48 });
    expect(hostile.html).to.include("&lt;b&gt;x&lt;/b&gt;@example.com").and.include("b=1&amp;c=2");
  });

  it("assignment notices: the reminders' channels when left out, [] is off, any other choice has the inbox", () => {
    expect(preferencesInput.parse({ channels: { reminders: ["email"] }, email: "a@example.com" }).channels.assignments).to.deep.equal(["email", "inbox"]);
    expect(preferencesInput.parse({ channels: { assignments: [] } }).channels).to.deep.equal({ reminders: ["webhook", "inbox"], digest: ["inbox"], assignments: [] });
    expect(preferencesInput.parse({ channels: { assignments: ["webhook", "webhook"] } }).channels.assignments).to.deep.equal(["webhook", "inbox"]);
    const noEmail = preferencesInput.safeParse({ channels: { assignments: ["email"] } });
    expect(noEmail.success, "an email channel needs an address").to.equal(false);
    expect(preferencesInput.safeParse({ channels: { assignments: ["sms"] } }).success).to.equal(false);
    expect(preferencesInput.safeParse({ channels: { assignments: ["inbox", "inbox", "inbox", "inbox"] } }).success, "at most one entry per channel").to.equal(false);
  });

  it("inbox is always on, channels are deduplicated in a stable order", () => {
    expect(normalizeChannels(["email", "webhook", "email"])).to.deep.equal(["webhook", "email", "inbox"]);
    expect(normalizeChannels([])).to.deep.equal(["inbox"]);
  });

  it("default reminders go only to a task with a due date that names no reminders", () => {
    const due = { title: "t", dueAt: "2030-01-01T09:00:00.000Z" };
    expect(withDefaultReminders(due, ["PT15M", "P1D"]).reminders).to.deep.equal([{ before: "PT15M" }, { before: "P1D" }]);
    expect(withDefaultReminders({ ...due, reminders: [] }, ["PT15M"]).reminders).to.deep.equal([]);
    expect(withDefaultReminders({ title: "t" }, ["PT15M"]).reminders).to.equal(undefined);
    expect(withDefaultReminders({ ...due, dueAt: null }, ["PT15M"]).reminders).to.equal(undefined);
  });

  it("reads HH:MM as minutes of the day", () => {
    expect(minutesOfDay("07:30")).to.equal(450);
    expect(() => minutesOfDay("24:00")).to.throw();
  });

  it("accepts a whole object and refuses bad zones, times, addresses and durations with field paths", () => {
    const ok = preferencesInput.parse({
      timeZone: "Europe/Berlin", email: "ada@example.com", channels: { reminders: ["email"], digest: ["email", "inbox"] },
      quietHours: { start: "22:00", end: "07:00" }, digestTime: "07:30", defaultReminders: ["PT15M", "PT15M"],
    });
    expect(ok.channels.reminders).to.deep.equal(["email", "inbox"]);
    expect(ok.defaultReminders).to.deep.equal(["PT15M"]);
    const paths = (body: unknown) => {
      const result = preferencesInput.safeParse(body);
      return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
    };
    expect(paths({ timeZone: "Mars/Olympus" })).to.deep.equal(["timeZone"]);
    expect(paths({ quietHours: { start: "22:00", end: "7:00" } })).to.deep.equal(["quietHours.end"]);
    expect(paths({ quietHours: { start: "22:00", end: "22:00" } })).to.deep.equal(["quietHours.end"]);
    expect(paths({ digestTime: "25:00" })).to.deep.equal(["digestTime"]);
    expect(paths({ email: "not-an-address" })).to.deep.equal(["email"]);
    expect(paths({ channels: { reminders: ["sms"] } })).to.deep.equal(["channels.reminders.0"]);
    expect(paths({ channels: { reminders: ["email"] } })).to.deep.equal(["email"]);
    expect(paths({ defaultReminders: ["15 minutes"] })).to.deep.equal(["defaultReminders.0"]);
    expect(paths({ colour: "red" })).to.have.length(1);
  });
});
