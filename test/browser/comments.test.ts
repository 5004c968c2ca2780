/**
 * Comments in the details pane (issue 24): oldest first; add with Enter and
 * with the button; the API's refusal next to the field; edit and delete one's
 * own; the list's owner deletes another member's comment but cannot edit it;
 * a viewer reads them without the add box. At 1280 and 375 px, with the API
 * as the oracle.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Page } from "playwright-core";
import { apiAs, eventually } from "../support/stack.js";
import { expectOnlyOwnOrigin, launchBrowser, screenshot, signIn, type Browser } from "./browser.js";

type Api = Awaited<ReturnType<typeof apiAs>>;

describe("web app: comments in the details pane", function () {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  const textsOf = async (api: Api, taskId: string) =>
    ((await api.call("GET", `/tasks/${taskId}/comments`)).body.items as { text: string }[]).map((c) => c.text);
  const shownTexts = (page: Page) => page.getByRole("list", { name: "Comments" }).locator("p.comment-text").allInnerTexts();

  /** Adds `user` to the list with `role` (invited and accepted through the API). */
  async function join(owner: Api, member: Api, listId: string, role: string) {
    const inv = (await owner.call("POST", `/lists/${listId}/invitations`, { userId: member.user, role })).body;
    expect((await member.call("POST", `/me/invitations/${inv.id}/accept`)).status).to.equal(200);
  }

  for (const width of [1280, 375]) {
    it(`at ${width} px: add, edit and delete one's own; the owner deletes another's; a viewer has no add box`, async () => {
      const suffix = randomUUID().slice(0, 8);
      const owner = await apiAs(`olga-${width}-${suffix}`);
      const commenter = await apiAs(`cora-${width}-${suffix}`);
      const viewer = await apiAs(`vik-${width}-${suffix}`);
      const list = (await owner.call("POST", "/lists", { name: "Garden" })).body;
      await join(owner, commenter, list.id, "commenter");
      await join(owner, viewer, list.id, "viewer");
      const task = (await owner.call("POST", "/tasks", { title: "Prune the roses", listId: list.id })).body;
      expect((await commenter.call("POST", `/tasks/${task.id}/comments`, { text: "Which ones?" })).status).to.equal(201);

      const page = await browser.newPage(width);
      await signIn(page, browser.appUrl, owner.user, `?list=${list.id}`);
      await page.locator("li.task button.title", { hasText: "Prune the roses" }).click();
      const pane = page.getByRole("dialog", { name: "Edit task" });
      await pane.getByRole("list", { name: "Comments" }).waitFor();
      expect(await shownTexts(page)).to.deep.equal(["Which ones?"]);

      // Enter sends; Shift+Enter is a new line kept in the text.
      const box = pane.getByLabel("Add a comment");
      await box.fill("The red ones");
      await box.press("Shift+Enter");
      await box.pressSequentially("by the fence");
      await box.press("Enter");
      await eventually(() => shownTexts(page), (t) => t.length === 2, 10_000, "the comment listed");
      expect(await textsOf(owner, task.id)).to.deep.equal(["Which ones?", "The red ones\nby the fence"]);
      expect(await box.inputValue()).to.equal("");
      await box.fill("Before Sunday");
      await pane.getByRole("button", { name: "Comment", exact: true }).click();
      await eventually(() => shownTexts(page), (t) => t.length === 3, 10_000, "the second comment listed");
      await pane.getByRole("heading", { name: /^Comments/ }).evaluate((h) => h.scrollIntoView({ block: "start" }));
      await screenshot(page, `comment-thread-${width}`);

      // A bidirectional override is refused by the API: shown next to the field, nothing added.
      await box.fill("odd \u202E text");
      await box.press("Enter");
      await eventually(() => box.getAttribute("aria-invalid"), (v) => v === "true", 10_000, "the field marked");
      expect(await page.locator(`#${await box.getAttribute("aria-describedby")}`).textContent()).to.match(/control|bidi|direction/i);
      expect(await textsOf(owner, task.id)).to.have.length(3);
      // The bound: the field takes 2,000 characters, and so does the API.
      await box.fill("x".repeat(2000));
      await pane.getByText("0 characters left").waitFor();
      await box.press("Enter");
      await eventually(() => textsOf(owner, task.id), (t) => t.length === 4, 10_000, "the longest comment");

      // Edit one's own (Enter saves); the other member's comment has Delete (the owner's right) but no Edit.
      const own = pane.getByRole("list", { name: "Comments" }).locator("li", { hasText: "Before Sunday" });
      await own.getByRole("button", { name: /^Edit comment/ }).click();
      const edit = pane.getByLabel("Edit your comment");
      await edit.fill("Before Saturday");
      await edit.press("Enter");
      await pane.getByRole("list", { name: "Comments" }).locator("li", { hasText: "Before Saturday" }).getByText("(edited)").waitFor();
      expect(await textsOf(owner, task.id)).to.include("Before Saturday");
      const theirs = pane.getByRole("list", { name: "Comments" }).locator("li", { hasText: "Which ones?" });
      expect(await theirs.getByRole("button", { name: /^Edit/ }).count()).to.equal(0);
      await theirs.getByRole("button", { name: /^Delete comment by cora/ }).click();
      await eventually(() => textsOf(owner, task.id), (t) => !t.includes("Which ones?"), 10_000, "the other's comment deleted");
      await pane.getByRole("list", { name: "Comments" }).locator("li", { hasText: "Before Saturday" }).getByRole("button", { name: /^Delete/ }).click();
      await eventually(() => shownTexts(page), (t) => t.length === 2, 10_000, "two comments left");
      expect(await textsOf(owner, task.id)).to.deep.equal(["The red ones\nby the fence", "x".repeat(2000)]);
      await page.keyboard.press("Escape");
      await page.close();

      // The viewer reads them, without the add box and without Edit or Delete.
      const seen = await browser.newPage(width);
      await signIn(seen, browser.appUrl, viewer.user, `?list=${list.id}`);
      await seen.locator("li.task button.title", { hasText: "Prune the roses" }).click();
      await seen.getByRole("list", { name: "Comments" }).waitFor();
      expect(await shownTexts(seen)).to.deep.equal(["The red ones\nby the fence", "x".repeat(2000)]);
      expect(await seen.getByLabel("Add a comment").count()).to.equal(0);
      expect(await seen.getByRole("list", { name: "Comments" }).getByRole("button").count()).to.equal(0);
      expectOnlyOwnOrigin(browser);
      await seen.close();
    });
  }
});
