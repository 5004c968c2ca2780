/** stack.json: what a running stack is (ports, secrets, replicas), for tests and tools to find it. */
import fs from "node:fs";
import path from "node:path";
import type { StackInfo } from "./stack.js";

export function writeInfo(info: StackInfo): void {
  fs.writeFileSync(path.join(info.profile.stateDir, "stack.json"), JSON.stringify(info, null, 2), { mode: 0o600 });
}
