/** The cron tick's pure rules: the daily digest (when it is due, the local day's bounds on DST days too, the grouping, its email) and the reconcile's repairs. */
import { expect } from "chai";
import { digestBounds, digestDateDue, digestEmail, digestIdOf, digestInstant, groupForDigest, overdueCandidates, overdueToRepair, remindersToRepair } from "../../src/domain/index.js";
import { Reconciler } from "../../src/notifications/reconcile.js";
import type { Logger } from "../../src/infra/logger.js";

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

describe("reconcile repairs of overdue reminders never delivered (ADR 0025)", () => {
  const now = new Date("2026-06-10T10:00:00Z");
  const at = (msBefore: number) => new Date(now.getTime() - msBefore).toISOString();

  it("registers again what the task still wants, more than 30 s late, and the notifications app never recorded", () => {
    const wanted = { "r-late": at(60_000), "r-just": at(10_000), "r-delivered": at(60_000), "series-next": at(60_000), "r-future": at(-60_000) };
    const undelivered = new Set(["t1:r-late", "t1:r-just", "t1:series-next", "t1:r-future"]);
    expect(overdueToRepair("t1", wanted, undelivered, now)).to.deep.equal([["r-late", at(60_000)]]);
    expect(overdueToRepair("t2", wanted, undelivered, now), "another task's delivery ids").to.deep.equal([]);
  });

  it("checks for a delivery only the plan's reminders due between a day and 30 s ago", () => {
    const planned = [
      { deliveryId: "t1:a", remindAt: at(20_000) },
      { deliveryId: "t1:b", remindAt: at(31_000) },
      { deliveryId: "t1:c", remindAt: at(86_000_000) },
      { deliveryId: "t1:d", remindAt: at(86_400_001) },
      { deliveryId: "t1:e", remindAt: at(-5_000) },
    ];
    expect(overdueCandidates(planned, now)).to.deep.equal(["t1:b", "t1:c"]);
  });

  it("the reconcile asks a task with an overdue undelivered reminder, naming it, and leaves one whose delivery is recorded", async () => {
    const plans = [
      { _id: "t1", ownerId: "ann", title: "x", version: 1, planned: [{ deliveryId: "t1:r-a", remindAt: at(60_000) }] },
      { _id: "t2", ownerId: "ann", title: "y", version: 1, planned: [{ deliveryId: "t2:r-a", remindAt: at(60_000) }] },
      { _id: "t3", ownerId: "ann", title: "z", version: 1, planned: [{ deliveryId: "t3:r-a", remindAt: at(-60_000) }] },
    ];
    const asked: [string, string[]][] = [];
    const store = { plansAfter: async () => plans, existing: async (ids: string[]) => new Set(ids.filter((id) => id === "t2:r-a")) };
    const log = { warn: () => undefined } as unknown as Logger;
    const reconciler = new Reconciler(store, async (taskId, undelivered) => (asked.push([taskId, undelivered]), 0), 50, log);
    await reconciler.tick(now);
    expect(asked.sort()).to.deep.equal([["t1", ["t1:r-a"]], ["t3", []]]);
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
