/**
 * Lighthouse's accessibility category scores 100 on Today and on a list of
 * 500 tasks. Lighthouse audits the signed-in page as it stands (snapshot
 * mode); the page signs itself in on load (see test/support/lighthouse.ts).
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Browser, Page } from "puppeteer-core";
import { apiAs, target } from "../support/stack.js";
import { failingAudits, launchForLighthouse, lighthouseSnapshot, settledList, signedInPage } from "../support/lighthouse.js";
import { seedTasks } from "../support/seedTasks.js";

describe("web app: Lighthouse accessibility", function () {
  this.timeout(240_000);
  let browser: Browser;
  let page: Page;
  let listId: string;
  const requests: string[] = [];
  const appUrl = target().apiUrl;

  before(async () => {
    const user = `lh-${randomUUID().slice(0, 8)}`;
    const api = await apiAs(user);
    listId = (await api.call("POST", "/lists", { name: "Five hundred" })).body.id as string;
    await seedTasks(api.call, 20, (i) => ({ title: `Today ${i}`, dueAt: new Date(Date.now() + (i - 10) * 600_000).toISOString(), priority: i % 3 ? "none" : "high", tags: ["today"] }));
    await seedTasks(api.call, 500, (i) => ({ title: `Task ${i} of the long list`, listId, tags: [`t${i % 7}`] }));
    browser = await launchForLighthouse();
    page = await signedInPage(browser, user, requests);
  });
  after(async () => {
    await browser?.close();
  });

  const expectFull = async (view: string) => {
    const lhr = await lighthouseSnapshot(page, ["accessibility"]);
    const failing = failingAudits(lhr, "accessibility");
    expect(failing, `accessibility audits failing on ${view}`).to.deep.equal([]);
    expect(lhr.categories.accessibility!.score, `accessibility score on ${view}`).to.equal(1);
  };

  it("scores 100 on Today", async () => {
    await page.goto(`${appUrl}/`);
    await settledList(page, 1);
    await expectFull("Today");
  });

  it("scores 100 on a list of 500 tasks", async () => {
    await page.goto(`${appUrl}/?list=${listId}`);
    await settledList(page, 50);
    await expectFull("the 500-task list");
  });

  it("reached no host but the app's own", () => {
    // Chromium's own pages (chrome://…) and data: URLs are no network traffic.
    const origin = new URL(appUrl).origin;
    const network = requests.filter((u) => /^(https?|wss?):/.test(u));
    expect(network.filter((u) => new URL(u).origin !== origin)).to.deep.equal([]);
  });
});
