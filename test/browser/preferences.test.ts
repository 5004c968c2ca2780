/**
 * Notification preferences from the web app (issues 23, 24): the Reminders
 * panel's Preferences form reads GET /me/preferences and saves with PUT; a
 * refusal is shown under its field and changes nothing. At 1280 and 375 px;
 * the API is the oracle.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Page } from "playwright-core";
import { apiAs, eventually } from "../support/stack.js";
import { expectOnlyOwnOrigin, launchBrowser, openMenu, signIn, type Browser } from "./browser.js";

describe("web app: notification preferences", function () {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  async function openPreferences(page: Page, width: number) {
    if (width < 768) await openMenu(page);
    await page.getByRole("button", { name: "Reminders" }).click();
    await page.getByRole("heading", { name: "Preferences" }).waitFor();
    await page.getByLabel("Email address").waitFor();
  }

  for (const width of [1280, 375]) {
    it(`at ${width} px: sets zone, email, channels, quiet hours, digest and default reminders; turns assignment notices off`, async () => {
      const user = `prefs-${width}-${randomUUID().slice(0, 8)}`;
      const api = await apiAs(user);
      let page = await browser.newPage(width);
      await signIn(page, browser.appUrl, user);
      await openPreferences(page, width);

      await page.getByLabel("Time zone (quiet hours, digest and “today”)").fill("Europe/Berlin");
      await page.getByLabel("Email address").fill(`${user}@example.com`);
      await page.getByLabel("Reminders by email").check();
      await page.getByLabel("Reminders by webhook").uncheck();
      await page.getByLabel("Tell me when a task is assigned to me").uncheck();
      await page.getByLabel("Quiet hours (reminders wait until they end)").check();
      await page.getByLabel("From", { exact: true }).fill("22:30");
      await page.getByLabel("Until", { exact: true }).fill("06:45");
      await page.getByLabel("A daily digest of the day's tasks").check();
      await page.getByLabel("At", { exact: true }).fill("07:15");
      await page.getByRole("checkbox", { name: "15 minutes before" }).check();
      await page.getByRole("checkbox", { name: "1 day before" }).check();
      await page.getByRole("button", { name: "Save preferences" }).click();
      await page.getByRole("status").filter({ hasText: `A confirmation link went to ${user}@example.com` }).waitFor();

      const saved = (await api.call("GET", "/me/preferences")).body;
      expect(saved).to.deep.include({
        timeZone: "Europe/Berlin", email: `${user}@example.com`, emailConfirmed: false,
        quietHours: { start: "22:30", end: "06:45" }, digestTime: "07:15", defaultReminders: ["PT15M", "P1D"],
      });
      expect(saved.channels).to.deep.equal({ reminders: ["email", "inbox"], digest: ["inbox"], assignments: [] });
      // The address waits for its link, and the form says so.
      await page.getByText(`${user}@example.com waits for its confirmation link`).waitFor();

      // Read back in a fresh page: the form shows what is stored.
      await page.close();
      page = await browser.newPage(width);
      await signIn(page, browser.appUrl, user);
      await openPreferences(page, width);
      expect(await page.getByLabel("Time zone (quiet hours, digest and “today”)").inputValue()).to.equal("Europe/Berlin");
      expect(await page.getByLabel("Reminders by email").isChecked()).to.equal(true);
      expect(await page.getByLabel("Tell me when a task is assigned to me").isChecked()).to.equal(false);
      expect(await page.getByRole("checkbox", { name: "1 day before" }).isChecked()).to.equal(true);
      expectOnlyOwnOrigin(browser);
      await page.close();
    });

    it(`at ${width} px: a refused value is shown under its field and nothing is stored`, async () => {
      const user = `prefs-bad-${width}-${randomUUID().slice(0, 8)}`;
      const api = await apiAs(user);
      const before = (await api.call("GET", "/me/preferences")).body;
      const page = await browser.newPage(width);
      await signIn(page, browser.appUrl, user);
      await openPreferences(page, width);

      await page.getByLabel("Time zone (quiet hours, digest and “today”)").fill("Mars/Olympus_Mons");
      await page.getByRole("button", { name: "Save preferences" }).click();
      await page.getByRole("alert").filter({ hasText: "Please correct the fields marked below." }).waitFor();
      const zone = page.getByLabel("Time zone (quiet hours, digest and “today”)");
      await eventually(() => zone.getAttribute("aria-invalid"), (v) => v === "true", 5000, "the zone marked invalid");
      expect(await page.locator("#p-zone-error").textContent()).to.be.a("string").and.not.equal("");

      // Email channels without an address: refused under the address.
      await zone.fill("UTC");
      await page.getByLabel("Daily digest by email").check();
      await page.getByRole("button", { name: "Save preferences" }).click();
      await page.locator("#p-email-error", { hasText: "an email channel needs an email address" }).waitFor();
      expect((await api.call("GET", "/me/preferences")).body, "nothing stored").to.deep.equal(before);
      await page.close();
    });
  }
});
