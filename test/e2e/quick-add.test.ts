/** Quick add on the whole stack: the text becomes a real task (actor, read model, recurrence), like POST /tasks. */
import { expect } from "chai";
import { DateTime } from "luxon";
import { apiAs } from "../support/stack.js";

describe("quick add through the REST API", function () {

  it("creates \"Call Mom at 5\" in America/New_York due at 17:00 New York time, listed at once", async () => {
    const me = await apiAs(`quick-${Date.now()}`);
    const res = await me.call("POST", "/tasks/quick", { text: "Call Mom at 5 #family p2 remind me 15 minutes before", timeZone: "America/New_York" });
    expect(res.status).to.equal(201);
    expect(res.headers.get("location")).to.equal(`/api/v1/tasks/${res.body.id}`);
    expect(res.headers.get("etag")).to.equal('"1"');
    expect(res.body).to.include({ title: "Call Mom", priority: "medium", timeZone: "America/New_York", version: 1 });
    expect(res.body.tags).to.deep.equal(["family"]);
    expect(res.body.reminders).to.deep.equal([{ before: "PT15M" }]);
    const local = DateTime.fromISO(res.body.dueAt, { zone: "America/New_York" });
    expect([local.hour, local.minute]).to.deep.equal([17, 0]);
    expect(res.body.parsed.map((p: { field: string; text: string }) => [p.field, p.text])).to.deep.equal([
      ["dueAt", "at 5"],
      ["tags", "#family"],
      ["priority", "p2"],
      ["reminders", "remind me 15 minutes before"],
    ]);
    const read = await me.call("GET", `/tasks/${res.body.id}`);
    expect(read.body.dueAt).to.equal(res.body.dueAt);
    const list = await me.call("GET", "/tasks");
    expect(list.body.items.map((t: { id: string }) => t.id)).to.deep.equal([res.body.id]);
  });

  it("creates nothing on a dry run, and replays an Idempotency-Key", async () => {
    const me = await apiAs(`quick-dry-${Date.now()}`);
    const dry = await me.call("POST", "/tasks/quick?dryRun=true", { text: "Read \"The 5th Wave\" tomorrow" });
    expect(dry.status).to.equal(200);
    expect(dry.body.title).to.equal('Read "The 5th Wave"');
    expect(dry.body).not.to.have.property("id");
    expect((await me.call("GET", "/tasks?status=all")).body.items).to.deep.equal([]);

    const first = await me.call("POST", "/tasks/quick", { text: "check money" }, { "idempotency-key": "quick-e2e" });
    const again = await me.call("POST", "/tasks/quick", { text: "check money" }, { "idempotency-key": "quick-e2e" });
    expect(first.status).to.equal(201);
    expect(first.body.title).to.equal("check money");
    expect(again.body.id).to.equal(first.body.id);
    expect(again.headers.get("idempotent-replayed")).to.equal("true");
    expect((await me.call("POST", "/tasks/quick", { text: "check mail" }, { "idempotency-key": "quick-e2e" })).status).to.equal(422);
  });

  it("assigns the task to the caller with assignee me, listed under assignee=me; another value is a 400 naming assignee, nothing made", async () => {
    const me = await apiAs(`quick-mine-${Date.now()}`);
    const res = await me.call("POST", "/tasks/quick", { text: "Renew passport next monday !high", assignee: "me" }, { "idempotency-key": "quick-mine" });
    expect(res.status).to.equal(201);
    expect(res.body).to.include({ title: "Renew passport", priority: "high", assigneeId: me.user });
    const again = await me.call("POST", "/tasks/quick", { text: "Renew passport next monday !high", assignee: "me" }, { "idempotency-key": "quick-mine" });
    expect(again.body.id).to.equal(res.body.id);
    // The same key without the assignee is another request.
    expect((await me.call("POST", "/tasks/quick", { text: "Renew passport next monday !high" }, { "idempotency-key": "quick-mine" })).status).to.equal(422);
    const mine = await me.call("GET", "/tasks?assignee=me");
    expect(mine.body.items.map((t: { id: string }) => t.id)).to.deep.equal([res.body.id]);
    const bad = await me.call("POST", "/tasks/quick", { text: "Someone else's errand", assignee: "somebody" });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).to.deep.equal(["assignee"]);
    expect((await me.call("GET", "/tasks?status=all")).body.items.map((t: { id: string }) => t.id)).to.deep.equal([res.body.id]);
  });

  it("makes \"every month on the 31st\" a series that skips months without a 31st", async () => {
    const me = await apiAs(`quick-series-${Date.now()}`);
    const res = await me.call("POST", "/tasks/quick", { text: "backup every month on the 31st at 10am", timeZone: "Europe/Berlin" });
    expect(res.status).to.equal(201);
    expect(res.body.recurrence).to.include({ rule: "FREQ=MONTHLY;BYMONTHDAY=31", mode: "schedule" });
    const next = await me.call("GET", `/tasks/${res.body.id}/occurrences?count=6`);
    const days = next.body.items.map((o: { dueAt: string }) => DateTime.fromISO(o.dueAt, { zone: "Europe/Berlin" }));
    for (const day of days) expect([day.day, day.hour]).to.deep.equal([31, 10]);
    expect(new Set(days.map((d: DateTime) => d.month)).size).to.equal(6);
  });

  it("answers 400 on text that leaves no title, and keeps users apart", async () => {
    const me = await apiAs(`quick-bad-${Date.now()}`);
    const other = await apiAs(`quick-other-${Date.now()}`);
    const bad = await me.call("POST", "/tasks/quick", { text: "tomorrow 5pm" });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].path).to.equal("text");
    const mine = await me.call("POST", "/tasks/quick", { text: "private thing !low" });
    expect((await other.call("GET", `/tasks/${mine.body.id}`)).status).to.equal(404);
  });

  it("accepts the longest text allowed (1000 characters, every finder busy) and refuses one character more, creating nothing", async () => {
    const me = await apiAs(`quick-long-${Date.now()}`);
    const marks = 'Pay "the" rent #finance p1 every month remind me 1 day before remind me 2 hours before tomorrow 5pm';
    // Runs of spaces, digits-and-words and quotes fill the rest; the title collapses the spaces.
    const pad = (n: number) => `${marks}${" ".repeat(n - marks.length - 10)} "1 2 3 4"`;
    const longest = pad(1000);
    expect(longest.length).to.equal(1000);
    const res = await me.call("POST", "/tasks/quick", { text: longest, timeZone: "Europe/Berlin" });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.include({ title: 'Pay "the" rent "1 2 3 4"', priority: "high" });
    expect(res.body.tags).to.deep.equal(["finance"]);
    expect(res.body.reminders).to.deep.equal([{ before: "P1D" }, { before: "PT2H" }]);
    expect(res.body.recurrence).to.include({ rule: "FREQ=MONTHLY" });

    const tooLong = await me.call("POST", "/tasks/quick", { text: `${longest}x` });
    expect(tooLong.status).to.equal(400);
    expect(tooLong.body.errors).to.deep.equal([{ path: "text", message: "must be at most 1000 characters" }]);
    expect((await me.call("GET", "/tasks")).body.items.map((t: { id: string }) => t.id)).to.deep.equal([res.body.id]);
  });
});
