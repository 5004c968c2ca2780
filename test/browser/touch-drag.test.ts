/**
 * Drag by touch on a phone (375 px, touch emulated through the DevTools
 * protocol, fingers sent with Input.dispatchTouchEvent): a list reordered by
 * dragging a row's handle, a task in Upcoming dragged to another day (its
 * wall-clock time and zone kept), and to a day below the screen by holding
 * the finger at the bottom edge; a swipe anywhere but the handle scrolls the
 * page and moves nothing. The API is the oracle.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { CDPSession, Locator, Page } from "playwright-core";
import { apiAs, eventually } from "../support/stack.js";
import { axeViolations, expectOnlyOwnOrigin, fixedDays, launchBrowser, listedTitles, openMenu, screenshot, signIn, type Browser } from "./browser.js";

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** The spec's "today", the app's clock too (installed below): midnight UTC `days` from it never moves while the spec runs. */
const { start, utcDay } = fixedDays();
const berlinWall = (dueAt: string) => new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" }).format(new Date(dueAt));

type Point = { x: number; y: number };

/** One finger on the emulated touch screen. */
class Finger {
  private touching = false;
  constructor(private readonly cdp: CDPSession) {}
  static async on(page: Page): Promise<Finger> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setTouchEmulationEnabled", { enabled: true, maxTouchPoints: 1 });
    return new Finger(cdp);
  }
  async down(p: Point) {
    await this.cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [p] });
    this.touching = true;
  }
  async move(from: Point, to: Point, steps = 12) {
    for (let i = 1; i <= steps; i++) {
      await this.cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps }] });
    }
  }
  async up() {
    await this.cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    this.touching = false;
  }
  /** After a failed test: the next one starts with no finger down. */
  async lift() { if (this.touching) await this.up(); }
}

async function centre(locator: Locator): Promise<Point> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not on screen");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Whether the page stayed where it is for two frames (a swipe's fling has ended). */
const still = (page: Page) => page.evaluate(() => new Promise<boolean>((done) => {
  const y = window.scrollY;
  requestAnimationFrame(() => requestAnimationFrame(() => done(window.scrollY === y)));
}));

/** The centre of a row's drag handle once the page is still and the handle is what a finger there touches (nothing shifted or covers it). */
async function handleOf(page: Page, row: Locator): Promise<Point> {
  const grip = row.locator(".grip");
  const at = await eventually(async () => {
    const settled = await still(page);
    const p = await centre(grip);
    const hit = await grip.evaluate((g, q) => g.contains(document.elementFromPoint(q.x, q.y)), p);
    return { p, hit: settled && hit };
  }, (r) => r.hit, 5000, "the handle still and uncovered under its centre");
  return at.p;
}

/** The headings of the days marked as where a dragged task would go. */
const markedDays = (page: Page) => page.locator("section.drop h2").allTextContents();

