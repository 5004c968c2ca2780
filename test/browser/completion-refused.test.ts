/**
 * A completion the server refuses (issue 24): the checkbox shows the change at
 * once (optimistic), so when the API says no the app must put the row back as
 * it was and say why, in the API's own words, with nothing changed on the
 * server. Two real refusals, each made by another member through the API: the
 * user was made a viewer of the shared list meanwhile (403), and the task was
 * deleted meanwhile (404). At 1280 and 375 px, the API as the oracle.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Page } from "playwright-core";
import { join } from "../support/sharing.js";
import { apiAs, eventually } from "../support/stack.js";
import { expectOnlyOwnOrigin, launchBrowser, listedTitles, signIn, type Browser } from "./browser.js";

type Api = Awaited<ReturnType<typeof apiAs>>;

describe("web app: a completion the server refuses is rolled back and explained", function () {
  let browser: Browser;
  before(async () => {
    // No service worker: this spec holds back the live stream with page.route, which does not see a worker's requests.
    browser = await launchBrowser({ serviceWorkers: "block" });
  });
  after(async () => {
    await browser?.close();
  });

  /** The owner's shared list with two tasks, the member an editor of it, signed in on the list. */
  async function sharedList(width: number, page: Page) {
    const suffix = randomUUID().slice(0, 8);
    const owner = await apiAs(`ada-${width}-${suffix}`);
    const member = await apiAs(`bob-${width}-${suffix}`);
    const listId = (await owner.call("POST", "/lists", { name: "Family chores" })).body.id as string;
    const bins = (await owner.call("POST", "/tasks", { title: "Take out the bins", listId })).body;
    const plants = (await owner.call("POST", "/tasks", { title: "Water the plants", listId })).body;
    await join(owner, listId, member, "editor");
    await signIn(page, browser.appUrl, member.user, `?list=${listId}`);
    await eventually(() => listedTitles(page), (t) => t.length === 2, 10_000, "the shared list's tasks");
    // The lists (with the member's role) are read apart from the tasks: read after the role change below, they
    // would tell the app the member is a viewer before the click (a CI run's flake: the checkbox was disabled).
    await eventually(async () => (await page.locator("#sidebar").textContent()) ?? "", (t) => t.includes("Family chores"), 10_000, "the list in the sidebar");
    return { owner, member, listId, bins, plants };
  }

  /** The member's own completion through the API, refused as the app's was: the problem's detail the toast must carry. */
  async function refusalOf(member: Api, taskId: string, status: number): Promise<string> {
    const refused = await member.call("POST", `/tasks/${taskId}/complete`);
    expect(refused.status, JSON.stringify(refused.body)).to.equal(status);
    expect(refused.body.detail, "the problem names why").to.be.a("string").and.not.equal("");
    return refused.body.detail as string;
  }

  for (const width of [1280, 375]) {
    it(`at ${width} px: made a viewer meanwhile, the completion is refused; the row is open again and a toast says why`, async () => {
      const page = await browser.newPage(width);
      // The page must not hear of the role change before the click (as a phone whose live stream has dropped):
      // otherwise the app knows the member is a viewer and offers no checkbox to click (read-only.test.ts).
      await page.route((url) => url.pathname === "/api/v1/stream", (route) => route.abort());
      const { owner, member, listId, bins } = await sharedList(width, page);
      // The owner makes the member a viewer while their page still shows the list as an editor's.
      const changed = await owner.call("PATCH", `/lists/${listId}/members/${encodeURIComponent(member.user)}`, { role: "viewer" });
      expect(changed.status, JSON.stringify(changed.body)).to.equal(200);

      const box = page.locator("li.task", { hasText: "Take out the bins" }).getByRole("checkbox");
      await box.click();
      const toast = page.locator(".toast", { hasText: "Could not change “Take out the bins”" });
      await toast.waitFor();
      // Rolled back: the row is there, open, unchecked (and stays so once the list is read again).
      await eventually(() => box.isChecked(), (checked) => !checked, 5000, "the checkbox unchecked again");
      expect(await page.locator("li.task", { hasText: "Take out the bins" }).getAttribute("class")).not.to.include("done");
      const detail = await refusalOf(member, bins.id, 403);
      expect(await toast.textContent()).to.include(detail);
      // Nothing changed on the server, and no Undo offered for a change that did not happen.
      expect((await owner.call("GET", `/tasks/${bins.id}`)).body).to.deep.include({ status: "open", version: bins.version, completedAt: null });
      expect(await toast.getByRole("button", { name: "Undo" }).count()).to.equal(0);
      await eventually(() => listedTitles(page), (t) => t.includes("Take out the bins"), 5000, "still listed");
      expect(await box.isChecked()).to.equal(false);
      expectOnlyOwnOrigin(browser);
      await page.close();
    });

    it(`at ${width} px: deleted by another member meanwhile, the completion is refused; a toast says why and the list shows the server's state (the task gone)`, async () => {
      const page = await browser.newPage(width);
      // The page must not hear of the delete before the click (as a phone whose live stream has dropped):
      // otherwise the stream takes the row away within a second and there is nothing to click. Only the
      // stream is held back; the completion reaches the real server, whose refusal the app gets.
      await page.route((url) => url.pathname === "/api/v1/stream", (route) => route.abort());
      const { owner, member, plants } = await sharedList(width, page);
      expect((await owner.call("DELETE", `/tasks/${plants.id}`)).status).to.be.oneOf([200, 204]);

      const row = page.locator("li.task", { hasText: "Water the plants" });
      // The app's completion request and its answer, watched (not altered) to see the refusal come back.
      const answered = page.waitForResponse((r) => r.url().endsWith(`/api/v1/tasks/${plants.id}/complete`) && r.request().method() === "POST");
      await row.getByRole("checkbox").click();
      expect((await answered).status()).to.equal(404);
      const toast = page.locator(".toast", { hasText: "Could not change “Water the plants”" });
      await toast.waitFor();
      const detail = await refusalOf(member, plants.id, 404);
      expect(await toast.textContent()).to.include(detail);
      // The list is read again after the refusal: the task is gone from it, and the other stays as it was.
      await eventually(() => listedTitles(page), (t) => JSON.stringify(t) === JSON.stringify(["Take out the bins"]), 10_000, "the deleted task gone from the list");
      expect(await page.locator("li.task", { hasText: "Take out the bins" }).getByRole("checkbox").isChecked()).to.equal(false);
      // Nothing changed on the server: the task is in the owner's trash as it was deleted, not completed.
      const trashed = ((await owner.call("GET", "/trash")).body.items as { id: string; status: string; version: number }[]).find((t) => t.id === plants.id);
      expect(trashed, "in the owner's trash").to.not.equal(undefined);
      expect(trashed!.status).to.equal("open");
      await page.close();
    });
  }
});
