/** POST /api/v1/tasks/quick over the HTTP layer, on the in-memory domain. */
import { expect } from "chai";
import request from "supertest";
import { memoryApi, memoryToken } from "../support/memoryApi.js";

describe("POST /api/v1/tasks/quick", () => {
  let auth: string;
  before(async () => {
    auth = `Bearer ${await memoryToken("alice")}`;
  });
  const post = (server: ReturnType<typeof memoryApi>["server"], body: unknown, query = "") =>
    request(server).post(`/api/v1/tasks/quick${query}`).set("authorization", auth).send(body as object);

  it("creates the task like POST /tasks and adds the parsed spans", async () => {
    const { server, live } = memoryApi();
    const res = await post(server, { text: "Pay rent tomorrow 5pm #finance !high", timeZone: "Europe/Berlin" });
    expect(res.status).to.equal(201);
    expect(res.headers.location).to.equal(`/api/v1/tasks/${res.body.id}`);
    expect(res.headers.etag).to.equal('"1"');
    expect(res.body).to.include({ title: "Pay rent", priority: "high", timeZone: "Europe/Berlin", status: "open", version: 1 });
    expect(res.body.tags).to.deep.equal(["finance"]);
    expect(res.body.parsed.map((p: { field: string; text: string }) => [p.field, p.text])).to.deep.equal([
      ["dueAt", "tomorrow 5pm"],
      ["tags", "#finance"],
      ["priority", "!high"],
    ]);
    expect([...live.keys()]).to.deep.equal([res.body.id]);
  });

  it("creates nothing on ?dryRun=true and answers the draft", async () => {
    const { server, actors, live } = memoryApi();
    const res = await post(server, { text: "standup every weekday at 9" }, "?dryRun=true");
    expect(res.status).to.equal(200);
    expect(res.headers).not.to.have.property("location");
    expect(res.body).to.include({ title: "standup", priority: "none", timeZone: "UTC" });
    expect(res.body).not.to.have.property("id");
    expect(res.body.recurrence).to.deep.equal({ rule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", mode: "schedule", text: "every weekday" });
    expect(actors.calls).to.equal(0);
    expect(live.size).to.equal(0);
  });

  it("honours Idempotency-Key: the same text replays the task, other text with the key is 422", async () => {
    const { server } = memoryApi();
    const first = await post(server, { text: "Call Mom at 5" }).set("idempotency-key", "quick-1");
    const again = await post(server, { text: "Call Mom at 5" }).set("idempotency-key", "quick-1");
    expect(again.status).to.equal(201);
    expect(again.body.id).to.equal(first.body.id);
    expect(again.headers["idempotent-replayed"]).to.equal("true");
    const other = await post(server, { text: "Call Dad at 5" }).set("idempotency-key", "quick-1");
    expect(other.status).to.equal(422);
    // The same key on POST /tasks is another request, not a replay.
    const plain = await request(server).post("/api/v1/tasks").set("authorization", auth).set("idempotency-key", "quick-1").send({ title: "Call Mom" });
    expect(plain.status).to.equal(422);
  });

  it("answers 400 with the field for text that leaves no title, bad zones, unknown fields and bad dryRun", async () => {
    const { server } = memoryApi();
    const empty = await post(server, { text: "tomorrow 5pm #x" });
    expect(empty.status).to.equal(400);
    expect(empty.type).to.equal("application/problem+json");
    expect(empty.body.errors.map((e: { path: string }) => e.path)).to.deep.equal(["text"]);
    expect((await post(server, { text: "x", timeZone: "Mars/Olympus" })).body.errors[0].path).to.equal("timeZone");
    expect((await post(server, { text: "x", title: "y" })).body.errors[0]).to.deep.equal({ path: "title", message: "is not a known field" });
    expect((await post(server, { text: "   " })).status).to.equal(400);
    expect((await post(server, { text: "x" }, "?dryRun=yes")).status).to.equal(400);
    // The header's bound holds on a dry run too, where no key is used.
    const longKey = await post(server, { text: "x" }, "?dryRun=true").set("idempotency-key", "k".repeat(201));
    expect(longKey.status).to.equal(400);
    expect(longKey.body.errors[0].path).to.equal("Idempotency-Key");
    expect((await request(server).post("/api/v1/tasks/quick").send({ text: "x" })).status).to.equal(401);
  });

  it("assigns the new task to the caller with assignee me (a dry run shows it), and refuses any other value naming assignee, creating nothing", async () => {
    const { server, live } = memoryApi();
    const dry = await post(server, { text: "Water plants tomorrow", assignee: "me" }, "?dryRun=true");
    expect(dry.status).to.equal(200);
    expect(dry.body).to.include({ title: "Water plants", assigneeId: "alice" });
    const made = await post(server, { text: "Water plants tomorrow", assignee: "me" });
    expect(made.status).to.equal(201);
    expect(made.body).to.include({ title: "Water plants", assigneeId: "alice" });
    const plain = await post(server, { text: "Feed cat" });
    expect(plain.body.assigneeId).to.equal(null);
    for (const assignee of ["bob", "alice", "", null, true]) {
      const bad = await post(server, { text: "Walk dog", assignee });
      expect(bad.status, String(assignee)).to.equal(400);
      expect(bad.type).to.equal("application/problem+json");
      expect(bad.body.errors.map((e: { path: string }) => e.path)).to.deep.equal(["assignee"]);
    }
    expect(live.size).to.equal(2);
  });
});
