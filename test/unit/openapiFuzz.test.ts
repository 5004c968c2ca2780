/**
 * The document-driven fuzzer (test/support/openapiFuzz.ts) against the task
 * routes on the in-memory app (test/support/memoryApi.ts): quick feedback
 * before the real stack's run (test/e2e/fuzz.test.ts) covers every operation.
 * A failure prints its seed: FUZZ_SEED=<seed> replays the same requests.
 */
import fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import fc from "fast-check";
import { openApiDocument } from "../../src/api/openapi/document.js";
import request from "supertest";
import { historyQuerySchema } from "../../src/api/history/routes.js";
import { webhookInput } from "../../src/api/notifications/routes.js";
import { isIsoDuration } from "../../src/domain/duration.js";
import { memoryApi, memoryToken } from "../support/memoryApi.js";
import { OpenApiFuzzer, send } from "../support/openapiFuzz.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20261205);

describe("the OpenAPI document, fuzzed against the in-memory task routes", function () {
  this.timeout(120_000);
  let server: Server;
  let base: string;

  before(async () => {
    server = createServer(memoryApi().server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("answers every drawn request as the document says, and refuses none it allows", async () => {
    const fuzzer = new OpenApiFuzzer(openApiDocument() as Record<string, unknown>);
    const token = await memoryToken("fuzz-unit");
    const operations = fuzzer.operations().filter(([, path]) => path.startsWith("/api/v1/tasks"));
    const failures: string[] = [];
    let sent = 0;
    for (const [i, [method, path]] of operations.entries()) {
      const valid = fc.sample(fuzzer.validRequest(method, path), { numRuns: 25, seed: SEED + i });
      const invalid = fuzzer.invalidRequest(method, path);
      const broken = invalid ? fc.sample(invalid, { numRuns: 15, seed: SEED + i }) : [];
      for (const [allowed, requests] of [[true, valid], [false, broken]] as const) {
        for (const req of requests) {
          sent++;
          failures.push(...fuzzer.judge(req, await send(base, token, req), allowed).map((f) => `${f}\n    sent: ${JSON.stringify(req).slice(0, 400)}`));
        }
      }
    }
    expect(failures, `seed ${SEED} (FUZZ_SEED=${SEED} replays), ${failures.length} of ${sent}:\n${failures.slice(0, 25).join("\n")}`).to.deep.equal([]);
  });

  it("states the maximums docs/api-limits.md lists, with the same values", () => {
    const doc = openApiDocument() as any;
    const s = doc.components.schemas;
    const tasksTable = fs.readFileSync(new URL("../../docs/api-limits.md", import.meta.url), "utf8");
    const row = (label: string) => tasksTable.split("\n").find((line) => line.startsWith(`| ${label}`)) ?? "";
    const history = doc.paths["/api/v1/history"].get.parameters.find((p: any) => p.name === "limit").schema;
    const reminder = s.TaskCreate.properties.reminders;
    const expected: [string, number[]][] = [
      ["`title`", [s.TaskCreate.properties.title.maxLength]],
      ["`description`", [s.TaskCreate.properties.description.maxLength]],
      ["`tags`", [s.TaskCreate.properties.tags.maxItems, s.TaskCreate.properties.tags.items.maxLength]],
      ["`reminders`", [reminder.maxItems, reminder.items.anyOf[0].properties.before.maxLength]],
      ["`recurrence.rule`", [s.TaskCreate.properties.recurrence.anyOf[0].properties.rule.maxLength]],
      ["`timeZone`", [s.TimeZone.maxLength]],
      ["`POST /tasks/quick` `text`", [s.QuickAdd.properties.text.maxLength]],
      ["`GET /history` `limit`", [history.maximum]],
    ];
    for (const [label, values] of expected) {
      expect(row(label), label).to.not.equal("");
      for (const value of values) expect(row(label), `${label}: ${value}`).to.match(new RegExp(`\\b${value}\\b`));
    }
  });
});

describe("what the fuzzer found, fixed", function () {
  this.timeout(30_000);

  it("refuses a duration longer than 40,000 days with 400 (a snooze for one answered 500)", async () => {
    const { server } = memoryApi();
    const auth = `Bearer ${await memoryToken("found-1")}`;
    const created = await request(server).post("/api/v1/tasks").set("authorization", auth).send({ title: "t" });
    expect(created.status).to.equal(201);
    const snooze = await request(server).post(`/api/v1/tasks/${created.body.id}/snooze`).set("authorization", auth).send({ for: "P702230880507706D" });
    expect(snooze.status).to.equal(400);
    expect(snooze.body.errors[0].path).to.equal("for");
    expect(isIsoDuration("P40000D")).to.equal(true);
    expect(isIsoDuration("P40001D")).to.equal(false);
    expect((await request(server).post("/api/v1/tasks").set("authorization", auth).send({ title: "t", dueAt: "2030-01-01T00:00:00Z", reminders: [{ before: "P999999W" }] })).status).to.equal(400);
  });

  it("counts lengths in characters (code points), as the document does: 150 emoji are a title, a 30-emoji tag a filter", async () => {
    const { server } = memoryApi();
    const auth = `Bearer ${await memoryToken("found-2")}`;
    const emoji = "\u{1F600}";
    const created = await request(server).post("/api/v1/tasks").set("authorization", auth).send({ title: emoji.repeat(150), tags: [emoji.repeat(40)] });
    expect(created.status).to.equal(201);
    expect((await request(server).post("/api/v1/tasks").set("authorization", auth).send({ title: emoji.repeat(201) })).status).to.equal(400);
    expect((await request(server).get(`/api/v1/tasks?tag=${encodeURIComponent(emoji.repeat(30))}`).set("authorization", auth)).status).to.equal(200);
  });

  it("refuses a webhook URL that does not parse with 400, not 500", () => {
    const result = webhookInput.safeParse({ url: "\u0000", secret: "x".repeat(16) });
    expect(result.success).to.equal(false);
  });

  it("takes history's limit as the integer 1 to 200 the document states", () => {
    expect(historyQuerySchema.safeParse({ limit: "0" }).success).to.equal(false);
    expect(historyQuerySchema.parse({ limit: "200" }).limit).to.equal(200);
    expect(historyQuerySchema.safeParse({ limit: "201" }).success).to.equal(false);
    expect(historyQuerySchema.safeParse({ cursor: "" }).success).to.equal(false);
  });
});
