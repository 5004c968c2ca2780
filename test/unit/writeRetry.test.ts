/**
 * Which refused writes a client sends again: only those the answer says were
 * not done (overloaded, unavailable, rate limited), or unknown ones a repeat cannot apply
 * twice (Idempotency-Key or If-Match sent, or a key the server assigned);
 * never past the attempt cap or a long Retry-After. And the MCP tools' REST
 * client does exactly that.
 */
import { expect } from "chai";
import fc from "fast-check";
import { MAX_WRITE_ATTEMPTS, resendRefusedWrite, type RefusedWrite } from "../../src/domain/writeRetry.js";
import { restOverFetch } from "../../src/api/mcp/rest.js";

const P = "https://tickler.dev/problems/";
const refused = (over: Partial<RefusedWrite>): RefusedWrite => ({ status: 503, problem: { type: `${P}overloaded` }, retryAfter: "1", sentHeaders: {}, ...over });

describe("resending a refused write (src/domain/writeRetry.ts)", () => {
  it("resends what was not done, after its Retry-After", () => {
    expect(resendRefusedWrite(1, refused({}))).to.deep.equal({ afterMs: 1000, addHeaders: {} });
    expect(resendRefusedWrite(1, refused({ status: 429, problem: { type: `${P}rate_limited` }, retryAfter: "2" }))).to.deep.equal({ afterMs: 2000, addHeaders: {} });
  });

  it("resends an unknown outcome only when a repeat answers the first outcome", () => {
    const unknown = { type: `${P}outcome-unknown`, taskId: "t" };
    expect(resendRefusedWrite(1, refused({ problem: unknown })), "an update without If-Match could apply twice").to.equal(null);
    expect(resendRefusedWrite(1, refused({ problem: unknown, sentHeaders: { "If-Match": '"3"' } }))).to.deep.equal({ afterMs: 1000, addHeaders: {} });
    expect(resendRefusedWrite(1, refused({ problem: unknown, sentHeaders: { "idempotency-key": "k" } }))).to.deep.equal({ afterMs: 1000, addHeaders: {} });
    expect(resendRefusedWrite(1, refused({ problem: { ...unknown, idempotencyKey: "assigned" } }))).to.deep.equal({ afterMs: 1000, addHeaders: { "Idempotency-Key": "assigned" } });
  });

  it("never resends anything else, past the attempt cap, or after a long or unreadable Retry-After", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(400, 404, 409, 412, 422, 429, 500, 503),
        fc.constantFrom("overloaded", "unavailable", "rate_limited", "outcome-unknown", "limit_reached", "internal", "validation"),
        fc.option(fc.oneof(fc.constantFrom("0", "1", "5", "6", "3600", "soon", "-1"), fc.string()), { nil: null }),
        fc.boolean(),
        (attempt, status, code, retryAfter, keyed) => {
          const again = resendRefusedWrite(attempt, refused({ status, problem: { type: `${P}${code}` }, retryAfter, sentHeaders: keyed ? { "Idempotency-Key": "k" } : {} }));
          const seconds = retryAfter === null ? 1 : Number(retryAfter);
          const notDone = (status === 503 && (code === "overloaded" || code === "unavailable")) || (status === 429 && code === "rate_limited");
          const safeUnknown = status === 503 && code === "outcome-unknown" && keyed;
          const expected = attempt < MAX_WRITE_ATTEMPTS && Number.isFinite(seconds) && seconds >= 0 && seconds <= 5 && (notDone || safeUnknown);
          expect(again !== null, JSON.stringify({ attempt, status, code, retryAfter, keyed })).to.equal(expected);
        },
      ),
    );
  });
});

describe("the MCP tools' REST client resends a write refused as overloaded", () => {
  it("sends it again after Retry-After, with the key it fixed before the first attempt, and answers the final outcome", async () => {
    const seen: Record<string, string>[] = [];
    const answers = [
      new Response(JSON.stringify({ type: `${P}overloaded`, status: 503 }), { status: 503, headers: { "retry-after": "0" } }),
      new Response(JSON.stringify({ type: `${P}outcome-unknown`, status: 503, taskId: "t1", idempotencyKey: "given" }), { status: 503, headers: { "retry-after": "0" } }),
      new Response(JSON.stringify({ id: "t1" }), { status: 201 }),
    ];
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      seen.push(init.headers as Record<string, string>);
      return answers.shift()!;
    }) as unknown as typeof fetch;
    const answer = await restOverFetch("http://tickler.invalid", "token", fakeFetch).call("POST", "/api/v1/tasks", { body: { title: "x" } });
    expect(answer.status).to.equal(201);
    expect(seen).to.have.length(3);
    const key = seen[0]!["idempotency-key"];
    expect(key).to.be.a("string");
    expect(seen.map((h) => h["idempotency-key"])).to.deep.equal([key, key, key]);
  });

  it("hands back a read's 503 and a refused write it may not repeat at once; repeats a task change under its key", async () => {
    let calls = 0;
    const fakeFetch = (async () => {
      calls++;
      return new Response(JSON.stringify({ type: `${P}outcome-unknown`, status: 503, taskId: "t1" }), { status: 503, headers: { "retry-after": "0" } });
    }) as unknown as typeof fetch;
    const rest = restOverFetch("http://tickler.invalid", "token", fakeFetch);
    expect((await rest.call("POST", "/api/v1/lists", { body: { name: "y" } })).status).to.equal(503);
    expect((await rest.call("GET", "/api/v1/tasks/t1")).status).to.equal(503);
    expect(calls).to.equal(2);
    // A task change takes a key (ADR 0018): an unknown outcome is safe to send again, up to the attempts' bound.
    expect((await rest.call("PATCH", "/api/v1/tasks/t1", { body: { title: "y" } })).status).to.equal(503);
    expect(calls).to.equal(2 + MAX_WRITE_ATTEMPTS);
  });
});
