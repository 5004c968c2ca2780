/**
 * The CalDAV clients nobody here wrote (scripts/obtain/davclients.sh: the
 * Python caldav library, vdirsyncer, todoman from PyPI, pinned) and a user
 * of the test stack with an app password for them.
 */
import { execFile, execFileSync } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect } from "chai";
import { apiAs, target } from "./stack.js";

export const run = promisify(execFile);
export const ROOT = path.resolve(import.meta.dirname, "../..");

/** The clients' virtualenv (obtained once, pinned); its failure fails the suite, never skips it. */
export function davClients(): string {
  return execFileSync("bash", [path.join(ROOT, "scripts/obtain/davclients.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!;
}

export interface DavUser {
  user: string;
  password: string;
  rest: Awaited<ReturnType<typeof apiAs>>;
  /** One step of test/e2e/caldav/client.py; discovery starts from /.well-known/caldav (RFC 6764), the others from /dav/. */
  step<T = any>(name: string, args?: Record<string, unknown>): Promise<T>;
}

export async function davUser(bin: string, name: string): Promise<DavUser> {
  const rest = await apiAs(`${name}-${Date.now()}`);
  const created = await rest.call<{ password: string; username: string; url: string }>("POST", "/me/app-passwords", { name: "python caldav" });
  expect(created.status).to.equal(201);
  const { password, username } = created.body;
  return {
    user: username, password, rest,
    async step(stepName, args = {}) {
      const { stdout } = await run(path.join(bin, "python"), [path.join(ROOT, "test/e2e/caldav/client.py"), stepName, JSON.stringify({ url: `${target().apiUrl}${stepName === "discover" ? "/.well-known/caldav" : "/dav/"}`, username, password, ...args })], { timeout: 60_000 });
      return JSON.parse(stdout.trim().split("\n").pop()!);
    },
  };
}

