/** Preferences against the real stack: defaults, a whole-object PUT, validation, and default reminders on create. */
import { expect } from "chai";
import { apiAs } from "../support/stack.js";

describe("preferences (e2e)", function () {
  this.timeout(60_000);

  it("answers defaults, stores a whole object, and refuses an unknown zone", async () => {
    const ada = await apiAs(`prefs-${Date.now()}`);
    const initial = await ada.call("GET", "/me/preferences");
    expect(initial.status).to.equal(200);
    expect(initial.body).to.deep.equal({
      timeZone: "UTC", email: null, channels: { reminders: ["webhook", "inbox"], digest: ["inbox"] },
      quietHours: null, digestTime: null, defaultReminders: [],
    });
    const wanted = {
      timeZone: "Europe/Berlin", email: "ada@example.com", channels: { reminders: ["email"], digest: ["email"] },
      quietHours: { start: "22:00", end: "07:00" }, digestTime: "07:30", defaultReminders: ["PT15M"],
    };
    const put = await ada.call("PUT", "/me/preferences", wanted);
    expect(put.status).to.equal(200);
    const stored = { ...wanted, channels: { reminders: ["email", "inbox"], digest: ["email", "inbox"] } };
    expect(put.body).to.deep.equal(stored);
    expect((await ada.call("GET", "/me/preferences")).body).to.deep.equal(stored);

    const bad = await ada.call("PUT", "/me/preferences", { ...wanted, timeZone: "Mars/Olympus_Mons" });
    expect(bad.status).to.equal(400);
    expect(bad.headers.get("content-type")).to.match(/^application\/problem\+json/);
    expect(bad.body.errors).to.deep.include({ path: "timeZone", message: "must be an IANA time zone such as Europe/Berlin" });
    expect((await ada.call("GET", "/me/preferences")).body, "a refused PUT changes nothing").to.deep.equal(stored);

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
});
