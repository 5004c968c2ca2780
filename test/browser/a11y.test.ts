/** axe-core on every screen, at desktop and phone widths, with screenshots kept as test artifacts. */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { apiAs } from "../support/stack.js";
import { axeViolations, expectOnlyOwnOrigin, launchBrowser, listedTitles, openMenu, screenshot, signIn, type Browser, type Violation } from "./browser.js";

describe("web app: accessibility and screenshots", function () {
  let browser: Browser;
  let user: string;

  before(async () => {
    user = `a11y-${randomUUID().slice(0, 8)}`;
    const api = await apiAs(user);
    const hour = 3600_000;
    await api.call("POST", "/tasks", { title: "Renew passport", priority: "high", tags: ["admin", "travel"], dueAt: new Date(Date.now() + 30 * hour).toISOString(), reminders: [{ before: "P1D" }] });
    await api.call("POST", "/tasks", { title: "Pay rent", priority: "medium", tags: ["home"], dueAt: new Date(Date.now() - 2 * hour).toISOString() });
    await api.call("POST", "/tasks", { title: "Team sync", priority: "low", tags: ["work"], dueAt: new Date(Date.now() + 3 * hour).toISOString(), recurrence: { rule: "every weekday at 9am" } });
    await api.call("POST", "/tasks", { title: "Buy coffee beans" });
    // A shared list with a member and an invitation still waiting, a task with a comment, and an invitation waiting for this user's answer.
    const mate = await apiAs(`${user}-mate`);
    const family = (await api.call("POST", "/lists", { name: "Family" })).body;
    const inv = (await api.call("POST", `/lists/${family.id}/invitations`, { userId: mate.user, role: "commenter" })).body;
    await mate.call("POST", `/me/invitations/${inv.id}/accept`);
    // One still waiting, so the share dialog shows its Withdraw button.
    await api.call("POST", `/lists/${family.id}/invitations`, { userId: `${user}-later`, role: "viewer" });
    const chore = (await api.call("POST", "/tasks", { title: "Plan the picnic", listId: family.id })).body;
    await mate.call("POST", `/tasks/${chore.id}/comments`, { text: "Saturday works for me" });
    const club = (await mate.call("POST", "/lists", { name: "Chess club" })).body;
    await mate.call("POST", `/lists/${club.id}/invitations`, { userId: user, role: "viewer" });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const [width, scheme] of [[1280, "light"], [375, "light"], [1280, "dark"]] as const) {
    it(`has no serious or critical axe violations on any screen at ${width} px, ${scheme} scheme`, async () => {
      const page = await browser.newPage(width);
      await page.emulateMedia({ colorScheme: scheme });
      const found: Record<string, Violation[]> = {};
      const check = async (screen: string) => {
        found[screen] = await axeViolations(page);
        await screenshot(page, `${screen}-${width}${scheme === "dark" ? "-dark" : ""}`);
      };
      await page.goto(`${browser.appUrl}/`);
      await page.getByLabel("User name").waitFor();
      await check("sign-in");
      await signIn(page, browser.appUrl, user);
      await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
      await listedTitles(page);
      await check("today");
      if (width < 768) {
        await openMenu(page);
        await check("drawer");
        await page.keyboard.press("Escape");
      }
      await page.getByRole("button", { name: "Quick add" }).click();
      await page.keyboard.type("Call the plumber tomorrow 5pm #home !high");
      await page.locator(".quick-mirror mark").first().waitFor();
      await check("quick-add");
      await page.keyboard.press("Escape");
      if (width < 768) await openMenu(page);
      await page.getByRole("link", { name: "Upcoming" }).click();
      await page.getByRole("heading", { name: "Upcoming", level: 1 }).waitFor();
      await listedTitles(page);
      await check("upcoming");
      if (width < 768) await openMenu(page);
      await page.getByRole("link", { name: "All tasks" }).click();
      await page.getByRole("heading", { name: "All tasks", level: 1 }).waitFor();
      await listedTitles(page);
      await check("list");
      await page.getByRole("button", { name: "New task" }).click();
      await check("new-task");
      await page.keyboard.press("Escape");
      await page.locator("li.task button.title", { hasText: "Team sync" }).click();
      await page.getByRole("dialog").getByText("History").click();
      await page.getByRole("dialog").locator(".timeline li").first().waitFor();
      await check("edit-task");
      await page.keyboard.press("Escape");
      if (width < 768) await openMenu(page);
      await page.getByRole("button", { name: "Tags" }).click();
      await page.getByRole("main").getByRole("heading", { name: "Tags" }).waitFor();
      await check("tags");
      if (width < 768) await openMenu(page);
      await page.getByRole("button", { name: "Reminders" }).click();
      await page.getByRole("heading", { name: "Reminders" }).waitFor();
      await check("inbox");
      if (width < 768) await openMenu(page);
      await page.getByRole("button", { name: "Trash", exact: true }).click();
      await page.getByRole("heading", { name: "Trash" }).waitFor();
      await check("trash");
      if (width < 768) await openMenu(page);
      await page.getByRole("button", { name: /^Invitations/ }).click();
      await page.getByRole("button", { name: "Accept Chess club" }).waitFor();
      await check("invitations");
      if (width < 768) await openMenu(page);
      await page.getByRole("link", { name: "Family (shared)" }).click();
      await page.getByRole("heading", { name: "Family", level: 1 }).waitFor();
      await page.getByRole("button", { name: "Share “Family”" }).click();
      await page.getByRole("dialog", { name: "Share “Family”" }).getByRole("combobox", { name: /^Role of/ }).waitFor();
      await page.getByRole("dialog", { name: "Share “Family”" }).getByRole("button", { name: /^Withdraw the invitation of/ }).waitFor();
      await check("share");
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "Activity" }).click();
      await page.getByRole("list", { name: "Changes, newest first" }).locator("li").first().waitFor();
      await check("activity");
      await page.locator("li.task button.title", { hasText: "Plan the picnic" }).click();
      await page.getByRole("dialog").getByText("Saturday works for me").waitFor();
      await check("comments");
      await page.keyboard.press("Escape");
      const report = Object.entries(found).flatMap(([screen, vs]) => vs.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
      expect(report).to.deep.equal([]);
      // Nothing is cut off at phone width: the page does not scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).to.equal(true);
      expectOnlyOwnOrigin(browser);
      await page.close();
    });
  }
});
