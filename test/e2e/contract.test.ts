/**
 * The spec cannot drift from the code: every request this e2e run sends to
 * the api app (from any test file, through fetch) and every answer it gets
 * is checked against GET /api/v1/openapi.json once the whole run is over.
 * Accepted requests (2xx) must match their declared parameters and body;
 * every answer's status, content type, headers and body must be declared.
 */
import { expect } from "chai";
import { Contract, type Exchange } from "../support/contract.js";
import { apiAs, stack } from "../support/stack.js";

const recorded: Promise<Exchange | null>[] = [];
const realFetch = globalThis.fetch;
let apiOrigin: string | undefined;

async function record(request: Request, requestBody: string | undefined, response: Response): Promise<Exchange | null> {
  const url = new URL(request.url);
  apiOrigin ??= new URL(stack().apiUrl).origin;
  if (url.origin !== apiOrigin) return null;
  const responseType = response.headers.get("content-type") ?? "";
  // A stream is open-ended; its status, type and headers are what can be checked.
  const text = responseType.startsWith("text/event-stream") ? "" : await response.clone().text();
  let responseBody: unknown = text === "" ? undefined : text;
  if (/json/.test(responseType) && text !== "") responseBody = JSON.parse(text);
  let body: unknown = requestBody;
  try {
    body = requestBody === undefined || requestBody === "" ? undefined : JSON.parse(requestBody);
  } catch {
    // Not JSON on purpose (415 tests): compared as text.
  }
  return {
    method: request.method,
    url: url.pathname + url.search,
    requestBody: body,
    status: response.status,
    responseType,
    responseHeaders: Object.fromEntries(response.headers),
    responseBody,
  };
}

globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
  const request = new Request(input, init);
  const requestBody = typeof init?.body === "string" ? init.body : undefined;
  const response = await realFetch(input, init);
  recorded.push(record(request, requestBody, response).catch(() => null));
  return response;
};

// A root hook: runs once, after every test file of this run.
after("every exchange of the run keeps the OpenAPI contract", async function () {
  const contract = new Contract();
  const exchanges = (await Promise.all(recorded)).filter((e): e is Exchange => e !== null);
  const problems = exchanges.flatMap((e) => contract.check(e));
  const reached = new Set(exchanges.map((e) => contract.operationOf(e.method, e.url)));
  const unexercised = contract.operations().filter((op) => !reached.has(op));
  process.stdout.write(`      contract: ${exchanges.length} exchanges with the api app checked against the spec, ${problems.length} problems\n`);
  // Informational: a run of a few files reaches only some operations.
  process.stdout.write(`      contract: ${reached.size - (reached.has(null) ? 1 : 0)} of ${contract.operations().length} operations exercised; not by this run: ${unexercised.join(", ") || "none"}\n`);
  expect(problems, problems.slice(0, 30).join("\n")).to.deep.equal([]);
});

describe("the served OpenAPI document", function () {

  it("is the one the code generates, and /docs renders it from the app itself", async () => {
    const served = await fetch(`${stack().apiUrl}/api/v1/openapi.json`);
    expect(served.status).to.equal(200);
    const doc = await served.json();
    expect(doc).to.deep.equal(new Contract().doc);
    const page = await fetch(`${stack().apiUrl}/docs`);
    expect(page.headers.get("content-type")).to.match(/^text\/html/);
    expect(await page.text()).to.include('src="/docs/docs.js"');
    expect((await fetch(`${stack().apiUrl}/docs/docs.js`)).status).to.equal(200);
  });

  it("declares what the API answers to a sample of requests (checked with the rest of the run)", async () => {
    const alice = await apiAs(`contract-${Date.now()}`);
    const created = await alice.call("POST", "/tasks", { title: "contract", tags: ["x"], dueAt: "2030-01-01T09:00:00Z", reminders: [{ before: "PT5M" }] });
    expect(created.status).to.equal(201);
    await alice.call("GET", `/tasks?tag=x&sort=-priority&limit=5`);
    await alice.call("GET", "/tags");
    await alice.call("GET", "/notifications?limit=5");
    await alice.call("GET", "/history?limit=5");
    await alice.call("POST", `/tasks/${created.body.id}/snooze`, { until: "2029-12-31T09:00:00Z" });
    await alice.call("PATCH", `/tasks/${created.body.id}`, { title: "x" }, { "if-match": '"1"' });
    await alice.call("GET", "/tasks/not-a-task");
    expect((await fetch(`${stack().apiUrl}/healthz`)).status).to.equal(200);
  });
});
