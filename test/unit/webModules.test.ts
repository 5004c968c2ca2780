/**
 * The web app's pure modules (no DOM, no network): the list view kept in the
 * URL, the zone arithmetic and formatting of dates, and the editor's draft
 * to and from the API's task fields.
 */
import { expect } from "chai";
import { bodyOf, draftOf } from "../../web/src/draft.js";
import { describeBefore, instantToWall, isOverdue, wallToInstant } from "../../web/src/time.js";
import type { Task } from "../../web/src/types.js";
import { DEFAULT_VIEW, SORTS, viewFromUrl, viewToParams, type View } from "../../web/src/view.js";

describe("web app: the list view in the URL (web/src/view.ts)", () => {
  it("reads the defaults from an empty query, and writes none of them back", () => {
    expect(viewFromUrl("")).to.deep.equal(DEFAULT_VIEW);
    expect(viewToParams(DEFAULT_VIEW, false).toString()).to.equal("");
  });

  it("round-trips every field through the address bar", () => {
    const view: View = { q: "dentist", status: "all", priority: ["high", "low"], tags: ["home", "a b"], dueAfter: "2026-12-01", dueBefore: "2026-12-31", overdue: true, sort: "dueAt" };
    expect(viewFromUrl(`?${viewToParams(view, false)}`)).to.deep.equal(view);
  });

  it("drops what it does not know: an unknown status, priority or sort falls back to the default", () => {
    const view = viewFromUrl("?status=archived&priority=urgent,high,&sort=-title&tag=&overdue=yes");
    expect(view).to.deep.equal({ ...DEFAULT_VIEW, priority: ["high"] });
  });

  it("accepts every sort it offers", () => {
    for (const { value } of SORTS) expect(viewFromUrl(`?sort=${encodeURIComponent(value)}`).sort).to.equal(value);
  });

  it("trims the search, and sends the API instants for the days where the address bar keeps YYYY-MM-DD", () => {
    const view: View = { ...DEFAULT_VIEW, q: "  call mom  ", dueAfter: "2026-12-01" };
    expect(viewToParams(view, false).get("q")).to.equal("call mom");
    expect(viewToParams(view, false).get("dueAfter")).to.equal("2026-12-01");
    // The day's start in the zone the tests run in (TZ=UTC under npm test, but any zone gives the local midnight).
    expect(viewToParams(view, true).get("dueAfter")).to.equal(new Date(2026, 11, 1).toISOString());
  });
});

describe("web app: dates and zones (web/src/time.ts)", () => {
  it("turns a wall-clock time of a zone into the instant, across both DST changes", () => {
    expect(wallToInstant("2026-07-01T09:00", "Europe/Berlin")).to.equal("2026-07-01T07:00:00.000Z");
    expect(wallToInstant("2026-01-15T09:00", "Europe/Berlin")).to.equal("2026-01-15T08:00:00.000Z");
    // The morning after each change in New York.
    expect(wallToInstant("2026-03-09T09:00", "America/New_York")).to.equal("2026-03-09T13:00:00.000Z");
    expect(wallToInstant("2026-11-02T09:00", "America/New_York")).to.equal("2026-11-02T14:00:00.000Z");
  });

  it("shows an instant on a zone's wall clock, with seconds only when there are some, and back", () => {
    expect(instantToWall("2026-07-01T07:00:00.000Z", "Europe/Berlin")).to.equal("2026-07-01T09:00");
    expect(instantToWall("2026-07-01T07:00:30.000Z", "Europe/Berlin")).to.equal("2026-07-01T09:00:30");
    for (const zone of ["UTC", "Asia/Kolkata", "America/New_York", "Pacific/Auckland"]) {
      const iso = "2026-10-04T18:45:00.000Z";
      expect(wallToInstant(instantToWall(iso, zone), zone), zone).to.equal(iso);
    }
  });

  it("calls only an open task with a past due date overdue", () => {
    const now = Date.parse("2026-12-05T12:00:00Z");
    expect(isOverdue({ status: "open", dueAt: "2026-12-05T11:59:59Z" }, now)).to.equal(true);
    expect(isOverdue({ status: "open", dueAt: "2026-12-05T12:00:01Z" }, now)).to.equal(false);
    expect(isOverdue({ status: "completed", dueAt: "2026-12-01T00:00:00Z" }, now)).to.equal(false);
    expect(isOverdue({ status: "open", dueAt: null }, now)).to.equal(false);
  });

  it("says an ISO duration in words, and keeps one it cannot read as it is", () => {
    expect(describeBefore("PT15M")).to.equal("15 minutes before");
    expect(describeBefore("PT1H")).to.equal("1 hour before");
    expect(describeBefore("P1DT2H30M")).to.equal("1 day 2 hours 30 minutes before");
    expect(describeBefore("P2W")).to.equal("2 weeks before");
    expect(describeBefore("soon")).to.equal("soon before");
  });
});

describe("web app: the editor's draft (web/src/draft.ts)", () => {
  const task = {
    id: "t1", title: "Dentist", description: "bring the card", priority: "high", tags: ["health", "town"], status: "open",
    dueAt: "2026-07-01T07:00:00.000Z", timeZone: "Europe/Berlin",
    reminders: [{ before: "PT15M" }, { at: "2026-07-01T06:00:00.000Z" }],
    recurrence: { rule: "FREQ=WEEKLY", mode: "completion", text: "every week" },
  } as unknown as Task;

  it("shows a task's times on its own zone's wall clock", () => {
    expect(draftOf(task)).to.deep.include({
      title: "Dentist", tags: "health, town", due: "2026-07-01T09:00", timeZone: "Europe/Berlin",
      reminders: [{ kind: "before", before: "PT15M" }, { kind: "at", at: "2026-07-01T08:00" }], rule: "FREQ=WEEKLY", mode: "completion",
    });
  });

  it("gives back the same fields it was made from", () => {
    expect(bodyOf(draftOf(task))).to.deep.equal({
      title: "Dentist", description: "bring the card", priority: "high", tags: ["health", "town"], dueAt: "2026-07-01T07:00:00.000Z", timeZone: "Europe/Berlin",
      reminders: [{ before: "PT15M" }, { at: "2026-07-01T06:00:00.000Z" }], recurrence: { rule: "FREQ=WEEKLY", mode: "completion" },
    });
  });

  it("sends no due date, no empty tags, no blank reminder and no recurrence for an empty rule", () => {
    const draft = { ...draftOf(null), title: "x", tags: " a, , b ,", reminders: [{ kind: "at" as const, at: "" }], rule: "   " };
    expect(bodyOf(draft)).to.include({ dueAt: null, recurrence: null });
    expect(bodyOf(draft).tags).to.deep.equal(["a", "b"]);
    expect(bodyOf(draft).reminders).to.deep.equal([]);
  });
});
