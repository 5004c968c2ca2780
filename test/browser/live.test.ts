/** Two pages of one user: a change in one appears in the other without reload; concurrent edits end in the conflict message. */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Page } from "playwright-core";
import { apiAs, eventually } from "../support/stack.js";
import { expectOnlyOwnOrigin, launchBrowser, listedTitles, signIn, type Browser } from "./browser.js";

describe("web app: two pages at once", function () {
  let browser: Browser;
  let first: Page;
  let second: Page;
  let user: string;

  before(async () => {
    user = `live-${randomUUID().slice(0, 8)}`;
    browser = await launchBrowser();
    first = await browser.newPage();
    second = await browser.newPage();
    await signIn(first, browser.appUrl, user, "?view=all");
    await signIn(second, browser.appUrl, user, "?view=all");
    // Both pages are connected to the live stream.
    for (const page of [first, second]) await page.getByText("Live updates on").waitFor({ state: "attached" });
  });
  after(async () => {
    await browser?.close();
  });

  it("a task created in one page appears in the other without a reload", async () => {
    // The page in front acts (a background tab's animation frames are throttled, which slows clicks, not the app).
    await first.bringToFront();
    await first.getByRole("button", { name: "New task" }).click();
    await first.getByRole("dialog").getByLabel("Title").fill("Seen elsewhere");
    const created = first.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/tasks");
    await first.getByRole("dialog").getByRole("button", { name: "Save" }).click();
    await created;
    const saved = Date.now();
    await eventually(() => listedTitles(second), (t) => t.includes("Seen elsewhere"), 10_000, "the task in the other page");
    process.stdout.write(`      appeared in the other page ${Date.now() - saved} ms after the create was answered (target: within 1 s)\n`);
  });

  it("a change made by another client (the API) shows up too", async () => {
    const api = await apiAs(user);
    const { body } = await api.call("GET", "/tasks?q=Seen%20elsewhere");
    await api.call("PATCH", `/tasks/${body.items[0].id}`, { priority: "high", tags: ["remote"] });
    await eventually(async () => (await second.locator("li.task", { hasText: "Seen elsewhere" }).textContent()) ?? "", (t) => t.includes("#remote"), 10_000, "the remote edit");
  });

  it("the second of two concurrent edits gets the conflict message with the newer version", async () => {
    for (const page of [first, second]) {
      await page.bringToFront();
      await page.locator("li.task button.title", { hasText: "Seen elsewhere" }).click();
      await page.getByRole("dialog", { name: "Edit task" }).waitFor();
    }
    await first.bringToFront();
    await first.getByRole("dialog").getByLabel("Title").fill("Seen elsewhere, renamed in the first page");
    await first.getByRole("dialog").getByRole("button", { name: "Save" }).click();
    await first.getByRole("dialog").waitFor({ state: "detached" });

    await second.bringToFront();
    const dialog = second.getByRole("dialog");
    await dialog.getByLabel("Notes").fill("edited in the second page");
    await dialog.getByRole("button", { name: "Save" }).click();
    const alert = dialog.getByRole("alert");
    await alert.getByText("This task changed elsewhere.").waitFor();
    expect(await alert.textContent()).to.include("Seen elsewhere, renamed in the first page").and.include("version 3");

    // Taking the newer version and saving again succeeds.
    await dialog.getByRole("button", { name: "Use the newer version" }).click();
    expect(await dialog.getByLabel("Title").inputValue()).to.equal("Seen elsewhere, renamed in the first page");
    await dialog.getByLabel("Notes").fill("edited in the second page");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });
    const api = await apiAs(user);
    const { body } = await api.call("GET", "/tasks");
    expect(body.items[0]).to.include({ title: "Seen elsewhere, renamed in the first page", description: "edited in the second page", version: 4 });
    expectOnlyOwnOrigin(browser);
  });
});
