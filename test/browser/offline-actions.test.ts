/**
 * Offline, beyond add, edit and delete (issue 24): a reopen (the checkbox of
 * a completed task), the editor's Complete and Snooze, and an edit of title
 * and due date are queued, shown at once and after a reload without the
 * network, and reach the server exactly once when it is back; comments,
 * sharing and activity say they need the network. A queued snooze of a task
 * completed elsewhere meanwhile is not applied (the panel shows the server's
 * version and the snooze), and a queued completion of a task completed
 * elsewhere meanwhile is what was wanted: sent, not reported. At 1280 and
 * 375 px, the API as the oracle.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Page } from "playwright-core";
import { apiAs, eventually } from "../support/stack.js";
import { axeViolations, expectOnlyOwnOrigin, launchBrowser, listedTitles, signIn, type Browser } from "./browser.js";

type Api = Awaited<ReturnType<typeof apiAs>>;

/** Opens a task's details (the editor) from its row. */
async function openTask(page: Page, title: string) {
  await page.locator("li.task button.title", { hasText: title }).click();
  const editor = page.getByRole("dialog", { name: "Edit task" });
  await editor.waitFor();
  return editor;
}

async function closeEditor(page: Page) {
  await page.keyboard.press("Escape");
  await page.getByRole("dialog", { name: "Edit task" }).waitFor({ state: "detached" });
}

const taskOf = async (api: Api, id: string) => (await api.call("GET", `/tasks/${id}`)).body;

