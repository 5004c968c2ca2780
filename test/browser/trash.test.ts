/**
 * The trash from the web app (issue 24): a task deleted elsewhere is in the
 * Trash panel with the day it goes for good, and Restore brings it back to
 * its list, where the app shows it again.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { apiAs } from "../support/stack.js";
import { expectOnlyOwnOrigin, launchBrowser, listedTitles, signIn, type Browser } from "./browser.js";

describe("web app: the trash", function () {
  let browser: Browser;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it("lists what was deleted and restores a task to its list", async () => {
    const user = `bin-${randomUUID().slice(0, 8)}`;
    const api = await apiAs(user);
    const kept = await api.call("POST", "/tasks", { title: "Water the plants" });
    const gone = await api.call("POST", "/tasks", { title: "Return the library book" });
    expect((await api.call("DELETE", `/tasks/${gone.body.id}`)).status).to.equal(204);

    const page = await browser.newPage(1280);
    await signIn(page, browser.appUrl, user, "?view=all");
    expect(await listedTitles(page)).to.deep.equal([kept.body.title]);
    await page.getByRole("button", { name: "Trash", exact: true }).click();
    await page.getByRole("heading", { name: "Trash" }).waitFor();
    const row = page.getByRole("list", { name: "Deleted tasks" }).locator("li", { hasText: "Return the library book" });
    await row.waitFor();
    const until = await row.locator("time").nth(1).getAttribute("datetime");
    expect(Date.parse(until!) - Date.now(), "kept about 30 days").to.be.within(29 * 86_400_000, 30 * 86_400_000 + 60_000);

    await page.getByRole("button", { name: "Restore Return the library book" }).click();
    await row.waitFor({ state: "detached" });
    await page.getByRole("status").filter({ hasText: "Restored" }).waitFor();
    expect((await api.call("GET", `/tasks/${gone.body.id}`)).status, "back in its list").to.equal(200);
    await page.locator("section.panel").getByRole("button", { name: "Close" }).click();
    await page.locator("ul.tasks li.task button.title", { hasText: "Return the library book" }).waitFor();
    expect((await listedTitles(page)).sort()).to.deep.equal(["Return the library book", "Water the plants"]);
    expectOnlyOwnOrigin(browser);
    await page.close();
  });
});
