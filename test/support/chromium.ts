/** Debian's Chromium (scripts/obtain/chromium.sh) and the flags every browser test and the web bench launch it with. */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { ROOT } from "../../scripts/root.js";

export function chromiumPath(): string {
  const out = execFileSync("bash", [path.join(ROOT, "scripts", "obtain", "chromium.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  return out.trim().split("\n").pop()!;
}

/** Headless, and nothing that reaches past localhost on its own (updates, sync, field trials, QUIC). */
export const CHROMIUM_FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
