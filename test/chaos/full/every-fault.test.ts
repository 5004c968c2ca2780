/**
 * The full chaos run (`npm run chaos`, which starts its own stack): every
 * piece killed with SIGKILL and started again on its data, then the pieces
 * whose stalls hurt most frozen with SIGSTOP for longer than every timeout.
 */
import { chaosCases } from "../suite.js";
import type { Fault } from "../harness.js";
import { PIECES, isPiece } from "../../../scripts/stack/restart.js";

const FROZEN = ["kafka", "readstore", "redis", "daprd-api", "app-notifications", "scheduler", "placement"] as const;

// CHAOS_ONLY=kill:redis,freeze:kafka,freeze:kafka+scheduler picks faults (a quick loop on one of them).
const only = process.env.CHAOS_ONLY?.split(",").map((s) => s.trim()).filter(Boolean);
const all: Fault[] = [
  ...PIECES.map((piece): Fault => ({ piece, kind: "kill" })),
  ...FROZEN.map((piece): Fault => ({ piece, kind: "freeze" })),
  // The broker and the scheduler slow together (as on a saturated node): a write must not wait on the scheduler after a failed publish (ADR 0032).
  { piece: "kafka", alsoFrozen: "scheduler", kind: "freeze" },
];
const faults = only
  ? only.map((spec): Fault => {
      const unknown = new Error(`CHAOS_ONLY: "${spec}" is not kill:<piece>, freeze:<piece> or freeze:<piece>+<piece> (pieces: ${PIECES.join(", ")})`);
      const [kind, pieces = ""] = spec.split(":");
      const [piece = "", alsoFrozen, ...more] = pieces.split("+");
      if ((kind !== "kill" && kind !== "freeze") || !isPiece(piece) || more.length > 0) throw unknown;
      if (alsoFrozen === undefined) return { piece, kind };
      if (kind !== "freeze" || !isPiece(alsoFrozen)) throw unknown;
      return { piece, alsoFrozen, kind };
    })
  : all;

chaosCases("chaos: each piece killed and frozen under a steady write load with reminders falling due", faults);
