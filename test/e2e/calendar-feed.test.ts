/**
 * The calendar feed against the real stack, read the way a calendar app
 * reads it: the URL alone (no token), parsed with Mozilla's ical.js, whose
 * recurrence expansion and zone handling are independent of our writer.
 */
import { expect } from "chai";
import ICAL from "ical.js";
import { DateTime } from "luxon";
import { apiAs } from "../support/stack.js";

async function fetchFeed(url: string) {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
}

describe("calendar feed (e2e)", function () {

  it("serves open dated tasks as iCalendar; a weekly Berlin series keeps 09:00 local across the end of summer time", async () => {
    const ada = await apiAs(`feed-${Date.now()}`);
    const stranger = await apiAs(`feed-stranger-${Date.now()}`);
    // 2027-10-31 is the end of summer time in Europe/Berlin: 09:00 is 07:00Z before it and 08:00Z after.
    const series = await ada.call("POST", "/tasks", {
      title: "Standup, team; weekly", description: `Agenda: ${"Überprüfung der Aufgaben 😀 ".repeat(6)}\nsecond line`,
      dueAt: "2027-10-19T07:00:00Z", timeZone: "Europe/Berlin", tags: ["work"], priority: "high",
      recurrence: { rule: "FREQ=WEEKLY;COUNT=4" }, reminders: [{ before: "PT15M" }, { at: "2027-10-19T06:00:00Z" }],
    });
    expect(series.status).to.equal(201);
    const plain = await ada.call("POST", "/tasks", { title: "Pay rent", dueAt: "2027-12-01T12:00:00Z" });
    const done = await ada.call("POST", "/tasks", { title: "already done", dueAt: "2027-12-02T12:00:00Z" });
    await ada.call("POST", `/tasks/${done.body.id}/complete`);
    await ada.call("POST", "/tasks", { title: "no date" });
    await stranger.call("POST", "/tasks", { title: "someone else's", dueAt: "2027-12-03T12:00:00Z" });

    const issued = await ada.call("POST", "/me/calendar-feed");
    expect(issued.status).to.equal(201);
    const url = issued.body.url as string;
    expect(url).to.match(/\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

    const feed = await fetchFeed(url);
    expect(feed.status).to.equal(200);
    expect(feed.type).to.match(/^text\/calendar/);
    expect(feed.text.split("\r\n").every((line) => new TextEncoder().encode(line).length <= 75), "lines folded at 75 octets").to.equal(true);

    const calendar = new ICAL.Component(ICAL.parse(feed.text));
    for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary).sort()).to.deep.equal(["Pay rent", "Standup, team; weekly"]);

    const standup = events.find((e) => e.uid === series.body.id)!;
    expect(standup.description).to.include("second line").and.to.include("😀");
    expect(standup.component.getFirstProperty("dtstart")?.getParameter("tzid")).to.equal("Europe/Berlin");
    expect(standup.startDate.zone?.tzid).to.equal("Europe/Berlin");
    const occurrences: Date[] = [];
    const it = standup.iterator();
    for (let next = it.next(); next && occurrences.length < 10; next = it.next()) occurrences.push(next.toJSDate());
    expect(occurrences.map((d) => d.toISOString())).to.deep.equal([
      "2027-10-19T07:00:00.000Z", "2027-10-26T07:00:00.000Z", "2027-11-02T08:00:00.000Z", "2027-11-09T08:00:00.000Z",
    ]);
    for (const d of occurrences) expect(DateTime.fromJSDate(d, { zone: "Europe/Berlin" }).toFormat("HH:mm")).to.equal("09:00");
    const triggers = standup.component.getAllSubcomponents("valarm").map((a) => String(a.getFirstPropertyValue("trigger")));
    expect(triggers).to.have.members(["-PT15M", "2027-10-19T06:00:00Z"]);

    const rent = events.find((e) => e.uid === plain.body.id)!;
    expect(rent.startDate.toJSDate().toISOString()).to.equal("2027-12-01T12:00:00.000Z");
    expect(rent.isRecurring()).to.equal(false);

    // A new URL replaces the old; revoking ends the new one too.
    const reissued = await ada.call("POST", "/me/calendar-feed");
    expect((await fetchFeed(url)).status).to.equal(404);
    expect((await fetchFeed(reissued.body.url)).status).to.equal(200);
    expect((await ada.call("DELETE", "/me/calendar-feed")).status).to.equal(204);
    const revoked = await fetchFeed(reissued.body.url);
    expect(revoked.status).to.equal(404);
    expect(revoked.type).to.match(/^application\/problem\+json/);
    expect((await fetchFeed(url.replace(/[A-Za-z0-9_-]{43}\.ics$/, "x.ics"))).status).to.equal(404);
  });
});
