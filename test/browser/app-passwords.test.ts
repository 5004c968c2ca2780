/**
 * App passwords from the web app (issue 26): a person makes one for an app,
 * sees the address, user name and password once, the app signs in to CalDAV
 * with them, and revoking it in the web app shuts that app out at once.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { apiAs, target } from "../support/stack.js";
import { expectOnlyOwnOrigin, launchBrowser, signIn, type Browser } from "./browser.js";

/** A CalDAV client's first request: PROPFIND of the DAV root with Basic auth. */
async function propfind(username: string, password: string): Promise<number> {
  const res = await fetch(`${target().apiUrl}/dav/`, {
    method: "PROPFIND",
    headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`, depth: "0", "content-type": "application/xml" },
    body: '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:current-user-principal/></d:prop></d:propfind>',
  });
  await res.arrayBuffer();
  return res.status;
}

describe("web app: app passwords for calendar and task apps", function () {
  let browser: Browser;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it("makes a password shown once, which a CalDAV client signs in with, and revokes it", async () => {
    const user = `apppw-${randomUUID().slice(0, 8)}`;
    const page = await browser.newPage(1280);
    await signIn(page, browser.appUrl, user);
    await page.getByRole("button", { name: "Reminders" }).click();
    await page.getByRole("heading", { name: "Calendar and task apps" }).waitFor();

    await page.getByLabel("App name").fill("Phone");
    await page.getByRole("button", { name: "Create password" }).click();
    const shown = page.getByRole("status", { name: "New password for Phone" });
    await shown.waitFor();
    const [url, username, password] = await shown.locator("dd code").allTextContents();
    expect(url).to.equal(`${new URL(browser.appUrl).origin}/dav/`);
    expect(username).to.equal(user);
    expect(password).to.be.a("string").with.length.above(15);
    expect(await propfind(username!, password!), "the app signs in with what was shown").to.equal(207);
    expect(await propfind(username!, `${password}x`)).to.equal(401);

    await page.getByRole("button", { name: "Done" }).click();
    expect(await shown.count(), "shown only once").to.equal(0);
    const listed = page.getByRole("list", { name: "App passwords" }).locator("li", { hasText: "Phone" });
    await listed.waitFor();
    expect(await page.content(), "the password is nowhere on the page any more").to.not.include(password);

    await page.getByRole("button", { name: "Revoke Phone" }).click();
    await listed.waitFor({ state: "detached" });
    expect(await propfind(username!, password!), "a revoked password signs in no more").to.equal(401);
    const left = await (await apiAs(user)).call<{ items: unknown[] }>("GET", "/me/app-passwords");
    expect(left.body.items).to.deep.equal([]);
    expectOnlyOwnOrigin(browser);
    await page.close();
  });
});
