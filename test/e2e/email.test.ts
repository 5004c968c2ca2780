/**
 * The email channel end to end: a reminder fires, the notifications app sends
 * one email through a real SMTP server on loopback (test/support/smtpReceiver.ts),
 * and its one-click links work without a session: Complete completes the task
 * through its actor, a second click is harmless, Snooze moves the reminder, a
 * tampered or expired link is refused with a page that says so, and clicks
 * racing on one link act once. One firing is one email (across a kill -9 of
 * the notifications app: test/chaos/restarts.test.ts). Nothing but the confirmation link goes to an
 * address until its owner follows that link; a new address starts over.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { DateTime } from "luxon";
import { signAction } from "../../src/infra/actionLinks.js";
import { quiescent } from "../support/quiescence.js";
import { apiAs, eventually, stack } from "../support/stack.js";
import { confirmAddress, confirmationLink, confirmationsTo, followConfirmation, startSmtpReceiver, type SmtpReceiver } from "../support/smtpReceiver.js";

const ZONE = "Europe/Berlin";

describe("email channel: reminder emails with one-click links", function () {
  // Above the e2e tier's 180 s: a test waits out reminders, SMTP retries with backoff and the confirmation round trips of two addresses.
  this.timeout(240_000);
  let smtp: SmtpReceiver;
  let api: Awaited<ReturnType<typeof apiAs>>;

  before(async () => {
    smtp = await startSmtpReceiver();
    api = await apiAs(`email-${randomUUID()}`);
    const prefs = await api.call("PUT", "/me/preferences", { timeZone: ZONE, email: "reader@example.test", channels: { reminders: ["email", "inbox"], digest: ["inbox"] } });
    expect(prefs.status).to.equal(200);
    // As the address's owner would: follow the link in the confirmation email.
    await confirmAddress(smtp, "reader@example.test");
    expect((await api.call("GET", "/me/preferences")).body.emailConfirmed).to.equal(true);
  });
  after(async () => {
    await smtp.close();
  });

  const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();
  const mailsFor = (taskId: string) => smtp.mails.filter((m) => m.deliveryId?.startsWith(`${taskId}:`));
  const linkIn = (text: string, label: string) => new RegExp(`${label}: (\\S+)`).exec(text)?.[1] ?? "";
  const page = async (url: string, method = "GET") => {
    const res = await fetch(url, { method, redirect: "manual" });
    return { status: res.status, html: await res.text() };
  };

  async function emailedTask(title: string, dueInMs = 3600_000) {
    const dueAt = DateTime.now().plus({ milliseconds: dueInMs }).startOf("minute").toUTC().toISO()!;
    const { body: task } = await api.call("POST", "/tasks", { title, dueAt, timeZone: ZONE, reminders: [{ at: inFuture(3000) }] });
    const [mail] = await eventually(async () => mailsFor(task.id), (m) => m.length > 0, 60_000, `the email for ${title}`);
    return { task, dueAt, mail: mail! };
  }

  it("sends one email with text and HTML parts: title, due time in the user's zone, Complete and Snooze links", async () => {
    const { task, dueAt, mail } = await emailedTask("Renew passport <urgent>");
    const m = mail.parsed;
    expect(m.subject).to.equal("Reminder: Renew passport <urgent>");
    expect(mail.to).to.deep.equal(["reader@example.test"]);
    expect(mail.deliveryId).to.match(new RegExp(`^${task.id}:r-\\d+$`));
    expect(m.messageId).to.include(mail.deliveryId!.replace(":", "_"));
    const local = DateTime.fromISO(dueAt, { zone: ZONE }).toFormat("HH:mm");
    expect(m.text).to.include("Renew passport <urgent>").and.include(`${local} (${ZONE})`);
    expect(m.html).to.be.a("string");
    expect(m.html as string).to.include("Renew passport &lt;urgent&gt;").and.include(`${local} (${ZONE})`);
    expect(linkIn(m.text!, "Complete")).to.match(/\/api\/v1\/actions\/[\w-]+\.[\w-]+$/);
    expect(m.html as string).to.include(linkIn(m.text!, "Complete").replace(/&/g, "&amp;"));
    const inbox = await eventually(() => api.call("GET", "/notifications"), (r) => r.body.items.some((n: any) => n.taskId === task.id && n.state === "delivered"), 10_000, "inbox entry delivered");
    // Delivered, and nothing moving any more: a second email could only have come before this.
    await quiescent(`the emails of ${task.id}`);
    expect(mailsFor(task.id), "exactly one email").to.have.length(1);
    expect(inbox.body.items.find((n: any) => n.taskId === task.id).channels.email).to.include({ to: "reader@example.test", state: "delivered", attempts: 1 });
  });

  it("Complete: the GET page only asks (link scanners), the POST completes through the actor, a second click changes nothing", async () => {
    const { task, mail } = await emailedTask("Pay the rent");
    const url = linkIn(mail.parsed.text!, "Complete");
    const shown = await page(url);
    expect(shown.status).to.equal(200);
    expect(shown.html).to.include("Pay the rent").and.include('<form method="post"');
    expect((await api.call("GET", `/tasks/${task.id}`)).body.status, "a GET acts on nothing").to.equal("open");

    const done = await page(url, "POST");
    expect(done.status).to.equal(200);
    expect(done.html).to.include("Completed");
    const after = (await api.call("GET", `/tasks/${task.id}`)).body;
    expect(after.status).to.equal("completed");

    const again = await page(url, "POST");
    expect(again.status).to.equal(200);
    expect(again.html).to.include("Already done");
    expect((await api.call("GET", `/tasks/${task.id}`)).body.version, "second click changed nothing").to.equal(after.version);
    // Audited like any change: the completion is in the task's history.
    await eventually(() => api.call("GET", `/tasks/${task.id}/history`), (r) => r.body.items?.some((e: any) => e.type.includes("completed")), 15_000, "the completion in the history");
  });

  it("emails an assigned task's reminder to its assignee, whose Complete link acts through the task's list", async () => {
    const ada = await apiAs(`email-maker-${randomUUID()}`);
    const list = (await ada.call("POST", "/lists", { name: "Shared" })).body.id as string;
    const invited = await ada.call("POST", `/lists/${list}/invitations`, { userId: api.user, role: "editor" });
    expect((await api.call("POST", `/me/invitations/${invited.body.id}/accept`)).status).to.equal(200);
    const { body: task } = await ada.call("POST", "/tasks", { title: "Fix the gate", listId: list, assigneeId: api.user, reminders: [{ at: inFuture(3000) }] });
    const [mail] = await eventually(async () => mailsFor(task.id), (m) => m.length > 0, 60_000, "the assignee's email");
    expect(mail!.to).to.deep.equal(["reader@example.test"]);
    const url = linkIn(mail!.parsed.text!, "Complete");
    expect((await page(url)).html).to.include("Fix the gate");
    const done = await page(url, "POST");
    expect(done.html).to.include("Completed");
    expect((await ada.call("GET", `/tasks/${task.id}`)).body.status, "as the maker sees it").to.equal("completed");
    // Told of the assignment by email too (its own delivery id, so not among the reminder's mails).
    const [told] = await eventually(async () => smtp.mails.filter((m) => m.deliveryId === `assigned:${task.id}:v1`), (m) => m.length === 1, 30_000, "the assignment's email");
    expect(told!.to).to.deep.equal(["reader@example.test"]);
    expect(told!.parsed.subject).to.equal(`${ada.user} assigned you: Fix the gate`);
  });

  it("Snooze 1 h moves the reminder an hour on, once", async () => {
    const { task, mail } = await emailedTask("Water the plants");
    const url = linkIn(mail.parsed.text!, "Snooze 1 h");
    const clicked = Date.now();
    const res = await page(url, "POST");
    expect(res.status).to.equal(200);
    expect(res.html).to.include("Snoozed");
    const snoozed = (await api.call("GET", `/tasks/${task.id}`)).body;
    expect(Date.parse(snoozed.snoozedUntil) - clicked).to.be.within(3600_000 - 5000, 3600_000 + 5000);
    const scheduled = await eventually(() => api.call("GET", "/notifications"), (r) => r.body.items.some((n: any) => n.taskId === task.id && n.state === "scheduled"), 15_000, "the snoozed reminder planned");
    expect(scheduled.body.items.find((n: any) => n.taskId === task.id && n.state === "scheduled").remindAt).to.equal(snoozed.snoozedUntil);
    expect((await page(url, "POST")).html).to.include("Already done");
    expect((await api.call("GET", `/tasks/${task.id}`)).body).to.include({ snoozedUntil: snoozed.snoozedUntil, version: snoozed.version });
  });

  it("clicks racing on one link act once: one snooze, one new version, the others answer Already done", async () => {
    const { task, mail } = await emailedTask("Race the snooze");
    const url = linkIn(mail.parsed.text!, "Snooze 1 h");
    const before = (await api.call("GET", `/tasks/${task.id}`)).body;
    const clicks = await Promise.all(Array.from({ length: 4 }, () => page(url, "POST")));
    const acted = clicks.filter((c) => c.html.includes("<h1>Snoozed</h1>"));
    expect(acted, clicks.map((c) => `${c.status} ${/<h1>(.*?)<\/h1>/.exec(c.html)?.[1]}`).join(", ")).to.have.length(1);
    // The others waited for the first one's outcome (or, on a very slow machine, say it is still being carried out).
    for (const c of clicks.filter((x) => !acted.includes(x))) expect(c.html).to.match(/Already done|This link is being used/);
    const after = (await api.call("GET", `/tasks/${task.id}`)).body;
    expect(after.version, "exactly one change").to.equal(before.version + 1);
    const history = await eventually(() => api.call("GET", `/tasks/${task.id}/history`), (r) => r.body.items?.some((e: any) => e.type.includes("snoozed")), 15_000, "the snooze in the history");
    expect(history.body.items.filter((e: any) => e.type.includes("snoozed")), "one snooze in the history").to.have.length(1);
  });

  it("refuses a tampered or an expired link with a page that says so, and changes nothing", async () => {
    const { task, mail } = await emailedTask("Call mum");
    const url = linkIn(mail.parsed.text!, "Complete");
    const tampered = url.slice(0, -3) + (url.endsWith("AAA") ? "BBB" : "AAA");
    const bad = await page(tampered, "POST");
    expect(bad.status).to.equal(400);
    expect(bad.html).to.include("This link is not valid");
    const secret = stack().appExtraEnv.ACTION_LINK_SECRET!;
    const expiredToken = signAction({ action: "complete", taskId: task.id, ownerId: api.user, deliveryId: mail.deliveryId!, expires: Math.floor(Date.now() / 1000) - 60 }, secret);
    const expired = await page(`${url.slice(0, url.lastIndexOf("/") + 1)}${expiredToken}`, "POST");
    expect(expired.status).to.equal(410);
    expect(expired.html).to.include("This link has expired");
    expect((await api.call("GET", `/tasks/${task.id}`)).body.status).to.equal("open");
  });

  it("retries a refused hand-over with backoff: still one email", async () => {
    smtp.failNext(1);
    const { task } = await emailedTask("Retry me");
    const inbox = await eventually(() => api.call("GET", "/notifications"), (r) => r.body.items.some((n: any) => n.taskId === task.id && n.state === "delivered"), 20_000, "delivered after a retry");
    expect(inbox.body.items.find((n: any) => n.taskId === task.id).channels.email).to.include({ state: "delivered", attempts: 2 });
    await quiescent(`the emails of ${task.id}`);
    expect(mailsFor(task.id)).to.have.length(1);
  });

  it("emails nothing but the confirmation link to an address until its owner follows it; a changed address starts over", async () => {
    const user = await apiAs(`confirm-${randomUUID()}`);
    const first = `first-${randomUUID()}@example.test`;
    const second = `second-${randomUUID()}@example.test`;
    const prefs = (email: string, extra: Record<string, unknown> = {}) => ({ timeZone: ZONE, email, channels: { reminders: ["email", "inbox"], digest: ["inbox"] }, ...extra });
    const userMails = (taskId: string) => smtp.mails.filter((m) => m.deliveryId?.startsWith(`${taskId}:`));
    /** A reminder 3 s ahead, fired and recorded in the inbox: answers the entry. */
    const fire = async (title: string) => {
      const { body: task } = await user.call("POST", "/tasks", { title, reminders: [{ at: inFuture(3000) }] });
      const inbox = await eventually(() => user.call("GET", "/notifications"), (r) => r.body.items.some((n: any) => n.taskId === task.id && n.state !== "scheduled"), 60_000, `the firing of ${title}`);
      return { task, entry: inbox.body.items.find((n: any) => n.taskId === task.id && n.state !== "scheduled") };
    };

    const put = await user.call("PUT", "/me/preferences", prefs(first));
    expect(put.status).to.equal(200);
    expect(put.body).to.include({ email: first, emailConfirmed: false });
    const link = await confirmationLink(smtp, first);
    const confirmation = confirmationsTo(smtp, first)[0]!;
    expect(confirmation.parsed.text).to.include(first).and.not.include(user.user);

    // Unconfirmed: the firing is recorded with no email at all, so none can ever be sent for it.
    const before = await fire("<script>spam</script> before confirming");
    expect(before.entry).to.include({ state: "delivered" });
    expect(before.entry.channels.email ?? null, "no email delivery to an unconfirmed address").to.equal(null);
    expect(userMails(before.task.id)).to.have.length(0);
    expect(smtp.mails.filter((m) => m.to.includes(first)), "only the confirmation reached the address").to.have.length(1);

    // The page asks first (link scanners fetch every link); the button confirms; a second click changes nothing.
    const shown = await page(link);
    expect(shown.status).to.equal(200);
    expect(shown.html).to.include(`Confirm ${first}`).and.include('<form method="post"');
    expect((await user.call("GET", "/me/preferences")).body.emailConfirmed, "a GET confirms nothing").to.equal(false);
    const confirmed = await followConfirmation(link);
    expect(confirmed.status).to.equal(200);
    expect(confirmed.html).to.include("Address confirmed");
    expect((await user.call("GET", "/me/preferences")).body).to.include({ email: first, emailConfirmed: true });
    expect((await page(link, "POST")).html).to.include("Already confirmed");

    // Confirmed: reminders are emailed; a PUT naming the same address keeps it confirmed.
    const after = await fire("after confirming");
    await eventually(async () => userMails(after.task.id), (m) => m.length === 1, 60_000, "the reminder email after confirming");
    expect(userMails(after.task.id)[0]!.to).to.deep.equal([first]);
    expect((await user.call("PUT", "/me/preferences", prefs(first, { defaultReminders: ["PT5M"] }))).body.emailConfirmed).to.equal(true);

    // Another address is unconfirmed again: nothing goes to it (nor to the old one), and the old link is void.
    const changed = await user.call("PUT", "/me/preferences", prefs(second));
    expect(changed.body).to.include({ email: second, emailConfirmed: false });
    const secondLink = await confirmationLink(smtp, second);
    const unconfirmed = await fire("after changing the address");
    expect(unconfirmed.entry.channels.email ?? null).to.equal(null);
    expect(userMails(unconfirmed.task.id)).to.have.length(0);
    const stale = await page(link, "POST");
    expect(stale.status).to.equal(410);
    expect(stale.html).to.include("no longer valid");
    expect((await user.call("GET", "/me/preferences")).body).to.include({ email: second, emailConfirmed: false });

    // A fresh link on request: the earlier one stops working, the new one confirms.
    const resent = await user.call("POST", "/me/preferences/email-confirmation");
    expect(resent.status).to.equal(202);
    const newest = await confirmationLink(smtp, second, 2);
    expect((await page(secondLink, "POST")).status, "superseded by the fresh link").to.equal(410);
    expect((await followConfirmation(newest)).html).to.include("Address confirmed");
    expect((await user.call("GET", "/me/preferences")).body).to.include({ email: second, emailConfirmed: true });

    // Back to the first address: confirmed before, but it needs a new confirmation.
    expect((await user.call("PUT", "/me/preferences", prefs(first))).body).to.include({ email: first, emailConfirmed: false });
    await confirmAddress(smtp, first, 2);
    expect((await user.call("GET", "/me/preferences")).body.emailConfirmed).to.equal(true);
  });
});
