/**
 * The full chaos run (`npm run chaos`, which starts its own stack): every
 * piece killed with SIGKILL and started again on its data, then the pieces
 * whose stalls hurt most frozen with SIGSTOP for longer than every timeout.
 */
import { chaosCases } from "../suite.js";
import type { Fault } from "../harness.js";
import { PIECES, isPiece } from "../../../scripts/stack/restart.js";

const FROZEN = ["kafka", "readstore", "redis", "daprd-api", "app-notifications", "scheduler", "placement"] as const;

// CHAOS_ONLY=kill:redis,freeze:kafka picks faults (a quick loop on one of them).
const only = process.env.CHAOS_ONLY?.split(",").map((s) => s.trim()).filter(Boolean);
const all: Fault[] = [
  ...PIECES.map((piece): Fault => ({ piece, kind: "kill" })),
  ...FROZEN.map((piece): Fault => ({ piece, kind: "freeze" })),
];
const faults = only
  ? only.map((spec): Fault => {
      const [kind, piece = ""] = spec.split(":");
      if ((kind !== "kill" && kind !== "freeze") || !isPiece(piece)) throw new Error(`CHAOS_ONLY: "${spec}" is not kill:<piece> or freeze:<piece> (pieces: ${PIECES.join(", ")})`);
      return { piece, kind };
    })
  : all;

chaosCases("chaos: each piece killed and frozen under a steady write load with reminders falling due", faults);
