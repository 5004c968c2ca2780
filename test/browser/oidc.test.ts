/**
 * OIDC sign-in (authorization code + PKCE) in the browser. The identity
 * provider is played by the test: its endpoints sit under the app's own
 * origin (/test-idp), answered by request interception, so the page's CSP and
 * the own-origin check apply as they are. Its access token is signed with the
 * test stack's secret, so the real API accepts it.
 */
import { createHash, randomUUID } from "node:crypto";
import { expect } from "chai";
import { SignJWT } from "jose";
import type { Page, Route } from "playwright-core";
import { stack } from "../support/stack.js";
import { expectOnlyOwnOrigin, launchBrowser, listedTitles, type Browser } from "./browser.js";

const CLIENT_ID = "tickler-web";

function fakeIdentityProvider(page: Page, appUrl: string, user: string) {
  const authority = `${appUrl}/test-idp`;
  const seen = { clientId: "", responseType: "", challenge: "", method: "", verifier: "", code: "", tokenRequests: 0 };
  let nonce: string | undefined;
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setSubject(user).setIssuedAt().setExpirationTime("15m")
      .sign(new TextEncoder().encode(stack().secrets.jwtSecret));

  const handle = async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.pathname === "/test-idp/.well-known/openid-configuration") {
      return route.fulfill({ json: { issuer: authority, authorization_endpoint: `${authority}/authorize`, token_endpoint: `${authority}/token`, jwks_uri: `${authority}/jwks` } });
    }
    if (url.pathname === "/test-idp/authorize") {
      seen.clientId = url.searchParams.get("client_id") ?? "";
      seen.responseType = url.searchParams.get("response_type") ?? "";
      seen.challenge = url.searchParams.get("code_challenge") ?? "";
      seen.method = url.searchParams.get("code_challenge_method") ?? "";
      nonce = url.searchParams.get("nonce") ?? undefined;
      const back = new URL(url.searchParams.get("redirect_uri")!);
      back.searchParams.set("code", "test-code");
      back.searchParams.set("state", url.searchParams.get("state")!);
      return route.fulfill({ status: 302, headers: { location: back.toString() } });
    }
    if (url.pathname === "/test-idp/token") {
      seen.tokenRequests++;
      const form = new URLSearchParams(route.request().postData() ?? "");
      seen.verifier = form.get("code_verifier") ?? "";
      seen.code = form.get("code") ?? "";
      return route.fulfill({
        json: {
          token_type: "Bearer",
          expires_in: 900,
          access_token: await sign({}),
          id_token: await sign({ iss: authority, aud: CLIENT_ID, preferred_username: user, ...(nonce ? { nonce } : {}) }),
        },
      });
    }
    return route.fulfill({ status: 404, body: "" });
  };
  return { authority, seen, handle };
}

describe("web app: OIDC sign-in (code flow with PKCE)", function () {
  let browser: Browser;
  before(async () => {
    // The fake provider's pages are same-origin navigations answered by page.route, which the app's service worker would fetch past.
    browser = await launchBrowser({ serviceWorkers: "block" });
  });
  after(async () => {
    await browser?.close();
  });

  it("signs in through the identity provider, proves PKCE, and keeps the token in memory only", async () => {
    const user = `oidc-${randomUUID().slice(0, 8)}`;
    const page = await browser.newPage();
    const idp = fakeIdentityProvider(page, browser.appUrl, user);
    await page.route((url) => url.pathname.startsWith("/test-idp/"), idp.handle);
    // The test stack runs the development sign-in; this page is told OIDC instead.
    await page.route((url) => url.pathname === "/api/v1/session/config", (route) =>
      route.fulfill({ json: { mode: "oidc", authority: idp.authority, clientId: CLIENT_ID } }));

    await page.goto(`${browser.appUrl}/?sort=title`);
    await page.getByRole("button", { name: "Sign in with your organisation" }).click();
    await page.getByRole("button", { name: `Sign out ${user}` }).waitFor();
    await listedTitles(page);

    expect(idp.seen).to.include({ clientId: CLIENT_ID, responseType: "code", code: "test-code", method: "S256" });
    expect(idp.seen.challenge).to.equal(createHash("sha256").update(idp.seen.verifier).digest("base64url"));
    expect(idp.seen.tokenRequests).to.equal(1);
    // The view came back; the code did not stay in the address bar.
    expect(new URL(page.url()).search).to.equal("?sort=title");
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    expect(stored).to.not.match(/eyJ/);
    expectOnlyOwnOrigin(browser);
    await page.close();
  });
});
