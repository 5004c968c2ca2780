/**
 * The web app's pure modules (no DOM, no network): the list view kept in the
 * URL, the zone arithmetic and formatting of dates, and the editor's draft
 * to and from the API's task fields.
 */
import { expect } from "chai";
import { bodyOf, draftOf } from "../../web/src/draft.js";
import { describeBefore, instantToWall, isOverdue, wallToInstant } from "../../web/src/time.js";
import type { Task } from "../../web/src/types.js";
import { movedToDay, sectionsOf } from "../../web/src/sections.js";
import { dayStart, DEFAULT_VIEW, SORTS, viewFromUrl, viewToParams, type View } from "../../web/src/view.js";

const LIST = "0b7c5d2e-1f3a-4b5c-8d9e-0f1a2b3c4d5e";

describe("web app: the list view in the URL (web/src/view.ts)", () => {
  it("reads the defaults from an empty query, and writes none of them back", () => {
    expect(viewFromUrl("")).to.deep.equal(DEFAULT_VIEW);
    expect(viewToParams(DEFAULT_VIEW, false).toString()).to.equal("");
  });

  it("round-trips every field through the address bar", () => {
    const view: View = { mode: "all", list: "", q: "dentist", status: "all", priority: ["high", "low"], tags: ["home", "a b"], dueAfter: "2026-12-01", dueBefore: "2026-12-31", overdue: true, sort: "dueAt" };
    expect(viewFromUrl(`?${viewToParams(view, false)}`)).to.deep.equal(view);
  });

  it("drops what it does not know: an unknown status, priority or sort falls back to the default", () => {
    const view = viewFromUrl("?status=archived&priority=urgent,high,&sort=-title&tag=&overdue=yes");
    // Filters in the address (even unknown ones) make it the all-tasks page.
    expect(view).to.deep.equal({ ...DEFAULT_VIEW, mode: "all", priority: ["high"] });
  });

  it("accepts every sort it offers (the manual order only for a list)", () => {
    for (const { value } of SORTS) expect(viewFromUrl(`?list=${LIST}&sort=${encodeURIComponent(value)}`).sort).to.equal(value);
    expect(viewFromUrl("?sort=position").sort).to.equal(DEFAULT_VIEW.sort);
  });

  it("opens on Today; an address with filters but no view is all tasks; a list opens in its manual order", () => {
    expect(viewFromUrl("").mode).to.equal("today");
    expect(viewFromUrl("?view=upcoming").mode).to.equal("upcoming");
    expect(viewFromUrl("?tag=home")).to.deep.include({ mode: "all", tags: ["home"] });
    const list = viewFromUrl(`?list=${LIST}`);
    expect(list).to.deep.include({ mode: "list", list: LIST, sort: "position" });
    expect(viewToParams(list, false).toString()).to.equal(`list=${LIST}`);
    expect(viewToParams(list, true).get("sort")).to.equal("position");
    expect(viewToParams({ ...list, sort: "title" }, false).toString()).to.equal(`list=${LIST}&sort=title`);
  });

  it("asks the API for Today (open, due before tomorrow) and Upcoming (today to 14 days on), by due date", () => {
    const today = viewToParams(viewFromUrl(""), true);
    expect(Object.fromEntries(today)).to.deep.equal({ status: "open", sort: "dueAt", dueBefore: dayStart(1).toISOString() });
    const upcoming = viewToParams(viewFromUrl("?view=upcoming&q=ignored"), true);
    expect(Object.fromEntries(upcoming)).to.deep.equal({ status: "open", sort: "dueAt", dueAfter: dayStart(0).toISOString(), dueBefore: dayStart(14).toISOString() });
  });

  it("trims the search, and sends the API instants for the days where the address bar keeps YYYY-MM-DD", () => {
    const view: View = { ...DEFAULT_VIEW, mode: "all", q: "  call mom  ", dueAfter: "2026-12-01" };
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
    recurrence: { rule: "FREQ=WEEKLY", mode: "completion", text: "every week" }, assigneeId: "bob",
  } as unknown as Task;

  it("shows a task's times on its own zone's wall clock", () => {
    expect(draftOf(task)).to.deep.include({
      title: "Dentist", tags: "health, town", due: "2026-07-01T09:00", timeZone: "Europe/Berlin",
      reminders: [{ kind: "before", before: "PT15M" }, { kind: "at", at: "2026-07-01T08:00" }], rule: "FREQ=WEEKLY", mode: "completion", assignee: "bob",
    });
  });

  it("gives back the same fields it was made from", () => {
    expect(bodyOf(draftOf(task))).to.deep.equal({
      title: "Dentist", description: "bring the card", priority: "high", tags: ["health", "town"], dueAt: "2026-07-01T07:00:00.000Z", timeZone: "Europe/Berlin",
      reminders: [{ before: "PT15M" }, { at: "2026-07-01T06:00:00.000Z" }], recurrence: { rule: "FREQ=WEEKLY", mode: "completion" }, assigneeId: "bob",
    });
  });

  it("sends no due date, no empty tags, no blank reminder and no recurrence for an empty rule", () => {
    const draft = { ...draftOf(null), title: "x", tags: " a, , b ,", reminders: [{ kind: "at" as const, at: "" }], rule: "   " };
    expect(bodyOf(draft)).to.include({ dueAt: null, recurrence: null, assigneeId: null });
    expect(bodyOf(draft).tags).to.deep.equal(["a", "b"]);
    expect(bodyOf(draft).reminders).to.deep.equal([]);
  });
});

describe("web app: Today's and Upcoming's groups (web/src/sections.ts)", () => {
  const t = (title: string, dueAt: string | null, timeZone = "UTC") => ({ id: title, title, dueAt, timeZone, status: "open" }) as unknown as Task;
  // Noon on 5 Dec 2026 in the zone the tests run in.
  const now = new Date(2026, 11, 5, 12, 0);
  const at = (day: number, h: number, m = 0) => new Date(2026, 11, day, h, m).toISOString();

  it("Today: overdue first, then today's by time (as the API sorted them), then today's without a time", () => {
    const items = [t("yesterday", at(4, 9)), t("this morning", at(5, 8)), t("midnight", at(5, 0)), t("tonight", at(5, 20)), t("soon", at(5, 13))];
    const sections = sectionsOf("today", items, now);
    // Midnight on the task's clock reads as "no time": it is today's, not overdue, and last.
    if (new Date(at(5, 0)).getUTCHours() === 0) {
      expect(sections.map((s) => [s.title, s.items.map((x) => x.title)])).to.deep.equal([
        ["Overdue", ["yesterday", "this morning"]],
        ["Today", ["tonight", "soon", "midnight"]],
      ]);
    }
    expect(sections[0]!.title).to.equal("Overdue");
  });

  it("Upcoming: 14 days, empty ones included, each task on its day", () => {
    const sections = sectionsOf("upcoming", [t("a", at(5, 13)), t("b", at(7, 9)), t("c", at(18, 23, 59))], now);
    expect(sections).to.have.length(14);
    expect(sections.map((s) => s.items.map((x) => x.title).join())).to.deep.equal(["a", "", "b", "", "", "", "", "", "", "", "", "", "", "c"]);
    expect(sections[2]!.day).to.equal("2026-12-07");
  });

  it("moves a task to another day at the same wall-clock time in its own zone, across a DST change", () => {
    // 09:30 in Berlin on Friday 27 March 2026 (CET); three days on is after the change to CEST.
    const berlin = t("call", "2026-03-27T08:30:00.000Z", "Europe/Berlin");
    const localDayOf = (iso: string) => { const d = new Date(iso); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`; };
    const from = localDayOf(berlin.dueAt!);
    const to = new Date(Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)) + 3)).toISOString().slice(0, 10);
    expect(movedToDay(berlin, to)).to.equal("2026-03-30T07:30:00.000Z");
    expect(movedToDay(t("undated", null), to)).to.equal(null);
  });
});

describe("web app: Assigned to me (web/src/view.ts)", () => {
  it("is view=assigned in the address, and assignee=me with the filters for GET /tasks", () => {
    const view = viewFromUrl("?view=assigned&priority=high");
    expect(view).to.deep.include({ mode: "assigned", priority: ["high"] });
    expect(viewToParams(view, false).toString()).to.equal("view=assigned&priority=high");
    expect(Object.fromEntries(viewToParams(view, true))).to.deep.equal({ assignee: "me", priority: "high" });
  });
});
