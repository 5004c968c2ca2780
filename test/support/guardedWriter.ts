/**
 * One writer process of the guarded-writes race: connects on its own, waits
 * for the start signal (a line on stdin) so both processes write at once,
 * writes every (id, version) of argv[3] through saveIfNewer, and prints the
 * ones it was told were stored, as JSON.
 */
import { Schema } from "mongoose";
import { connectMongo, saveIfNewer } from "../../src/infra/mongo.js";

const [uri, plan] = process.argv.slice(2) as [string, string];
const writes = JSON.parse(plan) as { id: string; version: number }[];
const mongo = await connectMongo(uri);
interface Probe { _id: string; version: number; body: string }
const model = mongo.model<Probe>("GuardedWriteProbe", new Schema<Probe>({ _id: String, version: Number, body: String }, { collection: "guarded_write_probe", versionKey: false }));
await model.findOne({}).lean(); // the connection is warm before the race starts
process.stdout.write("ready\n");
await new Promise((resolve) => process.stdin.once("data", resolve));
process.stdin.destroy();
const results = await Promise.all(writes.map((w) => saveIfNewer(model, w.id, { version: w.version, body: `v${w.version}` })));
process.stdout.write(JSON.stringify(writes.filter((_, i) => results[i])) + "\n");
await mongo.close();
