/**
 * Version-guarded writes on the real MongoDB-wire store, from two processes
 * at once (as two api replicas' read-your-writes applies and projections
 * would): every document ends at its newest version, and each version is
 * reported as stored by at most one writer. A store that applied an update's
 * filter non-atomically (FerretDB 1.24 did) reports stale versions as stored.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { expect } from "chai";
import type { Connection } from "mongoose";
import { connectMongo } from "../../src/infra/mongo.js";
import { stack } from "../support/stack.js";

type Write = { id: string; version: number };

function writer(uri: string, writes: Write[]): { child: ChildProcessWithoutNullStreams; ready: Promise<void>; stored: Promise<Write[]> } {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "../support/guardedWriter.ts"), uri, JSON.stringify(writes)]);
  let out = "";
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
    if (out.startsWith("ready\n")) markReady();
  });
  const stored = new Promise<Write[]>((resolve, reject) =>
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out.slice("ready\n".length)) as Write[]) : reject(new Error(`writer exited ${code}: ${err}`)))),
  );
  return { child, ready, stored };
}

describe("saveIfNewer: two processes racing on the same documents", function () {
  let mongo: Connection;
  before(async () => {
    mongo = await connectMongo(stack().mongoUri);
  });
  after(async () => {
    await mongo.close();
  });

  it("never lets a stale version win, and reports each stored version once", async () => {
    const ids = Array.from({ length: 20 }, () => randomUUID());
    const versions = [3, 1, 8, 2, 5, 7, 4, 6];
    // Both processes write every version of every document, in different orders.
    const planA = ids.flatMap((id) => versions.map((version) => ({ id, version })));
    const planB = [...planA].reverse();
    const a = writer(stack().mongoUri, planA);
    const b = writer(stack().mongoUri, planB);
    await Promise.all([a.ready, b.ready]);
    a.child.stdin.end("go\n");
    b.child.stdin.end("go\n");
    const stored = [...(await a.stored), ...(await b.stored)];

    const docs = await mongo.collection<{ _id: string; version: number; body: string }>("guarded_write_probe").find({ _id: { $in: ids } }).toArray();
    expect(docs).to.have.length(ids.length);
    for (const doc of docs) expect(doc, doc._id).to.include({ version: 8, body: "v8" });
    for (const id of ids) {
      const wins = stored.filter((w) => w.id === id).map((w) => w.version);
      // Each version at most once, and version 8 exactly once.
      expect(new Set(wins).size, `${id}: ${wins.join(",")}`).to.equal(wins.length);
      expect(wins.filter((v) => v === 8), id).to.have.length(1);
    }
    const total = stored.length;
    process.stdout.write(`      (${planA.length + planB.length} racing writes, ${total} reported as stored, 0 stale)\n`);
  });
});
