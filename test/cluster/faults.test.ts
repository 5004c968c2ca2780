/**
 * The cluster's faults under a steady writer with reminders falling due
 * (test/cluster/faults.ts), at half of what the node can take and at most
 * 25 creates/s (test/cluster/pace.ts, ADR 0021; TICKLER_FAULT_RATE=n sets
 * it instead of measuring), one test per fault, run by `npm run test:cluster`
 * after the portable set (`-- --faults` alone; TICKLER_FAULTS=1,3 picks
 * faults by number). Each prints its row; the table goes to the output and
 * to test-artifacts/cluster/, the app pods' logs of each fault to
 * test-artifacts/cluster/logs/<run>-<fault number>/.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { ROOT } from "../../scripts/root.js";
import { formatTable, measureFault, printRow, type ChaosRow } from "../chaos/harness.js";
import { expectNothingLost } from "../chaos/suite.js";
import { CLUSTER_FAULTS, clusterEnv, clusterTools, collectAppLogs, ensureTagImported } from "./faults.js";
import { describePace, MAX_RATE, measurePace } from "./pace.js";

/** TICKLER_FAULT_RATE: creates/s given instead of measured (1 to 100), or null. */
function givenRate(): number | null {
  const raw = process.env.TICKLER_FAULT_RATE;
  if (raw === undefined || raw === "") return null;
  const rate = Number(raw);
  if (!Number.isInteger(rate) || rate < 1 || rate > 100) throw new Error(`TICKLER_FAULT_RATE: "${raw}" is not a whole number of creates/s from 1 to 100`);
  return rate;
}

/** The faults picked by TICKLER_FAULTS (1-based numbers, comma-separated), or all. */

function picked(): typeof CLUSTER_FAULTS {
  const only = process.env.TICKLER_FAULTS;
  if (!only) return CLUSTER_FAULTS;
  const numbers = only.split(",").map((n) => Number(n.trim()));
  const bad = numbers.filter((n) => !Number.isInteger(n) || n < 1 || n > CLUSTER_FAULTS.length);
  if (bad.length > 0) throw new Error(`TICKLER_FAULTS: ${bad.join(", ")} is not a fault number (1 to ${CLUSTER_FAULTS.length})`);
  return numbers.map((n) => CLUSTER_FAULTS[n - 1]!);
}

describe(`the cluster under faults, at half the node's capacity (at most ${MAX_RATE} creates/s) with reminders falling due`, function () {
  // A fault, up to 7 minutes to be whole again, and the effects settling.
  this.timeout(900_000);
  const tools = clusterTools();
  let env = clusterEnv(tools, MAX_RATE);
  let paceLine = "";
  const rows: ChaosRow[] = [];
  const runStamp = new Date().toISOString().replace(/[:.]/g, "-");

  before(async function () {
    this.timeout(900_000);
    // The rolling upgrade switches between the tags dev and v2 of the same sources: both in containerd first.
    await ensureTagImported(tools);
    const given = givenRate();
    if (given !== null) {
      paceLine = `pace given: ${given} creates/s (TICKLER_FAULT_RATE)`;
      env = clusterEnv(tools, given);
    } else {
      const pace = await measurePace();
      paceLine = describePace(pace);
      env = clusterEnv(tools, pace.ratePerSecond);
    }
    process.stdout.write(`    ${paceLine}\n`);
  });

  after(() => {
    if (rows.length === 0) return;
    const stamp = new Date().toISOString();
    const header = `Cluster fault table, ${stamp}, ${os.hostname()} (${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}); ${paceLine}`;
    const table = formatTable(rows);
    process.stdout.write(`\n${header}\n\n${table}\n\n`);
    const dir = path.join(ROOT, "test-artifacts", "cluster");
    fs.mkdirSync(dir, { recursive: true });
    // Why creates were refused, per fault: scripts/cluster/ci.sh prints it last when the suite fails.
    const refusals = rows.filter((r) => r.refused > 0).map((r) => `- ${r.fault}: ${r.refused} refused (${r.refusedBy})`);
    const why = refusals.length > 0 ? `\nRefused creates:\n\n${refusals.join("\n")}\n` : "";
    fs.writeFileSync(path.join(dir, `faults-${stamp.replace(/[:.]/g, "-")}.md`), `${header}\n\n${table}\n${why}`);
  });

  for (const fault of picked()) {
    // "No request fails" (issue 21) for a rolling update, a scale change and one of two pods deleted: met since ADR 0016.
    it(`${fault.name}: nothing acknowledged is lost, every reminder due is delivered once${fault.zeroFailedRequests ? ", no request fails" : ""}`, async () => {
      const user = `fault-${randomUUID().slice(0, 8)}`;
      // The app pods' logs (those a fault replaces too), for why a request failed.
      const logs = collectAppLogs(tools, path.join(ROOT, "test-artifacts", "cluster", "logs", `${runStamp}-${CLUSTER_FAULTS.indexOf(fault) + 1}`));
      let row: ChaosRow;
      try {
        row = await measureFault(env, fault.name, user, (writes) => fault.apply(tools, writes));
      } finally {
        await logs.stop();
      }
      rows.push(row);
      printRow(row);
      expectNothingLost(row);
      expect(row.wireDuplicates, "webhook requests for a reminder already delivered").to.equal(0);
      if (fault.zeroFailedRequests) expect(row.refused, `failed creates (${row.refusedBy}; the app pods' logs say why: test-artifacts/cluster/logs/)`).to.equal(0);
    });
  }
});
