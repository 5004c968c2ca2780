// Installs npm dependencies when they are missing or older than the lock file,
// so `npm start` and `npm test` work on a fresh clone with no other step.
import { execSync } from "node:child_process";
import fs from "node:fs";

const stamp = "node_modules/.package-lock.json";
const stale =
  !fs.existsSync(stamp) || fs.statSync("package-lock.json").mtimeMs > fs.statSync(stamp).mtimeMs + 1000;
if (stale) {
  process.stderr.write("[deps] installing npm dependencies (npm ci)\n");
  execSync("npm ci --no-audit --no-fund", { stdio: "inherit" });
}
