/**
 * The served OpenAPI document, fuzzed against the real stack: for every
 * operation of GET /api/v1/openapi.json, requests drawn from its schemas
 * (test/support/openapiFuzz.ts) are sent as a signed-in user. No answer may
 * be a 5xx; every answer's status, type, headers and body must be the ones
 * declared; a request the document allows may not be refused with 400/422
 * (save for the operation's x-rules). Requests with one thing the document
 * does not allow must still get a declared answer. A fixed seed, printed on
 * failure: FUZZ_SEED=<seed> replays the same requests.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import { expect } from "chai";
import fc from "fast-check";
import { Contract } from "../support/contract.js";
import { OpenApiFuzzer, send, type FuzzRequest } from "../support/openapiFuzz.js";
import { target, tokenFor } from "../support/stack.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
/** Per operation: a few hundred requests in all, about a minute on the test stack. */
const VALID_RUNS = 6;
const INVALID_RUNS = 3;

/** fetch refuses TRACE; node:http sends any method. */
function rawRequest(url: string, method: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the served OpenAPI document, fuzzed (real stack)", function () {
  this.timeout(300_000);

  it("answers every drawn request to every operation as the document says, never a 5xx, and refuses none it allows", async () => {
    const base = target().apiUrl;
    const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as Record<string, unknown>;
    const fuzzer = new OpenApiFuzzer(doc);
    const token = await tokenFor(`fuzz-${SEED}-${randomUUID()}`);
    // Task ids this user owns, so the task routes reach real tasks too (as well as 404s for drawn ids).
    const known: Record<string, string[]> = { id: [] };
    const remember = (body: unknown) => {
      const id = (body as { id?: unknown } | null)?.id;
      if (typeof id === "string") known.id!.push(id);
    };
    const failures: string[] = [];
    const tookMore: string[] = [];
    const counts = { sent: 0, operations: 0 };
    const started = Date.now();
    const exercise = async (req: FuzzRequest, allowed: boolean) => {
      counts.sent++;
      let answer;
      try {
        answer = await send(base, token, req);
      } catch (err) {
        failures.push(`${req.method} ${req.url}: could not be sent (${(err as Error).message})`);
        return;
      }
      if (answer.status < 300) remember(answer.body);
      failures.push(...fuzzer.judge(req, answer, allowed).map((f) => `${f}\n    sent: ${JSON.stringify(req).slice(0, 500)}`));
      if (!allowed && answer.status < 300) tookMore.push(`${req.operation} (${req.broken}) → ${answer.status}`);
    };
    // Creating operations first, so the others find tasks.
    const operations = fuzzer.operations().sort(([m1, p1], [m2, p2]) => Number(!(m1 === "POST" && p1 === "/api/v1/tasks")) - Number(!(m2 === "POST" && p2 === "/api/v1/tasks")));
    for (const [i, [method, path]] of operations.entries()) {
      counts.operations++;
      for (const req of fc.sample(fuzzer.validRequest(method, path, known), { numRuns: VALID_RUNS, seed: SEED + i })) await exercise(req, true);
      const invalid = fuzzer.invalidRequest(method, path, known);
      if (invalid) for (const req of fc.sample(invalid, { numRuns: INVALID_RUNS, seed: SEED + i })) await exercise(req, false);
    }
    process.stdout.write(`      fuzz: ${counts.sent} requests to ${counts.operations} operations in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED}); ${failures.length} findings\n`);
    // The server may take more than the document promises: told, not failed.
    if (tookMore.length) process.stdout.write(`      fuzz: taken although the document does not allow them: ${[...new Set(tookMore)].slice(0, 10).join("; ")}\n`);
    expect(failures, `seed ${SEED} (FUZZ_SEED=${SEED} replays):\n${failures.slice(0, 20).join("\n")}`).to.deep.equal([]);
    expect(counts.operations).to.equal(fuzzer.operations().length);
  });

  it("answers any drawn CSV body to POST /import as the document says, never a 5xx, and a refused import creates nothing", async () => {
    const base = target().apiUrl;
    const contract = new Contract((await (await fetch(`${base}/api/v1/openapi.json`)).json()) as Record<string, unknown>);
    const header = "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE";
    // Cells that matter to CSV and to the Todoist mapping, values it takes, and ones just past its limits.
    const char = fc.constantFrom("a", " ", ",", '"', "\r", "\n", "é", "😀", "=", "\t", "1", "\u0000");
    const cell = fc.oneof(
      fc.array(char, { maxLength: 12 }).map((cs) => cs.join("")),
      fc.constantFrom("task", "section", "note", "", "1", "4", "5", "0", "tomorrow", "every day", "2030-12-01 09:00", "Europe/Berlin", "Mars/Base", "en"),
      fc.integer({ min: 200, max: 600 }).map((n) => "x".repeat(n)),
    );
    const quoted = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    const row = fc.array(cell, { minLength: 1, maxLength: 12 }).map((cells) => cells.map(quoted).join(","));
    const body = fc.oneof(
      fc.array(row, { maxLength: 6 }).map((rows) => [header, ...rows].join("\r\n")),
      fc.array(char, { maxLength: 80 }).map((cs) => cs.join("")),
      fc.constant(""),
    );
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const [i, csv] of fc.sample(body, { numRuns: 60, seed: SEED }).entries()) {
      // A user of its own per body: a refused import must leave them with no task at all.
      const headers = { authorization: `Bearer ${await tokenFor(`fuzz-csv-${SEED}-${i}-${randomUUID()}`)}` };
      const res = await fetch(`${base}/api/v1/import`, { method: "POST", headers: { ...headers, "content-type": "text/csv" }, body: csv });
      const type = res.headers.get("content-type") ?? "";
      const text = await res.text();
      const answer = text === "" ? undefined : /json/.test(type) ? (JSON.parse(text) as unknown) : text;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const where = `POST /import (${JSON.stringify(csv).slice(0, 200)})`;
      if (res.status >= 500) failures.push(`${where}: ${res.status}`);
      failures.push(...contract.check({ method: "POST", url: "/api/v1/import", requestBody: undefined, status: res.status, responseType: type, responseHeaders: Object.fromEntries(res.headers), responseBody: answer }, { checkRequest: false }).map((f) => `${where}: ${f}`));
      const left = async () => ((await (await fetch(`${base}/api/v1/tasks?limit=1`, { headers })).json()) as { items: unknown[] }).items.length;
      if (res.status >= 400 && (await left()) !== 0) failures.push(`${where}: refused with ${res.status} but tasks were created`);
    }
    process.stdout.write(`      csv fuzz: 60 bodies, answers ${[...statuses].map(([status, n]) => `${status} ×${n}`).join(", ")} (seed ${SEED})\n`);
    expect(failures, failures.slice(0, 10).join("\n")).to.deep.equal([]);
    // The drawn bodies reach both sides of the importer, not only its first check.
    expect([statuses.has(200), statuses.has(400)]).to.deep.equal([true, true]);
  });

  it("answers a method no operation of a path declares (TRACE, OPTIONS, ...) with 405 problem+json and an Allow naming the declared ones", async () => {
    const base = target().apiUrl;
    const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const token = await tokenFor(`fuzz-methods-${randomUUID()}`);
    const wrong: string[] = [];
    let sent = 0;
    for (const template of Object.keys(doc.paths)) {
      const path = template.replace(/\{\w+\}/g, "x1");
      // Every template the concrete path matches (/tasks/quick is also /tasks/{id}).
      const declared = Object.entries(doc.paths)
        .filter(([other]) => new RegExp(`^${other.replace(/[.]/g, "\\.").replace(/\{\w+\}/g, "[^/]+")}$`).test(path))
        .flatMap(([, methods]) => Object.keys(methods).map((m) => m.toUpperCase()));
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"].filter((m) => !declared.includes(m))) {
        sent++;
        const res = await rawRequest(`${base}${path}`, method, { authorization: `Bearer ${token}` });
        const allow = String(res.headers.allow ?? "").split(/,\s*/);
        const problem = String(res.headers["content-type"] ?? "").startsWith("application/problem+json") && (JSON.parse(res.body) as { status?: number }).status === 405;
        if (res.status !== 405 || !problem || !declared.every((m) => allow.includes(m)) || allow.includes(method)) wrong.push(`${method} ${path}: ${res.status}, Allow ${String(res.headers.allow)}`);
      }
    }
    expect(wrong, wrong.join("\n")).to.deep.equal([]);
    expect(sent).to.be.greaterThan(100);
  });
});
