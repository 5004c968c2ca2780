/**
 * A viewer's or commenter's tasks are read-only in the app (issue 24): the
 * access policy's own rule (src/domain/access.ts) decides, so the app offers
 * no change the API would refuse. The checkbox is disabled, rows do not drag,
 * `x` completes nothing, and the details pane shows the fields disabled with
 * no Save, Complete, Snooze or Delete (a commenter still comments). A role
 * change reaches the open page through the live stream: made an editor, the
 * checkbox works. At 1280 and 375 px; the API is the oracle.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { join } from "../support/sharing.js";
import { apiAs, eventually } from "../support/stack.js";
import { expectOnlyOwnOrigin, launchBrowser, listedTitles, signIn, type Browser } from "./browser.js";

describe("web app: a viewer's and a commenter's tasks are read-only", function () {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const width of [1280, 375]) {
    it(`at ${width} px: a viewer cannot complete, drag or edit; made an editor, the checkbox works`, async () => {
      const suffix = randomUUID().slice(0, 8);
      const owner = await apiAs(`ona-${width}-${suffix}`);
      const viewer = await apiAs(`vic-${width}-${suffix}`);
      const listId = (await owner.call("POST", "/lists", { name: "Shopping" })).body.id as string;
      const milk = (await owner.call("POST", "/tasks", { title: "Buy milk", listId, tags: ["dairy"] })).body;
      await join(owner, listId, viewer, "viewer");

      const page = await browser.newPage(width);
      await signIn(page, browser.appUrl, viewer.user, `?list=${listId}&sort=position`);
      await eventually(() => listedTitles(page), (t) => t.includes("Buy milk"), 10_000, "the shared task listed");
      const row = page.locator("li.task", { hasText: "Buy milk" });
      const box = row.getByRole("checkbox");
      await eventually(() => box.isDisabled(), (d) => d, 10_000, "the checkbox disabled for a viewer");
      expect(await row.getAttribute("draggable")).to.equal("false");
      expect(await row.locator(".grip").count(), "no drag handle").to.equal(0);

      // The keyboard's complete (`x` on the selected row) says why and sends nothing.
      await row.locator("button.title").focus();
      await page.keyboard.press("x");
      await page.locator(".toast", { hasText: "Read-only" }).waitFor();

      // The details pane: fields disabled, no Save and no task actions.
      await row.locator("button.title").click();
      const pane = page.getByRole("dialog", { name: "Task" });
      await pane.getByRole("status").filter({ hasText: "you are a viewer of “Shopping”" }).waitFor();
      expect(await pane.getByLabel("Title").isDisabled()).to.equal(true);
      expect(await pane.getByLabel("Title").inputValue()).to.equal("Buy milk");
      expect(await pane.getByRole("button", { name: "Save" }).count()).to.equal(0);
      expect(await pane.getByRole("button", { name: /^(Complete|Delete|Snooze)$/ }).count()).to.equal(0);
      expect(await pane.getByLabel("Add a comment").count(), "a viewer does not comment").to.equal(0);
      await pane.getByRole("button", { name: "Close" }).click();

      // Nothing changed on the server.
      expect((await owner.call("GET", `/tasks/${milk.id}`)).body).to.deep.include({ status: "open", version: milk.version });

      // Made an editor, the open page hears of it and the checkbox completes the task.
      const changed = await owner.call("PATCH", `/lists/${listId}/members/${encodeURIComponent(viewer.user)}`, { role: "editor" });
      expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
      await eventually(() => box.isDisabled(), (d) => !d, 10_000, "the checkbox enabled for an editor");
      await box.click();
      await eventually(async () => (await owner.call("GET", `/tasks/${milk.id}`)).body.status, (s) => s === "completed", 10_000, "completed by the new editor");
      expectOnlyOwnOrigin(browser);
      await page.close();
    });

    it(`at ${width} px: a commenter reads the task disabled and still comments`, async () => {
      const suffix = randomUUID().slice(0, 8);
      const owner = await apiAs(`oli-${width}-${suffix}`);
      const commenter = await apiAs(`cam-${width}-${suffix}`);
      const listId = (await owner.call("POST", "/lists", { name: "Trip" })).body.id as string;
      const task = (await owner.call("POST", "/tasks", { title: "Book the ferry", listId })).body;
      await join(owner, listId, commenter, "commenter");

      const page = await browser.newPage(width);
      await signIn(page, browser.appUrl, commenter.user, `?list=${listId}`);
      const row = page.locator("li.task", { hasText: "Book the ferry" });
      await eventually(() => row.getByRole("checkbox").isDisabled(), (d) => d, 10_000, "the checkbox disabled for a commenter");
      await row.locator("button.title").click();
      const pane = page.getByRole("dialog", { name: "Task" });
      await pane.getByRole("status").filter({ hasText: "you are a commenter of “Trip”, so you can read this task and comment on it" }).waitFor();
      expect(await pane.getByLabel("Notes").isDisabled()).to.equal(true);
      expect(await pane.getByRole("button", { name: "Save" }).count()).to.equal(0);
      const comment = pane.getByLabel("Add a comment");
      await comment.fill("Morning one, please");
      await comment.press("Enter");
      await eventually(async () => ((await owner.call("GET", `/tasks/${task.id}/comments`)).body.items as { text: string }[]).map((c) => c.text),
        (t) => t.includes("Morning one, please"), 10_000, "the comment stored");
      expect((await owner.call("GET", `/tasks/${task.id}`)).body.version, "the task itself unchanged").to.equal(task.version);
      await page.close();
    });
  }
});