describe("web app: reopen, complete, snooze and edit made offline", function () {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    // A failed test must not leave the next one without the network.
    await browser?.context.setOffline(false);
  });
  after(async () => {
    await browser?.close();
  });

  for (const width of [1280, 375]) {
    it(`at ${width} px: queued, shown after a reload without the network, and on the server once each when back; comments and sharing say they need the network`, async () => {
      const user = `offline-acts-${width}-${randomUUID().slice(0, 8)}`;
      const api = await apiAs(user);
      const listId = (await api.call("POST", "/lists", { name: "Errands" })).body.id as string;
      const make = async (title: string) => (await api.call("POST", "/tasks", { title, listId })).body;
      const books = await make("Return the books");
      const parcel = await make("Post the parcel");
      const suit = await make("Pick up the suit");
      const completed = await api.call("POST", `/tasks/${books.id}/complete`);
      expect(completed.status).to.equal(200);
      const booksVersion = completed.body.task.version as number;
      const query = `?list=${listId}&status=all`;
      const page = await browser.newPage(width);
      await signIn(page, browser.appUrl, user, query);
      await eventually(() => listedTitles(page), (t) => t.length === 3, 10_000, "the list synced");
      await page.evaluate(async () => { await navigator.serviceWorker.ready; });

      await browser.context.setOffline(true);
      // Sharing and the list's activity need the server: disabled, and the page says why.
      const share = page.getByRole("button", { name: "Share “Errands”" });
      await eventually(() => share.isDisabled(), Boolean, 5000, "Share disabled offline");
      expect(await page.getByText("Sharing and activity need the network").isVisible()).to.equal(true);
      expect(await page.getByRole("button", { name: "Activity", exact: true }).isDisabled()).to.equal(true);

      // Reopen by the row's checkbox.
      await page.getByRole("checkbox", { name: "Reopen “Return the books”" }).click();
      await page.locator(".toast", { hasText: "Saved offline: reopen “Return the books”" }).waitFor();
      await page.getByRole("checkbox", { name: "Complete “Return the books”" }).waitFor();

      // The editor's Complete; its comments say they need the network, with no box to add one.
      let editor = await openTask(page, "Post the parcel");
      await editor.getByText("Comments need the network").waitFor();
      expect(await editor.getByLabel("Add a comment").count()).to.equal(0);
      await editor.getByRole("button", { name: "Complete", exact: true }).click();
      await page.locator(".toast", { hasText: "Saved offline: complete “Post the parcel”" }).waitFor();
      await editor.getByRole("button", { name: "Reopen", exact: true }).waitFor();
      expect(await axeViolations(page)).to.deep.equal([]);
      await closeEditor(page);

      // The editor's Snooze (an hour from now), then an edit of title and due date of the same task.
      editor = await openTask(page, "Pick up the suit");
      const snoozedAt = Date.now();
      await editor.getByLabel("Snooze", { exact: true }).selectOption("PT1H");
      await page.locator(".toast", { hasText: "Saved offline: snooze “Pick up the suit” until" }).waitFor();
      await editor.getByLabel("Title", { exact: true }).fill("Pick up the grey suit");
      await editor.getByLabel("Due", { exact: true }).fill("2027-01-15T09:30");
      await editor.getByRole("button", { name: "Save" }).click();
      await page.locator(".toast", { hasText: "Saved offline: edit “Pick up the suit”" }).waitFor();
      await page.getByRole("dialog", { name: "Edit task" }).waitFor({ state: "detached" });

      // A reload without the network: the queue kept and shown on the kept tasks.
      await page.reload();
      await page.getByText("4 changes waiting to be sent").waitFor();
      expect(await eventually(() => listedTitles(page), (t) => t.length === 3, 10_000, "the kept list")).to.have.members(["Return the books", "Post the parcel", "Pick up the grey suit"]);
      expect(await page.getByRole("checkbox", { name: "Complete “Return the books”" }).isChecked()).to.equal(false);
      expect(await page.getByRole("checkbox", { name: "Reopen “Post the parcel”" }).isChecked()).to.equal(true);
      expect(await taskOf(api, parcel.id)).to.deep.include({ status: "open", version: parcel.version });

      await browser.context.setOffline(false);
      await signIn(page, browser.appUrl, user, query);
      const server = async () => ({ books: await taskOf(api, books.id), parcel: await taskOf(api, parcel.id), suit: await taskOf(api, suit.id) });
      const sent = await eventually(server, (s) => s.books.status === "open" && s.parcel.status === "completed" && s.suit.title === "Pick up the grey suit", 15_000, "the queued changes on the server");
      expect(sent.books.version, "one reopen").to.equal(booksVersion + 1);
      expect(sent.parcel.version, "one completion").to.equal(parcel.version + 1);
      expect(sent.suit.version, "one snooze and one edit").to.equal(suit.version + 2);
      expect(Date.parse(sent.suit.dueAt), "due 09:30 on 15 January (the page's zone is UTC)").to.equal(Date.parse("2027-01-15T09:30:00Z"));
      expect(Date.parse(sent.suit.snoozedUntil) - snoozedAt, "snoozed an hour from the choice, not from the sending").to.be.within(3_600_000 - 5000, 3_600_000 + 60_000);

      // Sent once: another sign-in has nothing to send and the server is unchanged; online, sharing is back.
      await signIn(page, browser.appUrl, user, query);
      await eventually(() => listedTitles(page), (t) => t.includes("Pick up the grey suit"), 10_000, "the list from the server");
      expect(await page.getByText("waiting to be sent").count()).to.equal(0);
      expect(await page.locator(".not-applied").count()).to.equal(0);
      const again = await server();
      expect([again.books.version, again.parcel.version, again.suit.version]).to.deep.equal([sent.books.version, sent.parcel.version, sent.suit.version]);
      expect(await share.isDisabled()).to.equal(false);
      expectOnlyOwnOrigin(browser);
      await page.close();
    });

    it(`at ${width} px: a queued snooze of a task completed elsewhere is not applied and shown so; a queued completion of one completed elsewhere counts as done`, async () => {
      const user = `offline-acts-conflict-${width}-${randomUUID().slice(0, 8)}`;
      const api = await apiAs(user);
      const stamps = (await api.call("POST", "/tasks", { title: "Buy stamps" })).body;
      const bank = (await api.call("POST", "/tasks", { title: "Call the bank" })).body;
      const page = await browser.newPage(width);
      await signIn(page, browser.appUrl, user, "?view=all");
      await eventually(() => listedTitles(page), (t) => t.length === 2, 10_000, "the tasks synced");
      await page.evaluate(async () => { await navigator.serviceWorker.ready; });

      await browser.context.setOffline(true);
      const editor = await openTask(page, "Buy stamps");
      await editor.getByLabel("Snooze", { exact: true }).selectOption("PT15M");
      await page.locator(".toast", { hasText: "Saved offline: snooze “Buy stamps”" }).waitFor();
      await closeEditor(page);
      await page.getByRole("checkbox", { name: "Complete “Call the bank”" }).click();
      await page.locator(".toast", { hasText: "Saved offline: complete “Call the bank”" }).waitFor();

      // Meanwhile another client completes both.
      for (const t of [stamps, bank]) expect((await api.call("POST", `/tasks/${t.id}/complete`)).status).to.equal(200);

      // Back online in the same page: the queue is sent on the browser's online event.
      await browser.context.setOffline(false);
      const panel = page.locator("section.not-applied");
      await panel.getByText(`Now on the server (version ${stamps.version + 1})`).waitFor();
      const text = (await panel.textContent()) ?? "";
      expect(text).to.include("Your snooze “Buy stamps” until");
      expect(text).to.include("cannot snooze a task that is completed");
      expect(text).to.include("Not applied: snoozed until");
      expect(text).to.include("“Buy stamps” · No priority · completed");
      expect(text, "the completion found done is not reported").not.to.include("Call the bank");
      expect(await axeViolations(page)).to.deep.equal([]);
      await page.getByText("waiting to be sent").waitFor({ state: "detached" });
      expect(await taskOf(api, stamps.id)).to.deep.include({ status: "completed", snoozedUntil: null, version: stamps.version + 1 });
      expect(await taskOf(api, bank.id)).to.deep.include({ status: "completed", version: bank.version + 1 });
      await page.close();
    });
  }
});
