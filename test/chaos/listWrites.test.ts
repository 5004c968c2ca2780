/**
 * A list's change behind a frozen daprd (issue 27): it waits for the list's
 * actor at most the write deadline (WRITE_TIMEOUT_MS), then answers 503
 * outcome-unknown naming the list, never the sidecar's own 25 s; once daprd
 * is back the list is either made, whole, or not made at all.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { pieceAnswers, signalPiece } from "../../scripts/stack/restart.js";
import { apiAs, eventually, stack } from "../support/stack.js";

describe("a list's change behind a frozen daprd", function () {
  this.timeout(120_000);

  it("answers outcome-unknown naming the list within the write deadline, and the list is whole or absent once daprd is back", async () => {
    const info = stack();
    const ada = await apiAs(`list-freeze-${randomUUID()}`);
    expect((await ada.call("GET", "/lists")).status, "the Inbox made before the freeze").to.equal(200);
    const name = `Made while frozen ${randomUUID().slice(0, 8)}`;
    signalPiece(info, "daprd-api", "SIGSTOP");
    let answer: { status: number; headers: Headers; body: any };
    const started = Date.now();
    try {
      answer = await ada.call("POST", "/lists", { name });
    } finally {
      signalPiece(info, "daprd-api", "SIGCONT");
    }
    const tookMs = Date.now() - started;
    process.stdout.write(`      POST /lists with daprd-api frozen: ${answer.status} ${answer.body?.type ?? ""} after ${tookMs} ms\n`);
    await eventually(() => pieceAnswers(info, "daprd-api"), Boolean, 60_000, "daprd-api answering after SIGCONT");

    expect(answer.status, JSON.stringify(answer.body)).to.equal(503);
    expect(answer.body.type).to.match(/outcome-unknown$/);
    expect(answer.headers.get("retry-after")).to.equal("1");
    expect(answer.body.listId).to.be.a("string");
    expect(tookMs, "bounded by the write deadline, not the sidecar's 25 s").to.be.below(20_000);
    // Made whole, or not at all. The list's actor decides which (it answers once daprd does);
    // GET /lists reads the lists view, which the list's events bring up to date.
    const byId = await eventually(() => ada.call("GET", `/lists/${answer.body.listId}`), (r) => r.status === 200 || r.status === 404, 30_000, "the list's actor answering");
    const named = async () => ((await ada.call("GET", "/lists")).body?.items as { id: string; name: string }[] | undefined ?? []).filter((l) => l.name === name);
    process.stdout.write(`      afterwards, the list's actor answers ${byId.status}\n`);
    if (byId.status === 200) {
      expect(byId.body.name).to.equal(name);
      const shown = await eventually(named, (items) => items.length > 0, 30_000, "the made list in GET /lists");
      expect(shown.map((l) => l.id), "shown once, under the id the 503 named").to.deep.equal([answer.body.listId]);
    } else expect(await named(), "an absent list is not shown").to.deep.equal([]);
  });
});
