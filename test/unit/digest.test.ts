/** The cron tick's pure rules: the daily digest (when it is due, the local day's bounds on DST days too, the grouping, its email) and the reconcile's repairs. */
import { expect } from "chai";
import { digestBounds, digestDateDue, digestEmail, digestIdOf, digestInstant, groupForDigest, remindersToRepair } from "../../src/domain/index.js";

describe("daily digest rules", () => {
  it("is due once the digest time has passed in the user's zone, for their local date", () => {
    // 06:00 UTC is 07:00 in Berlin (winter): before 07:30 nothing, after it the Berlin date.
    expect(digestDateDue(new Date("2026-01-15T06:00:00Z"), "Europe/Berlin", "07:30")).to.equal(null);
    expect(digestDateDue(new Date("2026-01-15T06:30:00Z"), "Europe/Berlin", "07:30")).to.equal("2026-01-15");
    // 23:30 UTC on the 14th is already the 15th in Tokyo.
    expect(digestDateDue(new Date("2026-01-14T23:30:00Z"), "Asia/Tokyo", "07:30")).to.equal("2026-01-15");
    expect(digestIdOf("u1", "2026-01-15")).to.equal("digest:u1:2026-01-15");
    expect(digestInstant("2026-01-15", "Europe/Berlin", "07:30")).to.equal("2026-01-15T06:30:00.000Z");
  });

  it("bounds today and tomorrow by local midnights, 23 hours long on the spring change", () => {
    const b = digestBounds("2026-03-28", "Europe/Berlin");
    expect(b.startOfTomorrow).to.equal("2026-03-28T23:00:00.000Z");
    expect(b.endOfTomorrow).to.equal("2026-03-29T22:00:00.000Z");
  });

  it("groups open dated tasks into overdue, today and tomorrow, soonest first; later and undated ones are left out", () => {
    const now = new Date("2026-06-10T10:00:00Z");
    const bounds = digestBounds("2026-06-10", "UTC");
    const t = (title: string, dueAt: string | null) => ({ title, dueAt });
    const g = groupForDigest(
      [t("later today", "2026-06-10T18:00:00Z"), t("overdue", "2026-06-09T08:00:00Z"), t("tomorrow", "2026-06-11T09:00:00Z"), t("next week", "2026-06-17T09:00:00Z"), t("undated", null), t("soon", "2026-06-10T11:00:00Z")],
      now,
      bounds,
    );
    expect(g.overdue.map((x) => x.title)).to.deep.equal(["overdue"]);
    expect(g.today.map((x) => x.title)).to.deep.equal(["soon", "later today"]);
    expect(g.tomorrow.map((x) => x.title)).to.deep.equal(["tomorrow"]);
  });

  it("writes the digest email with the three sections, times in the user's zone, HTML escaped", () => {
    const mail = digestEmail({ date: "2026-06-10", timeZone: "Europe/Berlin", overdue: [{ title: "a <b>", dueAt: "2026-06-09T08:00:00Z" }], today: [], tomorrow: [] });
    expect(mail.subject).to.equal("Tickler digest for Wednesday 10 June");
    expect(mail.text).to.include("Overdue (1)\n  - a <b> (due Tue 9 Jun 2026, 10:00 (Europe/Berlin))").and.include("Today (0)\n  nothing");
    expect(mail.html).to.include("a &lt;b&gt;");
  });
});

describe("reconcile repairs", () => {
  it("registers again only future reminders the scheduler does not hold", () => {
    const now = new Date("2026-06-10T10:00:00Z");
    const wanted = { "r-a": "2026-06-10T11:00:00.000Z", "r-b": "2026-06-10T12:00:00.000Z", "r-past": "2026-06-10T09:00:00.000Z" };
    expect(remindersToRepair(wanted, new Set(["r-a"]), now)).to.deep.equal([["r-b", "2026-06-10T12:00:00.000Z"]]);
    expect(remindersToRepair(wanted, new Set(["r-a", "r-b"]), now)).to.deep.equal([]);
  });
});
