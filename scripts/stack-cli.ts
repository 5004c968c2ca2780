/** `npm run stack:up -- [dev|test]` / `npm run stack:down -- [dev|test]`: the stack without the foreground wait. */
import { ROOT } from "./root.js";
import { profile, type ProfileName } from "./stack/profile.js";
import { log, StackError } from "./stack/processes.js";
import { down, up } from "./stack/stack.js";

const [command, name = "dev"] = process.argv.slice(2);
if (name !== "dev" && name !== "test") throw new Error(`unknown profile ${name}`);
const p = profile(name as ProfileName, ROOT, process.env.PORT ? Number(process.env.PORT) : undefined);
try {
  if (command === "up") await up(p, { root: ROOT });
  else if (command === "down") await down(p);
  else throw new StackError("usage: stack-cli.ts up|down [dev|test]");
} catch (err) {
  log(`ERROR: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
