/**
 * `npm run bench -- --web`: the web app in Debian's Chromium against the
 * bench stack. Seeds a user with 20 tasks around now (Today) and a list of
 * 500, then prints, for each view, Lighthouse's performance, accessibility
 * and best-practices scores with LCP, total blocking time and CLS (cold loads
 * that sign in by themselves, no throttling: test/support/lighthouse.ts), the
 * bytes the first load transferred for the app shell, Chromium's own
 * installability verdict, and the time from a click on a task's checkbox to
 * the list updated with 500 tasks (the app's `tickler:toggle` measure, read
 * in Chromium driven by Playwright). Numbers only, no assertions.
 */
import { SignJWT } from "jose";
import { chromium } from "playwright-core";
import type { Result } from "lighthouse";
import type { StackInfo } from "../stack/stack.js";
import { CHROMIUM_FLAGS, chromiumPath } from "../../test/support/chromium.js";
import { autoSignInScript, launchForLighthouse, lighthouseNavigation, settledList, signedInPage, VIEWPORT } from "../../test/support/lighthouse.js";
import { seedTasks } from "../../test/support/seedTasks.js";
import { log } from "../stack/processes.js";
import { fmt, percentiles } from "./measure.js";

const USER = "bench-web";
const RUNS = 3;
const CLICKS = 15;
const CATEGORIES = ["performance", "accessibility", "best-practices"];

interface Load { scores: Record<string, number>; lcp: number; tbt: number; cls: number; shellBytes: number }

function loadFigures(lhr: Result, origin: string): Load {
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? NaN) * 100)]));
  const num = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  // The app shell: every same-origin request of the cold load but the API's (index.html, scripts, styles, manifest, icons).
  const details = lhr.audits["network-requests"]?.details;
  const items = (details && "items" in details ? details.items : []) as { url: string; transferSize?: number }[];
  const shellBytes = items.filter((r) => r.url.startsWith(origin) && !new URL(r.url).pathname.startsWith("/api/")).reduce((sum, r) => sum + (r.transferSize ?? 0), 0);
  return { scores, lcp: num("largest-contentful-paint"), tbt: num("total-blocking-time"), cls: num("cumulative-layout-shift"), shellBytes };
}

const median = (xs: number[]) => percentiles(xs).p50;

async function lighthouseRows(appUrl: string, views: [string, string][]): Promise<string[]> {
  const browser = await launchForLighthouse();
  const rows: string[] = [];
  try {
    for (const [name, url] of views) {
      const loads: Load[] = [];
      for (let run = 0; run < RUNS; run++) {
        const page = await signedInPage(browser, USER);
        const started = Date.now();
        const lhr = await lighthouseNavigation(page, url, CATEGORIES);
        const load = loadFigures(lhr, new URL(appUrl).origin);
        log(`${name}, load ${run + 1}: ${JSON.stringify(load)} in ${((Date.now() - started) / 1000).toFixed(1)} s${lhr.runWarnings.length ? `; warnings: ${lhr.runWarnings.join(" | ")}` : ""}`);
        loads.push(load);
        await page.close();
      }
      const m = (f: (l: Load) => number) => median(loads.map(f));
      rows.push(`| ${name} | ${m((l) => l.scores.performance!)} | ${m((l) => l.scores.accessibility!)} | ${m((l) => l.scores["best-practices"]!)} | ${fmt(m((l) => l.lcp))} | ${fmt(m((l) => l.tbt))} | ${m((l) => l.cls).toFixed(3)} | ${(m((l) => l.shellBytes) / 1024).toFixed(1)} KB |`);
    }
    // Lighthouse 12 dropped its PWA category and the installable-manifest audit; Chromium's own check answers instead.
    const page = await signedInPage(browser, USER);
    await page.goto(`${appUrl}/`);
    await settledList(page, 1);
    // Puppeteer evaluates a string through the DevTools protocol, outside the page's CSP.
    const worker = await page.evaluate("navigator.serviceWorker.ready.then((r) => r.active ? r.active.state : 'none')") as string;
    const cdp = await page.createCDPSession();
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    const { url: manifest } = await cdp.send("Page.getAppManifest");
    const errors = installabilityErrors.map((e) => e.errorId);
    rows.push("", `installable (Chromium's Page.getInstallabilityErrors): ${errors.length === 0 ? "yes" : `no: ${errors.join(", ")}`}; manifest ${manifest ? new URL(manifest).pathname : "none"}; service worker ${worker}`);
  } finally {
    await browser.close();
  }
  return rows;
}

/** Clicks "Complete" on the first open task, CLICKS times, reading the app's measure of each. */
async function checkboxTimes(listUrl: string): Promise<number[]> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.addInitScript(autoSignInScript(USER));
    await page.goto(listUrl);
    const settled = page.locator('ul.tasks[aria-busy="false"] li.task').nth(49);
    await settled.waitFor();
    const times: number[] = [];
    for (let k = 0; k < CLICKS; k++) {
      await page.locator('ul.tasks li.task input[type="checkbox"][aria-label^="Complete"]').first().click();
      // Functions, not strings: Playwright evaluates a string with eval, which the app's CSP refuses.
      await page.waitForFunction((n) => performance.getEntriesByName("tickler:toggle").length > n, k);
      times.push(await page.evaluate(() => performance.getEntriesByName("tickler:toggle").at(-1)!.duration));
      // Let the list's debounced reload finish so the next click meets a settled list.
      await page.locator('ul.tasks[aria-busy="false"]').waitFor();
      await page.waitForTimeout(600);
    }
    return times;
  } finally {
    await browser.close();
  }
}

export async function webBench(info: StackInfo): Promise<void> {
  const token = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(USER).setIssuedAt()
    .setExpirationTime("1h").sign(new TextEncoder().encode(info.secrets.jwtSecret));
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${info.apiUrl}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { id: string } };
  };
  const listId = (await call("POST", "/lists", { name: "Five hundred" })).body.id as string;
  await seedTasks(call, 20, (i) => ({ title: `Today ${i}`, dueAt: new Date(Date.now() + (i - 10) * 600_000).toISOString(), tags: ["today"] }));
  await seedTasks(call, 500, (i) => ({ title: `Task ${i} of the long list`, listId, tags: [`t${i % 7}`] }));
  const listUrl = `${info.apiUrl}/?list=${listId}`;

  const out = [
    `web app, Lighthouse ${RUNS} cold loads per view (median), desktop, no throttling`,
    "",
    "| view | performance | accessibility | best practices | LCP | TBT | CLS | app shell transferred |",
    "|---|---|---|---|---|---|---|---|",
    ...(await lighthouseRows(info.apiUrl, [["Today (20 tasks)", `${info.apiUrl}/`], ["list of 500 tasks", listUrl]])),
  ];
  const t = percentiles(await checkboxTimes(listUrl));
  out.push("", `checkbox click → list updated, 500-task list (tickler:toggle): n=${t.n}  p50 ${fmt(t.p50)}  max ${fmt(t.max)}`);
  process.stdout.write(`${out.join("\n")}\n`);
}
