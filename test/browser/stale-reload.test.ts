/**
 * A reload that read the list before a box was ticked must not untick it.
 * The app reloads its list on every live change; the read model is a moment
 * behind the writes. In a CI run a reload under way when the test ticked
 * "Step 7" answered the task open, and the app showed it open again while
 * its completion was still being sent. Here the order is made certain: the
 * reload is read first and held, the completion is held, the reload is let
 * through, and only then the completion.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Route } from "playwright-core";
import { apiAs, eventually } from "../support/stack.js";
import { expectOnlyOwnOrigin, launchBrowser, listedTitles, signIn, type Browser } from "./browser.js";

/** A gate a route handler waits on until the test opens it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("web app: a reload that read the list before a box was ticked", function () {
  let browser: Browser;
  before(async () => {
    // No service worker: page.route does not see a worker's requests.
    browser = await launchBrowser({ serviceWorkers: "block" });
  });
  after(async () => {
    await browser?.close();
  });

  it("keeps the box ticked while the completion is sent, and the task is completed", async () => {
    const alice = await apiAs(`stale-${randomUUID().slice(0, 8)}`);
    const listId = (await alice.call("POST", "/lists", { name: "Garden" })).body.id as string;
    const rake = (await alice.call("POST", "/tasks", { title: "Rake the leaves", listId })).body;
    await alice.call("POST", "/tasks", { title: "Mow the lawn", listId });
    const page = await browser.newPage(1280);
    await signIn(page, browser.appUrl, alice.user, `?list=${listId}`);
    await eventually(() => listedTitles(page), (t) => t.length === 2, 10_000, "the list's two tasks");

    // The next reload of the list is read (until it has the task made below: the read model catches up) and held.
    const readHeld = gate();
    const letReadThrough = gate();
    let holding = false;
    await page.route((url) => url.pathname === "/api/v1/tasks", async (route: Route) => {
      if (holding || route.request().method() !== "GET") return route.continue();
      holding = true;
      let answer = await route.fetch();
      for (let i = 0; i < 50 && !(await answer.text()).includes("Prune the roses"); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        answer = await route.fetch();
      }
      readHeld.open();
      await letReadThrough.opened;
      await route.fulfill({ response: answer });
    });
    // The completion is held before it is sent.
    const letCompletionThrough = gate();
    await page.route((url) => url.pathname === `/api/v1/tasks/${rake.id}/complete`, async (route: Route) => {
      await letCompletionThrough.opened;
      await route.continue();
    });

    // A change made elsewhere: the live stream tells the page, which reloads the list.
    await alice.call("POST", "/tasks", { title: "Prune the roses", listId });
    await readHeld.opened;
    await page.getByRole("checkbox", { name: "Complete “Rake the leaves”" }).check();
    // Its row's box, whatever its label says ("Complete …" while open, "Reopen …" once done).
    const box = page.locator("li.task", { hasText: "Rake the leaves" }).getByRole("checkbox");

    // The reload read before the tick (the rake open, the roses there) lands while the completion waits.
    letReadThrough.open();
    await page.locator("li.task", { hasText: "Prune the roses" }).waitFor();
    expect(await box.isChecked(), "ticked after a reload that read the task open").to.equal(true);

    letCompletionThrough.open();
    const done = await eventually(async () => (await alice.call("GET", `/tasks/${rake.id}`)).body, (t) => t.status === "completed", 10_000, "the completion");
    expect(done.status).to.equal("completed");
    // Done now: the row is ticked, or gone from the open tasks; never offered as open again.
    expect(await page.getByRole("checkbox", { name: "Complete “Rake the leaves”" }).count(), "shown open again").to.equal(0);
    expectOnlyOwnOrigin(browser);
    await page.close();
  });
});