describe("web app: drag by touch at 375 px", function () {
  let browser: Browser;
  let page: Page;
  let finger: Finger;
  let api: Awaited<ReturnType<typeof apiAs>>;
  let listId: string;

  before(async () => {
    browser = await launchBrowser();
    // Upcoming's days are the app's: its clock starts at the spec's "today" (not within two hours of its end) and runs on.
    await browser.context.clock.install({ time: start });
    api = await apiAs(`touch-${randomUUID().slice(0, 8)}`);
    listId = (await api.call("POST", "/lists", { name: "Errands" })).body.id;
    for (const title of ["Post office", "Pharmacy", "Bakery", "Hardware store"]) await api.call("POST", "/tasks", { title, listId });
    page = await browser.newPage(375);
    finger = await Finger.on(page);
    await signIn(page, browser.appUrl, api.user, `?list=${listId}`);
  });
  afterEach(async () => {
    await finger?.lift();
  });
  after(async () => {
    await page?.close();
    await browser?.close();
  });

  const order = async () => ((await api.call("GET", `/tasks?limit=100&list=${listId}&sort=position`)).body.items as { title: string }[]).map((t) => t.title);
  const task = async (title: string) => ((await api.call("GET", "/tasks?limit=100")).body.items as any[]).find((t) => t.title === title);
  const row = (title: string) => page.locator("li.task", { has: page.locator("button.title").getByText(title, { exact: true }) });

  it("reorders a list by dragging a row's handle, as the API's manual order; the page does not scroll under the finger", async () => {
    const start = await eventually(order, (o) => o.length === 4, 10_000, "the list");
    await eventually(() => listedTitles(page), (t) => JSON.stringify(t) === JSON.stringify(start), 10_000, "the page in the API's order");
    const last = start[3]!;
    const first = start[0]!;
    const scrolled = await page.evaluate(() => window.scrollY);
    const from = await handleOf(page, row(last));
    const to = await centre(row(first));
    await finger.down(from);
    await finger.move(from, to);
    // The finger is over the first row: it is marked as where the task goes, and the dragged row as dragged.
    const classes = () => page.locator("li.task").evaluateAll((rows) => rows.map((r) => `${r.querySelector("button.title")?.textContent}: ${r.className}`));
    await eventually(classes, (c) => c.some((r) => r.startsWith(`${first}:`) && r.includes("drop-target")), 5000, "the row under the finger marked");
    expect(await row(last).getAttribute("class")).to.include("dragging");
    await screenshot(page, "touch-drag-list-375");
    expect(await axeViolations(page)).to.deep.equal([]);
    await finger.up();
    const moved = [last, ...start.slice(0, 3)];
    await eventually(order, (o) => JSON.stringify(o) === JSON.stringify(moved), 10_000, `${last} first`);
    await eventually(() => listedTitles(page), (t) => JSON.stringify(t) === JSON.stringify(moved), 10_000, "the page in the new order");
    expect(await page.evaluate(() => window.scrollY)).to.equal(scrolled);
    expect(await page.locator("li.task.dragging, li.task.drop-target").count()).to.equal(0);

    // Dragged down by touch too: the first row onto the third takes its place.
    const down = await handleOf(page, row(moved[0]!));
    await finger.down(down);
    await finger.move(down, await centre(row(moved[2]!)));
    await eventually(() => row(moved[2]!).getAttribute("class"), (c) => Boolean(c?.includes("drop-target")), 5000, "the third row marked");
    await finger.up();
    const back = [moved[1]!, moved[2]!, moved[0]!, moved[3]!];
    await eventually(order, (o) => JSON.stringify(o) === JSON.stringify(back), 10_000, `${moved[0]} third`);

    // Alt+↑ still moves it by keyboard (the same placement).
    await row(moved[0]!).locator("button.title").focus();
    await page.keyboard.press("Alt+ArrowUp");
    await eventually(order, (o) => JSON.stringify(o) === JSON.stringify([moved[1], moved[0], moved[2], moved[3]]), 10_000, "one up by keyboard");
  });

  it("Upcoming: a task dragged by touch to another day keeps its time and zone; held at the bottom edge the page scrolls to a later day", async () => {
    const made = (await api.call("POST", "/tasks", { title: "Berlin call", dueAt: iso(utcDay(2) + 8 * HOUR + 30 * 60_000), timeZone: "Europe/Berlin" })).body;
    const wall = berlinWall(made.dueAt);
    await openMenu(page);
    await page.getByRole("link", { name: "Upcoming" }).click();
    await page.getByRole("heading", { name: "Upcoming", level: 1 }).waitFor();
    await eventually(() => listedTitles(page), (t) => t.includes("Berlin call"), 10_000, "Upcoming's task");
    const section = (i: number) => page.locator("section").nth(i);
    await row("Berlin call").evaluate((r) => r.scrollIntoView({ block: "center" }));

    // A swipe on the row but off its handle scrolls the page and moves nothing.
    const before = await page.evaluate(() => window.scrollY);
    const body = await centre(row("Berlin call").locator(".meta"));
    await finger.down(body);
    await finger.move(body, { x: body.x, y: body.y - 250 });
    await finger.up();
    await eventually(() => page.evaluate(() => window.scrollY), (y) => y > before + 100, 5000, "the page scrolled by the swipe");
    await eventually(() => still(page), Boolean, 5000, "the swipe's fling ended");
    expect((await task("Berlin call")).dueAt).to.equal(made.dueAt);

    await row("Berlin call").evaluate((r) => r.scrollIntoView({ block: "center" }));
    const from = await handleOf(page, row("Berlin call"));
    await finger.down(from);
    const nextDay = await section(3).locator("h2").textContent();
    await finger.move(from, await centre(section(3).locator("h2")));
    await eventually(() => markedDays(page), (d) => JSON.stringify(d) === JSON.stringify([nextDay]), 5000, `${nextDay} marked`);
    await screenshot(page, "touch-drag-upcoming-375");
    await finger.up();
    const moved = await eventually(() => task("Berlin call"), (t) => t.dueAt.slice(0, 10) === iso(utcDay(3)).slice(0, 10), 10_000, "moved a day on");
    expect(moved.timeZone).to.equal("Europe/Berlin");
    expect(berlinWall(moved.dueAt)).to.equal(wall);
    await eventually(() => section(3).locator("li.task button.title").allTextContents(), (t) => t.includes("Berlin call"), 10_000, "shown on its new day");

    // The last day is below the screen: the finger held at the bottom edge scrolls until it shows, then drops there.
    await row("Berlin call").evaluate((r) => r.scrollIntoView({ block: "center" }));
    const grip = await handleOf(page, row("Berlin call"));
    const height = await page.evaluate(() => window.innerHeight);
    const edge = { x: grip.x + 60, y: height - 4 };
    await finger.down(grip);
    await finger.move(grip, edge);
    const lastDay = section(13);
    // Its heading whole on screen, above the edge where the page scrolls.
    await eventually(async () => { const b = await lastDay.locator("h2").boundingBox(); return b ? b.y + b.height : Infinity; }, (bottom) => bottom < height - 70, 15_000, "the last day scrolled into view");
    // Out of the edge first, so the page stops scrolling before the day's place is measured.
    const middle = { x: edge.x, y: height / 2 };
    await finger.move(edge, middle, 4);
    await eventually(() => still(page), Boolean, 5000, "the page no longer scrolling");
    const lastDayTitle = await lastDay.locator("h2").textContent();
    await finger.move(middle, await centre(lastDay.locator("h2")), 6);
    const target = await centre(lastDay.locator("h2"));
    await eventually(() => page.evaluate((p) => ({
      marked: [...document.querySelectorAll("section.drop h2")].map((h) => h.textContent),
      under: document.elementsFromPoint(p.x, p.y).slice(0, 3).map((e) => `${e.tagName}.${e.className}`),
      at: p,
    }), target), (d) => JSON.stringify(d.marked) === JSON.stringify([lastDayTitle]), 5000, `${lastDayTitle} marked under the finger`);
    await finger.up();
    const later = await eventually(() => task("Berlin call"), (t) => t.dueAt.slice(0, 10) === iso(utcDay(13)).slice(0, 10), 10_000, "moved to the last day");
    expect(later.timeZone).to.equal("Europe/Berlin");
    expect(berlinWall(later.dueAt)).to.equal(wall);

    // Undo (the toast) puts it back on the day before the last move.
    await page.locator(".toast", { hasText: "Moved “Berlin call”" }).last().getByRole("button", { name: "Undo" }).click();
    await eventually(() => task("Berlin call"), (t) => t.dueAt === moved.dueAt, 10_000, "the last move undone");
    expectOnlyOwnOrigin(browser);
  });
});
