/**
 * Mocha cases for a list of faults, shared by the full chaos run
 * (test/chaos/full/every-fault.test.ts, `npm run chaos`) and the CI subset
 * inside `npm test` (test/chaos/kills.test.ts): one test per fault, its
 * row printed as it ends, the whole table printed (and kept under
 * test-artifacts/chaos/) at the end.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { ROOT } from "../../scripts/root.js";
import { faultName, formatTable, printRow, runFault, type ChaosRow, type Fault } from "./harness.js";

export function expectNothingLost(row: ChaosRow): void {
  expect(row.acknowledged, "writes acknowledged at all").to.be.above(0);
  expect(row.lostWrites, "committed writes missing from the read model or the audit log").to.equal(0);
  expect(row.lostReminders, `reminders due that never reached the webhook${row.lostDetail ? `:\n${row.lostDetail.join("\n")}\n` : ""}`).to.equal(0);
  expect(row.extraEffects, "duplicate effects: an audit record twice, a task nobody wrote, a delivery nobody planned").to.equal(0);
  expect(row.toldFailedButCommitted, "creates answered as failed (not outcome-unknown) that were committed").to.equal(0);
  expect(row.unsettled, "every effect in place before the deadline").to.equal(undefined);
}

/** `settleMs`: the deadline for every effect to be in place after a fault (the harness's default unless given). */
export function chaosCases(title: string, faults: Fault[], settleMs?: number): void {
  describe(title, function () {
    const rows: ChaosRow[] = [];

    after(() => {
      if (rows.length === 0) return;
      const table = formatTable(rows);
      const stamp = new Date().toISOString();
      const header = `Chaos table, ${stamp}, ${os.hostname()} (${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")})`;
      process.stdout.write(`\n${header}\n\n${table}\n\n`);
      const dir = path.join(ROOT, "test-artifacts", "chaos");
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${stamp.replace(/[:.]/g, "-")}.md`), `${header}\n\n${table}\n`);
    });

    for (const fault of faults) {
      it(`${faultName(fault)}: nothing acknowledged is lost, every reminder due is delivered once`, async () => {
        const row = await runFault(fault, settleMs);
        rows.push(row);
        printRow(row);
        expectNothingLost(row);
      });
    }
  });
}
