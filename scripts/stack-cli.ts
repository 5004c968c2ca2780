/**
 * The stack without the foreground wait:
 *   npm run stack:up -- [dev|test]     everything, then return
 *   npm run stack:infra                stores, Kafka, placement, scheduler (for dapr run -f / tye)
 *   npm run stack:down -- [dev|test]   stop what the stack started
 *   npm run -s stack:env               export lines for the running dev stack's tokens and addresses
 */
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./root.js";
import { profile, type ProfileName } from "./stack/profile.js";
import { log, StackError } from "./stack/processes.js";
import { appEnv, down, up, type StackInfo } from "./stack/stack.js";

const [command, name = "dev"] = process.argv.slice(2);
if (name !== "dev" && name !== "test" && name !== "bench") throw new Error(`unknown profile ${name}`);
const p = profile(name as ProfileName, ROOT, process.env.PORT ? Number(process.env.PORT) : undefined);
try {
  if (command === "up") await up(p, { root: ROOT });
  else if (command === "infra") await up(p, { root: ROOT, apps: false });
  else if (command === "down") await down(p);
  else if (command === "env") {
    const file = path.join(p.stateDir, "stack.json");
    if (!fs.existsSync(file)) throw new StackError(`no running ${name} stack (${file} is missing)`);
    const env = appEnv(JSON.parse(fs.readFileSync(file, "utf8")) as StackInfo);
    for (const [key, value] of Object.entries(env)) process.stdout.write(`export ${key}='${value}'\n`);
  } else throw new StackError("usage: stack-cli.ts up|infra|down|env [dev|test]");
} catch (err) {
  log(`ERROR: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
