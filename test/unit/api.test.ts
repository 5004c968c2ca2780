/**
 * The HTTP layer without a port or a sidecar (request(app.callback())): auth,
 * validation and the problem+json error path. The task actors are replaced by
 * the pure domain held in memory.
 */
import { expect } from "chai";
import { SignJWT } from "jose";
import request from "supertest";
import { pino } from "pino";
import type { TaskActors } from "../../src/actors/client.js";
import { createApp } from "../../src/http/app.js";
import { createAuthenticator, requireUser } from "../../src/api/auth.js";
import { MAX_BODY_BYTES } from "../../src/http/body.js";
import { taskRoutes } from "../../src/api/tasks/routes.js";
import { inMemoryActors, memoryLists } from "../support/memoryApi.js";
import type { Task } from "../../src/domain/index.js";

const SECRET = "unit-test-secret-unit-test-secret-0123456789";
const APP_TOKEN = "app-token-0123456789";

function testApp(actors: TaskActors = inMemoryActors()) {
  const applied: Task[] = [];
  const app = createApp({
    log: pino({ level: "silent" }),
    appApiToken: APP_TOKEN,
    sidecarRouters: [],
    routers: [
      taskRoutes({
        guard: [requireUser(createAuthenticator({ jwtSecret: SECRET }))],
        actors,
        lists: memoryLists(),
        readModel: {
          applyAfterWrite: async (task) => void applied.push(task),
          list: async () => ({ items: applied, next: null }),
          tags: async () => [],
          get: async () => null,
          children: async () => [],
        },
        listsOf: async () => [],
        history: async () => [],
      }),
    ],
  });
  return { server: app.callback(), applied };
}

const token = (sub: string, exp = "1h") =>
  new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(sub).setIssuedAt().setExpirationTime(exp).sign(new TextEncoder().encode(SECRET));

