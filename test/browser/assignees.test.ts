/**
 * Assignees in the web app (issue 24 with docs/lists.md#assignees): the
 * details pane's picker offers the task's list's people; the person assigned
 * finds the task under "Assigned to me" (GET /tasks?assignee=me), and
 * unassigning takes it away from there; a task quick-added there is theirs
 * (`assignee: "me"`) and shows there; the Reminders panel shows them the
 * assignment ("assigned to you"). At 1280 and 375 px, with the API as the
 * oracle.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { apiAs, eventually } from "../support/stack.js";
import { expectOnlyOwnOrigin, launchBrowser, listedTitles, openMenu, signIn, type Browser } from "./browser.js";

describe("web app: assignees", function () {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const width of [1280, 375]) {
    it(`at ${width} px: assign a member in the details pane; they see it under Assigned to me; unassign`, async () => {
      const suffix = randomUUID().slice(0, 8);
      const owner = await apiAs(`ines-${width}-${suffix}`);
      const mate = await apiAs(`jon-${width}-${suffix}`);
      const list = (await owner.call("POST", "/lists", { name: "Chores" })).body;
      const inv = (await owner.call("POST", `/lists/${list.id}/invitations`, { userId: mate.user, role: "editor" })).body;
      expect((await mate.call("POST", `/me/invitations/${inv.id}/accept`)).status).to.equal(200);
      const bins = (await owner.call("POST", "/tasks", { title: "Take out the bins", listId: list.id })).body;
      await owner.call("POST", "/tasks", { title: "Water the fern", listId: list.id });
      await mate.call("POST", "/tasks", { title: "My own errand" });

      const page = await browser.newPage(width);
      await signIn(page, browser.appUrl, owner.user, `?list=${list.id}`);
      await page.locator("li.task button.title", { hasText: "Take out the bins" }).click();
      const picker = page.getByRole("dialog").getByLabel("Assigned to");
      await eventually(() => picker.locator("option").allInnerTexts(), (o) => o.length === 3, 10_000, "the list's people");
      expect(await picker.locator("option").allInnerTexts()).to.deep.equal(["Nobody", `${owner.user} (me)`, mate.user]);
      await picker.selectOption(mate.user);
      await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
      await eventually(async () => (await owner.call("GET", `/tasks/${bins.id}`)).body.assigneeId, (a) => a === mate.user, 10_000, "the assignment");
      await page.locator("li.task", { hasText: "Take out the bins" }).getByText(`Assigned to ${mate.user}`).waitFor();
      await page.close();

      const theirs = await browser.newPage(width);
      await signIn(theirs, browser.appUrl, mate.user);
      if (width < 768) await openMenu(theirs);
      await theirs.getByRole("link", { name: "Assigned to me" }).click();
      await theirs.getByRole("heading", { name: "Assigned to me", level: 1 }).waitFor();
      expect(new URL(theirs.url()).search).to.equal("?view=assigned");
      await eventually(() => listedTitles(theirs), (t) => t.length === 1, 10_000, "the assigned task");
      expect(await listedTitles(theirs)).to.deep.equal(["Take out the bins"]);

      // Unassigned from the details pane, it leaves the view (the API's answer to assignee=me).
      await theirs.locator("li.task button.title", { hasText: "Take out the bins" }).click();
      await theirs.getByRole("dialog").getByLabel("Assigned to").selectOption("");
      await theirs.getByRole("dialog").getByRole("button", { name: "Save" }).click();
      await eventually(async () => (await mate.call("GET", "/tasks?assignee=me")).body.items.length, (n) => n === 0, 10_000, "unassigned");
      await eventually(() => listedTitles(theirs), (t) => t.length === 0, 10_000, "the view empty");

      // Quick add here makes the task theirs (one write), so it shows in the view they are looking at.
      const quick = theirs.waitForRequest((r) => r.url().endsWith("/api/v1/tasks/quick") && r.method() === "POST");
      await theirs.locator("#quick-input").fill("Buy stamps tomorrow");
      await theirs.locator("#quick-input").press("Enter");
      expect((await quick).postDataJSON()).to.deep.include({ text: "Buy stamps tomorrow", assignee: "me" });
      const stamps = await eventually(async () => (await mate.call("GET", "/tasks?assignee=me")).body.items as any[], (items) => items.length === 1, 10_000, "the quick-added task assigned");
      expect(stamps[0]).to.deep.include({ title: "Buy stamps", assigneeId: mate.user, version: 1 });
      await eventually(() => listedTitles(theirs), (t) => JSON.stringify(t) === JSON.stringify(["Buy stamps"]), 10_000, "the new task in Assigned to me");

      // Told of the owner's assignment: the Reminders panel shows it as such, not as a reminder that fired.
      await eventually(async () => (await mate.call("GET", "/notifications")).body.items, (n: { kind?: string }[]) => n.some((x) => x.kind === "assignment"), 10_000, "the assignment notification");
      if (width < 768) await openMenu(theirs);
      await theirs.getByRole("button", { name: "Reminders" }).click();
      const entry = theirs.locator("ul.inbox li", { hasText: "Take out the bins" });
      await entry.waitFor();
      expect(await entry.innerText()).to.match(/^Take out the bins assigned to you /);
      expectOnlyOwnOrigin(browser);
      await theirs.close();
    });
  }
});
