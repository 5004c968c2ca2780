/** Recurring tasks on the real stack: each occurrence its own task, created exactly once. */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { DateTime } from "luxon";
import { quiescent } from "../support/quiescence.js";
import { apiAs, eventually } from "../support/stack.js";

describe("recurring tasks", function () {

  it("completing an occurrence twice at once creates exactly one next occurrence", async () => {
    const api = await apiAs(`series-${randomUUID()}`);
    const dueAt = DateTime.utc().plus({ hours: 2 }).startOf("minute");
    const title = `stretch ${randomUUID()}`;
    const { body: first } = await api.call("POST", "/tasks", { title, dueAt: dueAt.toISO(), recurrence: { rule: "FREQ=DAILY", mode: "completion" } });
    expect(first.seriesId).to.equal(first.id);
    expect(first.recurrence).to.deep.equal({ rule: "FREQ=DAILY", mode: "completion", text: "every day" });
    const [a, b] = await Promise.all([api.call("POST", `/tasks/${first.id}/complete`), api.call("POST", `/tasks/${first.id}/complete`)]);
    expect([a.status, b.status].sort()).to.deep.equal([200, 409]);
    const ok = a.status === 200 ? a : b;
    const next = ok.body.next;
    expect(next).to.include({ title, status: "open", seriesId: first.id });
    // Counted from the completion (today), at the series' time of day.
    expect(next.dueAt).to.equal(DateTime.utc().plus({ days: 1 }).set({ hour: dueAt.hour, minute: dueAt.minute, second: 0, millisecond: 0 }).toISO());
    const all = await api.call("GET", `/tasks?status=all&q=${encodeURIComponent(title)}`);
    expect(all.body.items.map((t: { id: string }) => t.id).sort()).to.deep.equal([first.id, next.id].sort());
  });

  it("schedule mode creates the next occurrence when the current one is due, done or not", async () => {
    const api = await apiAs(`schedule-${randomUUID()}`);
    const title = `standup ${randomUUID()}`;
    // RRULE times have whole seconds.
    const dueAt = new Date(Math.ceil((Date.now() + 4000) / 1000) * 1000);
    const { body: first } = await api.call("POST", "/tasks", { title, dueAt: dueAt.toISOString(), recurrence: { rule: "FREQ=DAILY", mode: "schedule" } });
    const listed = await eventually(
      () => api.call("GET", `/tasks?status=all&q=${encodeURIComponent(title)}&sort=dueAt`),
      (r) => r.body.items.length === 2,
      30_000,
      "the next occurrence",
    );
    const [, next] = listed.body.items;
    expect(next).to.include({ seriesId: first.id, status: "open" });
    expect(next.dueAt).to.equal(new Date(dueAt.getTime() + 86_400_000).toISOString());
    expect(Date.parse(next.createdAt), "not before the current one is due").to.be.at.least(dueAt.getTime());
    // And only one: once nothing moves (no actor call, no event), count.
    await quiescent("the series' occurrences");
    expect((await api.call("GET", `/tasks?status=all&q=${encodeURIComponent(title)}`)).body.items).to.have.length(2);
  });

  it("previews upcoming occurrences in the task's time zone", async () => {
    const api = await apiAs(`preview-${randomUUID()}`);
    const dueAt = DateTime.fromISO("2027-03-22T09:00", { zone: "Europe/Berlin" });
    const { body: task } = await api.call("POST", "/tasks", {
      title: "weekly review",
      dueAt: dueAt.toUTC().toISO(),
      timeZone: "Europe/Berlin",
      recurrence: { rule: "every week on monday", mode: "schedule" },
    });
    expect(task.recurrence.rule).to.equal("FREQ=WEEKLY;BYDAY=MO");
    const res = await api.call("GET", `/tasks/${task.id}/occurrences?count=3`);
    expect(res.status).to.equal(200);
    const local = res.body.items.map((o: { dueAt: string }) => DateTime.fromISO(o.dueAt).setZone("Europe/Berlin").toFormat("yyyy-MM-dd HH:mm"));
    // Summer time starts on 28 March 2027: still 09:00 local.
    expect(local).to.deep.equal(["2027-03-29 09:00", "2027-04-05 09:00", "2027-04-12 09:00"]);
  });

  it("refuses a rule that can never match (a February 30) with a 400 naming the rule, and makes nothing (ADR 0020)", async () => {
    const api = await apiAs(`never-${randomUUID()}`);
    const res = await api.call("POST", "/tasks", {
      title: "never", dueAt: "2027-01-04T09:00:00Z", timeZone: "UTC", recurrence: { rule: "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", mode: "schedule" },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).to.include("recurrence.rule");
    expect(JSON.stringify(res.body.errors)).to.include("matches no date");
    expect((await api.call("GET", "/tasks")).body.items).to.deep.equal([]);
  });
});
