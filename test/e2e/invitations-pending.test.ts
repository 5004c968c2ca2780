/**
 * A list's invitations still waiting for an answer, on the real stack
 * (docs/lists.md#sharing): the owner lists them (newest first) and withdraws
 * one; the invitee then no longer sees it and cannot accept it, by the app or
 * by the emailed Join link (410). A member who may not manage members is
 * refused (403), anyone else finds nothing (404), and a refusal changes nothing.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { inboxIdOf } from "../../src/infra/ids.js";
import { apiAs, eventually } from "../support/stack.js";
import { confirmAddress, followConfirmation, startSmtpReceiver, type SmtpReceiver } from "../support/smtpReceiver.js";

type Api = Awaited<ReturnType<typeof apiAs>>;

async function invite(owner: Api, listId: string, body: Record<string, string>) {
  const invited = await owner.call("POST", `/lists/${listId}/invitations`, body);
  expect(invited.status, JSON.stringify(invited.body)).to.equal(201);
  return invited.body as { id: string; userId: string; role: string };
}

describe("pending invitations: the owner lists and withdraws them", function () {
  this.timeout(120_000);
  let smtp: SmtpReceiver;
  before(async () => {
    smtp = await startSmtpReceiver();
  });
  after(async () => {
    await smtp.close();
  });

  it("lists them newest first to the owner; a withdrawn one is gone for the invitee, cannot be accepted, and is in the activity", async () => {
    const run = randomUUID().slice(0, 8);
    const as = (u: string) => apiAs(`pending-${u}-${run}`);
    const [ada, bob, cy, dee, eve] = [await as("ada"), await as("bob"), await as("cy"), await as("dee"), await as("eve")];
    const list = (await ada.call("POST", "/lists", { name: `Choir ${run}` })).body.id as string;
    const bobs = await invite(ada, list, { userId: bob.user, role: "editor" });
    expect((await bob.call("POST", `/me/invitations/${bobs.id}/accept`)).status).to.equal(200);
    const cys = await invite(ada, list, { userId: cy.user, role: "viewer" });
    const dees = await invite(ada, list, { userId: dee.user, role: "commenter" });

    const pending = await ada.call("GET", `/lists/${list}/invitations`);
    expect(pending.status).to.equal(200);
    expect(pending.body.items, "newest first, the accepted one gone").to.deep.equal([dees, cys]);

    // Refused: an editor (403, naming listId); the invitee, a stranger (404, as if the list did not exist).
    const asEditor = await bob.call("GET", `/lists/${list}/invitations`);
    expect([asEditor.status, asEditor.body.errors?.[0]?.path]).to.deep.equal([403, "listId"]);
    expect(asEditor.headers.get("content-type")).to.match(/^application\/problem\+json/);
    for (const other of [cy, eve]) expect((await other.call("GET", `/lists/${list}/invitations`)).status, other.user).to.equal(404);

    // Every refused withdrawal changes nothing: the list, its members, its invitations, the invitees' own.
    const snapshot = async () => JSON.stringify(await Promise.all([
      ada.call("GET", `/lists/${list}`), ada.call("GET", `/lists/${list}/members`), ada.call("GET", `/lists/${list}/invitations`),
      cy.call("GET", "/me/invitations"), dee.call("GET", "/me/invitations"),
    ].map(async (r) => { const { status, body } = await r; return { status, body }; })));
    const before = await snapshot();
    const refusals: [Api, string, number, string | null][] = [
      [bob, cys.id, 403, "listId"],
      [bob, "not-an-id", 403, "listId"],
      [eve, cys.id, 404, null],
      [cy, cys.id, 404, null],
      [ada, randomUUID(), 404, "invitationId"],
      [ada, "not-an-id", 404, "invitationId"],
      [ada, bobs.id, 404, "invitationId"],
    ];
    for (const [who, id, status, path] of refusals) {
      const res = await who.call("DELETE", `/lists/${list}/invitations/${id}`);
      expect(res.status, `${who.user} withdrawing ${id}`).to.equal(status);
      expect(res.headers.get("content-type")).to.match(/^application\/problem\+json/);
      if (path) expect(res.body.errors?.[0]?.path, `${who.user} withdrawing ${id}`).to.equal(path);
    }
    // A list the caller cannot see answers 404 whatever the invitation.
    expect((await eve.call("DELETE", `/lists/${randomUUID()}/invitations/${cys.id}`)).status).to.equal(404);
    expect(await snapshot(), "nothing changed by a refusal").to.equal(before);

    const version = (await ada.call("GET", `/lists/${list}`)).body.version as number;
    const withdrawn = await ada.call("DELETE", `/lists/${list}/invitations/${cys.id}`);
    expect([withdrawn.status, withdrawn.body]).to.deep.equal([204, null]);
    expect((await ada.call("GET", `/lists/${list}/invitations`)).body.items).to.deep.equal([dees]);
    expect((await ada.call("GET", `/lists/${list}`)).body.version).to.equal(version + 1);
    expect((await ada.call("GET", `/lists/${list}/members`)).body.items).to.deep.equal([{ userId: ada.user, role: "owner" }, { userId: bob.user, role: "editor" }]);
    expect((await cy.call("GET", "/me/invitations")).body.items).to.deep.equal([]);
    expect((await dee.call("GET", "/me/invitations")).body.items.map((i: { id: string }) => i.id), "the other invitation stays").to.deep.equal([dees.id]);
    for (const answer of ["accept", "decline"]) expect((await cy.call("POST", `/me/invitations/${cys.id}/${answer}`)).status, answer).to.equal(404);
    expect((await cy.call("GET", `/lists/${list}`)).status, "never joined").to.equal(404);
    expect((await ada.call("DELETE", `/lists/${list}/invitations/${cys.id}`)).status, "withdrawn once").to.equal(404);

    // In the list's activity for every member: who withdrew whose invitation.
    const activity = await eventually(() => bob.call("GET", `/lists/${list}/activity?limit=5`), (r) => r.body.items?.[0]?.kind === "withdraw", 30_000, "the withdrawal in the activity");
    expect(activity.body.items[0]).to.deep.include({ kind: "withdraw", actor: ada.user, memberId: cy.user });

    // Invited again: a new invitation, which cy can accept.
    const again = await invite(ada, list, { userId: cy.user, role: "viewer" });
    expect(again.id).to.not.equal(cys.id);
    expect((await cy.call("POST", `/me/invitations/${again.id}/accept`)).status).to.equal(200);
  });

  it("answers an Inbox's (made on first use) with none, as its owner's", async () => {
    const fresh = await apiAs(`pending-fresh-${randomUUID().slice(0, 8)}`);
    const inbox = await fresh.call("GET", `/lists/${inboxIdOf(fresh.user)}/invitations`);
    expect([inbox.status, inbox.body]).to.deep.equal([200, { items: [] }]);
  });

  it("makes a withdrawn invitation's emailed Join link answer 410, joining nothing", async () => {
    const run = randomUUID().slice(0, 8);
    const ada = await apiAs(`pending-mail-ada-${run}`);
    const bob = await apiAs(`pending-mail-bob-${run}`);
    const address = `pending-bob-${run}@example.test`;
    expect((await bob.call("PUT", "/me/preferences", { timeZone: "UTC", email: address, channels: { reminders: ["inbox"], digest: ["inbox"] } })).status).to.equal(200);
    await confirmAddress(smtp, address);
    const list = (await ada.call("POST", "/lists", { name: `Quiz ${run}` })).body.id as string;
    const invited = await invite(ada, list, { email: address, role: "viewer" });
    const isInvitation = (m: SmtpReceiver["mails"][number]) => m.to.some((t) => t.toLowerCase() === address) && /Join:/.test(m.parsed.text ?? "");
    const [mail] = await eventually(async () => smtp.mails.filter(isInvitation), (m) => m.length > 0, 60_000, "the invitation email");
    const link = /^Join: (\S+)$/m.exec(mail!.parsed.text ?? "")![1]!;

    expect((await ada.call("DELETE", `/lists/${list}/invitations/${invited.id}`)).status).to.equal(204);
    const shown = await followConfirmation(link);
    expect(shown.status, shown.html).to.equal(410);
    expect(shown.html).to.include("This invitation is no longer open");
    // The button's POST, as a page opened before the withdrawal would send it: refused too.
    const pressed = await fetch(link, { method: "POST", redirect: "manual" });
    expect(pressed.status).to.equal(410);
    expect((await bob.call("GET", `/lists/${list}`)).status).to.equal(404);
    expect((await ada.call("GET", `/lists/${list}/members`)).body.items).to.deep.equal([{ userId: ada.user, role: "owner" }]);
  });
});
