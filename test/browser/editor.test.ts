/** The editor's error display, delete with undo, and tag management from the Tags panel. */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { apiAs, eventually } from "../support/stack.js";
import { expectOnlyOwnOrigin, launchBrowser, listedTitles, signIn, type Browser } from "./browser.js";

describe("web app: editor, undo and tags", function () {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it("shows the API's field errors next to their fields", async () => {
    const page = await browser.newPage();
    await signIn(page, browser.appUrl, `editor-${randomUUID().slice(0, 8)}`, "?view=all");
    await page.keyboard.press("n");
    const dialog = page.getByRole("dialog", { name: "New task" });
    await dialog.getByRole("button", { name: "Add reminder" }).click();
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.getByRole("alert").getByText("Please correct the fields marked below.").waitFor();
    const title = dialog.getByLabel("Title");
    expect(await title.getAttribute("aria-invalid")).to.equal("true");
    const describedBy = (await title.getAttribute("aria-describedby"))!;
    expect(await page.locator(`#${describedBy}`).textContent()).to.equal("must not be empty");
    await dialog.getByLabel("Title").fill("Needs a due date");
    await dialog.getByRole("button", { name: "Save" }).click();
    // The domain names the due date as the field a relative reminder needs.
    await page.locator("#f-due-error").waitFor();
    expect(await page.locator("#f-due-error").textContent()).to.match(/reminder relative to the due date/);
    expect(await dialog.getByLabel("Due", { exact: true }).getAttribute("aria-invalid")).to.equal("true");
    await page.keyboard.press("Escape");
    await page.close();
  });

  it("previews the next occurrences the API computes, and snoozes", async () => {
    const user = `recur-${randomUUID().slice(0, 8)}`;
    const api = await apiAs(user);
    const { body: task } = await api.call("POST", "/tasks", {
      title: "Stand-up", dueAt: "2030-01-07T09:00:00Z", timeZone: "UTC", reminders: [{ before: "PT15M" }], recurrence: { rule: "every weekday at 9am" },
    });
    const expected = (await api.call("GET", `/tasks/${task.id}/occurrences?count=5`)).body.items.map((i: any) => i.dueAt);
    const page = await browser.newPage();
    await signIn(page, browser.appUrl, user, "?view=all");
    await page.locator("li.task button.title", { hasText: "Stand-up" }).click();
    const preview = page.getByRole("list", { name: "Next occurrences" });
    await preview.locator("li").first().waitFor();
    expect(await preview.locator("time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime")))).to.deep.equal(expected);

    await page.getByRole("dialog").getByRole("combobox", { name: "Snooze" }).selectOption("PT1H");
    await eventually(async () => (await api.call("GET", `/tasks/${task.id}`)).body.snoozedUntil, (s) => s !== null, 10_000, "the snooze");
    await page.keyboard.press("Escape");
    await eventually(async () => (await page.locator("li.task", { hasText: "Stand-up" }).textContent()) ?? "", (t) => t.includes("Snoozed until"), 10_000, "the snooze on the row");
    await page.close();
  });

  it("deletes to the trash at once, and Undo restores it (the API's restore); a delete left alone stays in the trash", async () => {
    const user = `undo-${randomUUID().slice(0, 8)}`;
    const api = await apiAs(user);
    await api.call("POST", "/tasks", { title: "Keep me" });
    await api.call("POST", "/tasks", { title: "Drop me" });
    const page = await browser.newPage();
    await signIn(page, browser.appUrl, user, "?view=all");
    await eventually(() => listedTitles(page), (t) => t.length === 2, 10_000, "both tasks");
    const titles = async (path: string) => (await api.call("GET", path)).body.items.map((t: any) => t.title as string);

    await page.locator("li.task button.title", { hasText: "Keep me" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await eventually(() => listedTitles(page), (t) => !t.includes("Keep me"), 5000, "the task hidden at once");
    await eventually(() => titles("/trash"), (t) => t.includes("Keep me"), 10_000, "the task in the trash");
    await page.getByRole("status").getByRole("button", { name: "Undo" }).click();
    await eventually(() => listedTitles(page), (t) => t.includes("Keep me"), 10_000, "the task back");
    await eventually(() => titles("/tasks"), (t) => t.includes("Keep me"), 10_000, "restored in the API");
    expect(await titles("/trash")).to.deep.equal([]);

    await page.locator("li.task button.title", { hasText: "Drop me" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await eventually(() => titles("/tasks"), (t) => t.length === 1, 15_000, "the delete to reach the API");
    expect(await titles("/tasks")).to.deep.equal(["Keep me"]);
    expect(await titles("/trash")).to.deep.equal(["Drop me"]);
    await page.close();
  });

  it("undoes an edit with Ctrl+Z through the API's revert (a new version equal to the one before)", async () => {
    const user = `revert-${randomUUID().slice(0, 8)}`;
    const api = await apiAs(user);
    const made = await api.call("POST", "/tasks", { title: "Draft the memo", priority: "low" });
    const page = await browser.newPage();
    await signIn(page, browser.appUrl, user, "?view=all");
    await page.locator("li.task button.title", { hasText: "Draft the memo" }).click();
    await page.getByRole("dialog").getByLabel("Title", { exact: true }).fill("Send the memo");
    await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
    await eventually(() => listedTitles(page), (t) => t.includes("Send the memo"), 10_000, "the edit listed");
    await page.locator("body").press("Control+z");
    const back = await eventually(async () => (await api.call("GET", `/tasks/${made.body.id}`)).body, (t: any) => t.title === "Draft the memo", 10_000, "the edit reverted");
    expect(back).to.deep.include({ priority: "low", version: 3 });
    await eventually(() => listedTitles(page), (t) => t.includes("Draft the memo"), 10_000, "the revert listed");
    await page.close();
  });

  it("renames and deletes a tag across tasks from the Tags panel", async () => {
    const user = `tagui-${randomUUID().slice(0, 8)}`;
    const api = await apiAs(user);
    await api.call("POST", "/tasks", { title: "One", tags: ["errand"] });
    await api.call("POST", "/tasks", { title: "Two", tags: ["errand", "home"] });
    const page = await browser.newPage();
    await signIn(page, browser.appUrl, user, "?view=all");
    await page.getByRole("button", { name: "Tags" }).click();
    await page.getByLabel("New name for errand").fill("chores");
    await page.getByLabel("New name for errand").press("Enter");
    await page.getByText("Renamed #errand to #chores").waitFor();
    await eventually(async () => (await page.locator("li.task").allTextContents()).join(" "), (t) => (t.match(/#chores/g) ?? []).length === 2 && !t.includes("#errand"), 10_000, "the renamed chips");

    await page.getByRole("button", { name: "Delete tag home" }).click();
    await page.getByRole("button", { name: "Remove from 1 task" }).click();
    await page.getByText("Removed #home from every task").waitFor();
    const { body } = await api.call("GET", "/tags");
    expect(body.items).to.deep.equal([{ tag: "chores", count: 2 }]);
    expectOnlyOwnOrigin(browser);
    await page.close();
  });

  it("renames and removes a tag offline: queued, shown on the kept tasks and counts, sent once when back online", async () => {
    const user = `tagoff-${randomUUID().slice(0, 8)}`;
    const api = await apiAs(user);
    const one = (await api.call("POST", "/tasks", { title: "One", tags: ["errand"] })).body;
    await api.call("POST", "/tasks", { title: "Two", tags: ["errand", "home"] });
    const page = await browser.newPage();
    await signIn(page, browser.appUrl, user, "?view=all");
    await eventually(() => listedTitles(page), (t) => t.length === 2, 10_000, "the tasks synced");
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    // The lists kept too (offline, they tell the person's own tasks from others').
    const keptLists = `new Promise((done) => { const open = indexedDB.open("tickler"); open.onsuccess = () => { const get = open.result.transaction("meta").objectStore("meta").get("lists"); get.onsuccess = () => done((get.result ?? []).length); }; })`;
    await eventually(() => page.evaluate(keptLists), (n) => n === 1, 10_000, "the lists kept");

    await browser.context.setOffline(true);
    await page.getByRole("button", { name: "Tags" }).click();
    await page.getByLabel("New name for errand").fill("chores");
    await page.getByLabel("New name for errand").press("Enter");
    await page.getByText("Renamed #errand to #chores (offline: sent when you are back online)").waitFor();
    await page.getByText("Offline: counted over the tasks kept on this device.").waitFor();
    await page.getByRole("button", { name: "Delete tag home" }).click();
    await page.getByRole("button", { name: "Remove from 1 task" }).click();
    await page.getByText("Removed #home from every task (offline: sent when you are back online)").waitFor();
    const chips = async () => (await page.locator("li.task").allTextContents()).join(" ");
    await eventually(chips, (t) => (t.match(/#chores/g) ?? []).length === 2 && !t.includes("#errand") && !t.includes("#home"), 10_000, "the changes on the kept tasks");
    expect(await page.locator(".tag-list li").allTextContents()).to.have.length(1);
    await page.getByText("2 changes waiting to be sent").waitFor();
    expect((await api.call("GET", "/tags")).body.items, "the server, while the app is offline").to.deep.equal([{ tag: "errand", count: 2 }, { tag: "home", count: 1 }]);

    await browser.context.setOffline(false);
    await signIn(page, browser.appUrl, user, "?view=all");
    await eventually(async () => (await api.call("GET", "/tags")).body.items, (items) => JSON.stringify(items) === JSON.stringify([{ tag: "chores", count: 2 }]), 15_000, "the queued changes on the server");
    await eventually(() => page.getByText("waiting to be sent").count(), (n) => n === 0, 10_000, "the queue sent");
    // Sent once: the rename made one version of each task, the removal one more of the task that had the tag.
    expect((await api.call("GET", `/tasks/${one.id}`)).body).to.deep.include({ version: 2, tags: ["chores"] });
    expect(await page.locator(".not-applied").count()).to.equal(0);
    expectOnlyOwnOrigin(browser);
    await page.close();
  });
});
