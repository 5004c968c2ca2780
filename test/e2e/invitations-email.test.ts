/**
 * Invitations by email on the real stack (docs/lists.md#invitations-by-email):
 * an owner invites an address a user confirmed; that user gets the invitation
 * in the app and an email whose link joins the list, once. An address nobody
 * confirmed invites nobody.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { apiAs, eventually } from "../support/stack.js";
import { confirmAddress, followConfirmation, startSmtpReceiver, type SmtpReceiver } from "../support/smtpReceiver.js";

describe("invitations by email (a link to join, to a confirmed address)", function () {
  this.timeout(120_000);
  let smtp: SmtpReceiver;
  before(async () => {
    smtp = await startSmtpReceiver();
  });
  after(async () => {
    await smtp.close();
  });

  it("invites whoever confirmed the address, emails them a link that joins the list once, and refuses an address nobody confirmed", async () => {
    const run = randomUUID().slice(0, 8);
    const ada = await apiAs(`inv-ada-${run}`);
    const bob = await apiAs(`inv-bob-${run}`);
    const carol = await apiAs(`inv-carol-${run}`);
    const bobAddress = `bob-${run}@example.test`;
    expect((await bob.call("PUT", "/me/preferences", { timeZone: "UTC", email: bobAddress, channels: { reminders: ["inbox"], digest: ["inbox"] } })).status).to.equal(200);
    await confirmAddress(smtp, bobAddress);
    // Carol typed an address but never confirmed it: nobody can be invited there.
    const carolAddress = `carol-${run}@example.test`;
    expect((await carol.call("PUT", "/me/preferences", { timeZone: "UTC", email: carolAddress, channels: { reminders: ["inbox"], digest: ["inbox"] } })).status).to.equal(200);

    const list = (await ada.call("POST", "/lists", { name: `Book club ${run}` })).body.id as string;
    for (const address of [carolAddress, `nobody-${run}@example.test`]) {
      const refused = await ada.call("POST", `/lists/${list}/invitations`, { email: address, role: "viewer" });
      expect(refused.status, address).to.equal(400);
      expect(refused.body.errors[0].path).to.equal("email");
    }
    const both = await ada.call("POST", `/lists/${list}/invitations`, { email: bobAddress, userId: bob.user });
    expect(both.status).to.equal(400);
    expect((await ada.call("GET", `/lists/${list}`)).body.version, "nothing changed").to.equal(1);

    // The address as the owner types it: case does not matter.
    const invited = await ada.call("POST", `/lists/${list}/invitations`, { email: bobAddress.toUpperCase(), role: "commenter" });
    expect(invited.status, JSON.stringify(invited.body)).to.equal(201);
    expect(invited.body).to.include({ listId: list, userId: bob.user, role: "commenter", invitedBy: ada.user });
    expect((await bob.call("GET", "/me/invitations")).body.items.map((i: any) => i.id)).to.deep.equal([invited.body.id]);
    // Sent again (a retry): the same invitation, no second email.
    expect((await ada.call("POST", `/lists/${list}/invitations`, { email: bobAddress, role: "commenter" })).body.id).to.equal(invited.body.id);

    const isInvitation = (m: SmtpReceiver["mails"][number]) => m.to.some((t) => t.toLowerCase() === bobAddress) && /Join:/.test(m.parsed.text ?? "");
    const [mail] = await eventually(async () => smtp.mails.filter(isInvitation), (m) => m.length > 0, 60_000, "the invitation email");
    expect(mail!.parsed.subject).to.equal(`Join "Book club ${run}" on Tickler`);
    expect(mail!.parsed.text).to.include(ada.user).and.include("commenter");
    const link = /^Join: (\S+)$/m.exec(mail!.parsed.text ?? "")![1]!;
    const joined = await followConfirmation(link);
    expect(joined.status, joined.html).to.equal(200);
    expect(joined.html).to.include(`You joined Book club ${run}`);
    expect((await bob.call("GET", `/lists/${list}/members`)).body.items).to.deep.include({ userId: bob.user, role: "commenter" });
    expect((await bob.call("GET", "/me/invitations")).body.items).to.deep.equal([]);
    const again = await followConfirmation(link);
    expect(again.status, "a used link joins nothing twice").to.equal(410);
    expect(smtp.mails.filter(isInvitation), "one email").to.have.length(1);

    // Only the list's owner invites, by id or by address.
    const byMember = await bob.call("POST", `/lists/${list}/invitations`, { email: bobAddress, role: "viewer" });
    expect(byMember.status).to.equal(403);
  });
});
