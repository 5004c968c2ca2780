/**
 * Edits and deletes made offline: queued like an add (an edit with If-Match on
 * the version it was made on), shown at once and after a reload without the
 * network, and sent once when the app is back; and an edit whose task changed
 * on the server meanwhile is not applied: the app shows the server's version
 * and what of the offline edit was not applied, and does not send it again.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Page } from "playwright-core";
import { apiAs, eventually } from "../support/stack.js";
import { axeViolations, expectOnlyOwnOrigin, launchBrowser, listedTitles, screenshot, signIn, type Browser } from "./browser.js";

/** Opens a task's details (the editor) from its row. */
async function openTask(page: Page, title: string) {
  await page.locator("li.task button.title", { hasText: title }).click();
  return page.getByRole("dialog");
}

describe("web app: edits and deletes made offline", function () {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const width of [1280, 375]) {
    it(`at ${width} px: an edit and a delete are queued, survive a reload, and reach the server once when back online`, async () => {
      const user = `offline-edit-${width}-${randomUUID().slice(0, 8)}`;
      const api = await apiAs(user);
      const plants = (await api.call("POST", "/tasks", { title: "Water the plants" })).body;
      await api.call("POST", "/tasks", { title: "Read the letter" });
      await api.call("POST", "/tasks", { title: "Call the bank" });
      const page = await browser.newPage(width);
      await signIn(page, browser.appUrl, user, "?view=all");
      await eventually(() => listedTitles(page), (t) => t.length === 3, 10_000, "the tasks synced");
      await page.evaluate(async () => { await navigator.serviceWorker.ready; });

      await browser.context.setOffline(true);
      const editor = await openTask(page, "Water the plants");
      await editor.getByLabel("Title", { exact: true }).fill("Water the ferns");
      await editor.getByRole("button", { name: "Save" }).click();
      await page.locator(".toast", { hasText: "Saved offline: edit “Water the plants”" }).waitFor();
      await (await openTask(page, "Read the letter")).getByRole("button", { name: "Delete" }).click();
      await page.locator(".toast", { hasText: "Saved offline: delete “Read the letter”" }).waitFor();
      await eventually(() => listedTitles(page), (t) => t.includes("Water the ferns") && !t.includes("Water the plants") && !t.includes("Read the letter"), 10_000, "the offline changes shown");

      // Without the network: the shell from the worker, the kept tasks with the queued changes applied.
      await page.reload();
      await page.getByText("2 changes waiting to be sent").waitFor();
      expect(await eventually(() => listedTitles(page), (t) => t.length === 2, 10_000, "the kept tasks")).to.have.members(["Water the ferns", "Call the bank"]);
      await screenshot(page, `offline-edits-${width}`);
      expect((await api.call("GET", `/tasks/${plants.id}`)).body).to.deep.include({ title: "Water the plants", version: 1 });

      await browser.context.setOffline(false);
      await signIn(page, browser.appUrl, user, "?view=all");
      const titles = async (path: string) => ((await api.call("GET", path)).body.items as { title: string }[]).map((t) => t.title).sort();
      await eventually(() => titles("/tasks?status=all&limit=100"), (t) => JSON.stringify(t) === JSON.stringify(["Call the bank", "Water the ferns"]), 15_000, "the queued changes on the server");
      expect(await titles("/trash")).to.deep.equal(["Read the letter"]);
      await eventually(() => listedTitles(page), (t) => t.length === 2 && t.includes("Water the ferns"), 10_000, "the list from the server");

      // Sent once: another sign-in finds nothing to send, and the edit made one version.
      await signIn(page, browser.appUrl, user, "?view=all");
      await eventually(() => listedTitles(page), (t) => t.length === 2, 10_000, "the list again");
      expect(await page.getByText("waiting to be sent").count()).to.equal(0);
      expect((await api.call("GET", `/tasks/${plants.id}`)).body).to.deep.include({ title: "Water the ferns", version: 2 });
      expect(await page.locator(".not-applied").count()).to.equal(0);
      expectOnlyOwnOrigin(browser);
      await page.close();
    });

    it(`at ${width} px: a move and then an edit of the same task offline reach the server in order, the edit on the move's version`, async () => {
      const user = `offline-move-${width}-${randomUUID().slice(0, 8)}`;
      const api = await apiAs(user);
      const listId = (await api.call("POST", "/lists", { name: "Groceries" })).body.id as string;
      for (const title of ["Milk", "Bread", "Eggs"]) await api.call("POST", "/tasks", { title, listId });
      const order = async () => ((await api.call("GET", `/tasks?list=${listId}&sort=position&limit=100`)).body.items as { title: string; version: number }[]);
      const page = await browser.newPage(width);
      await signIn(page, browser.appUrl, user, `?list=${listId}`);
      await eventually(() => listedTitles(page), (t) => t.length === 3, 10_000, "the list synced");
      await page.evaluate(async () => { await navigator.serviceWorker.ready; });

      await browser.context.setOffline(true);
      await page.locator("li.task button.title", { hasText: "Eggs" }).focus();
      await page.keyboard.press("Alt+ArrowUp");
      await page.locator(".toast", { hasText: "Saved offline: move “Eggs”" }).waitFor();
      const editor = await openTask(page, "Eggs");
      await editor.getByLabel("Title", { exact: true }).fill("Free-range eggs");
      await editor.getByRole("button", { name: "Save" }).click();
      await page.locator(".toast", { hasText: "Saved offline: edit “Eggs”" }).waitFor();
      await page.reload();
      await page.getByText("2 changes waiting to be sent").waitFor();
      expect(await eventually(() => listedTitles(page), (t) => t.length === 3, 10_000, "the kept list")).to.deep.equal(["Milk", "Free-range eggs", "Bread"]);

      await browser.context.setOffline(false);
      await signIn(page, browser.appUrl, user, `?list=${listId}`);
      const server = await eventually(order, (o) => o.map((t) => t.title).join() === "Milk,Free-range eggs,Bread", 15_000, "the move and the edit on the server");
      expect(server[1]!.version, "one version for the move, one for the edit").to.equal(3);
      await eventually(() => listedTitles(page), (t) => t.join() === "Milk,Free-range eggs,Bread", 10_000, "the list from the server");
      expect(await page.locator(".not-applied").count()).to.equal(0);
      await page.close();
    });

    it(`at ${width} px: an offline edit of a task changed on the server meanwhile is not applied; the app shows the server's version and what was not`, async () => {
      const user = `offline-conflict-${width}-${randomUUID().slice(0, 8)}`;
      const api = await apiAs(user);
      const rent = (await api.call("POST", "/tasks", { title: "Pay rent" })).body;
      await api.call("POST", "/tasks", { title: "Book flights" });
      const page = await browser.newPage(width);
      await signIn(page, browser.appUrl, user, "?view=all");
      await eventually(() => listedTitles(page), (t) => t.length === 2, 10_000, "the tasks synced");
      await page.evaluate(async () => { await navigator.serviceWorker.ready; });

      await browser.context.setOffline(true);
      const editor = await openTask(page, "Pay rent");
      await editor.getByLabel("Title", { exact: true }).fill("Pay the rent");
      await editor.getByRole("button", { name: "Save" }).click();
      await page.locator(".toast", { hasText: "Saved offline: edit “Pay rent”" }).waitFor();
      await eventually(() => listedTitles(page), (t) => t.includes("Pay the rent"), 10_000, "the offline edit shown");

      // Meanwhile another client changes the same task.
      const other = await api.call("PATCH", `/tasks/${rent.id}`, { priority: "high" }, { "if-match": `"${rent.version}"` });
      expect(other.status).to.equal(200);

      // Back online in the same page (still signed in): the queue is sent on the browser's online event.
      await browser.context.setOffline(false);
      const panel = page.locator("section.not-applied");
      await panel.getByText("Now on the server (version 2)").waitFor();
      const text = (await panel.textContent()) ?? "";
      expect(text).to.include("Your edit “Pay rent” was not applied");
      expect(text).to.include("Not applied: title “Pay the rent”");
      expect(text).to.include("“Pay rent” · High");
      await eventually(() => listedTitles(page), (t) => t.includes("Pay rent") && !t.includes("Pay the rent"), 10_000, "the server's version listed");
      expect((await api.call("GET", `/tasks/${rent.id}`)).body).to.deep.include({ title: "Pay rent", priority: "high", version: 2 });
      expect(await axeViolations(page)).to.deep.equal([]);
      await screenshot(page, `offline-conflict-${width}`);

      // Not sent again: a new sign-in has nothing waiting, the server is unchanged, and the report is still there until dismissed.
      await signIn(page, browser.appUrl, user, "?view=all");
      await panel.getByText("Your edit “Pay rent” was not applied").waitFor();
      expect(await page.getByText("waiting to be sent").count()).to.equal(0);
      expect((await api.call("GET", `/tasks/${rent.id}`)).body).to.deep.include({ title: "Pay rent", priority: "high", version: 2 });
      await panel.getByRole("button", { name: "Dismiss all" }).click();
      await panel.waitFor({ state: "detached" });
      expectOnlyOwnOrigin(browser);
      await page.close();
    });
  }
});
