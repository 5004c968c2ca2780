/**
 * The local read store (secantusd-rs) killed with SIGKILL right after it
 * acknowledged writes, then restarted on the same data: every acknowledged
 * insert and version-guarded update is there, with its indexes, and the api
 * app serves from it again without being restarted itself.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Connection } from "mongoose";
import { Schema } from "mongoose";
import { ROOT } from "../../scripts/root.js";
import { startReadStore } from "../../scripts/stack/infra.js";
import { obtain } from "../../scripts/stack/obtain.js";
import { kill9, stop } from "../../scripts/stack/processes.js";
import { connectMongo, saveIfNewer } from "../../src/infra/mongo.js";
import { dependencyStates } from "../../scripts/stack/stack.js";
import { apiAs, eventually, stack } from "../support/stack.js";

interface Probe { _id: string; batch: string; n: number; version: number }

describe("the read store killed (SIGKILL) and restarted", function () {
  let mongo: Connection;
  after(async () => {
    await mongo?.close();
  });

  it("keeps every write it acknowledged, and its indexes; the api serves again", async () => {
    const info = stack();
    // Its own database: nothing else of the stack writes here.
    const uri = new URL(info.mongoUri);
    uri.pathname = `/tickler_crash_${Date.now()}`;
    mongo = await connectMongo(uri.toString());
    const schema = new Schema<Probe>({ _id: String, batch: String, n: Number, version: Number }, { collection: "crash_probe", versionKey: false });
    schema.index({ batch: 1, n: 1 }, { unique: true });
    const model = mongo.model<Probe>("CrashProbe", schema);
    await model.init();
    const batch = randomUUID();
    const ids = Array.from({ length: 300 }, () => randomUUID());
    // Acknowledged one by one, 10 at a time; the last acknowledgement is followed at once by the kill.
    for (let i = 0; i < ids.length; i += 10) {
      await Promise.all(ids.slice(i, i + 10).map((id, j) => model.create({ _id: id, batch, n: i + j, version: 1 })));
    }
    const updated = await Promise.all(ids.slice(0, 100).map((id, n) => saveIfNewer(model, id, { batch, n, version: 2 })));
    expect(updated.every(Boolean)).to.equal(true);
    kill9(info.profile.stateDir, "readstore");
    await stop(info.profile.stateDir, "readstore");
    await startReadStore(info.profile, obtain(ROOT, "secantus"));

    const docs = await eventually(
      () => model.find({ batch }).lean<Probe[]>().catch(() => [] as Probe[]),
      (found) => found.length === ids.length,
      30_000,
      "every acknowledged document after the restart",
    );
    expect(docs.filter((d) => d.version === 2)).to.have.length(100);
    const indexes = await mongo.collection("crash_probe").indexes();
    expect(indexes.map((i) => i.name)).to.include("batch_1_n_1");
    let refused: unknown = null;
    await model.create({ _id: randomUUID(), batch, n: 0, version: 1 }).catch((err: unknown) => (refused = err));
    expect(refused, "the unique index still holds").to.not.equal(null);

    // The apps kept their connection pools: they reconnect by themselves.
    const api = await apiAs(`after-store-crash-${randomUUID()}`);
    const created = await eventually(() => api.call("POST", "/tasks", { title: "after the crash" }), (r) => r.status === 201, 30_000, "a create after the restart");
    const listed = await api.call("GET", "/tasks");
    expect(listed.body.items.map((t: { id: string }) => t.id)).to.deep.equal([created.body.id]);
    await mongo.dropDatabase();
  });
});

describe("writes while the read store is down", function () {

  it("answers every committed write (never a 5xx), and the projection catches up once the store is back", async () => {
    const info = stack();
    const api = await apiAs(`store-down-${randomUUID()}`);
    kill9(info.profile.stateDir, "readstore");
    await stop(info.profile.stateDir, "readstore");
    const answers: { status: number; id?: string; ms: number }[] = [];
    try {
      const ready = await fetch(`${info.apiUrl}/readyz`);
      const health = await eventually(
        () => dependencyStates(info),
        (h) => h.mongo === "down",
        15_000,
        "/internal/health reporting the store down",
      );
      expect(ready.status, "readiness while the read store is down").to.equal(200);
      expect(health.mongo).to.equal("down");
      for (let i = 0; i < 5; i++) {
        const started = Date.now();
        const res = await api.call("POST", "/tasks", { title: `while the store is down ${i}` });
        answers.push({ status: res.status, id: res.body?.id, ms: Date.now() - started });
      }
    } finally {
      await startReadStore(info.profile, obtain(ROOT, "secantus"));
    }
    process.stdout.write(`      answers while down: ${answers.map((a) => `${a.status} in ${a.ms} ms`).join(", ")}\n`);
    expect(answers.map((a) => a.status)).to.deep.equal([201, 201, 201, 201, 201]);
    const ids = answers.map((a) => a.id!).sort();
    const listed = await eventually(
      () => api.call("GET", "/tasks?limit=10"),
      (r) => r.status === 200 && r.body.items.length === ids.length,
      60_000,
      "every write in the read model once the store is back",
    );
    expect(listed.body.items.map((t: { id: string }) => t.id).sort()).to.deep.equal(ids);
  });
});
