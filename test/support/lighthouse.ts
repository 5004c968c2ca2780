/**
 * Lighthouse (the npm package) on the web app, in Debian's Chromium with the
 * browser tests' flags, for test/browser/lighthouse.test.ts and
 * `npm run bench -- --web`.
 *
 * The app keeps its token in the tab's memory only (web/src/auth.ts), so any
 * page load, Lighthouse's own navigations included, starts at the sign-in
 * form. The simplest robust way to give Lighthouse a signed-in page is the
 * one a person with an identity-provider session has: the page signs in by
 * itself on load. A script added through the DevTools protocol before any
 * document (outside the page's CSP, the app unchanged) fills the development
 * sign-in form and submits it; everything after is the app's own work.
 *
 * Nothing reaches past localhost: no throttling calibration or simulation
 * (`provided`: the figures are the local machine's own), no error reporting,
 * no full-page screenshot, and Chromium's background networking is off.
 */
import type { Config, Flags, Result } from "lighthouse";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { CHROMIUM_FLAGS, chromiumPath } from "./chromium.js";

/**
 * Lighthouse loaded by import(), through Node's ESM loader: mocha loads a
 * spec's static imports through tsx's require hook, which rewrites
 * Lighthouse's in-page functions with a helper (`__name`) the page lacks.
 */
const lighthouseModule = () => import("lighthouse");

export const VIEWPORT = { width: 1280, height: 900 };

export async function launchForLighthouse(): Promise<Browser> {
  return puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS, defaultViewport: VIEWPORT });
}

/** Page script: on the app's sign-in form, type `user` and submit (after Preact has taken the input). */
export function autoSignInScript(user: string): string {
  return `(() => {
    if (location.protocol !== "http:" && location.protocol !== "https:") return;
    const tryIt = () => {
      const input = document.querySelector("#signin-user");
      if (!input || input.dataset.autoSignIn) return false;
      input.dataset.autoSignIn = "1";
      input.value = ${JSON.stringify(user)};
      input.dispatchEvent(new Event("input", { bubbles: true }));
      setTimeout(() => input.form && input.form.requestSubmit(), 0);
      return true;
    };
    new MutationObserver((_, seen) => { if (tryIt()) seen.disconnect(); }).observe(document, { childList: true, subtree: true });
  })();`;
}

/** A page that signs in as `user` on every load; every URL it requests is pushed to `requests`. */
export async function signedInPage(browser: Browser, user: string, requests: string[] = []): Promise<Page> {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(autoSignInScript(user));
  page.on("request", (r) => { requests.push(r.url()); });
  return page;
}

/** Waits until the task list (or, for none, its empty state) has settled after a load, with `atLeast` rows. */
export async function settledList(page: Page, atLeast = 0): Promise<void> {
  // A string, not a function: tsx's transform would put helpers the page does not have into a function's source.
  const rows = `document.querySelectorAll('ul.tasks[aria-busy="false"] li.task').length`;
  await page.waitForFunction(atLeast === 0 ? `document.querySelector("p.empty") || ${rows} > 0` : `${rows} >= ${atLeast}`, { timeout: 30_000 });
}

function config(categories: string[]): Config {
  return {
    extends: "lighthouse:default",
    settings: {
      onlyCategories: categories,
      formFactor: "desktop",
      // The window is already desktop-sized (VIEWPORT); no simulated slow network or CPU, so no calibration.
      screenEmulation: { disabled: true },
      throttlingMethod: "provided",
      throttling: { rttMs: 0, throughputKbps: 0, requestLatencyMs: 0, downloadThroughputKbps: 0, uploadThroughputKbps: 0, cpuSlowdownMultiplier: 1 },
      disableFullPageScreenshot: true,
      locale: "en-US",
    },
  };
}

// The Node API never reports errors to Sentry (only the CLI asks to).
const FLAGS: Flags = { logLevel: "error", output: "json" };

/** Lighthouse on the page as it is now (no load): what the test checks for accessibility. */
export async function lighthouseSnapshot(page: Page, categories: string[]): Promise<Result> {
  const { snapshot } = await lighthouseModule();
  const run = await snapshot(page, { config: config(categories), flags: FLAGS });
  if (!run) throw new Error("Lighthouse gave no result");
  return run.lhr;
}

/** Lighthouse loading `url` cold (storage and cache reset), the page signing itself in: load figures. */
export async function lighthouseNavigation(page: Page, url: string, categories: string[]): Promise<Result> {
  const { default: lighthouse } = await lighthouseModule();
  const run = await lighthouse(url, FLAGS, config(categories), page);
  if (!run) throw new Error("Lighthouse gave no result");
  return run.lhr;
}

/** The audits that keep a category below 100, with the elements they name: what to fix. */
export function failingAudits(lhr: Result, category: string): string[] {
  const cat = lhr.categories[category];
  if (!cat) return [`no ${category} category in the result`];
  return cat.auditRefs.filter((ref) => ref.weight > 0).map((ref) => lhr.audits[ref.id]!)
    .filter((a) => a.score !== null && a.score < 1)
    .map((a) => {
      const items = (a.details && "items" in a.details ? a.details.items : []) as { node?: { selector?: string; snippet?: string } }[];
      const nodes = items.map((i) => i.node?.selector ?? i.node?.snippet).filter(Boolean).slice(0, 5);
      return `${a.id}: ${a.title}${nodes.length ? ` (${nodes.join("; ")})` : ""}`;
    });
}
