/**
 * `npm run bench -- --pending-reminders 100000`: does holding many pending
 * reminders cost the api app memory? With the scheduler, daprd streams a
 * reminder to the app only when it fires, so the app's RSS should not grow
 * with the number registered. Registers N one-shot reminders, 30 days out,
 * on TaskActor ids through daprd's actor reminder API (the call TaskActor
 * makes for each reminder it plans; going around the create keeps 100,000
 * reminders to minutes instead of the better part of an hour of creates),
 * and prints the RSS of the api app, its daprd and the scheduler before and
 * after, and the registration rate.
 */
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { Pool } from "undici";
import { readPid } from "../stack/processes.js";
import type { StackInfo } from "../stack/stack.js";
import { TASK_ACTOR_TYPE } from "../../src/actors/taskActor.js";
import { log } from "../stack/processes.js";

const PIECES = ["app-api", "daprd-api", "scheduler"] as const;

/** Resident set of a process, in MiB (VmRSS). */
function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? "0");
  return kib / 1024;
}

function rssOf(info: StackInfo): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of PIECES) {
    const pid = readPid(info.profile.stateDir, name);
    if (pid !== null) out[name] = rssMiB(pid);
  }
  return out;
}

export async function pendingReminders(info: StackInfo, n: number, concurrency = 32): Promise<void> {
  const before = rssOf(info);
  const daprd = new Pool(`http://127.0.0.1:${info.profile.apps.api.daprHttp}`, { connections: concurrency });
  const headers = { "dapr-api-token": info.secrets.daprApiToken, "content-type": "application/json" };
  const remindAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const body = JSON.stringify({ dueTime: "720h", data: { remindAt } });
  let next = 0;
  let failed = 0;
  let lastLog = Date.now();
  const started = Date.now();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) {
          next++;
          const path = `/v1.0/actors/${TASK_ACTOR_TYPE}/${randomUUID()}/reminders/r-${Date.parse(remindAt)}`;
          const res = await daprd.request({ method: "POST", path, headers, body });
          await res.body.dump();
          if (res.statusCode >= 300) failed++;
          if (Date.now() - lastLog > 15_000) {
            lastLog = Date.now();
            log(`pending reminders: ${next} of ${n} registered (${Math.round(next / ((Date.now() - started) / 1000))}/s)`);
          }
        }
      }),
    );
  } finally {
    await daprd.close();
  }
  const seconds = (Date.now() - started) / 1000;
  // Let the registration's garbage go before reading memory again.
  await new Promise((r) => setTimeout(r, 10_000));
  const after = rssOf(info);
  process.stdout.write(`pending reminders: ${n - failed} of ${n} registered in ${seconds.toFixed(0)} s (${((n - failed) / seconds).toFixed(0)}/s), ${failed} failed\n`);
  process.stdout.write(`${"RSS, MiB".padEnd(22)}${"before".padStart(10)}${"after".padStart(10)}${"×".padStart(8)}\n`);
  for (const name of PIECES) {
    const b = before[name] ?? 0;
    const a = after[name] ?? 0;
    process.stdout.write(`  ${name.padEnd(20)}${b.toFixed(0).padStart(10)}${a.toFixed(0).padStart(10)}${(b > 0 ? a / b : 0).toFixed(2).padStart(8)}\n`);
  }
}
