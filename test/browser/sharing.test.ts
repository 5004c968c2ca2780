/**
 * Sharing from the web app (issue 24, "together in the app"): the owner
 * invites a second user from the list's share dialog (an invitation to
 * oneself is refused next to the field), the second user accepts in their own
 * browser and sees the list, shared; the owner changes the member's role and
 * removes them, and the removed user's app no longer shows the list after a
 * reload; ownership handed over and a member leaving; the invitations still
 * waiting, listed to the owner and withdrawn. At 1280 and 375 px,
 * with the API as the oracle. Then a list's activity: a change made in the
 * app is listed first, and More pages through nextCursor.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Page } from "playwright-core";
import { apiAs, eventually } from "../support/stack.js";
import { expectOnlyOwnOrigin, launchBrowser, listedTitles, openMenu, screenshot, signIn, type Browser } from "./browser.js";

type Api = Awaited<ReturnType<typeof apiAs>>;

const membersOf = async (api: Api, listId: string) =>
  ((await api.call("GET", `/lists/${listId}/members`)).body.items as { userId: string; role: string }[]);

describe("web app: sharing a list, invitations and activity", function () {
  // Two people, each in their own browser (their own session and storage).
  let owners: Browser;
  let guests: Browser;
  before(async () => {
    owners = await launchBrowser();
    guests = await launchBrowser();
  });
  after(async () => {
    await owners?.close();
    await guests?.close();
  });

  for (const width of [1280, 375]) {
    const phone = width < 768;
    /** The sidebar's links (opening the drawer on a phone first). */
    const sidebarLinks = async (page: Page) => {
      if (phone) await openMenu(page);
      await page.getByRole("navigation", { name: "Views and lists" }).getByRole("link", { name: "Inbox" }).waitFor();
      const names = await page.getByRole("navigation", { name: "Views and lists" }).getByRole("link").allInnerTexts();
      // Esc closes an open panel first, then the drawer (which covers the menu button).
      const menu = page.getByRole("button", { name: /^Menu/ });
      for (let i = 0; phone && i < 3 && (await menu.getAttribute("aria-expanded")) === "true"; i++) await page.keyboard.press("Escape");
      return names.map((n) => n.trim());
    };
    const openShare = async (page: Page, name: string) => {
      await page.getByRole("button", { name: `Share “${name}”` }).click();
      const dialog = page.getByRole("dialog", { name: `Share “${name}”` });
      await dialog.getByRole("list", { name: "Members" }).waitFor();
      return dialog;
    };

    it(`at ${width} px: invite, accept in another session, change the role, remove; the removed user no longer sees the list`, async () => {
      const suffix = randomUUID().slice(0, 8);
      const alice = await apiAs(`alice-${width}-${suffix}`);
      const bob = await apiAs(`bob-${width}-${suffix}`);
      const list = (await alice.call("POST", "/lists", { name: "Holiday plans" })).body;
      await alice.call("POST", "/tasks", { title: "Book flights", listId: list.id });

      const a = await owners.newPage(width);
      await signIn(a, owners.appUrl, alice.user, `?list=${list.id}`);
      await a.getByRole("heading", { name: "Holiday plans", level: 1 }).waitFor();
      let dialog = await openShare(a, "Holiday plans");
      expect(await dialog.getByRole("list", { name: "Members" }).locator("li").allInnerTexts()).to.have.length(1);

      // Inviting oneself: the API's refusal next to the field it names, nothing invited.
      await dialog.getByLabel("User id").fill(alice.user);
      await dialog.getByRole("button", { name: "Invite" }).click();
      const userField = dialog.getByLabel("User id");
      await eventually(() => userField.getAttribute("aria-invalid"), (v) => v === "true", 10_000, "the field marked");
      expect(await a.locator(`#${await userField.getAttribute("aria-describedby")}`).textContent()).to.equal("you cannot invite yourself");

      expect(await userField.inputValue(), "the refused id kept in the field").to.equal(alice.user);
      // By an address nobody confirmed: refused, with the API's words under the field, nothing invited.
      await dialog.getByLabel("Invite by").selectOption("email");
      const emailField = dialog.getByLabel("Email address");
      await emailField.fill(`nobody-${suffix}@example.test`);
      await dialog.getByRole("button", { name: "Invite" }).click();
      await eventually(() => emailField.getAttribute("aria-invalid"), (v) => v === "true", 10_000, "the address marked");
      expect(await a.locator(`#${await emailField.getAttribute("aria-describedby")}`).textContent()).to.match(/no Tickler user has confirmed this address/);
      await dialog.getByLabel("Invite by").selectOption("userId");
      await userField.fill(bob.user);
      await dialog.getByLabel("Role", { exact: true }).selectOption("commenter");
      // By keyboard: Enter in the field sends the invitation, Esc closes the dialog.
      await userField.press("Enter");
      await dialog.getByRole("status").filter({ hasText: `Invited ${bob.user} as commenter` }).waitFor();
      expect(await userField.getAttribute("aria-invalid")).to.equal(null);
      await screenshot(a, `share-dialog-${width}`);
      const invited = (await bob.call("GET", "/me/invitations")).body.items;
      expect(invited.map((i: any) => [i.listId, i.role])).to.deep.equal([[list.id, "commenter"]]);
      await a.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });

      // Bob, in his own browser: the invitation is counted, and accepting it puts the list in his sidebar, shared.
      const b = await guests.newPage(width);
      await signIn(b, guests.appUrl, bob.user);
      if (phone) {
        await b.getByRole("button", { name: /^Menu\W*invitations waiting\W*1$/ }).waitFor();
        await openMenu(b);
      }
      await b.getByRole("button", { name: /^Invitations\W*1 waiting$/ }).click();
      const invitations = b.getByRole("list", { name: "Invitations waiting for your answer" });
      expect(await invitations.locator("li").innerText()).to.match(new RegExp(`Holiday plans\\s+from ${alice.user}, as commenter`));
      await b.getByRole("button", { name: "Accept Holiday plans" }).click();
      await b.getByRole("status").filter({ hasText: "Joined “Holiday plans”" }).waitFor();
      await eventually(() => sidebarLinks(b), (l) => l.some((n) => /^Holiday plans\s*⇄\s*\(shared\)$/.test(n)), 10_000, "the list in Bob's sidebar, shared");
      expect((await membersOf(alice, list.id)).map((m) => [m.userId, m.role])).to.deep.equal([[alice.user, "owner"], [bob.user, "commenter"]]);
      // Alice's sidebar marks it shared by her now (the live stream's list.changed refreshes it).
      await eventually(() => sidebarLinks(a), (l) => l.some((n) => /^Holiday plans\s*⇄\s*\(shared\)$/.test(n)), 10_000, "the list in Alice's sidebar, shared");
      if (phone) await openMenu(b);
      await b.getByRole("link", { name: "Holiday plans (shared)" }).click();
      await eventually(() => listedTitles(b), (t) => t.includes("Book flights"), 10_000, "the list's task for Bob");

      // Alice changes Bob's role, then removes him; each is the API's at once.
      dialog = await openShare(a, "Holiday plans");
      await dialog.getByRole("combobox", { name: `Role of ${bob.user}` }).selectOption("viewer");
      await dialog.getByRole("status").filter({ hasText: `${bob.user} is now viewer` }).waitFor();
      expect((await membersOf(alice, list.id)).find((m) => m.userId === bob.user)?.role).to.equal("viewer");
      await dialog.getByRole("button", { name: `Remove ${bob.user}` }).click();
      await dialog.getByRole("alert").getByRole("button", { name: "Remove" }).click();
      await dialog.getByRole("status").filter({ hasText: `Removed ${bob.user}` }).waitFor();
      expect((await membersOf(alice, list.id)).map((m) => m.userId)).to.deep.equal([alice.user]);
      expect(await dialog.getByRole("list", { name: "Members" }).locator("li").count()).to.equal(1);
      await dialog.getByRole("button", { name: "Close" }).click();

      // Bob's app after a reload: the list is gone from his sidebar, and its address finds nothing.
      await signIn(b, guests.appUrl, bob.user);
      expect((await sidebarLinks(b)).filter((n) => n.startsWith("Holiday plans"))).to.deep.equal([]);
      expect((await bob.call("GET", `/lists/${list.id}`)).status).to.equal(404);
      expectOnlyOwnOrigin(owners);
      expectOnlyOwnOrigin(guests);
      await a.close();
      await b.close();
    });

    it(`at ${width} px: the owner hands the list over and, as an editor now, leaves it`, async () => {
      const suffix = randomUUID().slice(0, 8);
      const alice = await apiAs(`carol-${width}-${suffix}`);
      const bob = await apiAs(`dave-${width}-${suffix}`);
      const list = (await alice.call("POST", "/lists", { name: "Book club" })).body;
      const inv = (await alice.call("POST", `/lists/${list.id}/invitations`, { userId: bob.user, role: "editor" })).body;
      expect((await bob.call("POST", `/me/invitations/${inv.id}/accept`)).status).to.equal(200);

      const a = await owners.newPage(width);
      await signIn(a, owners.appUrl, alice.user, `?list=${list.id}`);
      const dialog = await openShare(a, "Book club");
      await dialog.getByRole("button", { name: `Make owner: ${bob.user}` }).click();
      await dialog.getByRole("alert").getByRole("button", { name: "Make owner" }).click();
      await dialog.getByRole("status").filter({ hasText: `${bob.user} owns the list now` }).waitFor();
      expect((await membersOf(bob, list.id)).map((m) => [m.userId, m.role])).to.deep.equal([[bob.user, "owner"], [alice.user, "editor"]]);
      // Now an editor: no invite form, no role controls, and Leave.
      expect(await dialog.getByLabel("User id").count()).to.equal(0);
      expect(await dialog.getByRole("combobox").count()).to.equal(0);
      await dialog.getByRole("button", { name: "Leave list" }).click();
      await dialog.getByRole("alert").getByRole("button", { name: "Leave", exact: true }).click();
      await a.getByRole("heading", { name: "Today", level: 1 }).waitFor();
      expect((await membersOf(bob, list.id)).map((m) => m.userId)).to.deep.equal([bob.user]);
      expect((await sidebarLinks(a)).filter((n) => n.startsWith("Book club"))).to.deep.equal([]);
      await a.close();
    });
  }

  it("lists the invitations waiting for an answer to the owner, and Withdraw takes one back; an editor sees none", async () => {
    const suffix = randomUUID().slice(0, 8);
    const alice = await apiAs(`gina-${suffix}`);
    const bob = await apiAs(`hal-${suffix}`);
    const cy = await apiAs(`ivy-${suffix}`);
    const list = (await alice.call("POST", "/lists", { name: "Choir" })).body;
    const inv = (await alice.call("POST", `/lists/${list.id}/invitations`, { userId: bob.user, role: "editor" })).body;
    expect((await bob.call("POST", `/me/invitations/${inv.id}/accept`)).status).to.equal(200);
    await alice.call("POST", `/lists/${list.id}/invitations`, { userId: cy.user, role: "viewer" });

    const a = await owners.newPage(1280);
    await signIn(a, owners.appUrl, alice.user, `?list=${list.id}`);
    await a.getByRole("button", { name: "Share “Choir”" }).click();
    const dialog = a.getByRole("dialog", { name: "Share “Choir”" });
    const waiting = dialog.getByRole("list", { name: "Invitations waiting for an answer" });
    await waiting.waitFor();
    expect((await waiting.locator("li").allInnerTexts()).map((t) => t.trim())).to.have.length(1);
    expect(await waiting.locator("li").innerText()).to.match(new RegExp(`^${cy.user}\\s+as viewer`));
    // One invited from the dialog joins the list of those waiting, newest first.
    const dan = `jo-${suffix}`;
    await dialog.getByLabel("User id").fill(dan);
    await dialog.getByRole("button", { name: "Invite" }).click();
    await dialog.getByRole("status").filter({ hasText: `Invited ${dan}` }).waitFor();
    await eventually(async () => (await waiting.locator(".member-name").allInnerTexts()).map((t) => t.trim()), (n) => n.join() === [dan, cy.user].join(), 10_000, "the new invitation first");

    await dialog.getByRole("button", { name: `Withdraw the invitation of ${cy.user}` }).click();
    await dialog.getByRole("status").filter({ hasText: `Withdrew the invitation of ${cy.user}.` }).waitFor();
    expect((await waiting.locator(".member-name").allInnerTexts()).map((t) => t.trim())).to.deep.equal([dan]);
    // The API agrees: cy has nothing to answer, and the list's pending invitations are dan's alone.
    expect((await cy.call("GET", "/me/invitations")).body.items).to.deep.equal([]);
    expect(((await alice.call("GET", `/lists/${list.id}/invitations`)).body.items as { userId: string }[]).map((i) => i.userId)).to.deep.equal([dan]);
    await dialog.getByRole("button", { name: `Withdraw the invitation of ${dan}` }).click();
    await dialog.getByText("No invitations waiting.").waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();

    // An editor's dialog: the members, and no invitations (GET /lists/{id}/invitations is the owner's).
    const b = await guests.newPage(1280);
    await signIn(b, guests.appUrl, bob.user, `?list=${list.id}`);
    await b.getByRole("button", { name: "Share “Choir”" }).click();
    const bobs = b.getByRole("dialog", { name: "Share “Choir”" });
    await bobs.getByRole("list", { name: "Members" }).waitFor();
    expect(await bobs.getByText("Waiting for an answer").count()).to.equal(0);
    expect(await bobs.getByRole("button", { name: /^Withdraw/ }).count()).to.equal(0);
    expectOnlyOwnOrigin(owners);
    expectOnlyOwnOrigin(guests);
    await a.close();
    await b.close();
  });

  it("shows a list's activity newest first, a change made in the app at the top, and pages with More", async () => {
    const alice = await apiAs(`erin-${randomUUID().slice(0, 8)}`);
    const list = (await alice.call("POST", "/lists", { name: "Renovation" })).body;
    // More than one page of activity (25 entries a page): the list's creation and 30 tasks'.
    for (let i = 1; i <= 30; i++) await alice.call("POST", "/tasks", { title: `Step ${i}`, listId: list.id });
    const page = await owners.newPage(1280);
    await signIn(page, owners.appUrl, alice.user, `?list=${list.id}`);
    await page.locator("li.task", { hasText: "Step 1" }).first().waitFor();
    await page.getByRole("checkbox", { name: "Complete “Step 7”" }).check();
    await eventually(async () => (await alice.call("GET", `/tasks?list=${list.id}&status=completed`)).body.items.length, (n) => n === 1, 10_000, "the completion");
    // The audit records changes a moment after them: the API's own answer is the oracle for what the app shows.
    const all = await eventually(async () => (await alice.call("GET", `/lists/${list.id}/activity?limit=200`)).body.items as any[], (items) => items.length === 32, 20_000, "32 entries recorded");
    expect(all[0]).to.deep.include({ taskId: all[0].taskId, type: "tickler.task.completed.v1" });

    await page.getByRole("button", { name: "Activity" }).click();
    const entries = page.getByRole("list", { name: "Changes, newest first" }).locator("li");
    await eventually(async () => {
      await page.getByRole("button", { name: "Refresh" }).click();
      return (await entries.first().innerText().catch(() => "")).trim();
    }, (t) => t.endsWith(`${alice.user}: “Step 7” completed`), 20_000, "the completion at the top of the activity");
    expect(await entries.count()).to.equal(25);
    await page.getByRole("button", { name: "More" }).click();
    await eventually(() => entries.count(), (n) => n === 32, 10_000, "the second page");
    expect(await page.getByRole("button", { name: "More" }).count(), "no further page").to.equal(0);
    const texts = (await entries.allInnerTexts()).map((t) => t.trim());
    expect(texts[texts.length - 1]).to.match(new RegExp(`${alice.user} made the list$`));
    const times = await entries.locator("time").evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute("datetime")!)));
    expect(times, "newest first").to.deep.equal([...times].sort((x, y) => y - x));
    await page.close();
  });
});