describe("REST layer", () => {
  let auth: string;
  before(async () => {
    auth = `Bearer ${await token("alice")}`;
  });

  it("creates a task and applies it to the read model at once", async () => {
    const { server, applied } = testApp();
    const res = await request(server).post("/api/v1/tasks").set("authorization", auth).send({ title: "  Plan trip ", tags: ["Travel", "travel", "EU"] });
    expect(res.status).to.equal(201);
    expect(res.body).to.include({ title: "Plan trip", status: "open", version: 1 });
    expect(res.body.tags).to.deep.equal(["travel", "eu"]);
    expect(res.body).not.to.have.property("ownerId");
    expect(applied.map((t) => t.id)).to.deep.equal([res.body.id]);
  });

  it("answers 401 for a missing, malformed or expired token", async () => {
    const { server } = testApp();
    for (const header of [undefined, "Bearer", "Basic abc", `Bearer ${await token("alice", "-1m")}`, "Bearer a.b.c"]) {
      const req = request(server).get("/api/v1/tasks");
      if (header) req.set("authorization", header);
      const res = await req;
      expect(res.status, String(header)).to.equal(401);
      expect(res.type).to.equal("application/problem+json");
      expect(res.headers["www-authenticate"]).to.equal("Bearer");
    }
  });

  it("rejects unknown and server-owned fields with their paths", async () => {
    const { server } = testApp();
    const res = await request(server).post("/api/v1/tasks").set("authorization", auth).send({ title: "x", colour: "red", id: "mine", version: 9 });
    expect(res.status).to.equal(400);
    expect(res.type).to.equal("application/problem+json");
    expect(res.body).to.include({ status: 400, title: "Bad Request" });
    expect(res.body.errors).to.deep.include({ path: "colour", message: "is not a known field" });
    expect(res.body.errors).to.deep.include({ path: "id", message: "is set by the server and cannot be written" });
    expect(res.body.errors).to.deep.include({ path: "version", message: "is set by the server and cannot be written" });
  });

  it("names every invalid field", async () => {
    const { server } = testApp();
    const res = await request(server)
      .post("/api/v1/tasks")
      .set("authorization", auth)
      .send({ title: "", priority: "urgent", dueAt: "tomorrow", timeZone: "Mars/Olympus", tags: "x" });
    expect(res.status).to.equal(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).to.deep.equal(["dueAt", "priority", "tags", "timeZone", "title"]);
  });

  it("answers 400 for malformed JSON, 415 for another content type, 413 past the size limit", async () => {
    const { server } = testApp();
    const bad = await request(server).post("/api/v1/tasks").set("authorization", auth).set("content-type", "application/json").send("{\"title\":");
    expect(bad.status).to.equal(400);
    expect(bad.body.detail).to.equal("the request body is not valid JSON");
    const form = await request(server).post("/api/v1/tasks").set("authorization", auth).type("form").send("title=x");
    expect(form.status).to.equal(415);
    const huge = await request(server).post("/api/v1/tasks").set("authorization", auth).send({ title: "x", description: "y".repeat(MAX_BODY_BYTES) });
    expect(huge.status).to.equal(413);
  });

  it("answers 412 for a stale or malformed If-Match, and 409 for an invalid transition", async () => {
    const { server } = testApp();
    const created = await request(server).post("/api/v1/tasks").set("authorization", auth).send({ title: "x" });
    const id = created.body.id as string;
    expect((await request(server).patch(`/api/v1/tasks/${id}`).set("authorization", auth).set("if-match", '"7"').send({ title: "y" })).status).to.equal(412);
    expect((await request(server).patch(`/api/v1/tasks/${id}`).set("authorization", auth).set("if-match", "soon").send({ title: "y" })).status).to.equal(412);
    const ok = await request(server).patch(`/api/v1/tasks/${id}`).set("authorization", auth).set("if-match", 'W/"1"').send({ title: "y" });
    expect(ok.status).to.equal(200);
    expect(ok.headers.etag).to.equal('"2"');
    const reopen = await request(server).post(`/api/v1/tasks/${id}/reopen`).set("authorization", auth);
    expect(reopen.status).to.equal(409);
    expect(reopen.body.type).to.equal("https://tickler.dev/problems/invalid_transition");
  });

  it("answers 404 for ids that are not task ids and for other users' tasks", async () => {
    const { server } = testApp();
    expect((await request(server).get("/api/v1/tasks/not-a-uuid").set("authorization", auth)).status).to.equal(404);
    const created = await request(server).post("/api/v1/tasks").set("authorization", auth).send({ title: "mine" });
    const other = `Bearer ${await token("bob")}`;
    expect((await request(server).get(`/api/v1/tasks/${created.body.id}`).set("authorization", other)).status).to.equal(404);
  });

  it("rejects query parameters given twice or with operators", async () => {
    const { server } = testApp();
    expect((await request(server).get("/api/v1/tasks?status=open&status=all").set("authorization", auth)).status).to.equal(400);
    expect((await request(server).get("/api/v1/tasks?status[$ne]=open").set("authorization", auth)).status).to.equal(400);
    expect((await request(server).get("/api/v1/tasks?limit=0").set("authorization", auth)).status).to.equal(400);
    expect((await request(server).get("/api/v1/tasks?cursor=%%%").set("authorization", auth)).status).to.equal(400);
  });

  it("never leaks internal errors", async () => {
    const failing: TaskActors = {
      handle: async () => {
        throw new Error("ECONNREFUSED 10.0.0.7:3500 secret detail");
      },
      readVersion: async () => {
        throw new Error("boom");
      },
      read: async () => {
        throw new Error("boom");
      },
    };
    const { server } = testApp(failing);
    const res = await request(server).post("/api/v1/tasks").set("authorization", auth).send({ title: "x" });
    expect(res.status).to.equal(500);
    expect(JSON.stringify(res.body)).not.to.match(/ECONNREFUSED|secret|stack/i);
  });
});
