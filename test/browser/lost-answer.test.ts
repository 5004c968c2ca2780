/**
 * A write whose answer is lost (issues 24, 27): the request reached the
 * server and was applied, but the browser saw only a dropped connection. The
 * app queues it as it queues an offline change, with the first attempt's
 * Idempotency-Key (ADR 0018), so sending it again is answered as a replay:
 * one change on the server, nothing reported as not applied. Here a move by
 * the keyboard (Alt+↓, a PATCH with If-Match); without the same key its
 * resend would find the version moved and be refused with 412.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { apiAs, eventually } from "../support/stack.js";
import { launchBrowser, listedTitles, signIn, type Browser } from "./browser.js";

describe("web app: a write whose answer was lost is sent again with its key and applied once", function () {
  let browser: Browser;
  before(async () => {
    // No service worker: page.route does not see a worker's requests.
    browser = await launchBrowser({ serviceWorkers: "block" });
  });
  after(async () => {
    await browser?.close();
  });

  it("a keyboard move applied on the server, its answer dropped, is queued with the same key and answered as a replay", async () => {
    const user = `lost-${randomUUID().slice(0, 8)}`;
    const api = await apiAs(user);
    const listId = (await api.call("POST", "/lists", { name: "Errands" })).body.id as string;
    const made = [];
    for (const title of ["Bank", "Bakery", "Post office"]) made.push((await api.call("POST", "/tasks", { title, listId })).body);
    const bank = made[0]!;
    const query = `?list=${listId}&sort=position`;

    const page = await browser.newPage(1280);
    await signIn(page, browser.appUrl, user, query);
    await eventually(() => listedTitles(page), (t) => t.length === 3, 10_000, "the list");

    // The first PATCH of "Bank" goes to the real server (applied there); the browser gets a dropped connection.
    const keys: string[] = [];
    let dropped = false;
    await page.route((url) => url.pathname === `/api/v1/tasks/${bank.id}`, async (route) => {
      if (route.request().method() !== "PATCH" || dropped) return route.fallback();
      dropped = true;
      keys.push(route.request().headers()["idempotency-key"] ?? "");
      const applied = await route.fetch();
      expect(applied.status(), "applied on the server").to.equal(200);
      await route.abort("connectionreset");
    });
    await page.locator("li.task", { hasText: "Bank" }).locator("button.title").focus();
    await page.keyboard.press("Alt+ArrowDown");
    await page.locator(".toast", { hasText: "Saved offline: move “Bank”" }).waitFor();
    const afterFirst = (await api.call("GET", `/tasks/${bank.id}`)).body;
    expect(afterFirst.version, "the first attempt was applied").to.equal(bank.version + 1);
    await page.unroute((url) => url.pathname === `/api/v1/tasks/${bank.id}`);

    // Signed in again, the app sends its queue: the same key, answered as a replay.
    page.on("request", (r) => { if (r.method() === "PATCH" && new URL(r.url()).pathname === `/api/v1/tasks/${bank.id}`) keys.push(r.headers()["idempotency-key"] ?? ""); });
    const replayed = page.waitForResponse((r) => r.request().method() === "PATCH" && new URL(r.url()).pathname === `/api/v1/tasks/${bank.id}`);
    await signIn(page, browser.appUrl, user, query);
    const answer = await replayed;
    expect(answer.status()).to.equal(200);
    expect(answer.headers()["idempotent-replayed"]).to.equal("true");
    expect(keys).to.have.length(2);
    expect(keys[0], "a key on the first attempt").to.match(/\S/);
    expect(keys[1], "the queued resend carries the first attempt's key").to.equal(keys[0]);
    await page.getByText("waiting to be sent").waitFor({ state: "detached" });
    expect(await page.locator(".not-applied").count(), "nothing reported as not applied").to.equal(0);

    // One change on the server: the version moved once, and the history has one update.
    const now = (await api.call("GET", `/tasks/${bank.id}`)).body;
    expect(now.version).to.equal(bank.version + 1);
    expect(now.position).to.equal(afterFirst.position);
    const later = async () => ((await api.call("GET", `/tasks/${bank.id}/history`)).body.items as { version: number }[]).filter((h) => h.version > bank.version);
    expect(await eventually(later, (h) => h.length >= 1, 10_000, "the move audited"), "one audited change").to.have.length(1);
    await page.close();
  });
});
