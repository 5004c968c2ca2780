/**
 * Installable and usable offline: the manifest and icons are served under the
 * strict CSP, the service worker caches the app shell, and with the network
 * gone the app starts from it showing the tasks last synced; an add and a
 * completion made offline are queued (the add with its Idempotency-Key),
 * survive a reload, and reach the server exactly once when it is back.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { apiAs, eventually } from "../support/stack.js";
import { expectOnlyOwnOrigin, launchBrowser, listedTitles, screenshot, signIn, type Browser } from "./browser.js";

describe("web app: installable and offline", function () {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it("serves a manifest with 192 and 512 px PNG icons, and a same-origin service worker, under the CSP", async () => {
    const res = await fetch(`${browser.appUrl}/manifest.webmanifest`);
    expect(res.status).to.equal(200);
    expect(res.headers.get("content-security-policy")).to.include("script-src 'self'");
    const manifest = (await res.json()) as { start_url: string; display: string; icons: { src: string; sizes: string }[] };
    expect(manifest).to.deep.include({ start_url: "/", display: "standalone" });
    expect(manifest.icons.map((i) => i.sizes)).to.deep.equal(["192x192", "512x512"]);
    for (const icon of manifest.icons) {
      const png = Buffer.from(await (await fetch(`${browser.appUrl}${icon.src}`)).arrayBuffer());
      expect(png.subarray(1, 4).toString("ascii")).to.equal("PNG");
      expect(png.readUInt32BE(16)).to.equal(Number(icon.sizes.split("x")[0]));
    }
    const sw = await fetch(`${browser.appUrl}/sw.js`);
    expect(sw.status).to.equal(200);
    expect(sw.headers.get("content-type")).to.match(/javascript/);
    expect(sw.headers.get("cache-control")).to.equal("no-cache");
  });

  for (const width of [1280, 375]) {
    it(`at ${width} px: offline, an add and a completion are queued, survive a reload, and reach the server once when back online`, async () => {
      const user = `offline-${width}-${randomUUID().slice(0, 8)}`;
      const api = await apiAs(user);
      await api.call("POST", "/tasks", { title: "Water the plants" });
      await api.call("POST", "/tasks", { title: "Read the letter" });
      const page = await browser.newPage(width);
      await signIn(page, browser.appUrl, user, "?view=all");
      await eventually(() => listedTitles(page), (t) => t.length === 2, 10_000, "both tasks synced");
      // The shell is cached once the worker is active.
      await page.evaluate(async () => { await navigator.serviceWorker.ready; });

      await browser.context.setOffline(true);
      await page.locator("body").press("q");
      await page.keyboard.type("Buy stamps");
      await page.keyboard.press("Enter");
      await page.locator(".toast", { hasText: "Saved offline: add “Buy stamps”" }).waitFor();
      await page.locator("li.task", { hasText: "Water the plants" }).getByRole("checkbox").click();
      await page.locator(".toast", { hasText: "Saved offline: complete “Water the plants”" }).waitFor();
      await eventually(() => listedTitles(page), (t) => t.includes("Buy stamps") && !t.includes("Water the plants"), 10_000, "the offline changes shown");

      // A reload without the network: the shell from the worker, the tasks from IndexedDB, the queue kept.
      await page.reload();
      await page.getByText("2 changes waiting to be sent").waitFor();
      expect(await eventually(() => listedTitles(page), (t) => t.length === 2, 10_000, "the kept tasks")).to.have.members(["Buy stamps", "Read the letter"]);
      await screenshot(page, `offline-${width}`);
      expect((await api.call("GET", "/tasks?q=stamps")).body.items).to.deep.equal([]);

      await browser.context.setOffline(false);
      await signIn(page, browser.appUrl, user, "?view=all");
      await eventually(async () => (await api.call("GET", "/tasks?status=all&limit=100")).body.items.map((t: any) => `${t.title}:${t.status}`).sort(),
        (t) => JSON.stringify(t) === JSON.stringify(["Buy stamps:open", "Read the letter:open", "Water the plants:completed"]), 15_000, "the queued changes on the server");
      await eventually(() => listedTitles(page), (t) => t.includes("Buy stamps") && !t.includes("Water the plants"), 10_000, "the list from the server");
      // Sent once: another sign-in finds nothing left to send, and the server has one "Buy stamps".
      await signIn(page, browser.appUrl, user, "?view=all");
      await eventually(() => listedTitles(page), (t) => t.length === 2, 10_000, "the list again");
      expect(await page.getByText("waiting to be sent").count()).to.equal(0);
      expect((await api.call("GET", "/tasks?q=stamps&status=all")).body.items).to.have.length(1);
      expectOnlyOwnOrigin(browser);
      await page.close();
    });
  }
});
