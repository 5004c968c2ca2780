/**
 * The OpenAPI document: served, complete (every route the app serves is in
 * it, and docs/api.md lists the same routes), and kept by the HTTP layer (the
 * in-memory app's answers validate against it). The e2e suite checks the
 * same against the real stack (test/e2e/contract.test.ts).
 */
import fs from "node:fs";
import type { Router } from "../../src/infra/http/router.js";
import type { Middleware } from "koa";
import { expect } from "chai";
import request from "supertest";
import { healthRouter } from "../../src/http/health.js";
import { historyRoutes } from "../../src/api/history/routes.js";
import { notificationApiRoutes } from "../../src/api/notifications/routes.js";
import { openApiRoutes } from "../../src/api/openapi/routes.js";
import { LiveStreams, streamRoutes } from "../../src/api/stream/routes.js";
import { tagRoutes } from "../../src/api/tags/routes.js";
import { taskRoutes } from "../../src/api/tasks/routes.js";
import { listRoutes } from "../../src/api/lists/routes.js";
import { memberRoutes } from "../../src/api/lists/members.js";
import { preferencesRoutes } from "../../src/api/me/preferences.js";
import { calendarFeedRoutes } from "../../src/api/me/calendarFeed.js";
import { actionPageRoutes } from "../../src/api/actionPage/routes.js";
import { appPasswordRoutes } from "../../src/api/me/appPasswords.js";
import { exportRoutes } from "../../src/api/export/routes.js";
import { Contract } from "../support/contract.js";
import { memoryApi, memoryToken } from "../support/memoryApi.js";

const pass: Middleware = async (_ctx, next) => next();

/** "METHOD /path" of every route a router serves, in OpenAPI's template form. */
function routesOf(router: Router): string[] {
  return router.stack.flatMap((layer) =>
    layer.methods.filter((m) => m !== "HEAD").map((m) => `${m} ${String(layer.path).replace(/:(\w+)/g, "{$1}").replace(/(.)\/$/, "$1")}`),
  );
}

function specRoutes(doc: Record<string, any>): string[] {
  return Object.entries(doc.paths as Record<string, object>).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
}

/** The routes of docs/api.md's route table; rows marked "outside /api/v1" are absolute. */
export function documentedRoutes(page: string): string[] {
  const section = page.split("\n## Routes\n")[1]!.split("\n## ")[0]!;
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .flatMap((line) => {
      const cell = line.split(" | ")[0]!;
      const outside = cell.includes("outside");
      return [...cell.matchAll(/`(GET|POST|PUT|PATCH|DELETE) ([^`?]+)(?:\?[^`]*)?`/g)].map(([, method, path]) => `${method} ${outside ? "" : "/api/v1"}${path}`);
    });
}

