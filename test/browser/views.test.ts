/**
 * The app as a task app: it opens on Today (overdue first, then today's by
 * time), the sidebar (a drawer on phones) lists Inbox, Today, Upcoming, the
 * user's lists with shared ones marked, and tags; quick add highlights what
 * the server recognised as you type and creates once; Upcoming moves a task
 * to another day at the same time and zone (drag or Alt+↓); a list reorders
 * by drag and by Alt+↑/↓; every change has Undo (toast and Ctrl+Z); a task
 * completed under the pointer stays put until the pointer leaves. At 1280 and
 * 375 px, each against the API as the oracle.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Page } from "playwright-core";
import { apiAs, eventually } from "../support/stack.js";
import { expectOnlyOwnOrigin, fixedDays, launchBrowser, listedTitles, openMenu, screenshot, signIn, type Browser } from "./browser.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();
/** The spec's "today", the app's clock too (installed below): midnight UTC `days` from it never moves while the spec runs. */
const { start, utcDay } = fixedDays();

type Api = Awaited<ReturnType<typeof apiAs>>;

describe("web app: Today, Upcoming, lists, quick add and undo", function () {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
    // Today's tasks are due before midnight UTC and after the app's "now": in the last minutes of a day no
    // real time fits both, so the app's clock starts at most two hours before midnight and runs on from there;
    // the spec counts its days from the same start, so a real midnight passing meanwhile moves neither.
    await browser.context.clock.install({ time: start });
  });
  after(async () => {
    await browser?.close();
  });

  const titlesOf = async (api: Api, query: string) => ((await api.call("GET", `/tasks?limit=100&${query}`)).body.items as { title: string }[]).map((t) => t.title);
  const taskNamed = async (api: Api, title: string, query = "status=all"): Promise<any> =>
    ((await api.call("GET", `/tasks?limit=100&${query}`)).body.items as any[]).find((t) => t.title === title);

  for (const width of [1280, 375]) {
    const phone = width < 768;
    describe(`at ${width} px`, () => {
      let api: Api;
      let page: Page;
      let listId: string;

      before(async () => {
        const user = `views-${width}-${randomUUID().slice(0, 8)}`;
        api = await apiAs(user);
        // Later today, whatever the hour the test runs at (it needs one before midnight UTC).
        const later = Math.min(start + HOUR, utcDay(1) - 20 * MIN);
        await api.call("POST", "/tasks", { title: "Later today", dueAt: iso(later + 5 * MIN) });
        await api.call("POST", "/tasks", { title: "Sooner today", dueAt: iso(later) });
        await api.call("POST", "/tasks", { title: "Was due yesterday", dueAt: iso(utcDay(-1) + 10 * HOUR) });
        await api.call("POST", "/tasks", { title: "Someday", tags: ["ideas"] });
        await api.call("POST", "/tasks", { title: "Next week", dueAt: iso(utcDay(7) + 12 * HOUR) });
        const list = await api.call("POST", "/lists", { name: "Groceries" });
        listId = list.body.id;
        for (const title of ["Milk", "Bread", "Eggs", "Apples"]) await api.call("POST", "/tasks", { title, listId });
        // A list someone else shares with this user.
        const owner = await apiAs(`owner-${randomUUID().slice(0, 8)}`);
        const shared = await owner.call("POST", "/lists", { name: "Family chores" });
        await owner.call("POST", `/lists/${shared.body.id}/invitations`, { userId: user });
        const waiting = await api.call("GET", "/me/invitations");
        expect((await api.call("POST", `/me/invitations/${waiting.body.items[0].id}/accept`)).status).to.equal(200);
        page = await browser.newPage(width);
        await signIn(page, browser.appUrl, user);
      });
      after(async () => {
        await page?.close();
      });

      it("opens on Today: overdue first, then today's by time; nothing undated or later", async () => {
        await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
        expect(new URL(page.url()).search).to.equal("");
        const titles = await eventually(() => listedTitles(page), (t) => t.length === 3, 10_000, "Today's three tasks");
        expect(titles).to.deep.equal(["Was due yesterday", "Sooner today", "Later today"]);
        expect(await page.locator("section h2").allTextContents()).to.deep.equal(["Overdue 1", "Today 2"]);
        // The filter bar is not on Today; on All tasks it is there and closed.
        expect(await page.locator("details.filters").count()).to.equal(0);
        await screenshot(page, `today-${width}`);
      });

      it("has a sidebar (a drawer on phones) with Inbox, Today, Upcoming, the lists (shared marked) and tags, each an address", async () => {
        const sidebar = page.getByRole("navigation", { name: "Views and lists" });
        expect(await sidebar.isVisible()).to.equal(!phone);
        await openMenu(page);
        await sidebar.waitFor({ state: "visible" });
        for (const name of ["Inbox", "Today", "Upcoming", "All tasks", "Groceries"]) expect(await sidebar.getByRole("link", { name, exact: true }).count(), name).to.equal(1);
        expect(await sidebar.getByRole("link", { name: "#ideas 1 task" }).count()).to.equal(1);
        expect(await sidebar.getByRole("link", { name: "Family chores (shared)" }).count()).to.equal(1);
        expect(await sidebar.getByRole("link", { name: "Today" }).getAttribute("aria-current")).to.equal("page");
        await screenshot(page, `sidebar-${width}`);
        await sidebar.getByRole("link", { name: "Groceries" }).click();
        await page.getByRole("heading", { name: "Groceries", level: 1 }).waitFor();
        // On a phone the drawer closes once a page is chosen.
        if (phone) await sidebar.waitFor({ state: "hidden" });
        expect(new URL(page.url()).searchParams.get("list")).to.equal(listId);
        expect(await eventually(() => listedTitles(page), (t) => t.length === 4, 10_000, "the list")).to.deep.equal(await titlesOf(api, `list=${listId}&sort=position`));
        expect(await page.locator("details.filters").getAttribute("open")).to.equal(null);
        await screenshot(page, `groceries-${width}`);
        await page.goBack();
        await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
        await page.goForward();
        await page.getByRole("heading", { name: "Groceries", level: 1 }).waitFor();
      });

      it("quick add: q focuses it, the server's spans are highlighted as you type, one can be kept as text, Enter creates once", async () => {
        const dryRuns: string[] = [];
        page.on("request", (r) => { if (r.url().includes("/tasks/quick?dryRun=true")) dryRuns.push(r.postData() ?? ""); });
        await page.locator("body").press("q");
        expect(await page.evaluate(() => document.activeElement?.id)).to.equal("quick-input");
        await page.keyboard.type("Call plumber tomorrow 5pm #home !high", { delay: 15 });
        const marks = page.locator(".quick-mirror mark");
        await eventually(() => marks.allTextContents(), (m) => m.length === 3, 10_000, "three recognised spans");
        expect(await marks.allTextContents()).to.deep.equal(["tomorrow 5pm", "#home", "!high"]);
        // Debounced: far fewer requests than keystrokes.
        expect(dryRuns.length).to.be.lessThan(15);
        const chips = page.getByRole("list", { name: "Recognised" });
        expect(await chips.textContent()).to.include("High").and.include("#home");
        await screenshot(page, `quick-add-${width}`);
        // "!high" kept as text: quoted, so the API leaves it in the title.
        await chips.getByRole("button", { name: "Keep “!high” as text" }).click();
        await eventually(() => marks.allTextContents(), (m) => m.length === 2, 10_000, "two spans once !high is quoted");
        expect(await page.locator("#quick-input").inputValue()).to.equal("Call plumber tomorrow 5pm #home “!high”");
        const created = page.waitForResponse((r) => r.url().endsWith("/api/v1/tasks") && r.request().method() === "POST");
        await page.locator("#quick-input").press("Enter");
        const answer = await created;
        expect(answer.status()).to.equal(201);
        expect(answer.request().headers()["idempotency-key"]).to.match(/^[0-9a-f-]{36}$/);
        await eventually(() => page.locator("#quick-input").inputValue(), (v) => v === "", 5000, "the field emptied for the next task");
        const task = await eventually(() => taskNamed(api, "Call plumber “!high”"), (t) => Boolean(t), 10_000, "the created task");
        expect(task).to.deep.include({ listId, priority: "none", tags: ["home"] });
        expect(new Date(task.dueAt).toISOString()).to.equal(iso(utcDay(1) + 17 * HOUR));
        expect((await titlesOf(api, "q=plumber&status=all")).length).to.equal(1);
        await eventually(() => listedTitles(page), (t) => t.includes("Call plumber “!high”"), 10_000, "the new task in the list");
      });

      it("reorders the list by keyboard (Alt+↑/↓) and by drag, as the API's manual order", async () => {
        const order = () => titlesOf(api, `list=${listId}&sort=position&status=open`);
        const start = await order();
        await page.locator("li.task button.title", { hasText: "Eggs" }).focus();
        await page.keyboard.press("Alt+ArrowUp");
        const moved = [...start];
        const from = moved.indexOf("Eggs");
        moved.splice(from, 1);
        moved.splice(from - 1, 0, "Eggs");
        await eventually(order, (o) => JSON.stringify(o) === JSON.stringify(moved), 10_000, `Eggs one up: ${moved}`);
        await eventually(() => listedTitles(page), (t) => JSON.stringify(t) === JSON.stringify(moved), 10_000, "the page in the same order");
        expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal("Eggs");
        await page.keyboard.press("Alt+ArrowDown");
        await eventually(order, (o) => JSON.stringify(o) === JSON.stringify(start), 10_000, "Eggs back down");
        // Drag Apples (last) onto the first row: it takes the first place.
        const first = start[0]!;
        await page.locator("li.task", { hasText: "Apples" }).dragTo(page.locator("li.task", { hasText: first }));
        await eventually(order, (o) => o[0] === "Apples" && o.length === start.length, 10_000, "Apples first");
        await eventually(() => listedTitles(page), (t) => t[0] === "Apples", 10_000, "Apples first on the page");
        // Undo (Ctrl+Z) puts it back where it was.
        await page.locator("body").press("Control+z");
        await eventually(order, (o) => JSON.stringify(o) === JSON.stringify(start), 10_000, "the drag undone");
      });

      it("completes without moving the list under the pointer, and Undo in the toast reopens", async () => {
        const row = page.locator("li.task", { hasText: "Bread" });
        // The page first shows the list as the server has it (the last test's undo re-renders it),
        // and the row below is named by its title: a re-render must not swap which row is measured.
        const server = await titlesOf(api, `list=${listId}&sort=position&status=open`);
        await eventually(() => listedTitles(page), (t) => JSON.stringify(t) === JSON.stringify(server), 10_000, "the page as the server orders it");
        const belowTitle = server[server.indexOf("Bread") + 1]!;
        const below = page.locator("li.task", { has: page.locator("button.title").getByText(belowTitle, { exact: true }) });
        const y = (await below.boundingBox())!.y;
        // The list's own answer without Bread (the reload after the change).
        const reloaded = page.waitForResponse(async (r) => r.url().includes("/api/v1/tasks?") && r.request().method() === "GET" && !(await r.text()).includes("\"Bread\""));
        await row.getByRole("checkbox").click();
        await eventually(() => taskNamed(api, "Bread"), (t) => t?.status === "completed", 10_000, "Bread completed");
        await reloaded;
        await screenshot(page, `completed-${width}`);
        // The list answered without Bread; its row stays (done) while the pointer is over the list.
        expect(await row.getAttribute("class")).to.include("done");
        expect((await below.boundingBox())!.y).to.equal(y);
        const toast = page.locator(".toast", { hasText: "Completed “Bread”" });
        await toast.getByRole("button", { name: "Undo" }).click();
        await eventually(() => taskNamed(api, "Bread"), (t) => t?.status === "open", 10_000, "Bread reopened by Undo");
        await eventually(() => listedTitles(page), (t) => t.includes("Bread"), 10_000, "Bread open again");
        // Completed again, the row goes once the pointer leaves the list.
        await page.locator("li.task", { hasText: "Bread" }).getByRole("checkbox").click();
        await eventually(() => taskNamed(api, "Bread"), (t) => t?.status === "completed", 10_000, "Bread completed again");
        await page.mouse.move(width - 2, 2);
        await page.locator("h1.page-title").hover();
        await eventually(() => listedTitles(page), (t) => !t.includes("Bread"), 10_000, "Bread gone after the pointer left");
      });

      it("Upcoming: 14 days by day; a task dragged (or moved with Alt+↓) to another day keeps its time and zone", async () => {
        const berlin = await api.call("POST", "/tasks", { title: "Berlin call", dueAt: "2026-01-01T08:00:00.000Z", timeZone: "Europe/Berlin" });
        // 09:30 in Berlin, the day after tomorrow (UTC day + 2, at 08:30Z in winter).
        const due = iso(utcDay(2) + 8 * HOUR + 30 * MIN);
        await api.call("PATCH", `/tasks/${berlin.body.id}`, { dueAt: due }, { "if-match": `"${berlin.body.version}"` });
        const wall = (t: any) => new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" }).format(new Date(t.dueAt));
        const berlinWall = wall({ dueAt: due });
        if (phone) await openMenu(page);
        await page.getByRole("link", { name: "Upcoming" }).click();
        await page.getByRole("heading", { name: "Upcoming", level: 1 }).waitFor();
        expect(await page.locator("section h2").count()).to.equal(14);
        await eventually(() => listedTitles(page), (t) => t.includes("Berlin call") && t.includes("Next week"), 10_000, "Upcoming's tasks");
        const section = (i: number) => page.locator("section").nth(i);
        expect(await section(2).locator("li.task").allTextContents()).to.satisfy((ts: string[]) => ts.some((t) => t.includes("Berlin call")));
        await screenshot(page, `upcoming-${width}`);
        // Both ends on screen before the drag (a native drag does not scroll the page on its own).
        await page.locator("li.task", { hasText: "Berlin call" }).evaluate((row) => row.scrollIntoView({ block: "center" }));
        await page.locator("li.task", { hasText: "Berlin call" }).dragTo(section(3).locator("h2"));
        const dragged = await eventually(() => taskNamed(api, "Berlin call"), (t) => Date.parse(t.dueAt) > Date.parse(due), 10_000, "moved a day on");
        expect(dragged.timeZone).to.equal("Europe/Berlin");
        expect(wall(dragged)).to.equal(berlinWall);
        expect(dragged.dueAt.slice(0, 10)).to.equal(iso(utcDay(3)).slice(0, 10));
        await eventually(() => section(3).locator("li.task").allTextContents(), (ts) => ts.some((t) => t.includes("Berlin call")), 10_000, "shown on its new day");
        await page.locator("li.task button.title", { hasText: "Berlin call" }).focus();
        await page.keyboard.press("Alt+ArrowDown");
        const next = await eventually(() => taskNamed(api, "Berlin call"), (t) => t.dueAt.slice(0, 10) === iso(utcDay(4)).slice(0, 10), 10_000, "one day later by keyboard");
        expect(wall(next)).to.equal(berlinWall);
        // Ctrl+Z takes back the last move.
        await page.locator("body").press("Control+z");
        await eventually(() => taskNamed(api, "Berlin call"), (t) => t.dueAt.slice(0, 10) === iso(utcDay(3)).slice(0, 10), 10_000, "the move undone");
      });

      it("opens a task in the details pane (a full-screen sheet on a phone)", async () => {
        await page.locator("li.task button.title", { hasText: "Berlin call" }).click();
        const pane = page.getByRole("dialog", { name: "Edit task" });
        await pane.waitFor();
        const box = (await pane.boundingBox())!;
        if (phone) expect(box.width).to.equal(width);
        else {
          expect(box.width).to.be.at.most(480);
          // The list stays visible beside it.
          expect(await page.locator("li.task").first().isVisible()).to.equal(true);
        }
        await screenshot(page, `details-${width}`);
        await page.keyboard.press("Escape");
        await pane.waitFor({ state: "hidden" });
        expectOnlyOwnOrigin(browser);
      });
    });
  }
});
