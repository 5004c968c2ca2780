/** The web app in Chromium: sign in, create a task whose reminder fires as a toast, a keyboard-only flow. */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { apiAs, eventually } from "../support/stack.js";
import { expectOnlyOwnOrigin, launchBrowser, listedTitles, signIn, type Browser } from "./browser.js";

describe("web app: tasks in the browser", function () {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it("signs in with the development sign-in and keeps the token out of URLs and storage", async () => {
    const user = `web-${randomUUID().slice(0, 8)}`;
    const page = await browser.newPage();
    await signIn(page, browser.appUrl, user, "?view=all");
    await page.getByRole("button", { name: `Sign out ${user}` }).waitFor();
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    expect(stored).to.not.match(/eyJ/);
    expect(browser.requests.filter((u) => /eyJ|token=/.test(u))).to.deep.equal([]);
    await page.close();
  });

  it("creates a task with a reminder 5 s ahead and shows the toast (and a browser notification) when it fires", async () => {
    const user = `web-${randomUUID().slice(0, 8)}`;
    await browser.context.grantPermissions(["notifications"], { origin: browser.appUrl });
    const page = await browser.newPage();
    // Records the notifications the app shows (headless Chromium has no notification centre to look at).
    await page.addInitScript(() => {
      const shown: string[] = [];
      (window as any).shownNotifications = shown;
      const Original = window.Notification;
      window.Notification = class extends Original {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push(`${title}: ${options?.body ?? ""}`);
        }
      } as typeof Notification;
    });
    await signIn(page, browser.appUrl, user, "?view=all");
    await page.getByRole("button", { name: "New task" }).click();
    const dialog = page.getByRole("dialog", { name: "New task" });
    await dialog.getByLabel("Title").fill("Call the dentist");
    await dialog.getByRole("combobox", { name: "Priority" }).selectOption("high");
    await dialog.getByLabel("Tags (comma separated)").fill("health, calls");
    await dialog.getByRole("button", { name: "Add reminder" }).click();
    await dialog.getByRole("combobox", { name: "Reminder 1 kind" }).selectOption("at");
    // The page runs in UTC, the task's zone defaults to the browser's: the wall clock is UTC.
    const at = new Date(Date.now() + 5000).toISOString().slice(0, 19);
    await dialog.getByLabel("Reminder 1 at").fill(at);
    await dialog.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").getByText("Created “Call the dentist”").waitFor();

    const row = page.locator("li.task", { hasText: "Call the dentist" });
    await row.waitFor();
    expect(await row.textContent()).to.include("High").and.to.include("#health").and.to.include("1 reminder");
    await page.getByRole("status").getByText("Reminder: Call the dentist").waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => (window as any).shownNotifications)).to.deep.equal(["Tickler reminder: Call the dentist"]);

    const api = await apiAs(user);
    const { body } = await api.call("GET", "/tasks");
    expect(body.items.map((t: any) => [t.title, t.priority, t.tags])).to.deep.equal([["Call the dentist", "high", ["health", "calls"]]]);
    expectOnlyOwnOrigin(browser);
    await page.close();
  });

  it("works from the keyboard alone: n, type, Enter saves, j selects, x completes", async () => {
    const user = `web-${randomUUID().slice(0, 8)}`;
    const api = await apiAs(user);
    await api.call("POST", "/tasks", { title: "Older task" });
    const page = await browser.newPage();
    await signIn(page, browser.appUrl, user, "?view=all");
    await listedTitles(page);
    await page.locator("body").focus();

    await page.keyboard.press("n");
    await page.getByRole("dialog", { name: "New task" }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal("f-title");
    await page.keyboard.type("Water the plants");
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText("Created “Water the plants”").waitFor();
    await eventually(() => listedTitles(page), (t) => t[0] === "Water the plants", 10_000, "the new task on top");

    await page.keyboard.press("j");
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal("Water the plants");
    await page.keyboard.press("x");
    await page.getByRole("status").getByText("Completed “Water the plants”").waitFor();
    await eventually(() => listedTitles(page), (t) => !t.includes("Water the plants"), 10_000, "the completed task to leave the open list");
    const { body } = await api.call("GET", "/tasks?status=completed");
    expect(body.items.map((t: any) => t.title)).to.deep.equal(["Water the plants"]);

    await page.keyboard.press("/");
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal("search");
    await page.keyboard.press("Escape");
    await page.keyboard.press("n");
    await page.getByRole("dialog").waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    expectOnlyOwnOrigin(browser);
    await page.close();
  });
});
