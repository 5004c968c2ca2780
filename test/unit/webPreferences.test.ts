/** The preferences screen's form (web/src/preferencesForm.ts): the API's shape to the form and back. */
import { expect } from "chai";
import { DEFAULT_PREFERENCES } from "../../src/domain/preferences.js";
import { formOf, inputOf, toggled } from "../../web/src/preferencesForm.js";
import type { Preferences } from "../../web/src/types.js";

const defaults = (): Preferences => structuredClone({ ...DEFAULT_PREFERENCES }) as Preferences;

describe("web app: the preferences form (web/src/preferencesForm.ts)", () => {
  it("round-trips the defaults unchanged", () => {
    const { emailConfirmed: _, ...input } = defaults();
    expect(inputOf(formOf(defaults()))).to.deep.equal(input);
  });

  it("round-trips a full set, with assignment notices off as []", () => {
    const p: Preferences = {
      timeZone: "Europe/Berlin", email: "ada@example.com", emailConfirmed: true,
      channels: { reminders: ["webhook", "email", "inbox"], digest: ["email", "inbox"], assignments: [] },
      quietHours: { start: "22:00", end: "07:00" }, digestTime: "07:30", defaultReminders: ["PT15M", "P2D"],
    };
    const { emailConfirmed: _, ...input } = p;
    expect(inputOf(formOf(p))).to.deep.equal(input);
    expect(formOf(p).assignmentsOn).to.equal(false);
  });

  it("sends no address for a blank one, inbox always, and no quiet hours or digest when unticked", () => {
    const f = formOf(defaults());
    f.email = "   ";
    f.channels.reminders = { webhook: false, email: false };
    f.quietOn = false;
    f.digestOn = false;
    const input = inputOf(f);
    expect(input.email).to.equal(null);
    expect(input.channels.reminders).to.deep.equal(["inbox"]);
    expect(input.quietHours).to.equal(null);
    expect(input.digestTime).to.equal(null);
  });

  it("toggles a value in a list, keeping its order and no duplicates", () => {
    expect(toggled(["PT5M"], "P1D", true)).to.deep.equal(["PT5M", "P1D"]);
    expect(toggled(["PT5M", "P1D"], "PT5M", true)).to.deep.equal(["PT5M", "P1D"]);
    expect(toggled(["PT5M", "P1D"], "PT5M", false)).to.deep.equal(["P1D"]);
  });
});
