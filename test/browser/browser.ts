/**
 * Chromium (Debian's, obtained by scripts/obtain/chromium.sh) driven by
 * playwright-core against the test stack's api, which serves the web app.
 * Every request a page makes is recorded, so a test can prove the app talks
 * to its own origin only.
 *
 * Against an external target (`npm run test:cluster`) the deployment runs
 * the production image, which has no development sign-in and must not get
 * one. There the test stands in for the sign-in service: the page's
 * `GET /api/v1/session/config` is answered `dev` and its
 * `POST /api/v1/session/dev` with a token the test mints with the
 * deployment's JWT secret (what an identity provider would hand the app),
 * both inside Chromium; every other request reaches the deployment, which
 * checks that token as it checks any other.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { expect } from "chai";
import { ROOT } from "../../scripts/root.js";
import { DEV_TOKEN_TTL_SECONDS, devSignInSchema } from "../../src/api/session/routes.js";
import { CHROMIUM_FLAGS, chromiumPath } from "../support/chromium.js";
import { target, tokenFor } from "../support/stack.js";

export const ARTIFACTS = path.join(ROOT, "test-artifacts", "browser");


export interface Browser {
  context: BrowserContext;
  appUrl: string;
  /** Every URL requested by any page, in order. */
  requests: string[];
  /** Console errors and CSP violations reported by any page. */
  problems: string[];
  newPage(width?: number): Promise<Page>;
  close(): Promise<void>;
}

/**
 * `serviceWorkers: "block"` for a test that answers same-origin navigations
 * with page.route (a fake identity provider): Playwright's routes do not see
 * the requests the app's service worker fetches for its pages.
 */
export async function launchBrowser(options: { serviceWorkers?: "allow" | "block" } = {}): Promise<Browser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tickler-chromium-"));
  const { apiUrl: appUrl, kind } = target();
  // The app needs a secure context (crypto.randomUUID, notifications): https, or
  // loopback as the local stack is. The local cluster's ingress is plain http
  // on the node's address, so that one origin is treated as secure.
  const insecure = new URL(appUrl).protocol === "http:" && !["127.0.0.1", "localhost", "[::1]"].includes(new URL(appUrl).hostname);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      ...CHROMIUM_FLAGS,
      ...(insecure ? [`--unsafely-treat-insecure-origin-as-secure=${appUrl}`] : []),
    ],
    viewport: { width: 1280, height: 900 },
    serviceWorkers: options.serviceWorkers ?? "allow",
    timezoneId: "UTC",
    locale: "en-GB",
  });
  const requests: string[] = [];
  const problems: string[] = [];
  context.on("request", (r) => requests.push(r.url()));
  if (kind === "external") await standInForSignIn(context, appUrl);
  return {
    context,
    appUrl,
    requests,
    problems,
    async newPage(width = 1280) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(m.text());
      });
      page.on("pageerror", (e) => problems.push(e.message));
      return page;
    },
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The development sign-in's two calls, answered in the browser with tokens of the target's secret (see the top of this file). */
async function standInForSignIn(context: BrowserContext, appUrl: string): Promise<void> {
  await context.route(`${appUrl}/api/v1/session/config`, (route) =>
    route.fulfill({ status: 200, contentType: "application/json", headers: { "cache-control": "no-cache" }, json: { mode: "dev", tokenTtlSeconds: DEV_TOKEN_TTL_SECONDS } }));
  await context.route(`${appUrl}/api/v1/session/dev`, async (route) => {
    const parsed = devSignInSchema.safeParse(route.request().postDataJSON());
    if (route.request().method() !== "POST" || !parsed.success) return route.fulfill({ status: 400, contentType: "application/problem+json", json: { title: "bad sign-in request in the test's stand-in" } });
    const expiresAt = new Date(Date.now() + DEV_TOKEN_TTL_SECONDS * 1000).toISOString();
    const token = await tokenFor(parsed.data.user, `${DEV_TOKEN_TTL_SECONDS}s`);
    return route.fulfill({ status: 200, contentType: "application/json", headers: { "cache-control": "no-store" }, json: { token, user: parsed.data.user, expiresAt } });
  });
}

const HOUR_MS = 3_600_000;

/**
 * One "now" for a spec that counts days (the browser runs in UTC): `start` is
 * the real time, or two hours before the next midnight UTC if that is
 * earlier, so no day ends while the spec runs; install it as the app's clock
 * (`context.clock.install({ time: start })`, which then runs on) and count
 * days with `utcDay`, never from the real clock, which may have passed midnight
 * by the time a later step asks. The clock only goes back, never ahead of the
 * server's (a token then looks longer-lived, never expired).
 */
export function fixedDays(now = Date.now()): { start: number; utcDay(days: number): number } {
  const midnight = (t: number, days: number) => { const d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days); };
  const start = Math.min(now, midnight(now, 1) - 2 * HOUR_MS);
  return { start, utcDay: (days) => midnight(start, days) };
}

/** Opens the app and signs in with the development sign-in (against an external target: the test's stand-in for it). */
export async function signIn(page: Page, appUrl: string, user: string, query = ""): Promise<void> {
  await page.goto(`${appUrl}/${query}`);
  await page.getByLabel("User name").fill(user);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "New task" }).waitFor();
}

/** Opens the compact filter bar (closed on every page load) unless it is open. */
export async function openFilters(page: Page): Promise<void> {
  if (!(await page.locator("details.filters").evaluate((d: HTMLDetailsElement) => d.open))) await page.getByText("Filter and sort").click();
}

/** Below 768 px the sidebar is a drawer: opens it when it is closed. */
export async function openMenu(page: Page): Promise<void> {
  const menu = page.getByRole("button", { name: "Menu" });
  if ((await menu.getAttribute("aria-expanded")) !== "true") await menu.click();
}

/** The titles of the list, top to bottom, once it has settled (not busy). */
export async function listedTitles(page: Page): Promise<string[]> {
  await page.locator('ul.tasks[aria-busy="false"], p.empty').first().waitFor();
  return page.locator("ul.tasks li.task button.title").allTextContents();
}

/** Every request went to the app's own origin, and no page reported a CSP violation or script error. */
export function expectOnlyOwnOrigin(b: Browser): void {
  const origin = new URL(b.appUrl).origin;
  const foreign = b.requests.filter((u) => !u.startsWith("data:") && new URL(u).origin !== origin);
  expect(foreign, "requests to other hosts").to.deep.equal([]);
  expect(b.problems.filter((p) => /Content Security Policy|Refused to/i.test(p)), "CSP violations").to.deep.equal([]);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

const axeSource = (createRequire(import.meta.url)("axe-core") as { source: string }).source;

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (a <script> tag would be refused).
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ["violations"] });
    return result.violations as Violation[];
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}
