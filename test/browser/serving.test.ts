/** How the api serves the web app: caching, a strict CSP, and the public sign-in settings. */
import { expect } from "chai";
import { stack } from "../support/stack.js";

describe("web app: serving", () => {
  it("serves index.html uncached with a strict Content-Security-Policy and hashed assets as immutable", async () => {
    const base = stack().apiUrl;
    const index = await fetch(`${base}/`);
    expect(index.status).to.equal(200);
    expect(index.headers.get("cache-control")).to.equal("no-cache");
    const csp = index.headers.get("content-security-policy") ?? "";
    expect(csp).to.include("script-src 'self'").and.include("connect-src 'self'").and.include("default-src 'none'");
    expect(csp).to.not.include("unsafe-inline");
    const html = await index.text();
    expect(html).to.not.match(/<script(?![^>]*\ssrc=)[^>]*>/);
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).to.equal(2);
    for (const asset of assets) {
      expect(asset).to.match(/-[A-Z0-9]{8}\.(js|css)$/);
      const res = await fetch(`${base}${asset}`);
      expect(res.status).to.equal(200);
      expect(res.headers.get("cache-control")).to.equal("public, max-age=31536000, immutable");
    }
    expect((await fetch(`${base}/assets/nope-ABCDEFGH.js`)).status).to.equal(404);
  });

  it("tells the app to use the development sign-in, which mints a short-lived token that the API accepts", async () => {
    const base = `${stack().apiUrl}/api/v1`;
    expect(await (await fetch(`${base}/session/config`)).json()).to.deep.equal({ mode: "dev", tokenTtlSeconds: 900 });
    const res = await fetch(`${base}/session/dev`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ user: "serving-test" }) });
    const body = (await res.json()) as { token: string; expiresAt: string };
    expect(Date.parse(body.expiresAt) - Date.now()).to.be.within(0, 15 * 60_000);
    const tasks = await fetch(`${base}/tasks`, { headers: { authorization: `Bearer ${body.token}` } });
    expect(tasks.status).to.equal(200);
    const bad = await fetch(`${base}/session/dev`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ user: "a b" }) });
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]!.path).to.equal("user");
  });
});
