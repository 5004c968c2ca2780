/**
 * Quiet hours on the real stack: with a window covering now (read in the
 * user's zone), a `before` reminder is recorded held, its webhook waits in the
 * due-queue until the window's end and is sent then; an `at` reminder the
 * user set inside the window goes out at once.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { DateTime } from "luxon";
import { apiAs, eventually } from "../support/stack.js";
import { startReceiver, type Receiver } from "../support/webhookReceiver.js";

const ZONE = "America/New_York";

describe("quiet hours hold reminders until the window ends", function () {
  // Above the e2e tier's 180 s: a reminder is held until a quiet-hours window (minutes of real time) ends.
  this.timeout(300_000);
  let receiver: Receiver;
  let api: Awaited<ReturnType<typeof apiAs>>;
  let windowEnd: DateTime;

  before(async () => {
    receiver = await startReceiver();
    api = await apiAs(`quiet-${randomUUID()}`);
    expect((await api.call("POST", "/webhooks", { url: receiver.url, secret: "quiet-hours-secret-0123" })).status).to.equal(201);
    // A window from an hour ago to two minutes from now, in the user's zone.
    const now = DateTime.now().setZone(ZONE);
    windowEnd = now.plus({ minutes: 2 }).startOf("minute");
    const quietHours = { start: now.minus({ hours: 1 }).toFormat("HH:mm"), end: windowEnd.toFormat("HH:mm") };
    expect((await api.call("PUT", "/me/preferences", { timeZone: ZONE, quietHours })).status).to.equal(200);
  });
  after(async () => {
    await receiver.close();
  });

  const hitsFor = (taskId: string) => receiver.received.filter((r) => r.body.task?.id === taskId);
  const entryOf = async (taskId: string) => (await api.call("GET", "/notifications")).body.items.find((n: any) => n.taskId === taskId && n.state !== "scheduled");

  it("holds a `before` reminder until the end of quiet hours, sends an `at` reminder at once, then releases the held one", async () => {
    const dueAt = new Date(Date.now() + 6000).toISOString();
    const { body: held } = await api.call("POST", "/tasks", { title: "held by quiet hours", dueAt, reminders: [{ before: "PT3S" }] });
    const { body: explicit } = await api.call("POST", "/tasks", { title: "asked for explicitly", reminders: [{ at: new Date(Date.now() + 3000).toISOString() }] });

    const end = windowEnd.toUTC().toISO()!;
    const heldEntry = await eventually(() => entryOf(held.id), (n) => n !== undefined, 60_000, "the held notification");
    expect(heldEntry).to.include({ state: "fired", heldUntil: end, dueAt: end });
    expect(heldEntry.channels.webhooks[0]).to.include({ state: "pending", attempts: 0 });

    await eventually(async () => hitsFor(explicit.id), (h) => h.length === 1, 60_000, "the `at` reminder's webhook");
    expect((await entryOf(explicit.id)).heldUntil).to.equal(null);
    expect(hitsFor(held.id), "nothing sent while quiet").to.have.length(0);

    const [release] = await eventually(async () => hitsFor(held.id), (h) => h.length > 0, 200_000, "the held reminder's release");
    expect(release!.at, "not before the window ends").to.be.at.least(Date.parse(end));
    const released = await eventually(() => entryOf(held.id), (n) => n.state === "delivered", 15_000, "released entry delivered");
    expect(released.heldUntil).to.equal(end);
    process.stdout.write(`      held until ${end}, released ${new Date(release!.at).toISOString()} (${release!.at - Date.parse(end)} ms after the window's end)\n`);
  });
});