describe("OpenAPI document", () => {
  const contract = new Contract();

  it("is served without a token, with a reference page that loads nothing from elsewhere", async () => {
    const { server } = memoryApi(() => [openApiRoutes()]);
    const spec = await request(server).get("/api/v1/openapi.json");
    expect(spec.status).to.equal(200);
    expect(spec.body.openapi).to.equal("3.1.0");
    const page = await request(server).get("/docs");
    expect(page.status).to.equal(200);
    expect(page.type).to.equal("text/html");
    expect(page.text).to.include('src="/docs/docs.js"');
    expect(page.text).not.to.match(/https?:\/\/(?!tickler)/);
    const script = await request(server).get("/docs/docs.js");
    expect(script.status).to.equal(200);
    expect(script.text).to.include('fetch("/api/v1/openapi.json")');
  });

  it("lists every route the api app serves to clients", () => {
    const stub = {} as never;
    const routers = [
      taskRoutes({ guard: [pass], actors: stub, lists: stub, readModel: stub, listsOf: async () => [], history: async () => [] }),
      listRoutes({ guard: [pass], actors: stub, lists: stub, view: stub, hasTasks: async () => false }),
      memberRoutes({ guard: [pass], actors: stub, lists: stub, view: stub }),
      historyRoutes({ guard: [pass], feed: async () => [], visibleTo: async () => () => true }),
      tagRoutes({ guard: [pass], readModel: stub, actors: stub } as never),
      notificationApiRoutes({ guard: [pass], notifications: stub, allowPrivateWebhooks: false }),
      streamRoutes({ guard: [pass], streams: new LiveStreams() }),
      healthRouter({ ready: {}, dependencies: {} }, { up: true }),
      openApiRoutes(),
      preferencesRoutes({ guard: [pass], store: stub, sendConfirmation: async () => {} }),
      calendarFeedRoutes({ guard: [pass], limit: pass, feeds: stub, readModel: stub, readable: async () => [] }),
      appPasswordRoutes({ guard: [pass], store: stub }),
      exportRoutes({ guard: [pass], actors: stub, lists: stub, listActors: stub, listsView: stub, readModel: stub, readable: async () => [], history: async () => [], timeZoneOf: async () => "UTC", comments: stub, commentOutbox: stub }),
      actionPageRoutes({ secret: undefined, actors: stub, access: stub, uses: stub, preferences: stub }),
    ];
    const served = routers.flatMap(routesOf);
    expect(served.filter((r) => !specRoutes(contract.doc).includes(r)), "served but not in the spec").to.deep.equal([]);
  });

  it("lists the same routes as the route table of docs/api.md", () => {
    // `/assets/*` in prose is `/assets/{file}` in the spec.
    const canonical = (route: string) => route.replace(/\{[^{}]+\}|\*/g, "{}");
    const documented = documentedRoutes(fs.readFileSync(new URL("../../docs/api.md", import.meta.url), "utf8")).map(canonical);
    const spec = specRoutes(contract.doc).map(canonical);
    expect(documented.length, "routes found in docs/api.md").to.be.greaterThan(10);
    expect(spec.filter((r) => !documented.includes(r)), "in the spec, not in docs/api.md").to.deep.equal([]);
    expect(documented.filter((r) => !spec.includes(r)), "in docs/api.md, not in the spec").to.deep.equal([]);
  });

  it("resolves every $ref and names a problem+json answer for every error", () => {
    const text = JSON.stringify(contract.doc);
    for (const [, name] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) expect(contract.doc.components.schemas, name).to.have.property(name!);
    for (const item of Object.values(contract.doc.paths as Record<string, Record<string, any>>)) {
      for (const op of Object.values(item)) {
        for (const [status, reply] of Object.entries(op.responses as Record<string, any>)) {
          // 503 is the readiness report; MCP's JSON-RPC errors follow the MCP spec; an email's
          // one-click landing pages answer a person's browser, errors included, with HTML.
          const html = /^(get|post)ApiV1ActionsLink$/.test(op.operationId);
          if (Number(status) >= 400 && status !== "503" && op.operationId !== "postMcp" && !html) expect(Object.keys(reply.content ?? {}), `${op.operationId} ${status}`).to.deep.equal(["application/problem+json"]);
        }
      }
    }
  });

  it("states the input limits of quick add and import (docs/api-limits.md)", () => {
    const schemas = contract.doc.components.schemas;
    expect(schemas.QuickAdd.properties.text.maxLength).to.equal(1000);
    expect(schemas.QuickAdd.properties.timeZone.$ref).to.equal("#/components/schemas/TimeZone");
    expect(schemas.TimeZone.maxLength).to.equal(64);
    const task = schemas.ImportFile.properties.tasks.items.properties;
    expect([task.title.maxLength, task.description.maxLength, task.dueAt.anyOf[0].maxLength, task.recurrence.anyOf[0].properties.rule.maxLength]).to.deep.equal([200, 4000, 64, 500]);
    expect([task.tags.maxItems, task.tags.items.maxLength, task.reminders.maxItems]).to.deep.equal([20, 40, 10]);
    const csv = contract.doc.paths["/api/v1/import"].post.requestBody.content["text/csv"].schema.description;
    expect(csv).to.include("200 characters in DATE").and.include("4000 characters in CONTENT").and.include("row 5.DATE");
  });

  it("says what sort means: a leading - is descending, -priority is high → none", () => {
    const sort = contract.doc.paths["/api/v1/tasks"].get.parameters.find((p: { name: string }) => p.name === "sort");
    expect(sort.schema.enum).to.include.members(["priority", "-priority", "dueAt", "-dueAt"]);
    expect(sort.description).to.match(/-priority high → none/);
  });

  it("is kept by the HTTP layer: answers and accepted requests validate", async () => {
    const { server } = memoryApi();
    const auth = `Bearer ${await memoryToken("alice")}`;
    const problems: string[] = [];
    const call = async (method: "get" | "post" | "patch" | "delete", url: string, body?: object, headers: Record<string, string> = {}) => {
      let req = request(server)[method](url).set("authorization", auth);
      for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
      const res = body === undefined ? await req : await req.send(body);
      problems.push(...contract.check({ method, url, requestBody: body, status: res.status, responseType: res.type, responseHeaders: res.headers, responseBody: res.text === "" ? undefined : res.body }));
      return res;
    };
    const created = await call("post", "/api/v1/tasks", { title: "x", dueAt: "2030-01-01T09:00:00+01:00", reminders: [{ before: "PT5M" }], recurrence: { rule: "FREQ=DAILY" } }, { "idempotency-key": "k1" });
    const id = created.body.id as string;
    await call("post", "/api/v1/tasks", { title: "x", dueAt: "2030-01-01T09:00:00+01:00", reminders: [{ before: "PT5M" }], recurrence: { rule: "FREQ=DAILY" } }, { "idempotency-key": "k1" });
    await call("get", "/api/v1/tasks?sort=-priority&limit=5&tag=a&tag=b&priority=high,low");
    await call("get", `/api/v1/tasks/${id}`);
    await call("patch", `/api/v1/tasks/${id}`, { priority: "high" }, { "if-match": '"1"' });
    await call("patch", `/api/v1/tasks/${id}`, { priority: "low" }, { "if-match": '"1"' });
    await call("get", `/api/v1/tasks/${id}/occurrences?count=2`);
    await call("post", `/api/v1/tasks/${id}/snooze`, { for: "PT10M" });
    await call("post", `/api/v1/tasks/${id}/complete`);
    await call("post", `/api/v1/tasks/${id}/complete`);
    await call("post", `/api/v1/tasks/${id}/reopen`);
    await call("post", "/api/v1/tasks/quick", { text: "Pay rent tomorrow 5pm #finance !high remind me 1 day before" });
    await call("post", "/api/v1/tasks/quick?dryRun=true", { text: "standup every weekday at 9", timeZone: "Europe/Berlin" });
    await call("post", "/api/v1/tasks", { title: "", colour: "red" });
    await call("get", "/api/v1/tasks/00000000-0000-4000-8000-000000000000");
    await call("delete", `/api/v1/tasks/${id}`);
    await call("get", "/api/v1/nothing-here");
    expect(problems).to.deep.equal([]);
  });

  it("catches an answer that breaks the contract", () => {
    const broken = contract.check({
      method: "GET", url: "/api/v1/tasks/00000000-0000-4000-8000-000000000000", status: 200, responseType: "application/json",
      responseHeaders: {}, responseBody: { id: "x", extra: true },
    });
    expect(broken.join("\n")).to.match(/header ETag is missing/).and.to.match(/must have required property 'title'/);
    const task = {
      id: "00000000-0000-4000-8000-000000000000", listId: "00000000-0000-4000-8000-0000000000aa", position: "i", parentId: null, assigneeId: null, title: "t", description: "", status: "open", priority: "none", tags: [], dueAt: null, timeZone: "UTC",
      reminders: [], recurrence: null, seriesId: null, snoozedUntil: null, completedAt: null, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z", version: 1,
    };
    const exchange = { method: "GET", url: `/api/v1/tasks/${task.id}`, status: 200, responseType: "application/json", responseHeaders: { etag: '"1"' } };
    expect(contract.check({ ...exchange, responseBody: task })).to.deep.equal([]);
    expect(contract.check({ ...exchange, responseBody: { ...task, ownerId: "alice" } }).join("\n")).to.match(/must NOT have additional properties/);
    expect(contract.check({ method: "POST", url: "/api/v1/tasks", status: 418, responseType: "", responseHeaders: {} })).to.have.length(1);
    expect(contract.check({ method: "PUT", url: "/api/v1/elsewhere", status: 200, responseType: "", responseHeaders: {} })).to.have.length(1);
  });
});
