/**
 * App passwords: created named and shown once, listed without the secret and
 * with last use, revoked, bounded per user; Basic auth with one works where
 * requireAppPassword guards (only /dav/) and nowhere else.
 */
import { expect } from "chai";
import request from "supertest";
import { newRouter } from "../../src/infra/http/router.js";
import { appPasswordRoutes } from "../../src/api/me/appPasswords.js";
import { parseBasic, requireAppPassword } from "../../src/api/dav/basicAuth.js";
import { hashSecret, MAX_APP_PASSWORDS, secretMatches } from "../../src/infra/appPasswords.js";
import type { AuthState } from "../../src/api/auth.js";
import { memoryApi, memoryToken } from "../support/memoryApi.js";
import { memoryAppPasswords } from "../support/memoryAppPasswords.js";

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

function harness(allowPlainHttp = false) {
  const store = memoryAppPasswords();
  const dav = newRouter();
  dav.get("/dav/", requireAppPassword({ store, allowPlainHttp }), (ctx) => {
    ctx.body = { user: (ctx.state as AuthState).userId };
  });
  const { server } = memoryApi((guard) => [appPasswordRoutes({ guard, store }), dav]);
  return { server, store };
}

describe("app passwords", () => {
  it("are hashed slowly with a salt: the stored form reveals nothing and checks only the secret", async () => {
    const a = await hashSecret("secret-one");
    const b = await hashSecret("secret-one");
    expect(a).to.match(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.to.equal(b);
    expect(a).not.to.include("secret-one");
    expect(await secretMatches("secret-one", a)).to.equal(true);
    expect(await secretMatches("secret-two", a)).to.equal(false);
  });

  it("is shown once at creation, listed by name without it, works for Basic auth under /dav/ only, and stops at revocation", async () => {
    const { server, store } = harness();
    const token = await memoryToken("ada");
    const created = await request(server).post("/api/v1/me/app-passwords").set("authorization", `Bearer ${token}`).send({ name: "Phone (DAVx⁵)" });
    expect(created.status).to.equal(201);
    expect(created.headers["cache-control"]).to.equal("no-store");
    const { id, password, username, url } = created.body as { id: string; password: string; username: string; url: string };
    expect(password).to.match(/^tkl_[0-9a-f]{16}_[\w-]{43}$/);
    expect(username).to.equal("ada");
    expect(url).to.match(/\/dav\/$/);
    expect(store.hashes.get(id)).not.to.include(password.slice(22));

    const listed = await request(server).get("/api/v1/me/app-passwords").set("authorization", `Bearer ${token}`);
    expect(listed.body.items).to.have.length(1);
    expect(listed.body.items[0]).to.deep.include({ id, name: "Phone (DAVx⁵)", lastUsedAt: null });
    expect(JSON.stringify(listed.body)).not.to.include(password);

    const dav = await request(server).get("/dav/").set("authorization", basic("ada", password));
    expect(dav.status).to.equal(200);
    expect(dav.body).to.deep.equal({ user: "ada" });
    const used = await request(server).get("/api/v1/me/app-passwords").set("authorization", `Bearer ${token}`);
    expect(used.body.items[0].lastUsedAt).to.be.a("string");

    // Elsewhere the app password is no credential at all.
    const rest = await request(server).get("/api/v1/me/app-passwords").set("authorization", basic("ada", password));
    expect(rest.status).to.equal(401);
    expect(rest.headers["www-authenticate"]).to.equal("Bearer");
    const tasks = await request(server).get("/api/v1/tasks").set("authorization", basic("ada", password));
    expect(tasks.status).to.equal(401);

    // Another user's name with Ada's password, a wrong secret, no header: refused with a Basic challenge.
    for (const header of [basic("bob", password), basic("ada", `${password.slice(0, -1)}x`), undefined]) {
      const refused = request(server).get("/dav/");
      const res = header ? await refused.set("authorization", header) : await refused;
      expect(res.status).to.equal(401);
      expect(res.headers["www-authenticate"]).to.match(/^Basic realm=/);
    }

    // Bob cannot revoke Ada's password.
    const bob = await memoryToken("bob");
    expect((await request(server).delete(`/api/v1/me/app-passwords/${id}`).set("authorization", `Bearer ${bob}`)).status).to.equal(404);
    expect((await request(server).delete(`/api/v1/me/app-passwords/${id}`).set("authorization", `Bearer ${token}`)).status).to.equal(204);
    expect((await request(server).get("/dav/").set("authorization", basic("ada", password))).status).to.equal(401);
    expect((await request(server).delete(`/api/v1/me/app-passwords/${id}`).set("authorization", `Bearer ${token}`)).status).to.equal(404);
  });

  it(`are at most ${MAX_APP_PASSWORDS} per user, and a name is one line of at most 100 characters`, async () => {
    const { server } = harness();
    const token = await memoryToken("many");
    for (const name of ["", "two\nlines", "x".repeat(101)]) {
      const res = await request(server).post("/api/v1/me/app-passwords").set("authorization", `Bearer ${token}`).send({ name });
      expect(res.status, JSON.stringify(name)).to.equal(400);
    }
    for (let i = 0; i < MAX_APP_PASSWORDS; i++) {
      expect((await request(server).post("/api/v1/me/app-passwords").set("authorization", `Bearer ${token}`).send({ name: `device ${i}` })).status).to.equal(201);
    }
    const over = await request(server).post("/api/v1/me/app-passwords").set("authorization", `Bearer ${token}`).send({ name: "one more" });
    expect(over.status).to.equal(409);
    expect(over.body.limit).to.deep.equal({ name: "appPasswordsPerUser", max: MAX_APP_PASSWORDS });
  });

  it("reads a Basic header strictly: bounded, base64, a colon", () => {
    expect(parseBasic(basic("ada", "p:w"))).to.deep.equal({ user: "ada", password: "p:w" });
    expect(parseBasic("Basic !!!")).to.equal(null);
    expect(parseBasic(`Basic ${Buffer.from("nocolon").toString("base64")}`)).to.equal(null);
    expect(parseBasic(`Basic ${"A".repeat(2000)}`)).to.equal(null);
    expect(parseBasic("Bearer abc")).to.equal(null);
  });
});
