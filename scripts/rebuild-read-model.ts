/**
 * `npm run rebuild-read-model -- [target-collection]`: replays the audit log
 * into a fresh collection (default `tasks_view_rebuilt`) and compares it with
 * the live read model. Uses MONGODB_URI, or the running dev stack's.
 * To serve the rebuilt copy, rename it over `tasks_view` in MongoDB
 * (renameCollection with dropTarget) while the api app is stopped.
 */
import fs from "node:fs";
import path from "node:path";
import { connectMongo } from "../src/infra/mongo.js";
import { rebuildReadModel } from "../src/infra/rebuild.js";
import { ROOT } from "./root.js";

const target = process.argv[2] ?? "tasks_view_rebuilt";
let uri = process.env.MONGODB_URI;
if (!uri) {
  const file = path.join(ROOT, ".stack", "dev", "stack.json");
  if (!fs.existsSync(file)) {
    process.stderr.write("set MONGODB_URI, or start the dev stack (npm start)\n");
    process.exit(2);
  }
  uri = (JSON.parse(fs.readFileSync(file, "utf8")) as { mongoUri: string }).mongoUri;
}
const conn = await connectMongo(uri);
try {
  const report = await rebuildReadModel(conn, target);
  process.stdout.write(`replayed ${report.events} events into ${target}: ${report.tasks} tasks; ${report.differing} differ from tasks_view\n`);
  for (const id of report.differences.slice(0, 20)) process.stdout.write(`  differs: ${id}\n`);
  process.exitCode = report.differing === 0 ? 0 : 1;
} finally {
  await conn.close();
}
