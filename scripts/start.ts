/**
 * `npm start`: obtain and start the whole local stack, serve the API on PORT
 * (8080), stay in the foreground, and stop everything on Ctrl-C.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { ROOT } from "./root.js";
import { profile } from "./stack/profile.js";
import { isAlive, log, readPid, StackError } from "./stack/processes.js";
import { down, up } from "./stack/stack.js";
import { buildWeb } from "./build-web.js";

const port = process.env.PORT ? Number(process.env.PORT) : 8080;
const p = profile("dev", ROOT, port);

let stopping = false;
async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  log("stopping the stack ...");
  await down(p);
  log("stopped");
  process.exit(code);
}
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));

try {
  log("building the web app ...");
  await buildWeb(log);
  // The development sign-in (type a user name) is for this local stack only; config refuses it next to AUTH_ISSUER.
  const info = await up(p, { root: ROOT, appExtraEnv: { AUTH_DEV_SIGN_IN: process.env.AUTH_DEV_SIGN_IN ?? "true" } });
  process.stdout.write(
    [
      "",
      `Tickler is up: open ${info.apiUrl}/ (web app)  API: ${info.apiUrl}/api/v1/tasks  (readiness: ${info.apiUrl}/readyz)`,
      `  a token for user alice:  npm run token -- alice`,
      `  logs:                    ${p.stateDir}/logs/`,
      `  Ctrl-C stops everything.`,
      "",
    ].join("\n"),
  );
  // Stay in the foreground; say so if a piece dies underneath us.
  const reported = new Set<string>();
  for (;;) {
    await sleep(2000);
    for (const name of ["app-api", "daprd-api", "app-audit", "daprd-audit", "app-notifications", "daprd-notifications", "kafka", "redis", "readstore", "placement", "scheduler"]) {
      const pid = readPid(p.stateDir, name);
      if (pid !== null && !isAlive(pid) && !reported.has(name)) {
        reported.add(name);
        log(`WARNING: ${name} exited; see ${p.stateDir}/logs/${name}.log`);
      }
    }
  }
} catch (err) {
  log(err instanceof StackError ? `ERROR: ${err.message}` : `ERROR: ${String((err as Error).stack ?? err)}`);
  await stopAll(1);
}
