/**
 * Version-guarded writes on the real MongoDB-wire store: many versions of one
 * document written at once (as the API's read-your-writes apply and the
 * projection do) leave the newest, whatever order they land in.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { Schema, type Connection } from "mongoose";
import { connectMongo, saveIfNewer } from "../../src/infra/mongo.js";
import { stack } from "../support/stack.js";

describe("saveIfNewer under concurrent writers (FerretDB)", function () {
  this.timeout(30_000);
  let mongo: Connection;
  before(async () => {
    mongo = await connectMongo(stack().mongoUri);
  });
  after(async () => {
    await mongo.close();
  });

  it("ends at the newest version for every document, and reports each write honestly", async () => {
    interface Probe { _id: string; version: number; body: string }
    const model = mongo.model<Probe>("GuardedWriteProbe", new Schema<Probe>({ _id: String, version: Number, body: String }, { collection: "guarded_write_probe", versionKey: false }));
    const ids = Array.from({ length: 10 }, () => randomUUID());
    const writes = ids.flatMap((id) => [3, 1, 8, 2, 8, 5, 7, 4, 6].map((version) => ({ id, version })));
    const results = await Promise.all(writes.map((w) => saveIfNewer(model, w.id, { version: w.version, body: `v${w.version}` })));
    for (const id of ids) {
      const doc = await model.findById(id).lean<{ version: number; body: string }>();
      expect(doc, id).to.include({ version: 8, body: "v8" });
    }
    // Of the two writes of version 8 per document, exactly one counts as stored.
    const eights = writes.map((w, i) => [w, results[i]] as const).filter(([w]) => w.version === 8);
    for (const id of ids) expect(eights.filter(([w, stored]) => w.id === id && stored)).to.have.length(1);
  });
});
